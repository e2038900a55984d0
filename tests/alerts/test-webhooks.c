/* test-webhooks.c — placeholders, strict JSON, URL lint and delivery to a real
 * SoupServer on loopback
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <libsoup/soup.h>

#include "bourse-webhook.h"
#include "bourse-webhook-client.h"
#include "bourse-test-wait.h"

/* ---- message formatting ---- */

static const double plots[] = { 70.25, -0.5, NAN };

static BourseWebhookContext
sample_context (void)
{
  BourseWebhookContext ctx = {
    .ticker = "BTCUSD", .exchange = "BITSTAMP", .interval = "60", .currency = "USD",
    .base_currency = "BTC",
    .open = 1245.25, .high = 1250.5, .low = 1240, .close = 1249.75, .volume = 1200000,
    .time = 1566899760,          /* 2019-08-27T09:56:00Z */
    .timenow = 1566899795,       /* 2019-08-27T09:56:35Z */
    .plots = plots, .n_plots = G_N_ELEMENTS (plots),
    .alert_id = "alert-7", .fire_id = "fire-42",
  };
  return ctx;
}

static void
test_placeholders (void)
{
  BourseWebhookContext ctx = sample_context ();
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
  const char *locale;

  /* A locale with a decimal comma must not leak into the message. */
  locale = setlocale (LC_ALL, "de_DE.UTF-8");
  if (locale == NULL)
    {
      /* Under C.UTF-8 this test would pass whatever the expander does with the locale. */
      g_test_skip ("the de_DE.UTF-8 locale is not installed (`make deps` generates it)");
      return;
    }
  {
    /* The locale really has a decimal comma, so '.' below is our doing. */
    g_autofree char *probe = g_strdup_printf ("%.2f", 1.5);
    g_assert_cmpstr (probe, ==, "1,50");
  }
  g_test_message ("running with locale %s", locale);

  text = bourse_webhook_expand ("{{exchange}}:{{ticker}} {{interval}} o={{open}} h={{high}} "
                                "l={{low}} c={{close}} v={{volume}} t={{time}} now={{timenow}} "
                                "p0={{plot_0}} p1={{plot_1}} p2={{plot_2}} "
                                "{{syminfo.currency}}/{{syminfo.basecurrency}} "
                                "{{alert.id}} {{fire.id}}", &ctx, unknown);
  g_assert_cmpstr (text, ==,
                   "BITSTAMP:BTCUSD 60 o=1245.25 h=1250.5 l=1240 c=1249.75 v=1200000 "
                   "t=2019-08-27T09:56:00Z now=2019-08-27T09:56:35Z "
                   "p0=70.25 p1=-0.5 p2=NaN USD/BTC alert-7 fire-42");
  g_assert_cmpuint (unknown->len, ==, 0);
  setlocale (LC_ALL, "C.UTF-8");
}

