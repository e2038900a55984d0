/* test-models.c — the models read, diff and write back their members as the broker sent them
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each model is read from a full object, written back with to_json() (the
 * same members, values and order), then updated from a changed copy: exactly
 * the changed properties are notified, once each, and nothing when equal.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bourse-json.h"
#include "bourse-models-private.h"
#include "bourse-order-fills.h"
#include "bourse-price.h"

typedef gpointer (*NewFunc) (JsonObject *object);
typedef gboolean (*UpdateFunc) (gpointer self, gpointer other);
typedef JsonNode *(*ToJsonFunc) (gpointer self);

typedef struct
{
  const char *name;
  NewFunc     new_from_json;
  UpdateFunc  update_from;
  ToJsonFunc  to_json;
  const char *full;      /* every member the model knows */
  const char *changed;   /* @full with some members changed */
  const char *notified;  /* the properties that must be notified, sorted, space-separated */
} ModelCase;

#define NEW(f) ((NewFunc) (void (*) (void)) (f))
#define UPDATE(f) ((UpdateFunc) (void (*) (void)) (f))
#define TO_JSON(f) ((ToJsonFunc) (void (*) (void)) (f))

static const ModelCase cases[] = {
  { "order", NEW (_bourse_order_new_from_json), UPDATE (_bourse_order_update_from), TO_JSON (bourse_order_to_json),
    "{\"id\":\"7\",\"instrument\":\"AAPL\",\"qty\":10,\"side\":\"buy\",\"type\":\"stoplimit\",\"status\":\"working\","
    "\"filledQty\":2,\"avgPrice\":101.5,\"limitPrice\":102,\"stopPrice\":101,\"trailingStopPips\":5,"
    "\"parentId\":\"3\",\"parentType\":\"position\",\"duration\":{\"type\":\"gtt\",\"datetime\":1700000000},"
    "\"lastModified\":1700000001,\"message\":{\"type\":\"warning\",\"text\":\"late\"}}",
    "{\"id\":\"7\",\"instrument\":\"AAPL\",\"qty\":10,\"side\":\"sell\",\"type\":\"stoplimit\",\"status\":\"filled\","
    "\"filledQty\":10,\"avgPrice\":101.5,\"limitPrice\":102,\"stopPrice\":101,\"trailingStopPips\":5,"
    "\"parentId\":\"3\",\"parentType\":\"position\",\"duration\":{\"type\":\"gtc\"},"
    "\"lastModified\":1700000002,\"message\":{\"type\":\"warning\",\"text\":\"late\"}}",
    "duration filled-qty last-modified side status" },
  { "position", NEW (_bourse_position_new_from_json), UPDATE (_bourse_position_update_from), TO_JSON (bourse_position_to_json),
    "{\"id\":\"P1\",\"instrument\":\"EURUSD\",\"qty\":3,\"side\":\"sell\",\"avgPrice\":1.085,\"unrealizedPl\":-12.5}",
    "{\"id\":\"P1\",\"instrument\":\"EURUSD\",\"qty\":4,\"side\":\"sell\",\"avgPrice\":1.085,\"unrealizedPl\":-2}",
    "qty unrealized-pl" },
  { "execution", NEW (_bourse_execution_new_from_json), UPDATE (_bourse_execution_update_from), TO_JSON (bourse_execution_to_json),
    "{\"id\":\"E1\",\"instrument\":\"AAPL\",\"price\":100.25,\"time\":1700000000,\"qty\":5,\"side\":\"buy\","
    "\"orderId\":\"7\",\"positionId\":\"P1\",\"isClose\":false,\"commission\":0.5}",
    "{\"id\":\"E1\",\"instrument\":\"AAPL\",\"price\":100.25,\"time\":1700000000,\"qty\":5,\"side\":\"buy\","
    "\"orderId\":\"8\",\"positionId\":\"P1\",\"isClose\":true,\"commission\":0.5}",
    "is-close order-id" },
  { "instrument", NEW (_bourse_instrument_new_from_json), UPDATE (_bourse_instrument_update_from), TO_JSON (bourse_instrument_to_json),
    "{\"name\":\"AAPL\",\"description\":\"Apple\",\"type\":\"stock\",\"minQty\":1,\"maxQty\":1000,\"qtyStep\":1,"
    "\"pipSize\":0.01,\"pipValue\":0.01,\"minTick\":0.01,\"lotSize\":1,\"marginRate\":0.25,\"currency\":\"USD\",\"hasQuotes\":true}",
    "{\"name\":\"AAPL\",\"description\":\"Apple Inc.\",\"type\":\"stock\",\"minQty\":1,\"maxQty\":1000,\"qtyStep\":1,"
    "\"pipSize\":0.01,\"pipValue\":0.01,\"minTick\":0.01,\"lotSize\":1,\"marginRate\":0.5,\"currency\":\"USD\",\"hasQuotes\":false}",
    "description has-quotes margin-rate" },
  { "account", NEW (_bourse_account_new_from_json), UPDATE (_bourse_account_update_from), TO_JSON (bourse_account_to_json),
    "{\"id\":\"D1\",\"name\":\"Demo\",\"type\":\"demo\",\"currency\":\"USD\",\"currencySign\":\"$\",\"config\":{\"supportBrackets\":true}}",
    "{\"id\":\"D1\",\"name\":\"Demo 2\",\"type\":\"demo\",\"currency\":\"USD\",\"currencySign\":\"$\",\"config\":{\"supportBrackets\":false}}",
    "config name" },
  { "account-state", NEW (_bourse_account_state_new_from_json), UPDATE (_bourse_account_state_update_from),
    TO_JSON (bourse_account_state_to_json),
    "{\"balance\":1000,\"unrealizedPl\":5,\"equity\":1005,\"amData\":[[[\"a\"]]],\"accountSummaryRowData\":[\"1000\"]}",
    "{\"balance\":1000,\"unrealizedPl\":6,\"equity\":1006,\"amData\":[[[\"a\"]]],\"accountSummaryRowData\":[\"1000\"]}",
    "equity unrealized-pl" },
  { "quote", NEW (_bourse_quote_new_from_json), UPDATE (_bourse_quote_update_from), TO_JSON (bourse_quote_to_json),
    "{\"n\":\"AAPL\",\"bid\":99.5,\"ask\":100.5,\"bid_size\":3,\"ask_size\":4,\"lp\":100,\"last_size\":1,\"spread\":1,"
    "\"open_price\":98,\"high_price\":101,\"low_price\":97,\"prev_close_price\":97.5,\"volume\":12345,\"ch\":2.5,"
    "\"chp\":2.56,\"t\":1700000000}",
    "{\"n\":\"AAPL\",\"bid\":99.75,\"ask\":100.5,\"bid_size\":3,\"ask_size\":4,\"lp\":100.25,\"last_size\":1,\"spread\":0.75,"
    "\"open_price\":98,\"high_price\":101,\"low_price\":97,\"prev_close_price\":97.5,\"volume\":12345,\"ch\":2.5,"
    "\"chp\":2.56,\"t\":1700000005}",
    "bid last spread time" },
};

