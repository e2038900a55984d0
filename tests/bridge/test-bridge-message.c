/* test-bridge-message.c — the alert message grammar of `bourse-cli bridge`: a table of good and bad messages
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "bourse-bridge-message.h"

typedef struct
{
  const char        *body;
  BourseBridgeAction action;
  double             contracts;
  BourseOrderType    type;
  double             price;
  const char        *key;
} Good;

static const Good good[] = {
  { "{\"secret\":\"s\",\"ticker\":\"EURUSD\",\"action\":\"buy\",\"contracts\":1}",
    BOURSE_BRIDGE_ACTION_BUY, 1, BOURSE_ORDER_TYPE_MARKET, 0, NULL },
  /* numbers as strings, as TradingView substitutes them inside quotes; case-insensitive words */
  { "{\"secret\":\"s\",\"ticker\":\"EURUSD\",\"action\":\"SELL\",\"contracts\":\"2.5\",\"order_type\":\"limit\",\"price\":\"1.0850\",\"id\":\"a-1\"}",
    BOURSE_BRIDGE_ACTION_SELL, 2.5, BOURSE_ORDER_TYPE_LIMIT, 1.085, "id:a-1" },
  { "{\"secret\":\"s\",\"ticker\":\"EURUSD\",\"action\":\"buy\",\"contracts\":3,\"order_type\":\"stop\",\"price\":1.2,\"stop_loss\":1.1,\"take_profit\":\"1.3\",\"time\":\"2024-05-01T14:30:00Z\"}",
    BOURSE_BRIDGE_ACTION_BUY, 3, BOURSE_ORDER_TYPE_STOP, 1.2, "tt:EURUSD@1714573800" },
  /* exit, cancel and reverse need no quantity; an id may be a number; unknown fields are ignored */
  { "{\"secret\":\"s\",\"ticker\":\"EURUSD\",\"action\":\"exit\",\"id\":42,\"comment\":\"x\"}",
    BOURSE_BRIDGE_ACTION_EXIT, 0, BOURSE_ORDER_TYPE_MARKET, 0, "id:42" },
  { "  {\"secret\":\"s\",\"ticker\":\"EURUSD\",\"action\":\"cancel\",\"contracts\":\"\",\"time\":1714573800000}\n",
    BOURSE_BRIDGE_ACTION_CANCEL, 0, BOURSE_ORDER_TYPE_MARKET, 0, "tt:EURUSD@1714573800" },
  { "{\"secret\":\"s\",\"ticker\":\"EURUSD\",\"action\":\"reverse\"}",
    BOURSE_BRIDGE_ACTION_REVERSE, 0, BOURSE_ORDER_TYPE_MARKET, 0, NULL },
};

typedef struct
{
  const char *body;
  gboolean    malformed;  /* no secret can be read */
  const char *reason;     /* a part of the one-line reason */
} Bad;

static const Bad bad[] = {
  { "", TRUE, "empty body" },
  { "   \n", TRUE, "empty body" },
  { "{\"secret\":\"s\",", TRUE, "malformed JSON" },
  { "[1,2]", TRUE, "malformed JSON" },
  { "buy,EURUSD,qty=1", TRUE, "malformed JSON" },
  { "{\"secret\":\"s\"}{\"secret\":\"s\"}", TRUE, "malformed JSON" },
  { "{\"secret\":\"s\",\"action\":\"buy\",\"contracts\":1}", FALSE, "ticker: missing" },
  { "{\"secret\":\"s\",\"ticker\":\"EURUSD\",\"contracts\":1}", FALSE, "action: missing" },
  { "{\"secret\":\"s\",\"ticker\":\"EURUSD\",\"action\":\"hodl\",\"contracts\":1}", FALSE, "action: \"hodl\"" },
  { "{\"secret\":\"s\",\"ticker\":\"EURUSD\",\"action\":\"buy\"}", FALSE, "contracts: missing" },
  { "{\"secret\":\"s\",\"ticker\":\"EURUSD\",\"action\":\"buy\",\"contracts\":0}", FALSE, "contracts: 0 is not a positive" },
  { "{\"secret\":\"s\",\"ticker\":\"EURUSD\",\"action\":\"buy\",\"contracts\":-1}", FALSE, "contracts: -1 is not a positive" },
  { "{\"secret\":\"s\",\"ticker\":\"EURUSD\",\"action\":\"buy\",\"contracts\":\"NaN\"}", FALSE, "contracts: \"NaN\" is not a number" },
  { "{\"secret\":\"s\",\"ticker\":\"EURUSD\",\"action\":\"buy\",\"contracts\":\"inf\"}", FALSE, "is not a number" },
  { "{\"secret\":\"s\",\"ticker\":\"EURUSD\",\"action\":\"buy\",\"contracts\":1e400}", FALSE, "contracts: expected a finite number" },
  { "{\"secret\":\"s\",\"ticker\":\"EURUSD\",\"action\":\"buy\",\"contracts\":\"1,5\"}", FALSE, "contracts: \"1,5\" is not a number" },
  { "{\"secret\":\"s\",\"ticker\":\"EURUSD\",\"action\":\"buy\",\"contracts\":\"0x10\"}", FALSE, "is not a number" },
  { "{\"secret\":\"s\",\"ticker\":\"EURUSD\",\"action\":\"buy\",\"contracts\":true}", FALSE, "contracts: expected a finite number" },
  { "{\"secret\":\"s\",\"ticker\":\"EURUSD\",\"action\":\"buy\",\"contracts\":1,\"order_type\":\"limit\"}", FALSE, "price: missing" },
  { "{\"secret\":\"s\",\"ticker\":\"EURUSD\",\"action\":\"buy\",\"contracts\":1,\"order_type\":\"iceberg\"}", FALSE, "order_type" },
  { "{\"secret\":\"s\",\"ticker\":\"EURUSD\",\"action\":\"buy\",\"contracts\":1,\"stop_loss\":-2}", FALSE, "stop_loss: -2" },
  { "{\"secret\":\"s\",\"ticker\":\"EURUSD\",\"action\":\"buy\",\"contracts\":1,\"time\":\"yesterday T\"}", FALSE, "time:" },
  { "{\"secret\":\"s\",\"ticker\":[\"EURUSD\"],\"action\":\"buy\",\"contracts\":1}", FALSE, "ticker: expected a string" },
};

