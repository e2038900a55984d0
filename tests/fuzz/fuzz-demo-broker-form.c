/* fuzz-demo-broker-form.c — libFuzzer harness: the demo broker's request parsing
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: a query string, a newline, a form body — decoded as the demo broker
 * decodes them (soup_form_decode), then the query's numeric parameters parsed
 * with its own helpers and the form given to the matching engine's place,
 * modify, cancel, modify-position and close-position, the requests a client
 * sends with form bodies. Each call either succeeds or sets an error.
 */
#include "config.h"

#include <libsoup/soup.h>

#include "bourse-demo-broker-private.h"
#include "bourse-matching-engine.h"
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init_glib ();
  return 0;
}

#define EXPECT(call, error) G_STMT_START { gboolean ok_ = (call); g_assert (ok_ == (error == NULL)); g_clear_error (&error); } G_STMT_END

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_text (data, size);
  char *newline = strchr (text, '\n');
  const char *body = newline != NULL ? newline + 1 : "";
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(BourseMatchingEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *order_id = NULL;
  const char *position_id;
  guint64 u = 0;
  gint64 i = 0;

  if (newline != NULL)
    *newline = '\0';
  query = soup_form_decode (text);
  form = soup_form_decode (body);

  EXPECT (_bourse_demo_broker_parse_uint_param (query, "countback", 1000000, &u, &error), error);
  EXPECT (_bourse_demo_broker_parse_uint_param (query, "maxCount", 1000, &u, &error), error);
  EXPECT (_bourse_demo_broker_parse_int_param (query, "from", &i, &error), error);
  EXPECT (_bourse_demo_broker_parse_int_param (query, "to", &i, &error), error);

  engine = bourse_matching_engine_new ();
  bourse_matching_engine_add_account (engine, "A", "Fuzz USD", "USD", 100000);
  bourse_matching_engine_set_time (engine, 1700000000);
  bourse_matching_engine_set_quote (engine, "EURUSD", 1.10000, 1.10020, 1.10010);
  bourse_matching_engine_set_quote (engine, "AAPL", 190.00, 190.02, 190.01);

  order_id = bourse_matching_engine_place_order (engine, "A", form, g_hash_table_lookup (query, "requestId"), &error);
  g_assert ((order_id == NULL) == (error != NULL));
  g_clear_error (&error);
  if (order_id != NULL)
    {
      EXPECT (bourse_matching_engine_modify_order (engine, "A", order_id, form, &error), error);
      EXPECT (bourse_matching_engine_cancel_order (engine, "A", order_id, &error), error);
    }
  position_id = g_hash_table_lookup (query, "positionId");
  if (position_id == NULL)
    position_id = "P1";
  EXPECT (bourse_matching_engine_modify_position (engine, "A", position_id, form, &error), error);
  EXPECT (bourse_matching_engine_close_position (engine, "A", position_id, form, &error), error);
  return 0;
}
