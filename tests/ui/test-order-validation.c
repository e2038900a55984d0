/* test-order-validation.c — the order ticket's rules, without a display
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "bourse-order-validation.h"
#include "bourse-session.h"

static const BourseInstrumentRules eurusd = {
  .min_qty = 1000, .max_qty = 1000000, .qty_step = 1000,
  .min_tick = 0.00001, .pip_size = 0.0001, .pip_value = 0.0001,
};

static BourseOrderDraft
market_buy (double qty)
{
  BourseOrderDraft draft = {
    .side = BOURSE_SIDE_BUY, .type = BOURSE_ORDER_TYPE_MARKET, .qty = qty,
    .bid = 1.08400, .ask = 1.08410, .now = 1732500000,
  };
  return draft;
}

static void
test_quantity_rules (void)
{
  BourseOrderCheck check;
  BourseOrderDraft draft;

  draft = market_buy (2000);
  g_assert_true (bourse_order_draft_check (&eurusd, &draft, &check));
  g_assert_cmpfloat (check.qty, ==, 2000);
  g_assert_cmpfloat_with_epsilon (check.estimated_value, 2000 * 1.08410, 1e-9);
  bourse_order_check_clear (&check);

  /* Below the minimum, above the maximum, off the step, zero, NaN. */
  const double bad[] = { 500, 2000000, 1500, 0, -1000, NAN };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      draft = market_buy (bad[i]);
      g_assert_false (bourse_order_draft_check (&eurusd, &draft, &check));
      g_assert_nonnull (check.errors[BOURSE_ORDER_FIELD_QTY]);
      g_assert_null (check.errors[BOURSE_ORDER_FIELD_LIMIT_PRICE]);
      bourse_order_check_clear (&check);
    }

  /* 0.1 + 0.2 lots is a multiple of 0.1 despite binary floating point. */
  {
    BourseInstrumentRules lots = { .min_qty = 0.1, .max_qty = 100, .qty_step = 0.1, .min_tick = 0.01 };

    draft = market_buy (0.1 + 0.2);
    g_assert_true (bourse_order_draft_check (&lots, &draft, &check));
    bourse_order_check_clear (&check);
  }
}

static void
test_prices_round_to_tick (void)
{
  BourseOrderCheck check;
  BourseOrderDraft draft = market_buy (1000);
  g_autofree char *wire = NULL;
  g_autofree char *shown = NULL;

  draft.type = BOURSE_ORDER_TYPE_LIMIT;
  draft.limit_price = 1.083337;
  g_assert_true (bourse_order_draft_check (&eurusd, &draft, &check));
  g_assert_cmpfloat_with_epsilon (check.limit_price, 1.08334, 1e-12);
  bourse_order_check_clear (&check);

  g_assert_cmpuint (bourse_decimals_for_tick (0.00001), ==, 5);
  g_assert_cmpuint (bourse_decimals_for_tick (0.25), ==, 2);
  g_assert_cmpuint (bourse_decimals_for_tick (1), ==, 0);
  wire = bourse_format_wire_number (1.08334, 0.00001);
  g_assert_cmpstr (wire, ==, "1.08334");
  shown = bourse_format_price (NAN, 0.01);
  g_assert_cmpstr (shown, ==, "—");

  draft.limit_price = 0;
  g_assert_false (bourse_order_draft_check (&eurusd, &draft, &check));
  g_assert_nonnull (check.errors[BOURSE_ORDER_FIELD_LIMIT_PRICE]);
  bourse_order_check_clear (&check);
}

static void
test_stop_direction (void)
{
  BourseOrderCheck check;
  BourseOrderDraft draft = market_buy (1000);

  /* A buy stop at or below the ask would fill at once. */
  draft.type = BOURSE_ORDER_TYPE_STOP;
  draft.stop_price = 1.08400;
  g_assert_false (bourse_order_draft_check (&eurusd, &draft, &check));
  g_assert_nonnull (check.errors[BOURSE_ORDER_FIELD_STOP_PRICE]);
  bourse_order_check_clear (&check);

  draft.stop_price = 1.08500;
  g_assert_true (bourse_order_draft_check (&eurusd, &draft, &check));
  bourse_order_check_clear (&check);

  draft.side = BOURSE_SIDE_SELL;
  g_assert_false (bourse_order_draft_check (&eurusd, &draft, &check));
  g_assert_nonnull (check.errors[BOURSE_ORDER_FIELD_STOP_PRICE]);
  bourse_order_check_clear (&check);

  /* Stop-limit: both prices checked, the entry is the limit. */
  draft.side = BOURSE_SIDE_BUY;
  draft.type = BOURSE_ORDER_TYPE_STOP_LIMIT;
  draft.limit_price = 1.08510;
  g_assert_true (bourse_order_draft_check (&eurusd, &draft, &check));
  g_assert_cmpfloat_with_epsilon (check.entry_price, 1.08510, 1e-12);
  bourse_order_check_clear (&check);
}

