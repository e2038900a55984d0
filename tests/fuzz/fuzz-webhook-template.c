/* fuzz-webhook-template.c — libFuzzer harness: alert/webhook message templates
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a template ({{ticker}}, {{close}}, {{plot_0}}, …) expanded with a
 * fixed context, and the result is checked with the strict JSON test the webhook
 * uses to pick its Content-Type. The expansion is valid UTF-8 when the template is.
 */
#include "config.h"

#include "bourse-webhook.h"
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init_glib ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const double plots[] = { 1.5, -2.25, 1e300, 0 };
  BourseWebhookContext context = { 0 };
  g_autofree char *template_ = fuzz_text (data, size);
  g_autofree char *expanded = NULL;
  g_autoptr(GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);

  context.ticker = "EURUSD";
  context.exchange = "FX \"quoted\" {{close}}";
  context.interval = "60";
  context.open = 1.1;
  context.high = 1.2;
  context.low = -1e-300;
  context.close = 1.15;
  context.volume = 123456789;
  context.time = 1700000000;
  context.timenow = 1700000060;
  context.plots = plots;
  context.n_plots = G_N_ELEMENTS (plots);
  context.alert_id = "a1";
  context.fire_id = "f1";

  expanded = bourse_webhook_expand (template_, &context, unknown);
  g_assert (expanded != NULL);
  if (g_utf8_validate (template_, -1, NULL))
    g_assert (g_utf8_validate (expanded, -1, NULL));
  (void) bourse_webhook_is_strict_json (expanded, -1);
  (void) bourse_webhook_is_strict_json ((const char *) data, size);
  return 0;
}
