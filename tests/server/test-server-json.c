/* test-server-json.c — the broker's JSON writer: shortest numbers, exact round trips
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "bourse-server-json.h"

static char *
write_value (JsonNode *node)
{
  g_autoptr(JsonNode) owned = node;

  return bourse_server_json_to_string (owned);
}

static JsonNode *
double_node (double value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_double (node, value);
  return node;
}

static void
test_numbers (void)
{
  const struct { double value; const char *text; } cases[] = {
    { 1.0946, "1.0946" }, { 100.0, "100" }, { -2.5, "-2.5" }, { 0.1 + 0.2, "0.30000000000000004" },
    { 1e-05, "1e-05" }, { 0.00012345, "0.00012345" }, { 68000.1, "68000.1" },
    { 1e20, "1e+20" }, { NAN, "null" }, { INFINITY, "null" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = write_value (double_node (cases[i].value));

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  /* any double reads back exactly */
  for (guint i = 0; i < 2000; i++)
    {
      double value = g_test_rand_double_range (-1e6, 1e6) / (1 + i % 7);
      g_autofree char *text = write_value (double_node (value));

      g_assert_cmpfloat (g_ascii_strtod (text, NULL), ==, value);
    }
}

static void
test_structure_roundtrip (void)
{
  const char *input = "{\"s\":\"ok\",\"d\":[{\"id\":\"a\\\"b\\\\c\\n\\u0001\",\"qty\":1000,\"ok\":true,"
                      "\"no\":false,\"none\":null,\"px\":1.08412,\"nested\":{\"x\":[]}}]}";
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) again = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  json_parser_load_from_data (parser, input, -1, &error);
  g_assert_no_error (error);
  text = bourse_server_json_to_string (json_parser_get_root (parser));
  g_assert_cmpstr (text, ==, input);
  json_parser_load_from_data (again, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (json_parser_get_root (parser), json_parser_get_root (again)));
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autofree char *text = NULL;

  /* json-glib stores what it is given; the writer must still emit valid UTF-8 */
  json_node_set_string (node, "Unknown symbol '\xff\xfe'");
  text = bourse_server_json_to_string (node);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_str_has_prefix (text, "\"Unknown symbol '"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/Server/Json/numbers", test_numbers);
  g_test_add_func ("/Bourse/Server/Json/structure-roundtrip", test_structure_roundtrip);
  g_test_add_func ("/Bourse/Server/Json/invalid-utf8", test_invalid_utf8);

  return g_test_run ();
}