static void
test_good (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *secret = NULL;
      g_autofree char *key = NULL;
      g_autoptr(BourseBridgeMessage) message = bourse_bridge_message_parse (good[i].body, strlen (good[i].body),
                                                                            &secret, &error);

      g_test_message ("%s", good[i].body);
      g_assert_no_error (error);
      g_assert_nonnull (message);
      g_assert_cmpstr (secret, ==, "s");
      g_assert_cmpstr (message->ticker, ==, "EURUSD");
      g_assert_cmpint (message->action, ==, good[i].action);
      g_assert_cmpfloat_with_epsilon (message->contracts, good[i].contracts, 1e-12);
      g_assert_cmpint (message->order_type, ==, good[i].type);
      g_assert_cmpfloat_with_epsilon (message->price, good[i].price, 1e-12);
      key = bourse_bridge_message_dup_key (message);
      g_assert_cmpstr (key, ==, good[i].key);
    }
}

static void
test_bad (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *secret = NULL;
      g_autoptr(BourseBridgeMessage) message = bourse_bridge_message_parse (bad[i].body, strlen (bad[i].body),
                                                                            &secret, &error);

      g_test_message ("%s", bad[i].body);
      g_assert_null (message);
      g_assert_error (error, BOURSE_BRIDGE_MESSAGE_ERROR,
                      bad[i].malformed ? BOURSE_BRIDGE_MESSAGE_ERROR_MALFORMED : BOURSE_BRIDGE_MESSAGE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, bad[i].reason));
      g_assert_null (strchr (error->message, '\n'));
      /* The secret is still read from a JSON object, to answer 401 first. */
      g_assert_cmpstr (secret, ==, bad[i].malformed ? NULL : "s");
    }
}

/* A NUL inside the body, or bytes that are not UTF-8, are malformed. */
static void
test_binary (void)
{
  static const char nul[] = "{\"secret\":\"s\"}\0{}";
  static const char latin1[] = "{\"secret\":\"\xe9\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(BourseBridgeMessage) message = bourse_bridge_message_parse (nul, sizeof nul - 1, NULL, &error);

  g_assert_null (message);
  g_assert_error (error, BOURSE_BRIDGE_MESSAGE_ERROR, BOURSE_BRIDGE_MESSAGE_ERROR_MALFORMED);
  g_clear_error (&error);
  message = bourse_bridge_message_parse (latin1, strlen (latin1), NULL, &error);
  g_assert_null (message);
  g_assert_error (error, BOURSE_BRIDGE_MESSAGE_ERROR, BOURSE_BRIDGE_MESSAGE_ERROR_MALFORMED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Bourse/Bridge/Message/good", test_good);
  g_test_add_func ("/Bourse/Bridge/Message/bad", test_bad);
  g_test_add_func ("/Bourse/Bridge/Message/binary", test_binary);
  return g_test_run ();
}
