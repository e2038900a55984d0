/* test-matching-engine.c — the matching engine on its own: no HTTP, no clock
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "bourse-matching-engine.h"
#include "bourse-server-error.h"

#define T0 G_GINT64_CONSTANT (1795564800)   /* 2026-11-25 00:00 UTC */

static GHashTable *
fields_new (const char *first_key,
            ...)
{
  GHashTable *fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *key = first_key;
  va_list args;

  va_start (args, first_key);
  while (key != NULL)
    {
      g_hash_table_insert (fields, g_strdup (key), g_strdup (va_arg (args, const char *)));
      key = va_arg (args, const char *);
    }
  va_end (args);

  return fields;
}

static BourseMatchingEngine *
engine_new (void)
{
  BourseMatchingEngine *engine = bourse_matching_engine_new ();

  bourse_matching_engine_add_account (engine, "A", "Test USD", "USD", 100000);
  bourse_matching_engine_add_account (engine, "E", "Test EUR", "EUR", 100000);
  bourse_matching_engine_set_time (engine, T0 + 3600);
  bourse_matching_engine_set_quote (engine, "EURUSD", 1.10000, 1.10020, 1.10010);
  bourse_matching_engine_set_quote (engine, "USDJPY", 150.000, 150.010, 150.005);
  bourse_matching_engine_set_quote (engine, "AAPL", 190.00, 190.02, 190.01);
  return engine;
}

static char *
place (BourseMatchingEngine *engine,
       const char           *account,
       const char           *request_id,
       GHashTable           *fields)
{
  g_autoptr(GHashTable) owned = fields;
  g_autoptr(GError) error = NULL;
  char *id = bourse_matching_engine_place_order (engine, account, owned, request_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static char *
place_error (BourseMatchingEngine *engine,
             GHashTable           *fields,
             BourseServerError     code)
{
  g_autoptr(GHashTable) owned = fields;
  g_autoptr(GError) error = NULL;
  char *id = bourse_matching_engine_place_order (engine, "A", owned, NULL, &error);

  g_assert_null (id);
  g_assert_error (error, BOURSE_SERVER_ERROR, (gint) code);
  return g_strdup (error->message);
}

static JsonNode *
order (BourseMatchingEngine *engine,
       const char           *account,
       const char           *id)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = bourse_matching_engine_dup_order (engine, account, id, &error);

  g_assert_no_error (error);
  return node;
}

static const char *
member_string (JsonNode   *node,
               const char *member)
{
  return json_object_get_string_member_with_default (json_node_get_object (node), member, NULL);
}

static double
member_double (JsonNode   *node,
               const char *member)
{
  JsonObject *object = json_node_get_object (node);

  if (!json_object_has_member (object, member))
    g_error ("no member %s", member);
  return json_object_get_double_member (object, member);
}

static void
assert_status (BourseMatchingEngine *engine,
               const char           *account,
               const char           *id,
               const char           *status)
{
  g_autoptr(JsonNode) node = order (engine, account, id);

  g_assert_cmpstr (member_string (node, "status"), ==, status);
}

static JsonNode *
only_position (BourseMatchingEngine *engine,
               const char           *account)
{
  g_autoptr(JsonNode) positions = bourse_matching_engine_dup_positions (engine, account, NULL);
  JsonArray *array = json_node_get_array (positions);

  if (json_array_get_length (array) == 0)
    return NULL;
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  return json_node_copy (json_array_get_element (array, 0));
}

static JsonNode *
state (BourseMatchingEngine *engine,
       const char           *account)
{
  return bourse_matching_engine_dup_state (engine, account, NULL);
}

static void
test_market_fill_and_pnl (void)
{
  g_autoptr(BourseMatchingEngine) engine = engine_new ();
  g_autofree char *id = place (engine, "A", NULL,
                               fields_new ("instrument", "EURUSD", "qty", "10000", "side", "buy",
                                           "type", "market", NULL));
  g_autoptr(JsonNode) filled = order (engine, "A", id);
  g_autoptr(JsonNode) position = only_position (engine, "A");
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) executions = NULL;
  g_autoptr(GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  /* a market buy fills at the ask */
  g_assert_cmpstr (member_string (filled, "status"), ==, "filled");
  g_assert_cmpfloat_with_epsilon (member_double (filled, "avgPrice"), 1.10020, 1e-9);
  g_assert_cmpfloat_with_epsilon (member_double (filled, "filledQty"), 10000, 1e-9);
  g_assert_cmpstr (member_string (position, "side"), ==, "buy");
  g_assert_cmpfloat_with_epsilon (member_double (position, "qty"), 10000, 1e-9);

  /* a long is marked at the bid: (1.11000 - 1.10020) * 10000 = 98 USD */
  bourse_matching_engine_set_quote (engine, "EURUSD", 1.11000, 1.11020, 1.11010);
  before = state (engine, "A");
  g_assert_cmpfloat_with_epsilon (member_double (before, "unrealizedPl"), 98.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (member_double (before, "equity"), 100098.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (member_double (before, "balance"), 100000.0, 1e-6);

  g_assert_true (bourse_matching_engine_close_position (engine, "A", member_string (position, "id"), none, &error));
  g_assert_no_error (error);
  after = state (engine, "A");
  g_assert_cmpfloat_with_epsilon (member_double (after, "balance"), 100098.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (member_double (after, "unrealizedPl"), 0.0, 1e-9);
  g_assert_null (only_position (engine, "A"));

  executions = bourse_matching_engine_dup_executions (engine, "A", "EURUSD", 0, NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (executions)), ==, 2);
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (json_node_get_array (executions), 0), "isClose"));
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (json_node_get_array (executions), 1), "isClose"));
}

