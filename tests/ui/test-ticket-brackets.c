/* test-ticket-brackets.c — a bracket switched on in the ticket proposes a price on its side of the order's entry
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real window on the in-process demo broker. An order is prepared the
 * way the chart's "+" menu and right-click menu do (win.prepare-order), far
 * from the market, then Take Profit and Stop Loss are ticked with real
 * clicks: each must propose a price on its side of the order's own entry
 * (the limit or stop price, or the market side's price for a market order),
 * with no field error.
 */
#include "config.h"

#include <math.h>

#include "bourse-test-terminal.h"

typedef BourseTestTerminal Terminal;

/* The ticket's check button labelled @label, and the spin button after it. */
static GtkCheckButton *
find_check (Terminal   *t,
            const char *label)
{
  g_autoptr(GPtrArray) checks = bourse_test_list_descendants (GTK_WIDGET (t->window->order_ticket), GTK_TYPE_CHECK_BUTTON);

  for (guint i = 0; i < checks->len; i++)
    if (g_strcmp0 (gtk_check_button_get_label (checks->pdata[i]), label) == 0)
      return checks->pdata[i];
  g_error ("no “%s” check button in the ticket", label);
  return NULL;
}

static double
bracket_value (Terminal   *t,
               const char *label)
{
  GtkWidget *spin = gtk_widget_get_next_sibling (GTK_WIDGET (find_check (t, label)));

  g_assert_true (GTK_IS_SPIN_BUTTON (spin));
  return gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin));
}

/* Ticks @label with the real pointer. */
static void
tick_bracket (Terminal   *t,
              const char *label)
{
  GtkCheckButton *check = find_check (t, label);

  g_assert_false (gtk_check_button_get_active (check));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (check)) && gtk_widget_get_width (GTK_WIDGET (check)) > 0, 15);
  bourse_test_wait_for_frame (GTK_WIDGET (check));
  bourse_test_pointer_click (GTK_WIDGET (check), 8, gtk_widget_get_height (GTK_WIDGET (check)) / 2.0);
  WAIT_UNTIL (gtk_check_button_get_active (check), 15);
}

typedef struct
{
  const char *side;
  const char *type;
  int         ticks_from_market; /* where the order's price is, in ticks from the bid */
} Case;

static void
check_case (Terminal   *t,
            const Case *c)
{
  BourseOrderTicket *ticket = t->window->order_ticket;
  BourseInstrument *instrument = bourse_broker_store_lookup_instrument (bourse_test_store (t), "EURUSD");
  BourseQuote *quote = bourse_broker_store_lookup_quote (bourse_test_store (t), "EURUSD");
  double tick = bourse_instrument_get_min_tick (instrument);
  gboolean buy = g_str_equal (c->side, "buy");
  double price = bourse_round_to_tick (bourse_quote_get_bid (quote) + c->ticks_from_market * tick, tick);
  double entry, take_profit, stop_loss;

  bourse_order_ticket_set_brackets (ticket, BOURSE_BRACKET_UNIT_PRICE, NAN, NAN);
  g_action_group_activate_action (G_ACTION_GROUP (t->window), "prepare-order",
                                  g_variant_new ("(ssd)", c->side, c->type, price));
  g_assert_cmpint (bourse_order_ticket_get_side (ticket), ==, buy ? BOURSE_SIDE_BUY : BOURSE_SIDE_SELL);
  g_assert_true (bourse_order_ticket_get_valid (ticket));

  /* unticked, the greyed field already shows what ticking proposes */
  if (!g_str_equal (c->type, "market"))
    g_assert_cmpfloat_with_epsilon (bracket_value (t, "Stop Loss"), buy ? price - 50 * tick : price + 50 * tick, tick / 2);

  tick_bracket (t, "Stop Loss");
  tick_bracket (t, "Take Profit");
  /* the entry the ticket proposes from: the order's own price, or the
   * market side's price (read after the clicks: the market moves) */
  entry = g_str_equal (c->type, "market")
            ? (buy ? bourse_quote_get_ask (quote) : bourse_quote_get_bid (quote))
            : price;
  stop_loss = bracket_value (t, "Stop Loss");
  take_profit = bracket_value (t, "Take Profit");
  g_test_message ("%s %s @ %.5f: stop loss %.5f, take profit %.5f", c->side, c->type, entry, stop_loss, take_profit);

  g_assert_null (bourse_order_ticket_get_field_error (ticket, BOURSE_ORDER_FIELD_STOP_LOSS));
  g_assert_null (bourse_order_ticket_get_field_error (ticket, BOURSE_ORDER_FIELD_TAKE_PROFIT));
  g_assert_true (bourse_order_ticket_get_valid (ticket));
  if (buy)
    {
      g_assert_cmpfloat (stop_loss, <, entry);
      g_assert_cmpfloat (take_profit, >, entry);
    }
  else
    {
      g_assert_cmpfloat (stop_loss, >, entry);
      g_assert_cmpfloat (take_profit, <, entry);
    }
  /* 50 ticks away: close enough to matter, far enough to be valid */
  if (!g_str_equal (c->type, "market"))
    {
      g_assert_cmpfloat_with_epsilon (fabs (stop_loss - entry), 50 * tick, tick / 2);
      g_assert_cmpfloat_with_epsilon (fabs (take_profit - entry), 50 * tick, tick / 2);
    }

  bourse_order_ticket_set_brackets (ticket, BOURSE_BRACKET_UNIT_PRICE, NAN, NAN);
}

static void
test_brackets_from_entry (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  static const Case cases[] = {
    { "buy", "limit", -300 },   /* the axis "+" below the market: Buy Limit */
    { "sell", "limit", 300 },
    { "buy", "stop", 300 },
    { "sell", "stop", -300 },
    { "buy", "market", 0 },
    { "sell", "market", 0 },
  };
  BourseQuote *quote;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  g_assert_true (bourse_test_require_xdotool (GTK_WIDGET (t->window)));
  WAIT_UNTIL ((quote = bourse_broker_store_lookup_quote (bourse_test_store (t), "EURUSD")) != NULL &&
              bourse_quote_get_bid (quote) > 0 && bourse_quote_get_ask (quote) > 0, 30);
  WAIT_UNTIL (bourse_order_ticket_get_valid (t->window->order_ticket), 30);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_case (t, &cases[i]);
}

int
main (int   argc,
      char *argv[])
{
  static const BourseTestTerminalCase cases[] = {
    { "/Bourse/UI/TicketBrackets/from-entry", test_brackets_from_entry },
  };

  return bourse_test_terminal_main (&argc, &argv, FALSE, cases, G_N_ELEMENTS (cases));
}