static void
record_notify_cb (GObject    *object,
                  GParamSpec *pspec,
                  GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
joined_sorted (GPtrArray *names)
{
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
test_round_trip (gconstpointer data)
{
  const ModelCase *c = data;
  g_autoptr(JsonNode) full = _bourse_json_parse (c->full, -1, NULL);
  g_autoptr(GObject) model = c->new_from_json (json_node_get_object (full));
  g_autoptr(JsonNode) written = c->to_json (model);
  g_autofree char *text = json_to_string (written, FALSE);
  g_autofree char *expected = json_to_string (full, FALSE);

  /* Same members, values and order as sent. */
  g_assert_cmpstr (text, ==, expected);
}

static void
test_partial (gconstpointer data)
{
  const ModelCase *c = data;
  g_autoptr(JsonNode) empty = _bourse_json_parse ("{}", -1, NULL);
  g_autoptr(GObject) model = c->new_from_json (json_node_get_object (empty));
  g_autoptr(JsonNode) written = c->to_json (model);

  /* Nothing sent, nothing written back. */
  g_assert_cmpuint (json_object_get_size (json_node_get_object (written)), ==, 0);
}

static void
test_update (gconstpointer data)
{
  const ModelCase *c = data;
  g_autoptr(JsonNode) full = _bourse_json_parse (c->full, -1, NULL);
  g_autoptr(JsonNode) changed = _bourse_json_parse (c->changed, -1, NULL);
  g_autoptr(GObject) model = c->new_from_json (json_node_get_object (full));
  g_autoptr(GObject) same = c->new_from_json (json_node_get_object (full));
  g_autoptr(GObject) other = c->new_from_json (json_node_get_object (changed));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) written = NULL;
  g_autofree char *notified = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  g_signal_connect (model, "notify", G_CALLBACK (record_notify_cb), names);

  g_assert_false (c->update_from (model, same));
  g_assert_cmpuint (names->len, ==, 0);

  g_assert_true (c->update_from (model, other));
  notified = joined_sorted (names);
  g_assert_cmpstr (notified, ==, c->notified);

  written = c->to_json (model);
  text = json_to_string (written, FALSE);
  expected = json_to_string (changed, FALSE);
  g_assert_cmpstr (text, ==, expected);
}

static JsonObject *
object_from (const char *text)
{
  g_autoptr(JsonNode) node = json_from_string (text, NULL);

  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

/* The stream carries no change: the previous close from /quotes, filled in
 * after the stream started, makes each new last price move the change; the
 * stream's newer bid and last are never overwritten by the older REST ones. */
static void
test_quote_change_follows_trades (void)
{
  g_autoptr(BourseQuote) quote = _bourse_quote_new ("EURUSD");
  g_autoptr(JsonObject) rest = object_from ("{\"lp\":1.05,\"bid\":1.04,\"prev_close_price\":1.0,\"ch\":0.05,\"chp\":5,\"t\":5}");
  g_autoptr(BourseQuote) answer = _bourse_quote_new_from_json (rest);
  g_autoptr(JsonObject) trade = object_from ("{\"p\":1.1,\"s\":1,\"t\":10}");
  g_autoptr(JsonObject) quote_line = object_from ("{\"bp\":1.09,\"ap\":1.11,\"t\":10}");
  g_autoptr(JsonObject) later = object_from ("{\"p\":1.2,\"s\":1,\"t\":11}");

  g_assert_true (_bourse_quote_apply_stream (quote, trade, "t"));
  g_assert_true (_bourse_quote_apply_stream (quote, quote_line, "q"));
  g_assert_cmpfloat (bourse_quote_get_change (quote), ==, 0);   /* nothing to compare with yet */

  _bourse_quote_fill_reference_from (quote, answer);
  g_assert_cmpfloat (bourse_quote_get_prev_close (quote), ==, 1.0);
  g_assert_cmpfloat (bourse_quote_get_last (quote), ==, 1.1);    /* the stream's, not the answer's 1.05 */
  g_assert_cmpfloat (bourse_quote_get_bid (quote), ==, 1.09);
  g_assert_cmpfloat_with_epsilon (bourse_quote_get_change (quote), 0.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (bourse_quote_get_change_percent (quote), 10, 1e-9);

  g_assert_true (_bourse_quote_apply_stream (quote, later, "t"));
  g_assert_cmpfloat_with_epsilon (bourse_quote_get_change (quote), 0.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (bourse_quote_get_change_percent (quote), 20, 1e-9);
}

/* The day's change agrees with itself: a percentage that contradicts the
 * broker's own change (USDJPY "+0.006" beside "-0.00 %") or is missing is
 * recomputed from the change and the previous close; one within the
 * broker's rounding is kept as sent. Without a previous close, the change
 * implies it, and later trades move both. Formatting never shows "-0.00". */
static void
test_quote_change_consistent (void)
{
  g_autoptr(JsonObject) contradicting = object_from ("{\"lp\":150.006,\"prev_close_price\":150,\"ch\":0.006,\"chp\":-0.004}");
  g_autoptr(JsonObject) missing = object_from ("{\"lp\":1.2725,\"prev_close_price\":1.2720,\"ch\":0.0005}");
  g_autoptr(JsonObject) rounded = object_from ("{\"lp\":100,\"prev_close_price\":97.5,\"ch\":2.5,\"chp\":2.56}");
  g_autoptr(JsonObject) no_close = object_from ("{\"lp\":1.1,\"ch\":0.1,\"t\":5}");
  g_autoptr(JsonObject) trade = object_from ("{\"p\":1.2,\"s\":1,\"t\":6}");
  g_autoptr(BourseQuote) a = _bourse_quote_new_from_json (contradicting);
  g_autoptr(BourseQuote) b = _bourse_quote_new_from_json (missing);
  g_autoptr(BourseQuote) c = _bourse_quote_new_from_json (rounded);
  g_autoptr(BourseQuote) d = _bourse_quote_new_from_json (no_close);
  g_autofree char *zero = bourse_format_change_percent (-0.004);
  g_autofree char *up = bourse_format_change_percent (0.0393);
  g_autofree char *change = bourse_format_change (-0.000001, 5);

  g_assert_cmpfloat_with_epsilon (bourse_quote_get_change (a), 0.006, 1e-12);
  g_assert_cmpfloat_with_epsilon (bourse_quote_get_change_percent (a), 0.004, 1e-9);
  g_assert_cmpfloat_with_epsilon (bourse_quote_get_change_percent (b), 0.0005 / 1.2720 * 100, 1e-9);
  g_assert_cmpfloat (bourse_quote_get_change_percent (c), ==, 2.56);
  g_assert_cmpfloat_with_epsilon (bourse_quote_get_change_percent (d), 10, 1e-9);
  g_assert_true (_bourse_quote_apply_stream (d, trade, "t"));
  g_assert_cmpfloat_with_epsilon (bourse_quote_get_change (d), 0.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (bourse_quote_get_change_percent (d), 20, 1e-9);

  g_assert_cmpstr (zero, ==, "0.00%");
  g_assert_cmpstr (up, ==, "+0.04%");
  g_assert_cmpstr (change, ==, "0.00000");
}

static BourseExecution *
execution (const char *order_id,
           const char *side,
           double      qty,
           double      price,
           gint64      time,
           gboolean    is_close)
{
  g_autofree char *text = g_strdup_printf ("{\"instrument\":\"EURUSD\",\"orderId\":\"%s\",\"side\":\"%s\","
                                           "\"qty\":%g,\"price\":%.5f,\"time\":%" G_GINT64_FORMAT ",\"isClose\":%s}",
                                           order_id, side, qty, price, time, is_close ? "true" : "false");
  g_autoptr(JsonObject) object = object_from (text);

  return _bourse_execution_new_from_json (object);
}

/* Realised P&L from executions, as a netted position books it: averaging
 * in, closing against the average (in the account's currency through
 * pipValue/pipSize), reversing through zero; a close whose opening is not
 * listed is unknown, not zero. Listed out of time order on purpose. */
static void
test_order_fills (void)
{
  g_autoptr(GListStore) executions = g_list_store_new (BOURSE_TYPE_EXECUTION);
  g_autoptr(GListStore) instruments = g_list_store_new (BOURSE_TYPE_INSTRUMENT);
  g_autoptr(JsonObject) spec = object_from ("{\"name\":\"EURUSD\",\"pipSize\":0.0001,\"pipValue\":0.0002}");
  g_autoptr(BourseInstrument) eurusd = _bourse_instrument_new_from_json (spec);
  g_autoptr(GHashTable) fills = NULL;
  BourseOrderFills *f;
  struct { const char *id, *side; double qty, price; gint64 time; gboolean close; } rows[] = {
    { "4", "sell", 3000, 1.1050, 40, TRUE },    /* closes 1000 long at 1.1050, opens 2000 short there */
    { "1", "buy",  1000, 1.1000, 10, FALSE },
    { "2", "buy",  1000, 1.1020, 20, FALSE },   /* average 1.1010 */
    { "3", "sell", 1000, 1.1030, 30, TRUE },    /* +0.0020 × 1000 × 2 = +4 */
    { "5", "buy",  2000, 1.1040, 50, TRUE },    /* short 2000 from 1.1050 closed at 1.1040: +4 */
  };

  g_list_store_append (instruments, eurusd);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(BourseExecution) e = execution (rows[i].id, rows[i].side, rows[i].qty, rows[i].price, rows[i].time, rows[i].close);
      g_list_store_append (executions, e);
    }
  fills = bourse_order_fills_compute (G_LIST_MODEL (executions), G_LIST_MODEL (instruments));
  g_assert_cmpfloat (((BourseOrderFills *) g_hash_table_lookup (fills, "1"))->realized_pl, ==, 0);
  g_assert_cmpfloat_with_epsilon (((BourseOrderFills *) g_hash_table_lookup (fills, "3"))->realized_pl, 4, 1e-9);
  f = g_hash_table_lookup (fills, "4");
  g_assert_cmpfloat_with_epsilon (f->realized_pl, (1.1050 - 1.1010) * 1000 * 2, 1e-9);
  g_assert_cmpfloat (f->qty, ==, 3000);
  g_assert_cmpint (f->time, ==, 40);
  g_assert_cmpfloat_with_epsilon (((BourseOrderFills *) g_hash_table_lookup (fills, "5"))->realized_pl, 4, 1e-9);

  /* A close whose opening is not among the listed executions. */
  g_list_store_remove_all (executions);
  {
    g_autoptr(BourseExecution) e = execution ("9", "sell", 1000, 1.1, 60, TRUE);
    g_list_store_append (executions, e);
  }
  g_clear_pointer (&fills, g_hash_table_unref);
  fills = bourse_order_fills_compute (G_LIST_MODEL (executions), G_LIST_MODEL (instruments));
  g_assert_true (isnan (((BourseOrderFills *) g_hash_table_lookup (fills, "9"))->realized_pl));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *round_trip = g_strdup_printf ("/Bourse/Core/Models/%s/round-trip", cases[i].name);
      g_autofree char *partial = g_strdup_printf ("/Bourse/Core/Models/%s/partial", cases[i].name);
      g_autofree char *update = g_strdup_printf ("/Bourse/Core/Models/%s/update", cases[i].name);

      g_test_add_data_func (round_trip, &cases[i], test_round_trip);
      g_test_add_data_func (partial, &cases[i], test_partial);
      g_test_add_data_func (update, &cases[i], test_update);
    }
  g_test_add_func ("/Bourse/Core/Models/Quote/change-follows-trades", test_quote_change_follows_trades);
  g_test_add_func ("/Bourse/Core/Models/Quote/change-consistent", test_quote_change_consistent);
  g_test_add_func ("/Bourse/Core/Models/Execution/order-fills", test_order_fills);
  return g_test_run ();
}