static void
test_netting_average (void)
{
  g_autoptr(BourseMatchingEngine) engine = engine_new ();
  g_autofree char *a = place (engine, "A", NULL,
                              fields_new ("instrument", "EURUSD", "qty", "1000", "side", "buy", "type", "market", NULL));
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autoptr(JsonNode) position = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) account = NULL;

  bourse_matching_engine_set_quote (engine, "EURUSD", 1.10010, 1.10030, 1.10020);
  b = place (engine, "A", NULL, fields_new ("instrument", "EURUSD", "qty", "2000", "side", "buy", "type", "market", NULL));
  position = only_position (engine, "A");
  /* one net position, at the size-weighted average (off the tick grid, kept precise) */
  g_assert_cmpfloat_with_epsilon (member_double (position, "qty"), 3000, 1e-9);
  g_assert_cmpfloat_with_epsilon (member_double (position, "avgPrice"), (1.10020 * 1000 + 1.10030 * 2000) / 3000, 1e-9);

  /* selling part of it realizes P&L against that average and keeps the average */
  c = place (engine, "A", NULL, fields_new ("instrument", "EURUSD", "qty", "1000", "side", "sell", "type", "market", NULL));
  after = only_position (engine, "A");
  account = state (engine, "A");
  g_assert_cmpfloat_with_epsilon (member_double (after, "qty"), 2000, 1e-9);
  g_assert_cmpfloat_with_epsilon (member_double (after, "avgPrice"), member_double (position, "avgPrice"), 1e-9);
  g_assert_cmpfloat_with_epsilon (member_double (account, "realizedPl"),
                                  round ((1.10010 - (1.10020 * 1000 + 1.10030 * 2000) / 3000) * 1000 * 100) / 100, 1e-9);
}

static void
test_pending_order_types (void)
{
  g_autoptr(BourseMatchingEngine) engine = engine_new ();
  g_autofree char *limit = place (engine, "A", NULL,
                                  fields_new ("instrument", "EURUSD", "qty", "1000", "side", "buy", "type", "limit",
                                              "limitPrice", "1.09500", NULL));
  g_autofree char *stop = place (engine, "A", NULL,
                                 fields_new ("instrument", "EURUSD", "qty", "1000", "side", "sell", "type", "stop",
                                             "stopPrice", "1.09000", NULL));
  g_autofree char *stoplimit = place (engine, "A", NULL,
                                      fields_new ("instrument", "AAPL", "qty", "10", "side", "buy", "type", "stoplimit",
                                                  "stopPrice", "191.00", "limitPrice", "191.50", NULL));
  g_autofree char *jumped = place (engine, "A", NULL,
                                   fields_new ("instrument", "AAPL", "qty", "5", "side", "buy", "type", "stoplimit",
                                               "stopPrice", "190.50", "limitPrice", "190.60", NULL));
  g_autoptr(JsonNode) limit_filled = NULL;
  g_autoptr(JsonNode) stop_filled = NULL;
  g_autoptr(JsonNode) stoplimit_filled = NULL;

  assert_status (engine, "A", limit, "working");
  assert_status (engine, "A", stop, "working");

  /* the ask reaches the buy limit: filled at the ask, never above the limit */
  bourse_matching_engine_set_quote (engine, "EURUSD", 1.09470, 1.09490, 1.09480);
  limit_filled = order (engine, "A", limit);
  g_assert_cmpstr (member_string (limit_filled, "status"), ==, "filled");
  g_assert_cmpfloat_with_epsilon (member_double (limit_filled, "avgPrice"), 1.09490, 1e-9);
  assert_status (engine, "A", stop, "working");

  /* the bid falls through the sell stop */
  bourse_matching_engine_set_quote (engine, "EURUSD", 1.08990, 1.09010, 1.09000);
  stop_filled = order (engine, "A", stop);
  g_assert_cmpstr (member_string (stop_filled, "status"), ==, "filled");
  g_assert_cmpfloat_with_epsilon (member_double (stop_filled, "avgPrice"), 1.08990, 1e-9);

  /* stop-limits: triggered at the stop, then only fill at or under the limit */
  bourse_matching_engine_set_quote (engine, "AAPL", 191.00, 191.05, 191.02);
  stoplimit_filled = order (engine, "A", stoplimit);
  g_assert_cmpstr (member_string (stoplimit_filled, "status"), ==, "filled");
  g_assert_cmpfloat_with_epsilon (member_double (stoplimit_filled, "avgPrice"), 191.05, 1e-9);
  assert_status (engine, "A", jumped, "working");
  bourse_matching_engine_set_quote (engine, "AAPL", 190.50, 190.55, 190.52);
  assert_status (engine, "A", jumped, "filled");
}