static void
test_unknown_placeholders (void)
{
  BourseWebhookContext ctx = sample_context ();
  g_autoptr(GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;

  ctx.exchange = NULL;
  text = bourse_webhook_expand ("{{foo}} {{ close}} {{plot_3}} {{plot_01}} {{plot_20}} "
                                "{{exchange}} {{Close}} {{close}} {{unterminated", &ctx, unknown);
  g_assert_cmpstr (text, ==, "{{foo}} {{ close}} {{plot_3}} {{plot_01}} {{plot_20}} "
                             "{{exchange}} {{Close}} 1249.75 {{unterminated");
  g_assert_cmpuint (unknown->len, ==, 7);
  g_assert_cmpstr (g_ptr_array_index (unknown, 0), ==, "foo");
  g_assert_cmpstr (g_ptr_array_index (unknown, 5), ==, "exchange");
}

static void
test_strict_json (void)
{
  const char *valid[] = {
    "{}", "[]", "{\"a\":1}", " {\"a\": [1, 2.5, -0.5e-3, true, false, null]} \n",
    "\"text\"", "0", "-0", "1E+2", "{\"k\":\"\\u00e9\\n\\\"\"}", "{\"é\":\"ü\"}",
    "[[[[[]]]]]", "{\"a\":{\"b\":{}}}", "{\"a\":1,\"a\":2}",
  };
  const char *invalid[] = {
    "", "   ", "{'a':1}", "{\"a\":1,}", "[1,2,]", "{\"a\":1} // c", "/* c */ {}",
    "{\"a\":NaN}", "[Infinity]", "[-Infinity]", "[01]", "[1.]", "[.5]", "[+1]", "[1e]",
    "{}{}", "[1] [2]", "{\"a\":1}\n{\"b\":2}", "\xef\xbb\xbf{}", "{\"a\":\"\x01\"}",
    "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{a:1}", "[true false]", "[tru]", "{\"a\" 1}",
    "\"unterminated", "{\"a\":1", "\xff", "nul", "buy BTCUSD 1249.75", "[0x10]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    if (!bourse_webhook_is_strict_json (valid[i], -1))
      g_error ("should be valid JSON: %s", valid[i]);
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    if (bourse_webhook_is_strict_json (invalid[i], -1))
      g_error ("should not be valid JSON: %s", invalid[i]);

  /* An embedded NUL is not JSON either. */
  g_assert_false (bourse_webhook_is_strict_json ("{}\0", 3));
  g_assert_true (bourse_webhook_is_strict_json ("{}\0", 2));

  /* Deep nesting is bounded instead of overflowing the stack. */
  {
    g_autoptr(GString) deep = g_string_new (NULL);
    for (int i = 0; i < 100000; i++)
      g_string_append_c (deep, '[');
    g_assert_false (bourse_webhook_is_strict_json (deep->str, deep->len));
  }

  g_assert_cmpstr (bourse_webhook_content_type_for ("{\"a\":1}"), ==, BOURSE_WEBHOOK_CONTENT_TYPE_JSON);
  g_assert_cmpstr (bourse_webhook_content_type_for ("{'a':1}"), ==, BOURSE_WEBHOOK_CONTENT_TYPE_TEXT);
  g_assert_cmpstr (bourse_webhook_content_type_for ("{\"price\": NaN}"), ==, BOURSE_WEBHOOK_CONTENT_TYPE_TEXT);
}

static void
test_url_policy_and_lint (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) messages = NULL;
  BourseWebhookLint lint;

  g_assert_true (bourse_webhook_check_url ("https://example.com/hook", FALSE, NULL));
  g_assert_true (bourse_webhook_check_url ("http://127.0.0.1:8080/hook", FALSE, NULL));
  g_assert_true (bourse_webhook_check_url ("http://localhost/hook", FALSE, NULL));
  g_assert_true (bourse_webhook_check_url ("http://[::1]:9000/", FALSE, NULL));
  g_assert_false (bourse_webhook_check_url ("http://example.com/hook", FALSE, &error));
  g_assert_error (error, BOURSE_WEBHOOK_ERROR, BOURSE_WEBHOOK_ERROR_INSECURE);
  g_clear_error (&error);
  g_assert_true (bourse_webhook_check_url ("http://example.com/hook", TRUE, NULL));
  g_assert_false (bourse_webhook_check_url ("ftp://example.com/", TRUE, &error));
  g_assert_error (error, BOURSE_WEBHOOK_ERROR, BOURSE_WEBHOOK_ERROR_INVALID_URL);
  g_clear_error (&error);
  g_assert_false (bourse_webhook_check_url ("not a url", TRUE, &error));
  g_assert_error (error, BOURSE_WEBHOOK_ERROR, BOURSE_WEBHOOK_ERROR_INVALID_URL);
  g_clear_error (&error);
  g_assert_false (bourse_webhook_check_url ("", TRUE, &error));
  g_assert_error (error, BOURSE_WEBHOOK_ERROR, BOURSE_WEBHOOK_ERROR_INVALID_URL);

  g_assert_cmpint (bourse_webhook_lint ("https://example.com/hook", "{\"a\": {{close}}}", NULL),
                   ==, BOURSE_WEBHOOK_LINT_NONE);
  g_assert_cmpint (bourse_webhook_lint ("https://example.com:8443/hook", NULL, NULL),
                   ==, BOURSE_WEBHOOK_LINT_PORT);
  g_assert_cmpint (bourse_webhook_lint ("https://example.com:443/hook", NULL, NULL),
                   ==, BOURSE_WEBHOOK_LINT_NONE);
  g_assert_cmpint (bourse_webhook_lint ("https://[2001:db8::1]/hook", NULL, NULL),
                   ==, BOURSE_WEBHOOK_LINT_IPV6);
  lint = bourse_webhook_lint ("http://bot.example.com/hook",
                              "{'secret': 'x', 'price': {{close}}, 'x': {{nope}}}", &messages);
  g_assert_cmpint (lint, ==, BOURSE_WEBHOOK_LINT_INSECURE_HTTP | BOURSE_WEBHOOK_LINT_SECRET_OVER_HTTP |
                             BOURSE_WEBHOOK_LINT_ALMOST_JSON | BOURSE_WEBHOOK_LINT_UNKNOWN_PLACEHOLDER);
  g_assert_cmpuint (g_strv_length (messages), ==, 4);
  g_assert_nonnull (strstr (messages[3], "{{nope}}"));
  /* A plain-text message is not "almost JSON"; a secret over https is fine. */
  g_assert_cmpint (bourse_webhook_lint ("https://x.example/", "buy {{ticker}} key=abc", NULL),
                   ==, BOURSE_WEBHOOK_LINT_NONE);
  g_assert_cmpint (bourse_webhook_lint ("mailto:a@b", NULL, NULL), ==, BOURSE_WEBHOOK_LINT_INVALID_URL);
}

static void
test_templates (void)
{
  BourseWebhookContext ctx = sample_context ();
  guint n = 0;

  for (const BourseWebhookTemplate *t = bourse_webhook_list_templates (); t->id != NULL; t++, n++)
    {
      g_autoptr(GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *body = bourse_webhook_expand (t->template_, &ctx, unknown);

      g_assert_cmpuint (unknown->len, ==, 0);
      if (!bourse_webhook_is_strict_json (body, -1))
        g_error ("template %s does not expand to JSON: %s", t->id, body);
      g_assert_true (bourse_webhook_find_template (t->id) == t);
    }
  g_assert_cmpuint (n, ==, 3);
  g_assert_nonnull (strstr (bourse_webhook_find_template ("traderspost")->template_, "\"action\""));
  g_assert_nonnull (strstr (bourse_webhook_find_template ("3commas")->template_, "\"bot_uuid\""));
  g_assert_null (bourse_webhook_find_template ("nope"));
}

/* ---- delivery against a real server ---- */

typedef struct
{
  SoupServer *server;
  char       *base;
  GPtrArray  *bodies;         /* char*, per request received */
  GPtrArray  *content_types;
  GPtrArray  *keys;           /* Idempotency-Key or "" */
  GPtrArray  *paused;         /* SoupServerMessage* kept unanswered */
  guint       flaky_failures; /* /flaky answers 503 this many times */
  BourseWebhookDelivery *delivery;
  GError     *error;
  gboolean    done;
} Fixture;

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  const char *key = soup_message_headers_get_one (headers, "Idempotency-Key");

  g_ptr_array_add (f->bodies, g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body)));
  g_ptr_array_add (f->content_types, g_strdup (soup_message_headers_get_one (headers, "Content-Type")));
  g_ptr_array_add (f->keys, g_strdup (key ? key : ""));

  if (g_str_equal (path, "/hang"))
    {
      /* Never answer: the client's timeout must end the attempt. */
      g_ptr_array_add (f->paused, g_object_ref (msg));
      soup_server_message_pause (msg);
      return;
    }
  if (g_str_equal (path, "/flaky") && f->flaky_failures > 0)
    {
      f->flaky_failures--;
      soup_server_message_set_status (msg, 503, NULL);
      return;
    }
  if (g_str_equal (path, "/missing"))
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "ok", 2);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, server_cb, f, NULL);
  g_assert_true (soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  f->bodies = g_ptr_array_new_with_free_func (g_free);
  f->content_types = g_ptr_array_new_with_free_func (g_free);
  f->keys = g_ptr_array_new_with_free_func (g_free);
  f->paused = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  for (guint i = 0; i < f->paused->len; i++)
    soup_server_message_unpause (g_ptr_array_index (f->paused, i));
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_pointer (&f->base, g_free);
  g_clear_pointer (&f->bodies, g_ptr_array_unref);
  g_clear_pointer (&f->content_types, g_ptr_array_unref);
  g_clear_pointer (&f->keys, g_ptr_array_unref);
  g_clear_pointer (&f->paused, g_ptr_array_unref);
  g_clear_object (&f->delivery);
  g_clear_error (&f->error);
  /* Let the client's and server's pending sources finish before the next test. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *f = user_data;

  g_clear_object (&f->delivery);
  f->delivery = bourse_webhook_client_send_finish (BOURSE_WEBHOOK_CLIENT (object), result, &f->error);
  f->done = TRUE;
}

static void
wait_done (Fixture *f)
{
  WAIT_UNTIL (f->done, 10);
  f->done = FALSE;
}

static char *
url_for (Fixture    *f,
         const char *path)
{
  return g_strconcat (f->base, path, NULL);
}

static void
test_delivery_body_and_content_type (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(BourseWebhookClient) client = bourse_webhook_client_new ();
  g_autofree char *url = url_for (f, "/hook");
  const char *json = "{\"ticker\": \"BTCUSD\", \"price\": 1249.75}";
  const char *text = "{'ticker': 'BTCUSD'}";

  g_assert_cmpuint (bourse_webhook_client_get_timeout_ms (client), ==, 3000);
  g_assert_cmpuint (bourse_webhook_client_get_max_attempts (client), ==, 1);

  bourse_webhook_client_send_async (client, url, json, NULL, NULL, sent_cb, f);
  wait_done (f);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->bodies->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->bodies, 0), ==, json);
  g_assert_cmpstr (g_ptr_array_index (f->content_types, 0), ==, "application/json; charset=utf-8");
  g_assert_cmpstr (g_ptr_array_index (f->keys, 0), ==, "");   /* TradingView-exact: no extra header */
  g_assert_true (bourse_webhook_delivery_get_succeeded (f->delivery));
  g_assert_cmpuint (bourse_webhook_delivery_get_status (f->delivery), ==, 200);
  g_assert_cmpuint (bourse_webhook_delivery_get_attempts (f->delivery), ==, 1);
  g_assert_cmpint (bourse_webhook_delivery_get_latency (f->delivery), >, 0);
  g_assert_cmpint (bourse_webhook_delivery_get_sent_at (f->delivery), >, 0);
  g_assert_null (bourse_webhook_delivery_get_error_message (f->delivery));
  g_assert_cmpstr (bourse_webhook_delivery_get_body (f->delivery), ==, json);

  bourse_webhook_client_send_async (client, url, text, NULL, NULL, sent_cb, f);
  wait_done (f);
  g_assert_cmpstr (g_ptr_array_index (f->bodies, 1), ==, text);
  g_assert_cmpstr (g_ptr_array_index (f->content_types, 1), ==, "text/plain; charset=utf-8");
  g_assert_cmpstr (bourse_webhook_delivery_get_content_type (f->delivery), ==, BOURSE_WEBHOOK_CONTENT_TYPE_TEXT);
}

