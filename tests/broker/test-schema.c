/* test-schema.c — bourse-schema and the strict JSON readers on recorded and broken broker responses
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>

#include "bourse-broker-error.h"
#include "bourse-json.h"
#include "bourse-schema.h"

static JsonNode *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "broker", name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  gsize length;

  g_file_get_contents (path, &text, &length, &error);
  g_assert_no_error (error);
  root = _bourse_json_parse (text, length, &error);
  g_assert_no_error (error);
  return root;
}

/* Asserts that @violations holds a violation at @path whose message contains @needle. */
static void
assert_violation (GPtrArray  *violations,
                  const char *path,
                  const char *needle)
{
  for (guint i = 0; i < violations->len; i++)
    {
      BourseSchemaViolation *v = g_ptr_array_index (violations, i);
      if (g_str_equal (v->path, path) && strstr (v->message, needle) != NULL)
        return;
    }
  for (guint i = 0; i < violations->len; i++)
    {
      BourseSchemaViolation *v = g_ptr_array_index (violations, i);
      g_printerr ("  have %s: %s\n", v->path, v->message);
    }
  g_error ("no violation at %s mentioning “%s”", path, needle);
}

static void
assert_no_violation_at (GPtrArray  *violations,
                        const char *prefix)
{
  for (guint i = 0; i < violations->len; i++)
    {
      BourseSchemaViolation *v = g_ptr_array_index (violations, i);
      if (g_str_has_prefix (v->path, prefix))
        g_error ("unexpected violation at %s: %s", v->path, v->message);
    }
}

static void
test_valid_orders_with_extra_members (void)
{
  g_autoptr(JsonNode) root = load_fixture ("orders-valid.json");
  g_autoptr(GPtrArray) lenient = bourse_schema_validate (BOURSE_SCHEMA_ORDERS, root, BOURSE_SCHEMA_FLAGS_NONE);
  g_autoptr(GPtrArray) strict = bourse_schema_validate (BOURSE_SCHEMA_ORDERS, root, BOURSE_SCHEMA_FLAGS_STRICT);

  /* Unknown members ("brokerSpecificField") are tolerated even in strict mode. */
  g_assert_cmpuint (lenient->len, ==, 0);
  g_assert_cmpuint (strict->len, ==, 0);
}

static void
test_broken_orders (void)
{
  g_autoptr(JsonNode) root = load_fixture ("orders-broken.json");
  g_autoptr(GPtrArray) strict = bourse_schema_validate (BOURSE_SCHEMA_ORDERS, root, BOURSE_SCHEMA_FLAGS_STRICT);
  g_autoptr(GPtrArray) lenient = bourse_schema_validate (BOURSE_SCHEMA_ORDERS, root, BOURSE_SCHEMA_FLAGS_NONE);

  assert_violation (strict, "$.d[0].qty", "numeric string");
  assert_violation (strict, "$.d[1].side", "one of buy, sell");
  assert_violation (strict, "$.d[2].limitPrice", "missing");
  assert_violation (strict, "$.d[3].status", "missing");
  assert_violation (strict, "$.d[4].id", "id string");
  assert_violation (strict, "$.d[5].qty", "positive");
  assert_violation (strict, "$.d[5].lastModified", "UNIX seconds");
  assert_violation (strict, "$.d[6].qty", "expected a number, got a string");

  /* The client tolerates a numeric string, an integer id and an unknown enum
   * value; it never tolerates a missing member or a non-number. */
  assert_no_violation_at (lenient, "$.d[0]");
  assert_no_violation_at (lenient, "$.d[1]");
  assert_no_violation_at (lenient, "$.d[4]");
  assert_violation (lenient, "$.d[2].limitPrice", "missing");
  assert_violation (lenient, "$.d[3].status", "missing");
  assert_violation (lenient, "$.d[6].qty", "expected a number");
}