static void
test_brackets_follow_parent (void)
{
  g_autoptr(BourseMatchingEngine) engine = engine_new ();
  g_autofree char *parent = place (engine, "A", NULL,
                                   fields_new ("instrument", "EURUSD", "qty", "20000", "side", "buy", "type", "limit",
                                               "limitPrice", "1.09900", "stopLoss", "1.09500",
                                               "takeProfit", "1.10500", NULL));
  g_autoptr(JsonNode) orders = bourse_matching_engine_dup_orders (engine, "A", NULL);
  JsonArray *array = json_node_get_array (orders);
  g_autofree char *sl = NULL;
  g_autofree char *tp = NULL;
  g_autoptr(JsonNode) position = NULL;
  g_autoptr(JsonNode) sl_order = NULL;
  g_autoptr(JsonNode) tp_order = NULL;
  g_autoptr(JsonNode) closed = NULL;

  /* parent working, two inactive children pointing at the order */
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (g_strcmp0 (member_string (element, "id"), parent) == 0)
        continue;
      g_assert_cmpstr (member_string (element, "status"), ==, "inactive");
      g_assert_cmpstr (member_string (element, "parentId"), ==, parent);
      g_assert_cmpstr (member_string (element, "parentType"), ==, "order");
      g_assert_cmpstr (member_string (element, "side"), ==, "sell");
      g_assert_cmpfloat_with_epsilon (member_double (element, "qty"), 20000, 1e-9);
      if (g_strcmp0 (member_string (element, "type"), "stop") == 0)
        sl = g_strdup (member_string (element, "id"));
      else
        tp = g_strdup (member_string (element, "id"));
    }
  g_assert_nonnull (sl);
  g_assert_nonnull (tp);

  /* parent fills: children work, re-parented to the position */
  bourse_matching_engine_set_quote (engine, "EURUSD", 1.09880, 1.09900, 1.09890);
  assert_status (engine, "A", parent, "filled");
  position = only_position (engine, "A");
  sl_order = order (engine, "A", sl);
  g_assert_cmpstr (member_string (sl_order, "status"), ==, "working");
  g_assert_cmpstr (member_string (sl_order, "parentType"), ==, "position");
  g_assert_cmpstr (member_string (sl_order, "parentId"), ==, member_string (position, "id"));
  g_assert_cmpfloat_with_epsilon (member_double (position, "stopLoss"), 1.09500, 1e-9);
  g_assert_cmpfloat_with_epsilon (member_double (position, "takeProfit"), 1.10500, 1e-9);

  /* take-profit reached: it fills, the stop-loss is cancelled (OCO), the position is flat */
  bourse_matching_engine_set_quote (engine, "EURUSD", 1.10510, 1.10530, 1.10520);
  tp_order = order (engine, "A", tp);
  g_assert_cmpstr (member_string (tp_order, "status"), ==, "filled");
  g_assert_cmpfloat_with_epsilon (member_double (tp_order, "avgPrice"), 1.10510, 1e-9);
  assert_status (engine, "A", sl, "cancelled");
  g_assert_null (only_position (engine, "A"));
  closed = bourse_matching_engine_dup_position (engine, "A", member_string (position, "id"), NULL);
  g_assert_cmpfloat_with_epsilon (member_double (closed, "qty"), 0, 1e-9);
}

static void
test_partial_close_and_position_brackets (void)
{
  g_autoptr(BourseMatchingEngine) engine = engine_new ();
  g_autofree char *id = place (engine, "A", NULL,
                               fields_new ("instrument", "AAPL", "qty", "100", "side", "sell", "type", "market", NULL));
  g_autoptr(JsonNode) position = only_position (engine, "A");
  g_autoptr(JsonNode) smaller = NULL;
  g_autoptr(JsonNode) orders = NULL;
  g_autoptr(GHashTable) brackets = fields_new ("stopLoss", "195.00", "takeProfit", "180.00", NULL);
  g_autoptr(GHashTable) wrong = fields_new ("stopLoss", "185.00", NULL);
  g_autoptr(GHashTable) amount = fields_new ("amount", "40", NULL);
  g_autoptr(GHashTable) too_much = fields_new ("amount", "70", NULL);
  g_autoptr(GHashTable) only_tp = fields_new ("takeProfit", "181.00", NULL);
  g_autoptr(GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  const char *pid = member_string (position, "id");
  guint working = 0, cancelled = 0;

  g_assert_cmpstr (member_string (position, "side"), ==, "sell");

  /* a short's stop-loss must be above the ask */
  g_assert_false (bourse_matching_engine_modify_position (engine, "A", pid, wrong, &error));
  g_assert_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (error->message, "stopLoss of a short must be above"));
  g_clear_error (&error);

  g_assert_true (bourse_matching_engine_modify_position (engine, "A", pid, brackets, &error));
  g_assert_no_error (error);

  g_assert_true (bourse_matching_engine_close_position (engine, "A", pid, amount, &error));
  g_assert_no_error (error);
  smaller = only_position (engine, "A");
  g_assert_cmpfloat_with_epsilon (member_double (smaller, "qty"), 60, 1e-9);

  g_assert_false (bourse_matching_engine_close_position (engine, "A", pid, too_much, &error));
  g_assert_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST);
  g_clear_error (&error);

  /* removing the stop-loss reports it cancelled; the take-profit moves */
  g_assert_true (bourse_matching_engine_modify_position (engine, "A", pid, only_tp, &error));
  g_assert_no_error (error);

  orders = bourse_matching_engine_dup_orders (engine, "A", NULL);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (orders)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (orders), i);

      if (g_strcmp0 (member_string (element, "parentId"), pid) != 0)
        continue;
      if (g_str_equal (member_string (element, "status"), "working"))
        {
          working++;
          /* brackets follow the position's size after the partial close */
          g_assert_cmpfloat_with_epsilon (member_double (element, "qty"), 60, 1e-9);
          g_assert_cmpfloat_with_epsilon (member_double (element, "limitPrice"), 181.00, 1e-9);
        }
      else if (g_str_equal (member_string (element, "status"), "cancelled"))
        cancelled++;
    }
  g_assert_cmpuint (working, ==, 1);
  g_assert_cmpuint (cancelled, ==, 1);

  /* closing the rest cancels the remaining bracket */
  g_assert_true (bourse_matching_engine_close_position (engine, "A", pid, none, &error));
  g_assert_no_error (error);
  g_clear_pointer (&orders, json_node_unref);
  orders = bourse_matching_engine_dup_orders (engine, "A", NULL);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (orders)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (orders), i);

      g_assert_cmpstr (member_string (element, "status"), !=, "working");
    }
}