static void
test_delivery_timeout (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(BourseWebhookClient) client = bourse_webhook_client_new ();
  g_autofree char *url = url_for (f, "/hang");
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  /* The 3 s default shortened so the test stays quick; the mechanism is the same. */
  bourse_webhook_client_set_timeout_ms (client, 300);
  bourse_webhook_client_send_async (client, url, "ping", NULL, NULL, sent_cb, f);
  wait_done (f);
  elapsed = g_get_monotonic_time () - start;

  g_assert_no_error (f->error);
  g_assert_cmpuint (f->bodies->len, ==, 1);
  g_assert_false (bourse_webhook_delivery_get_succeeded (f->delivery));
  g_assert_cmpint (bourse_webhook_delivery_get_error_code (f->delivery), ==, BOURSE_WEBHOOK_ERROR_TIMEOUT);
  g_assert_cmpuint (bourse_webhook_delivery_get_status (f->delivery), ==, 0);
  g_assert_cmpuint (bourse_webhook_delivery_get_attempts (f->delivery), ==, 1);
  g_assert_nonnull (strstr (bourse_webhook_delivery_get_error_message (f->delivery), "300 ms"));
  g_assert_cmpint (elapsed, >=, 300 * 1000);
  g_assert_cmpint (elapsed, <, 2900 * 1000);
  g_assert_cmpint (bourse_webhook_delivery_get_latency (f->delivery), >=, 300 * 1000);

  /* The record survives the alert log's JSON round trip, failure details included. */
  {
    g_autoptr(JsonNode) node = bourse_webhook_delivery_to_json (f->delivery);
    g_autoptr(BourseWebhookDelivery) copy = bourse_webhook_delivery_new_from_json (node, NULL);
    g_autoptr(JsonNode) bad = json_from_string ("{\"status\": \"200\"}", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_nonnull (copy);
    g_assert_cmpstr (bourse_webhook_delivery_get_error_message (copy), ==,
                     bourse_webhook_delivery_get_error_message (f->delivery));
    g_assert_cmpint (bourse_webhook_delivery_get_error_code (copy), ==, BOURSE_WEBHOOK_ERROR_TIMEOUT);
    g_assert_cmpint (bourse_webhook_delivery_get_latency (copy), ==, bourse_webhook_delivery_get_latency (f->delivery));
    g_assert_cmpint (bourse_webhook_delivery_get_sent_at (copy), ==, bourse_webhook_delivery_get_sent_at (f->delivery));
    g_assert_cmpstr (bourse_webhook_delivery_get_body (copy), ==, "ping");
    g_assert_false (bourse_webhook_delivery_get_succeeded (copy));
    g_assert_null (bourse_webhook_delivery_new_from_json (bad, &error));
    g_assert_error (error, BOURSE_WEBHOOK_ERROR, BOURSE_WEBHOOK_ERROR_INVALID_RECORD);
  }
}

static void
test_delivery_retry_with_idempotency_key (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(BourseWebhookClient) client = bourse_webhook_client_new ();
  g_autofree char *url = url_for (f, "/flaky");
  g_autoptr(BourseWebhookDelivery) failed_sell = NULL;
  g_autofree char *failed_key = NULL;

  /* Without retries: one attempt, the 503 is logged, no Idempotency-Key. */
  f->flaky_failures = 10;
  bourse_webhook_client_send_async (client, url, "buy", NULL, NULL, sent_cb, f);
  wait_done (f);
  g_assert_cmpuint (f->bodies->len, ==, 1);
  g_assert_cmpuint (bourse_webhook_delivery_get_status (f->delivery), ==, 503);
  g_assert_cmpint (bourse_webhook_delivery_get_error_code (f->delivery), ==, BOURSE_WEBHOOK_ERROR_HTTP);
  g_assert_null (bourse_webhook_delivery_get_idempotency_key (f->delivery));
  g_assert_cmpstr (g_ptr_array_index (f->keys, 0), ==, "");

  /* With 3 attempts: two 503s then 200, the same key on every attempt. */
  g_ptr_array_set_size (f->bodies, 0);
  g_ptr_array_set_size (f->keys, 0);
  f->flaky_failures = 2;
  bourse_webhook_client_set_max_attempts (client, 3);
  bourse_webhook_client_set_retry_delay_ms (client, 10);
  bourse_webhook_client_send_async (client, url, "buy", "fire-42", NULL, sent_cb, f);
  wait_done (f);
  g_assert_cmpuint (f->bodies->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (f->keys, i), ==, "fire-42");
      g_assert_cmpstr (g_ptr_array_index (f->bodies, i), ==, "buy");
    }
  g_assert_true (bourse_webhook_delivery_get_succeeded (f->delivery));
  g_assert_cmpuint (bourse_webhook_delivery_get_attempts (f->delivery), ==, 3);
  g_assert_cmpstr (bourse_webhook_delivery_get_idempotency_key (f->delivery), ==, "fire-42");

  /* Bounded: a receiver that keeps failing gets exactly max-attempts requests, and
   * a key is generated when none is given. */
  g_ptr_array_set_size (f->bodies, 0);
  g_ptr_array_set_size (f->keys, 0);
  f->flaky_failures = 100;
  bourse_webhook_client_send_async (client, url, "sell", NULL, NULL, sent_cb, f);
  wait_done (f);
  g_assert_cmpuint (f->bodies->len, ==, 3);
  g_assert_cmpuint (strlen (g_ptr_array_index (f->keys, 0)), ==, 36);
  g_assert_cmpstr (g_ptr_array_index (f->keys, 0), ==, g_ptr_array_index (f->keys, 2));
  g_assert_false (bourse_webhook_delivery_get_succeeded (f->delivery));
  g_assert_cmpuint (bourse_webhook_delivery_get_attempts (f->delivery), ==, 3);
  g_assert_cmpstr (bourse_webhook_delivery_get_idempotency_key (f->delivery), ==, g_ptr_array_index (f->keys, 0));
  failed_sell = g_object_ref (f->delivery);
  failed_key = g_strdup (g_ptr_array_index (f->keys, 0));

  /* 4xx other than 408/429 is the receiver refusing the message: no retry. */
  g_ptr_array_set_size (f->bodies, 0);
  {
    g_autofree char *missing = url_for (f, "/missing");
    bourse_webhook_client_send_async (client, missing, "x", NULL, NULL, sent_cb, f);
    wait_done (f);
    g_assert_cmpuint (f->bodies->len, ==, 1);
    g_assert_cmpuint (bourse_webhook_delivery_get_status (f->delivery), ==, 404);
  }

  /* Manual resend of the failed "sell" once the receiver is back: same body, same key,
   * a new record that succeeded, the failed one left as it was. */
  g_ptr_array_set_size (f->bodies, 0);
  g_ptr_array_set_size (f->keys, 0);
  f->flaky_failures = 0;
  bourse_webhook_client_set_max_attempts (client, 2);
  bourse_webhook_client_resend_async (client, failed_sell, NULL, sent_cb, f);
  wait_done (f);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->bodies->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->bodies, 0), ==, "sell");
  g_assert_cmpstr (g_ptr_array_index (f->keys, 0), ==, failed_key);
  g_assert_true (f->delivery != failed_sell);
  g_assert_true (bourse_webhook_delivery_get_succeeded (f->delivery));
  g_assert_cmpuint (bourse_webhook_delivery_get_status (f->delivery), ==, 200);
  g_assert_cmpstr (bourse_webhook_delivery_get_idempotency_key (f->delivery), ==, failed_key);
  g_assert_false (bourse_webhook_delivery_get_succeeded (failed_sell));
  g_assert_cmpuint (bourse_webhook_delivery_get_attempts (failed_sell), ==, 3);
}