static void
test_broken_state (void)
{
  g_autoptr(JsonNode) root = load_fixture ("state-broken.json");
  g_autoptr(GPtrArray) v = bourse_schema_validate (BOURSE_SCHEMA_ACCOUNT_STATE, root, BOURSE_SCHEMA_FLAGS_STRICT);

  assert_violation (v, "$.d.balance", "missing required member");
  assert_violation (v, "$.d.equity", "numeric string");
  assert_violation (v, "$.d.amData[0][0][1]", "expected a string, got a number");
  assert_violation (v, "$.d.accountSummaryRowData", "expected an array");
}

static void
test_envelope (void)
{
  g_autoptr(JsonNode) broken = load_fixture ("envelope-broken.json");
  g_autoptr(JsonNode) rejected = load_fixture ("rejected.json");
  g_autoptr(GPtrArray) v1 = bourse_schema_validate (BOURSE_SCHEMA_ORDERS, broken, BOURSE_SCHEMA_FLAGS_NONE);
  g_autoptr(GPtrArray) v2 = bourse_schema_validate (BOURSE_SCHEMA_PLACE_ORDER, rejected, BOURSE_SCHEMA_FLAGS_STRICT);
  const char *errmsg = NULL;

  assert_violation (v1, "$.s", "\"ok\" or \"error\"");
  /* A rejection is the broker's answer, not a violation. */
  g_assert_cmpuint (v2->len, ==, 0);
  g_assert_true (bourse_schema_is_rejection (rejected, &errmsg));
  g_assert_cmpstr (errmsg, ==, "Quantity 1500 is not a multiple of the step 1000");
  g_assert_false (bourse_schema_is_rejection (broken, NULL));
}

static void
test_history (void)
{
  g_autoptr(JsonNode) mismatch = load_fixture ("history-mismatch.json");
  g_autoptr(JsonNode) descending = load_fixture ("history-descending.json");
  g_autoptr(JsonNode) nodata = load_fixture ("history-nodata.json");
  g_autoptr(GPtrArray) v1 = bourse_schema_validate (BOURSE_SCHEMA_HISTORY, mismatch, BOURSE_SCHEMA_FLAGS_NONE);
  g_autoptr(GPtrArray) v2 = bourse_schema_validate (BOURSE_SCHEMA_HISTORY, descending, BOURSE_SCHEMA_FLAGS_NONE);
  g_autoptr(GPtrArray) v3 = bourse_schema_validate (BOURSE_SCHEMA_HISTORY, nodata, BOURSE_SCHEMA_FLAGS_STRICT);

  assert_violation (v1, "$.c", "expected 3 elements");
  assert_violation (v2, "$.t[1]", "ascending");
  g_assert_cmpuint (v3->len, ==, 0);
}

static void
test_quotes_instruments_depth (void)
{
  g_autoptr(JsonNode) quotes = load_fixture ("quotes-broken.json");
  g_autoptr(JsonNode) instruments = load_fixture ("instruments-broken.json");
  g_autoptr(JsonNode) depth = load_fixture ("depth-broken.json");
  g_autoptr(GPtrArray) vq = bourse_schema_validate (BOURSE_SCHEMA_QUOTES, quotes, BOURSE_SCHEMA_FLAGS_STRICT);
  g_autoptr(GPtrArray) vi = bourse_schema_validate (BOURSE_SCHEMA_INSTRUMENTS, instruments, BOURSE_SCHEMA_FLAGS_STRICT);
  g_autoptr(GPtrArray) vd = bourse_schema_validate (BOURSE_SCHEMA_DEPTH, depth, BOURSE_SCHEMA_FLAGS_STRICT);

  assert_violation (vq, "$.d[0].v.bid", "missing");
  assert_violation (vq, "$.d[0].v.lp", "numeric string");
  /* a per-symbol error entry needs no v */
  assert_no_violation_at (vq, "$.d[1]");
  assert_violation (vi, "$.d[0].minTick", "numeric string");
  assert_violation (vi, "$.d[0].type", "one of stock");
  assert_violation (vi, "$.d[0].maxQty", "maxQty >= minQty");
  assert_violation (vd, "$.d.asks[1]", "[price, volume]");
  assert_violation (vd, "$.d.bids[0][1]", "non-negative");
}