static void
test_brackets (void)
{
  BourseOrderCheck check;
  BourseOrderDraft draft = market_buy (10000);

  draft.has_take_profit = TRUE;
  draft.has_stop_loss = TRUE;
  draft.take_profit = 1.08610;
  draft.stop_loss = 1.08310;
  g_assert_true (bourse_order_draft_check (&eurusd, &draft, &check));
  /* 10 pips each way × 10000 units × 0.0001 per pip and unit = 10. */
  g_assert_cmpfloat_with_epsilon (check.risk, 10.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (check.reward, 20.0, 1e-6);
  bourse_order_check_clear (&check);

  /* On the wrong side of the entry. */
  draft.take_profit = 1.08300;
  draft.stop_loss = 1.08500;
  g_assert_false (bourse_order_draft_check (&eurusd, &draft, &check));
  g_assert_nonnull (check.errors[BOURSE_ORDER_FIELD_TAKE_PROFIT]);
  g_assert_nonnull (check.errors[BOURSE_ORDER_FIELD_STOP_LOSS]);
  bourse_order_check_clear (&check);

  /* In ticks from the entry: a sell's take profit is below it. */
  draft.side = BOURSE_SIDE_SELL;
  draft.bracket_unit = BOURSE_BRACKET_UNIT_TICKS;
  draft.take_profit = 50;
  draft.stop_loss = 20;
  g_assert_true (bourse_order_draft_check (&eurusd, &draft, &check));
  g_assert_cmpfloat_with_epsilon (check.take_profit_price, 1.08400 - 50 * 0.00001, 1e-12);
  g_assert_cmpfloat_with_epsilon (check.stop_loss_price, 1.08400 + 20 * 0.00001, 1e-12);
  bourse_order_check_clear (&check);

  draft.take_profit = 2.5;
  g_assert_false (bourse_order_draft_check (&eurusd, &draft, &check));
  g_assert_nonnull (check.errors[BOURSE_ORDER_FIELD_TAKE_PROFIT]);
  bourse_order_check_clear (&check);

  /* Ticks with no market price to count from. */
  draft.take_profit = 50;
  draft.bid = draft.ask = NAN;
  g_assert_false (bourse_order_draft_check (&eurusd, &draft, &check));
  g_assert_nonnull (check.errors[BOURSE_ORDER_FIELD_TAKE_PROFIT]);
  bourse_order_check_clear (&check);
}

static void
test_expiry (void)
{
  BourseOrderCheck check;
  BourseOrderDraft draft = market_buy (1000);

  draft.type = BOURSE_ORDER_TYPE_LIMIT;
  draft.limit_price = 1.08;
  draft.needs_expiry = TRUE;
  draft.expiry = draft.now - 60;
  g_assert_false (bourse_order_draft_check (&eurusd, &draft, &check));
  g_assert_nonnull (check.errors[BOURSE_ORDER_FIELD_EXPIRY]);
  bourse_order_check_clear (&check);

  draft.expiry = draft.now + 3600;
  g_assert_true (bourse_order_draft_check (&eurusd, &draft, &check));
  bourse_order_check_clear (&check);
}

static void
test_base_url_rules (void)
{
  struct { const char *url; gboolean insecure; gboolean ok; } cases[] = {
    { "https://broker.example/tradingview/v1", FALSE, TRUE },
    { "http://127.0.0.1:8080", FALSE, TRUE },
    { "http://localhost:8080/api", FALSE, TRUE },
    { "http://[::1]:8080/", FALSE, TRUE },
    { "http://broker.example/api", FALSE, FALSE },
    { "http://broker.example/api", TRUE, TRUE },
    { "ftp://broker.example/", TRUE, FALSE },
    { "broker.example", FALSE, FALSE },
    { "", FALSE, FALSE },
    { "https://", FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = bourse_session_check_base_url (cases[i].url, cases[i].insecure, &error);

      g_test_message ("%s (insecure allowed: %d)", cases[i].url, cases[i].insecure);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        g_assert_nonnull (error);
      else
        g_assert_no_error (error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/UI/OrderValidation/quantity-rules", test_quantity_rules);
  g_test_add_func ("/Bourse/UI/OrderValidation/prices-round-to-tick", test_prices_round_to_tick);
  g_test_add_func ("/Bourse/UI/OrderValidation/stop-direction", test_stop_direction);
  g_test_add_func ("/Bourse/UI/OrderValidation/brackets", test_brackets);
  g_test_add_func ("/Bourse/UI/OrderValidation/expiry", test_expiry);
  g_test_add_func ("/Bourse/UI/Connections/base-url-rules", test_base_url_rules);

  return g_test_run ();
}