static void
test_delivery_refused_and_cancelled (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(BourseWebhookClient) client = bourse_webhook_client_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url = url_for (f, "/hang");

  /* Plain http to a remote host never leaves the machine. */
  bourse_webhook_client_send_async (client, "http://bot.example.com/hook", "x", NULL, NULL, sent_cb, f);
  wait_done (f);
  g_assert_no_error (f->error);
  g_assert_cmpint (bourse_webhook_delivery_get_error_code (f->delivery), ==, BOURSE_WEBHOOK_ERROR_INSECURE);
  g_assert_cmpuint (bourse_webhook_delivery_get_attempts (f->delivery), ==, 0);
  g_assert_cmpuint (f->bodies->len, ==, 0);

  /* Cancelling a pending delivery ends it at once with G_IO_ERROR_CANCELLED. */
  bourse_webhook_client_send_async (client, url, "x", NULL, cancellable, sent_cb, f);
  while (f->bodies->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  wait_done (f);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (f->delivery);
}

static gboolean
accept_test_certificate_cb (SoupMessage          *msg,
                            GTlsCertificate      *certificate,
                            GTlsCertificateFlags  errors,
                            gpointer              user_data)
{
  /* Only the test's own certificate, so the control request proves the server works. */
  return g_tls_certificate_is_same (certificate, user_data);
}

static void
control_sent_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fixture *f = user_data;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &f->error);

  g_assert_true (body != NULL || f->error != NULL);
  f->done = TRUE;
}