static void
test_native_reverse (void)
{
  g_autoptr(BourseMatchingEngine) engine = engine_new ();
  g_autofree char *id = place (engine, "A", NULL,
                               fields_new ("instrument", "EURUSD", "qty", "5000", "side", "buy", "type", "market", NULL));
  g_autoptr(JsonNode) position = only_position (engine, "A");
  g_autoptr(JsonNode) reversed = NULL;
  g_autoptr(GHashTable) side = fields_new ("side", "sell", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (bourse_matching_engine_modify_position (engine, "A", member_string (position, "id"), side, &error));
  g_assert_no_error (error);
  reversed = only_position (engine, "A");
  g_assert_cmpstr (member_string (reversed, "id"), ==, member_string (position, "id"));
  g_assert_cmpstr (member_string (reversed, "side"), ==, "sell");
  g_assert_cmpfloat_with_epsilon (member_double (reversed, "qty"), 5000, 1e-9);
  g_assert_cmpfloat_with_epsilon (member_double (reversed, "avgPrice"), 1.10000, 1e-9);
}

static void
test_durations (void)
{
  g_autoptr(BourseMatchingEngine) engine = engine_new ();
  g_autofree char *day = place (engine, "A", NULL,
                                fields_new ("instrument", "EURUSD", "qty", "1000", "side", "buy", "type", "limit",
                                            "limitPrice", "1.05000", "durationType", "DAY", NULL));
  g_autofree char *gtc = place (engine, "A", NULL,
                                fields_new ("instrument", "EURUSD", "qty", "1000", "side", "buy", "type", "limit",
                                            "limitPrice", "1.05000", "durationType", "GTC", NULL));
  g_autofree char *when = g_strdup_printf ("%" G_GINT64_FORMAT, T0 + 7200);
  g_autofree char *gtt = place (engine, "A", NULL,
                                fields_new ("instrument", "EURUSD", "qty", "1000", "side", "buy", "type", "limit",
                                            "limitPrice", "1.05000", "durationType", "GTT",
                                            "durationDateTime", when, NULL));
  g_autofree char *past = g_strdup_printf ("%" G_GINT64_FORMAT, T0);
  g_autofree char *error_past = place_error (engine, fields_new ("instrument", "EURUSD", "qty", "1000", "side", "buy",
                                                                 "type", "limit", "limitPrice", "1.05000",
                                                                 "durationType", "GTT", "durationDateTime", past, NULL),
                                             BOURSE_SERVER_ERROR_INVALID_REQUEST);
  g_autofree char *error_type = place_error (engine, fields_new ("instrument", "EURUSD", "qty", "1000", "side", "buy",
                                                                 "type", "limit", "limitPrice", "1.05000",
                                                                 "durationType", "FOK", NULL),
                                             BOURSE_SERVER_ERROR_INVALID_REQUEST);
  g_autoptr(JsonNode) gtt_order = order (engine, "A", gtt);
  g_autoptr(JsonNode) expired = NULL;

  g_assert_nonnull (strstr (error_past, "durationDateTime"));
  g_assert_nonnull (strstr (error_type, "durationType"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_node_get_object (gtt_order), "duration"),
                                               "datetime"), ==, T0 + 7200);

  bourse_matching_engine_set_time (engine, T0 + 7200);
  assert_status (engine, "A", gtt, "cancelled");
  assert_status (engine, "A", day, "working");
  bourse_matching_engine_set_time (engine, T0 + 86400);
  expired = order (engine, "A", day);
  g_assert_cmpstr (member_string (expired, "status"), ==, "cancelled");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (expired), "message"),
                                                  "text"), ==, "Expired");
  assert_status (engine, "A", gtc, "working");
}

static void
test_request_id (void)
{
  g_autoptr(BourseMatchingEngine) engine = engine_new ();
  g_autofree char *first = place (engine, "A", "req-1",
                                  fields_new ("instrument", "EURUSD", "qty", "1000", "side", "buy", "type", "market", NULL));
  g_autofree char *again = place (engine, "A", "req-1",
                                  fields_new ("instrument", "EURUSD", "qty", "1000", "side", "buy", "type", "market", NULL));
  g_autofree char *other = place (engine, "A", "req-2",
                                  fields_new ("instrument", "EURUSD", "qty", "1000", "side", "buy", "type", "market", NULL));
  g_autoptr(JsonNode) position = only_position (engine, "A");

  g_assert_cmpstr (first, ==, again);
  g_assert_cmpstr (first, !=, other);
  /* two orders, not three */
  g_assert_cmpfloat_with_epsilon (member_double (position, "qty"), 2000, 1e-9);
}

