/* test-ticket-durations.c — the ticket's durations from /config and its expiry text, without a display
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bourse-ticket-durations.h"

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  return node;
}

static void
test_durations_from_config (void)
{
  g_autoptr(JsonNode) config = parse (
    "{\"durations\": ["
    "  {\"id\": \"DAY\", \"title\": \"Day\"},"
    "  {\"title\": \"no id: skipped\"},"
    "  \"not an object\","
    "  {\"id\": \"GTC\", \"default\": true, \"supportedOrderTypes\": [\"limit\", \"stop\"]},"
    "  {\"id\": \"GTT\", \"title\": \"Good till\", \"hasDatePicker\": true},"
    "  {\"id\": \"IOC\", \"hasTimePicker\": true, \"supportedOrderTypes\": [\"market\"]}"
    "]}");
  g_autoptr(GPtrArray) durations = NULL;
  BourseTicketDuration *day, *gtc, *gtt, *ioc;
  guint default_position = 99;

  durations = bourse_ticket_durations_from_config (config, &default_position);
  g_assert_cmpuint (durations->len, ==, 4);
  g_assert_cmpuint (default_position, ==, 1);
  day = g_ptr_array_index (durations, 0);
  gtc = g_ptr_array_index (durations, 1);
  gtt = g_ptr_array_index (durations, 2);
  ioc = g_ptr_array_index (durations, 3);

  g_assert_cmpstr (day->id, ==, "DAY");
  g_assert_cmpstr (day->title, ==, "Day");
  g_assert_false (day->has_date);
  g_assert_false (day->is_default);
  /* Without a title, the id is shown. */
  g_assert_cmpstr (gtc->title, ==, "GTC");
  g_assert_true (gtc->is_default);
  g_assert_true (gtt->has_date);
  g_assert_true (ioc->has_date);

  /* No list: every type but market. */
  g_assert_true (bourse_ticket_duration_applies (day, BOURSE_ORDER_TYPE_LIMIT));
  g_assert_true (bourse_ticket_duration_applies (day, BOURSE_ORDER_TYPE_STOP_LIMIT));
  g_assert_false (bourse_ticket_duration_applies (day, BOURSE_ORDER_TYPE_MARKET));
  /* A list: only its types. */
  g_assert_true (bourse_ticket_duration_applies (gtc, BOURSE_ORDER_TYPE_LIMIT));
  g_assert_true (bourse_ticket_duration_applies (gtc, BOURSE_ORDER_TYPE_STOP));
  g_assert_false (bourse_ticket_duration_applies (gtc, BOURSE_ORDER_TYPE_STOP_LIMIT));
  g_assert_false (bourse_ticket_duration_applies (gtc, BOURSE_ORDER_TYPE_MARKET));
  g_assert_true (bourse_ticket_duration_applies (ioc, BOURSE_ORDER_TYPE_MARKET));
  g_assert_false (bourse_ticket_duration_applies (ioc, BOURSE_ORDER_TYPE_LIMIT));
  g_assert_false (bourse_ticket_duration_applies (NULL, BOURSE_ORDER_TYPE_LIMIT));
}

static void
test_durations_without_any (void)
{
  const char *configs[] = { "{}", "{\"durations\": 3}", "[]", "{\"durations\": []}" };
  g_autoptr(GPtrArray) none = NULL;
  guint default_position = 99;

  for (guint i = 0; i < G_N_ELEMENTS (configs); i++)
    {
      g_autoptr(JsonNode) config = parse (configs[i]);
      g_autoptr(GPtrArray) durations = NULL;

      default_position = 99;
      durations = bourse_ticket_durations_from_config (config, &default_position);
      g_assert_cmpuint (durations->len, ==, 0);
      g_assert_cmpuint (default_position, ==, 0);
    }
  none = bourse_ticket_durations_from_config (NULL, &default_position);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_expiry_text (void)
{
  g_autofree char *text = NULL;
  /* 2026-12-31 17:30 UTC; the tests run with TZ=UTC. */
  const gint64 expiry = 1798738200;

  g_assert_cmpint (bourse_ticket_parse_expiry ("2026-12-31 17:30"), ==, expiry);
  g_assert_cmpint (bourse_ticket_parse_expiry ("2026-12-31"), ==, expiry - (17 * 3600 + 30 * 60));
  text = bourse_ticket_format_expiry (expiry);
  g_assert_cmpstr (text, ==, "2026-12-31 17:30");
  g_assert_cmpint (bourse_ticket_parse_expiry (text), ==, expiry);

  g_assert_cmpint (bourse_ticket_parse_expiry (""), ==, 0);
  g_assert_cmpint (bourse_ticket_parse_expiry ("tomorrow"), ==, 0);
  g_assert_cmpint (bourse_ticket_parse_expiry ("2026-13-45"), ==, 0);
  g_assert_cmpint (bourse_ticket_parse_expiry (NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ticket-durations/from-config", test_durations_from_config);
  g_test_add_func ("/ticket-durations/without-any", test_durations_without_any);
  g_test_add_func ("/ticket-durations/expiry-text", test_expiry_text);
  return g_test_run ();
}