static void
test_stream_lines (void)
{
  static const struct { BourseSchema schema; const char *line; const char *path; const char *needle; } cases[] = {
    { BOURSE_SCHEMA_STREAM_PRICES, "{\"f\":\"q\",\"id\":\"EURUSD\",\"t\":1732500000,\"ap\":1.1,\"bp\":1.0}", NULL, NULL },
    { BOURSE_SCHEMA_STREAM_PRICES, "{\"f\":\"zz\",\"anything\":true}", NULL, NULL },  /* unknown f: ignored */
    { BOURSE_SCHEMA_STREAM_PRICES, "{\"id\":\"EURUSD\",\"p\":1.1,\"s\":5,\"t\":1732500000}", NULL, NULL },  /* no f: a trade */
    { BOURSE_SCHEMA_STREAM_PRICES, "{\"f\":\"q\",\"id\":\"EURUSD\",\"t\":1732500000,\"bp\":1.0}", "$.ap", "missing" },
    { BOURSE_SCHEMA_STREAM_PRICES, "[1,2]", "$", "expected an object" },
    { BOURSE_SCHEMA_STREAM_ORDERS, "[]", NULL, NULL },
    { BOURSE_SCHEMA_STREAM_ORDERS, "{\"s\":\"ping\"}", NULL, NULL },
    { BOURSE_SCHEMA_STREAM_ORDERS, "{}", NULL, NULL },
    { BOURSE_SCHEMA_STREAM_ORDERS, "{\"s\":\"error\",\"errmsg\":\"session ended\"}", NULL, NULL },
    { BOURSE_SCHEMA_STREAM_ORDERS, "{\"id\":\"1\",\"instrument\":\"A\",\"qty\":1,\"side\":\"buy\",\"type\":\"market\"}", "$.status", "missing" },
    { BOURSE_SCHEMA_STREAM_POSITIONS, "{\"id\":\"P1\",\"instrument\":\"A\",\"qty\":0,\"side\":\"buy\",\"avgPrice\":1}", NULL, NULL },
    { BOURSE_SCHEMA_STREAM_POSITIONS, "[{\"id\":\"P1\",\"instrument\":\"A\",\"side\":\"buy\",\"avgPrice\":1}]", "$[0].qty", "missing" },
    { BOURSE_SCHEMA_STREAM_STATE, "{\"balance\":1,\"unrealizedPl\":0}", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = _bourse_json_parse (cases[i].line, -1, &error);
      g_autoptr(GPtrArray) v = NULL;

      g_assert_no_error (error);
      v = bourse_schema_validate (cases[i].schema, root, BOURSE_SCHEMA_FLAGS_STRICT);
      if (cases[i].path == NULL)
        {
          if (v->len != 0)
            g_error ("case %u: unexpected %s: %s", i, ((BourseSchemaViolation *) v->pdata[0])->path,
                     ((BourseSchemaViolation *) v->pdata[0])->message);
        }
      else
        assert_violation (v, cases[i].path, cases[i].needle);
    }
}

/* json-glib accepts empty input with a NULL root and two documents keeping
 * only the first (platform notes §3.2): the parse helper must not. */
static void
test_parse_errors (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "broker", "not-json.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  root = _bourse_json_parse ("", 0, &error);
  g_assert_null (root);
  g_assert_error (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_PROTOCOL);
  g_clear_error (&error);

  root = _bourse_json_parse ("   \n", -1, &error);
  g_assert_null (root);
  g_assert_error (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_PROTOCOL);
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  root = _bourse_json_parse (text, -1, &error);
  g_assert_null (root);
  g_assert_nonnull (strstr (error->message, "not JSON"));
}

/* The readers never g_critical (fatal under g_test) and never coerce silently. */
static void
test_strict_readers (void)
{
  g_autoptr(JsonNode) root = _bourse_json_parse ("{\"n\":12.5,\"i\":7,\"s\":\"12.5\",\"bad\":\"12,5\","
                                                 "\"t\":1732500000.0,\"b\":true,\"z\":null,\"inf\":1e400}", -1, NULL);
  JsonObject *o = json_node_get_object (root);
  double d = -1;
  gint64 i = -1;
  gboolean b = FALSE;

  g_assert_true (_bourse_json_get_number (o, "n", &d));
  g_assert_cmpfloat (d, ==, 12.5);
  g_assert_true (_bourse_json_get_number (o, "i", &d));
  g_assert_cmpfloat (d, ==, 7);
  g_assert_true (_bourse_json_get_number (o, "s", &d));
  g_assert_cmpfloat (d, ==, 12.5);
  g_assert_false (_bourse_json_get_number (o, "bad", &d));
  g_assert_false (_bourse_json_get_number (o, "missing", &d));
  g_assert_false (_bourse_json_get_number (o, "z", &d));
  g_assert_false (_bourse_json_get_number (o, "inf", &d));
  g_assert_false (_bourse_json_get_number (o, "b", &d));
  g_assert_true (_bourse_json_get_int64 (o, "t", &i));
  g_assert_cmpint (i, ==, 1732500000);
  g_assert_false (_bourse_json_get_int64 (o, "n", &i));
  g_assert_null (_bourse_json_get_string (o, "n"));
  g_assert_null (_bourse_json_get_string (o, "missing"));
  g_assert_true (_bourse_json_get_boolean (o, "b", &b) && b);
  g_assert_false (_bourse_json_get_boolean (o, "i", &b));
  g_assert_null (_bourse_json_get_object (o, "n"));
  g_assert_null (_bourse_json_get_array (o, "missing"));
  {
    g_autofree char *id = _bourse_json_dup_id (o, "i");
    g_assert_cmpstr (id, ==, "7");
  }
}

static void
test_number_format (void)
{
  static const struct { double value; const char *text; } cases[] = {
    { 1.08412, "1.08412" }, { 100, "100" }, { 0.1 + 0.2, "0.30000000000000004" }, { -2.5, "-2.5" },
    { 1e-7, "1e-07" }, { 100000000, "100000000" }, { 0.00001, "1e-05" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = _bourse_format_number (cases[i].value);
      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpfloat (g_ascii_strtod (text, NULL), ==, cases[i].value);
    }
}

/* What the validators said before their rules became tables, word for word. */
#define EXPECTED_CONFIG \
  "$.d.accountManager[0].columns[0].title: expected a string, got an integer\n" \
  "$.d.accountManager[0].columns[1].alignment: expected one of left, right; got \"middle\"\n" \
  "$.d.accountManager[0].columns[1].isCapitalize: expected a boolean, got a string\n" \
  "$.d.accountManager[1].id: missing required member\n" \
  "$.d.accountManager[1].columns: missing required member\n" \
  "$.d.durations[0].title: missing required member\n" \
  "$.d.accountSummaryRow: expected an array, got a string\n" \
  "$.d.pullingInterval.quotes: expected a number, got a string\n" \
  "$.d.pullingInterval.orders: expected a positive number, got 0\n" \
  "$.d.streaming.prices: expected a boolean, got an integer\n"
#define EXPECTED_PREVIEW \
  "$.d.sections[0].rows[0].value: missing required member\n" \
  "$.d.sections[0].rows[1]: expected an object, got an integer\n" \
  "$.d.sections[1].header: expected a string, got an integer\n" \
  "$.d.sections[1].rows: missing required member\n" \
  "$.d.confirmId: expected an id string, got a boolean\n"
#define EXPECTED_EXECUTIONS_STRICT \
  "$.d[0].id: missing required member\n" \
  "$.d[0].price: expected a number, got a numeric string\n" \
  "$.d[0].time: expected integer UNIX seconds, got a number\n" \
  "$.d[0].qty: expected a positive number, got 0\n" \
  "$.d[0].isClose: expected a boolean, got an integer\n"
#define EXPECTED_EXECUTIONS_LENIENT \
  "$.d[0].time: expected integer UNIX seconds, got a number\n" \
  "$.d[0].qty: expected a positive number, got 0\n" \
  "$.d[0].isClose: expected a boolean, got an integer\n"

/* Renders every violation as "path: message" lines, in the order found. */
static char *
violations_text (GPtrArray *violations)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < violations->len; i++)
    {
      BourseSchemaViolation *v = g_ptr_array_index (violations, i);
      g_string_append_printf (out, "%s: %s\n", v->path, v->message);
    }
  return g_string_free (out, FALSE);
}