/* HTTPS certificates are verified: a self-signed receiver is refused before any
 * byte of the message leaves, while a client that trusts that certificate gets
 * through (so the refusal is the verification, not a broken server). */
static void
test_delivery_https_verified (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(BourseWebhookClient) client = bourse_webhook_client_new ();
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GSList *uris;

  certificate = g_tls_certificate_new_from_files (g_test_get_filename (G_TEST_DIST, "alerts", "test-webhook-cert.pem", NULL),
                                                  g_test_get_filename (G_TEST_DIST, "alerts", "test-webhook-key.pem", NULL),
                                                  &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, server_cb, f, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("https://127.0.0.1:%d/hook", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  bourse_webhook_client_send_async (client, url, "{\"a\":1}", NULL, NULL, sent_cb, f);
  wait_done (f);
  g_assert_no_error (f->error);
  g_assert_false (bourse_webhook_delivery_get_succeeded (f->delivery));
  g_assert_cmpint (bourse_webhook_delivery_get_error_code (f->delivery), ==, BOURSE_WEBHOOK_ERROR_NETWORK);
  g_assert_cmpuint (bourse_webhook_delivery_get_status (f->delivery), ==, 0);
  g_test_message ("refused: %s", bourse_webhook_delivery_get_error_message (f->delivery));
  g_assert_cmpuint (f->bodies->len, ==, 0);

  session = soup_session_new ();
  msg = soup_message_new (SOUP_METHOD_POST, url);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_test_certificate_cb), certificate);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, control_sent_cb, f);
  wait_done (f);
  g_assert_no_error (f->error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpuint (f->bodies->len, ==, 1);
  soup_server_disconnect (server);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/Studies/Webhook/placeholders", test_placeholders);
  g_test_add_func ("/Bourse/Studies/Webhook/unknown-placeholders", test_unknown_placeholders);
  g_test_add_func ("/Bourse/Studies/Webhook/strict-json", test_strict_json);
  g_test_add_func ("/Bourse/Studies/Webhook/url-policy-and-lint", test_url_policy_and_lint);
  g_test_add_func ("/Bourse/Studies/Webhook/templates", test_templates);
  g_test_add ("/Bourse/Studies/Webhook/delivery-body-and-content-type", Fixture, NULL,
              fixture_setup, test_delivery_body_and_content_type, fixture_teardown);
  g_test_add ("/Bourse/Studies/Webhook/delivery-timeout", Fixture, NULL,
              fixture_setup, test_delivery_timeout, fixture_teardown);
  g_test_add ("/Bourse/Studies/Webhook/delivery-retry-idempotency-key", Fixture, NULL,
              fixture_setup, test_delivery_retry_with_idempotency_key, fixture_teardown);
  g_test_add ("/Bourse/Studies/Webhook/delivery-refused-and-cancelled", Fixture, NULL,
              fixture_setup, test_delivery_refused_and_cancelled, fixture_teardown);

  g_test_add ("/Bourse/Studies/Webhook/delivery-https-verified", Fixture, NULL,
              fixture_setup, test_delivery_https_verified, fixture_teardown);

  return g_test_run ();
}