static void
test_validation (void)
{
  g_autoptr(BourseMatchingEngine) engine = engine_new ();
  struct {
    GHashTable        *fields;
    const char        *expected;
    BourseServerError  code;
  } cases[] = {
    { fields_new ("qty", "1000", "side", "buy", "type", "market", NULL), "Missing field 'instrument'", BOURSE_SERVER_ERROR_INVALID_REQUEST },
    { fields_new ("instrument", "XAUUSD", "qty", "1", "side", "buy", "type", "market", NULL), "Unknown instrument 'XAUUSD'", BOURSE_SERVER_ERROR_INVALID_REQUEST },
    { fields_new ("instrument", "EURUSD", "side", "buy", "type", "market", NULL), "Missing field 'qty'", BOURSE_SERVER_ERROR_INVALID_REQUEST },
    { fields_new ("instrument", "EURUSD", "qty", "ten", "side", "buy", "type", "market", NULL), "not a number", BOURSE_SERVER_ERROR_INVALID_REQUEST },
    { fields_new ("instrument", "EURUSD", "qty", "1500", "side", "buy", "type", "market", NULL), "quantity step", BOURSE_SERVER_ERROR_INVALID_REQUEST },
    { fields_new ("instrument", "EURUSD", "qty", "100", "side", "buy", "type", "market", NULL), "outside the allowed range", BOURSE_SERVER_ERROR_INVALID_REQUEST },
    { fields_new ("instrument", "EURUSD", "qty", "20000000", "side", "buy", "type", "market", NULL), "outside the allowed range", BOURSE_SERVER_ERROR_INVALID_REQUEST },
    { fields_new ("instrument", "EURUSD", "qty", "1000", "side", "long", "type", "market", NULL), "'buy' or 'sell'", BOURSE_SERVER_ERROR_INVALID_REQUEST },
    { fields_new ("instrument", "EURUSD", "qty", "1000", "side", "buy", "type", "iceberg", NULL), "market, limit, stop or stoplimit", BOURSE_SERVER_ERROR_INVALID_REQUEST },
    { fields_new ("instrument", "EURUSD", "qty", "1000", "side", "buy", "type", "limit", NULL), "Missing field 'limitPrice'", BOURSE_SERVER_ERROR_INVALID_REQUEST },
    { fields_new ("instrument", "EURUSD", "qty", "1000", "side", "buy", "type", "limit", "limitPrice", "1.000001", NULL), "minimum tick", BOURSE_SERVER_ERROR_INVALID_REQUEST },
    { fields_new ("instrument", "EURUSD", "qty", "1000", "side", "buy", "type", "stop", "stopPrice", "1.09000", NULL), "buy stop must be above the ask 1.10020", BOURSE_SERVER_ERROR_INVALID_REQUEST },
    { fields_new ("instrument", "EURUSD", "qty", "1000", "side", "sell", "type", "stop", "stopPrice", "1.12000", NULL), "sell stop must be below the bid", BOURSE_SERVER_ERROR_INVALID_REQUEST },
    { fields_new ("instrument", "EURUSD", "qty", "1000", "side", "buy", "type", "market", "stopLoss", "1.20000", NULL), "stopLoss of a long must be below", BOURSE_SERVER_ERROR_INVALID_REQUEST },
    { fields_new ("instrument", "EURUSD", "qty", "1000", "side", "buy", "type", "limit", "limitPrice", "1.09000", "takeProfit", "1.08000", NULL), "takeProfit of a long must be above 1.09000", BOURSE_SERVER_ERROR_INVALID_REQUEST },
    { fields_new ("instrument", "EURUSD", "qty", "1000", "side", "buy", "type", "market", "trailingStopPips", "10", NULL), "Trailing stops", BOURSE_SERVER_ERROR_INVALID_REQUEST },
    { fields_new ("instrument", "GBPUSD", "qty", "1000", "side", "buy", "type", "market", NULL), "No market price for GBPUSD", BOURSE_SERVER_ERROR_REJECTED },
    { fields_new ("instrument", "EURUSD", "qty", "10000000", "side", "buy", "type", "market", NULL), "Insufficient margin", BOURSE_SERVER_ERROR_REJECTED },
  };
  g_autoptr(JsonNode) orders = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = place_error (engine, cases[i].fields, cases[i].code);

      if (strstr (message, cases[i].expected) == NULL)
        g_error ("case %u: expected '%s' in '%s'", i, cases[i].expected, message);
    }

  /* nothing was created by a rejected request */
  orders = bourse_matching_engine_dup_orders (engine, "A", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (orders)), ==, 0);
}