static void
test_nested_rules (void)
{
  /* Nested arrays and objects of /config, /previewOrder and an execution:
   * every violation, with its path, in the order the rules are checked. */
  g_autoptr(JsonNode) config = _bourse_json_parse (
    "{\"s\":\"ok\",\"d\":{\"accountManager\":[{\"id\":\"t\",\"columns\":[{\"id\":\"c\",\"title\":1},"
    "{\"id\":\"d\",\"title\":\"D\",\"alignment\":\"middle\",\"isCapitalize\":\"no\"}]},{\"title\":\"x\"}],"
    "\"durations\":[{\"id\":\"DAY\"}],\"accountSummaryRow\":\"nope\","
    "\"pullingInterval\":{\"orders\":0,\"quotes\":\"fast\"},\"streaming\":{\"prices\":1}}}", -1, NULL);
  g_autoptr(JsonNode) preview = _bourse_json_parse (
    "{\"s\":\"ok\",\"d\":{\"sections\":[{\"rows\":[{\"title\":\"Fee\"},3]},{\"header\":7}],\"confirmId\":true}}", -1, NULL);
  g_autoptr(JsonNode) executions = _bourse_json_parse (
    "{\"s\":\"ok\",\"d\":[{\"instrument\":\"A\",\"price\":\"1.5\",\"time\":1.5,\"qty\":0,\"side\":\"buy\",\"isClose\":1}]}", -1, NULL);
  g_autoptr(GPtrArray) v1 = bourse_schema_validate (BOURSE_SCHEMA_CONFIG, config, BOURSE_SCHEMA_FLAGS_STRICT);
  g_autoptr(GPtrArray) v2 = bourse_schema_validate (BOURSE_SCHEMA_PREVIEW_ORDER, preview, BOURSE_SCHEMA_FLAGS_STRICT);
  g_autoptr(GPtrArray) v3 = bourse_schema_validate (BOURSE_SCHEMA_EXECUTIONS, executions, BOURSE_SCHEMA_FLAGS_STRICT);
  g_autoptr(GPtrArray) v4 = bourse_schema_validate (BOURSE_SCHEMA_EXECUTIONS, executions, BOURSE_SCHEMA_FLAGS_NONE);
  g_autofree char *t1 = violations_text (v1);
  g_autofree char *t2 = violations_text (v2);
  g_autofree char *t3 = violations_text (v3);
  g_autofree char *t4 = violations_text (v4);

  g_assert_cmpstr (t1, ==, EXPECTED_CONFIG);
  g_assert_cmpstr (t2, ==, EXPECTED_PREVIEW);
  g_assert_cmpstr (t3, ==, EXPECTED_EXECUTIONS_STRICT);
  g_assert_cmpstr (t4, ==, EXPECTED_EXECUTIONS_LENIENT);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/Core/Schema/valid-orders-with-extra-members", test_valid_orders_with_extra_members);
  g_test_add_func ("/Bourse/Core/Schema/broken-orders", test_broken_orders);
  g_test_add_func ("/Bourse/Core/Schema/broken-state", test_broken_state);
  g_test_add_func ("/Bourse/Core/Schema/envelope-and-rejection", test_envelope);
  g_test_add_func ("/Bourse/Core/Schema/history", test_history);
  g_test_add_func ("/Bourse/Core/Schema/nested-rules", test_nested_rules);
  g_test_add_func ("/Bourse/Core/Schema/quotes-instruments-depth", test_quotes_instruments_depth);
  g_test_add_func ("/Bourse/Core/Schema/stream-lines", test_stream_lines);
  g_test_add_func ("/Bourse/Core/Json/parse-errors", test_parse_errors);
  g_test_add_func ("/Bourse/Core/Json/strict-readers", test_strict_readers);
  g_test_add_func ("/Bourse/Core/Json/number-format", test_number_format);

  return g_test_run ();
}