static void
test_modify_and_cancel (void)
{
  g_autoptr(BourseMatchingEngine) engine = engine_new ();
  g_autofree char *id = place (engine, "A", NULL,
                               fields_new ("instrument", "EURUSD", "qty", "1000", "side", "sell", "type", "limit",
                                           "limitPrice", "1.11000", "takeProfit", "1.10500", NULL));
  g_autoptr(GHashTable) modify = fields_new ("qty", "3000", "limitPrice", "1.11500", "stopLoss", "1.12000", NULL);
  g_autoptr(GHashTable) bad = fields_new ("qty", "3000", "limitPrice", "1.115001", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) modified = NULL;
  g_autoptr(JsonNode) orders = NULL;
  guint inactive = 0, cancelled = 0;

  g_assert_false (bourse_matching_engine_modify_order (engine, "A", id, bad, &error));
  g_assert_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST);
  g_clear_error (&error);

  g_assert_true (bourse_matching_engine_modify_order (engine, "A", id, modify, &error));
  g_assert_no_error (error);
  modified = order (engine, "A", id);
  g_assert_cmpfloat_with_epsilon (member_double (modified, "qty"), 3000, 1e-9);
  g_assert_cmpfloat_with_epsilon (member_double (modified, "limitPrice"), 1.11500, 1e-9);

  g_assert_true (bourse_matching_engine_cancel_order (engine, "A", id, &error));
  g_assert_no_error (error);
  assert_status (engine, "A", id, "cancelled");
  g_assert_false (bourse_matching_engine_cancel_order (engine, "A", id, &error));
  g_assert_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_REJECTED);
  g_clear_error (&error);
  g_assert_false (bourse_matching_engine_modify_order (engine, "A", id, modify, &error));
  g_assert_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_REJECTED);
  g_clear_error (&error);
  g_assert_false (bourse_matching_engine_cancel_order (engine, "A", "nope", &error));
  g_assert_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* modify removed the take-profit (absent) and added a stop-loss; cancel took the rest */
  orders = bourse_matching_engine_dup_orders (engine, "A", NULL);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (orders)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (orders), i);

      if (member_string (element, "parentId") == NULL)
        continue;
      if (g_str_equal (member_string (element, "status"), "cancelled"))
        cancelled++;
      else
        inactive++;
    }
  g_assert_cmpuint (cancelled, ==, 2);
  g_assert_cmpuint (inactive, ==, 0);
}

static void
entity_changed_cb (BourseMatchingEngine *engine,
                   const char           *account_id,
                   const char           *kind,
                   JsonNode             *entity,
                   GHashTable           *counts)
{
  g_hash_table_insert (counts, g_strdup (kind),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, kind)) + 1));
  g_assert_cmpstr (account_id, ==, "A");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (entity));
}

static void
test_signals (void)
{
  g_autoptr(BourseMatchingEngine) engine = engine_new ();
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *id = NULL;

  g_signal_connect (engine, "entity-changed", G_CALLBACK (entity_changed_cb), counts);
  id = place (engine, "A", NULL,
              fields_new ("instrument", "EURUSD", "qty", "1000", "side", "buy", "type", "market", NULL));

  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "orders")), >=, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "positions")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "executions")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "state")), ==, 1);
}

static void
test_account_currency (void)
{
  g_autoptr(BourseMatchingEngine) engine = engine_new ();
  g_autoptr(JsonNode) instruments = bourse_matching_engine_dup_instruments (engine, "E", NULL);
  g_autofree char *id = NULL;
  g_autoptr(JsonNode) after = NULL;
  JsonArray *array = json_node_get_array (instruments);

  g_assert_cmpuint (json_array_get_length (array), >=, 8);
  /* EURUSD: one pip of one unit is 0.0001 USD, i.e. 0.0001 / 1.1001 EUR */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json_array_get_object_element (array, 0), "pipValue"),
                                  0.0001 / 1.1001, 1e-8);

  id = place (engine, "E", NULL,
              fields_new ("instrument", "USDJPY", "qty", "100000", "side", "buy", "type", "market", NULL));
  bourse_matching_engine_set_quote (engine, "USDJPY", 151.000, 151.010, 151.005);
  after = state (engine, "E");
  /* (151.000 - 150.010) * 100000 JPY at 151.005 JPY/USD and 1.1001 USD/EUR */
  g_assert_cmpfloat_with_epsilon (member_double (after, "unrealizedPl"),
                                  round (0.99 * 100000 / 151.005 / 1.1001 * 100) / 100, 0.011);
}

static void
test_serialize_roundtrip (void)
{
  g_autoptr(BourseMatchingEngine) engine = engine_new ();
  g_autoptr(BourseMatchingEngine) copy = bourse_matching_engine_new ();
  g_autoptr(JsonNode) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  const char *accounts[] = { "A", "E" };

  a = place (engine, "A", "r1", fields_new ("instrument", "EURUSD", "qty", "1000", "side", "buy", "type", "market",
                                            "stopLoss", "1.09000", NULL));
  b = place (engine, "A", "r2", fields_new ("instrument", "AAPL", "qty", "7", "side", "sell", "type", "limit",
                                            "limitPrice", "195.00", "takeProfit", "180.00", NULL));
  c = place (engine, "E", NULL, fields_new ("instrument", "USDJPY", "qty", "2000", "side", "sell", "type", "market", NULL));
  saved = bourse_matching_engine_serialize (engine);

  bourse_matching_engine_add_account (copy, "A", "Test USD", "USD", 100000);
  bourse_matching_engine_add_account (copy, "E", "Test EUR", "EUR", 100000);
  bourse_matching_engine_set_time (copy, T0 + 3600);
  bourse_matching_engine_set_quote (copy, "EURUSD", 1.10000, 1.10020, 1.10010);
  bourse_matching_engine_set_quote (copy, "USDJPY", 150.000, 150.010, 150.005);
  bourse_matching_engine_set_quote (copy, "AAPL", 190.00, 190.02, 190.01);
  g_assert_true (bourse_matching_engine_restore (copy, saved, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    {
      JsonNode *(*getters[]) (BourseMatchingEngine *, const char *, GError **) = {
        bourse_matching_engine_dup_orders, bourse_matching_engine_dup_positions, bourse_matching_engine_dup_state,
      };

      for (guint g = 0; g < G_N_ELEMENTS (getters); g++)
        {
          g_autoptr(JsonNode) x = getters[g] (engine, accounts[i], NULL);
          g_autoptr(JsonNode) y = getters[g] (copy, accounts[i], NULL);
          g_autofree char *xs = json_to_string (x, FALSE);
          g_autofree char *ys = json_to_string (y, FALSE);

          g_assert_cmpstr (xs, ==, ys);
        }
    }

  /* requestIds and id counters survive */
  {
    g_autofree char *again = place (copy, "A", "r1", fields_new ("instrument", "EURUSD", "qty", "1000", "side", "buy",
                                                                 "type", "market", NULL));
    g_autofree char *fresh = place (copy, "A", NULL, fields_new ("instrument", "EURUSD", "qty", "1000", "side", "buy",
                                                                 "type", "market", NULL));
    g_autoptr(JsonNode) history = bourse_matching_engine_dup_orders_history (copy, "A", 0, NULL);

    g_assert_cmpstr (again, ==, a);
    g_assert_null (bourse_matching_engine_dup_order (engine, "A", fresh, NULL));
    g_assert_cmpuint (json_array_get_length (json_node_get_array (history)), ==, 2);
  }

  /* a damaged file is an error, not a guess */
  {
    g_autoptr(BourseMatchingEngine) third = bourse_matching_engine_new ();
    g_autoptr(JsonParser) parser = json_parser_new ();

    bourse_matching_engine_add_account (third, "A", "Test USD", "USD", 100000);
    json_parser_load_from_data (parser, "{\"version\":1,\"nextOrderId\":\"x\"}", -1, NULL);
    g_assert_false (bourse_matching_engine_restore (third, json_parser_get_root (parser), &error));
    g_assert_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE);
  }
}


/* The journal's records: a whole snapshot, then take_changes() after each
 * operation, restored in turn on a fresh engine, give the same engine. */
static void
assert_same_engines (BourseMatchingEngine *a,
                     BourseMatchingEngine *b)
{
  const char *accounts[] = { "A", "E" };

  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    {
      JsonNode *(*getters[]) (BourseMatchingEngine *, const char *, GError **) = {
        bourse_matching_engine_dup_orders, bourse_matching_engine_dup_positions, bourse_matching_engine_dup_state,
      };
      g_autoptr(JsonNode) history_a = bourse_matching_engine_dup_orders_history (a, accounts[i], 0, NULL);
      g_autoptr(JsonNode) history_b = bourse_matching_engine_dup_orders_history (b, accounts[i], 0, NULL);
      g_autoptr(JsonNode) executions_a = bourse_matching_engine_dup_executions (a, accounts[i], "EURUSD", 0, NULL);
      g_autoptr(JsonNode) executions_b = bourse_matching_engine_dup_executions (b, accounts[i], "EURUSD", 0, NULL);
      g_autofree char *ha = json_to_string (history_a, FALSE);
      g_autofree char *hb = json_to_string (history_b, FALSE);
      g_autofree char *ea = json_to_string (executions_a, FALSE);
      g_autofree char *eb = json_to_string (executions_b, FALSE);

      g_assert_cmpstr (ha, ==, hb);
      g_assert_cmpstr (ea, ==, eb);
      for (guint g = 0; g < G_N_ELEMENTS (getters); g++)
        {
          g_autoptr(JsonNode) x = getters[g] (a, accounts[i], NULL);
          g_autoptr(JsonNode) y = getters[g] (b, accounts[i], NULL);
          g_autofree char *xs = json_to_string (x, FALSE);
          g_autofree char *ys = json_to_string (y, FALSE);

          g_assert_cmpstr (xs, ==, ys);
        }
    }
}

static void
test_changes_replay (void)
{
  g_autoptr(BourseMatchingEngine) engine = engine_new ();
  g_autoptr(BourseMatchingEngine) copy = bourse_matching_engine_new ();
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *limit = NULL, *bracketed = NULL, *other = NULL, *yen = NULL;
  g_autoptr(JsonNode) positions = NULL;

  /* something before the snapshot, so that changes replace restored entities */
  limit = place (engine, "A", "before", fields_new ("instrument", "EURUSD", "qty", "1000", "side", "buy", "type", "limit",
                                                    "limitPrice", "1.09500", "takeProfit", "1.12000", NULL));
  g_ptr_array_add (records, bourse_matching_engine_serialize (engine));
  bourse_matching_engine_forget_changes (engine);
  g_assert_null (bourse_matching_engine_take_changes (engine));

  bracketed = place (engine, "A", "r1", fields_new ("instrument", "EURUSD", "qty", "2000", "side", "buy", "type", "market",
                                                    "stopLoss", "1.09000", "takeProfit", "1.11500", NULL));
  g_ptr_array_add (records, bourse_matching_engine_take_changes (engine));
  other = place (engine, "E", "r2", fields_new ("instrument", "EURUSD", "qty", "3000", "side", "sell", "type", "stop",
                                                "stopPrice", "1.09800", NULL));
  yen = place (engine, "A", NULL, fields_new ("instrument", "USDJPY", "qty", "1000", "side", "sell", "type", "market", NULL));
  g_ptr_array_add (records, bourse_matching_engine_take_changes (engine));
  {
    g_autoptr(GHashTable) change = fields_new ("qty", "1000", "limitPrice", "1.09600", "takeProfit", "1.12500", NULL);

    g_assert_true (bourse_matching_engine_modify_order (engine, "A", limit, change, &error));
    g_assert_no_error (error);
  }
  g_ptr_array_add (records, bourse_matching_engine_take_changes (engine));
  /* the market falls through the limit, the stop and the stop-loss */
  bourse_matching_engine_set_time (engine, T0 + 7200);
  bourse_matching_engine_set_quote (engine, "EURUSD", 1.08900, 1.08920, 1.08910);
  g_ptr_array_add (records, bourse_matching_engine_take_changes (engine));
  positions = bourse_matching_engine_dup_positions (engine, "A", NULL);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (positions)); i++)
    {
      JsonObject *p = json_array_get_object_element (json_node_get_array (positions), i);

      if (json_object_get_double_member (p, "qty") != 0)
        g_assert_true (bourse_matching_engine_close_position (engine, "A", json_object_get_string_member (p, "id"),
                                                              none, &error));
      g_assert_no_error (error);
    }
  g_ptr_array_add (records, bourse_matching_engine_take_changes (engine));
  g_assert_null (bourse_matching_engine_take_changes (engine));
  {
    g_autoptr(JsonNode) fills = bourse_matching_engine_dup_executions (engine, "A", "EURUSD", 0, NULL);
    g_autoptr(JsonNode) stop = order (engine, "E", other);

    g_assert_cmpuint (json_array_get_length (json_node_get_array (fills)), >=, 3);
    g_assert_cmpstr (member_string (stop, "status"), ==, "filled");
  }

  bourse_matching_engine_add_account (copy, "A", "Test USD", "USD", 100000);
  bourse_matching_engine_add_account (copy, "E", "Test EUR", "EUR", 100000);
  bourse_matching_engine_set_time (copy, T0 + 7200);
  for (guint i = 0; i < records->len; i++)
    {
      g_assert_nonnull (g_ptr_array_index (records, i));
      g_assert_true (bourse_matching_engine_restore (copy, g_ptr_array_index (records, i), &error));
      g_assert_no_error (error);
    }
  bourse_matching_engine_set_quote (copy, "EURUSD", 1.08900, 1.08920, 1.08910);
  bourse_matching_engine_set_quote (copy, "USDJPY", 150.000, 150.010, 150.005);
  bourse_matching_engine_set_quote (copy, "AAPL", 190.00, 190.02, 190.01);
  assert_same_engines (engine, copy);

  /* requestIds and id counters came through the change records */
  {
    g_autofree char *again = place (copy, "E", "r2", fields_new ("instrument", "EURUSD", "qty", "3000", "side", "sell",
                                                                 "type", "stop", "stopPrice", "1.09800", NULL));
    g_autofree char *next_a = place (engine, "A", NULL, fields_new ("instrument", "AAPL", "qty", "1", "side", "buy",
                                                                    "type", "limit", "limitPrice", "100.00", NULL));
    g_autofree char *next_b = place (copy, "A", NULL, fields_new ("instrument", "AAPL", "qty", "1", "side", "buy",
                                                                  "type", "limit", "limitPrice", "100.00", NULL));

    g_assert_cmpstr (again, ==, other);
    g_assert_cmpstr (next_a, ==, next_b);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/Server/Engine/market-fill-and-pnl", test_market_fill_and_pnl);
  g_test_add_func ("/Bourse/Server/Engine/netting-average", test_netting_average);
  g_test_add_func ("/Bourse/Server/Engine/pending-order-types", test_pending_order_types);
  g_test_add_func ("/Bourse/Server/Engine/brackets-follow-parent", test_brackets_follow_parent);
  g_test_add_func ("/Bourse/Server/Engine/partial-close-and-position-brackets", test_partial_close_and_position_brackets);
  g_test_add_func ("/Bourse/Server/Engine/native-reverse", test_native_reverse);
  g_test_add_func ("/Bourse/Server/Engine/durations", test_durations);
  g_test_add_func ("/Bourse/Server/Engine/request-id", test_request_id);
  g_test_add_func ("/Bourse/Server/Engine/validation", test_validation);
  g_test_add_func ("/Bourse/Server/Engine/modify-and-cancel", test_modify_and_cancel);
  g_test_add_func ("/Bourse/Server/Engine/signals", test_signals);
  g_test_add_func ("/Bourse/Server/Engine/account-currency", test_account_currency);
  g_test_add_func ("/Bourse/Server/Engine/serialize-roundtrip", test_serialize_roundtrip);
  g_test_add_func ("/Bourse/Server/Engine/changes-replay", test_changes_replay);

  return g_test_run ();
}
