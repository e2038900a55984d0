/* bourse-order-validation.c — the order ticket's rules: quantities, ticks, directions, brackets
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bourse-order-validation.h"

/* Relative tolerance when checking that a quantity is a multiple of the step:
 * 0.1 + 0.2 must count as a multiple of 0.1. */
#define STEP_EPSILON 1e-7

static gboolean
has_limit (double v)
{
  return isfinite (v) && v > 0;
}

static void
set_error (BourseOrderCheck *check,
           BourseOrderField  field,
           char             *message)
{
  if (check->errors[field] == NULL)
    check->errors[field] = message;
  else
    g_free (message);
}

static void
check_qty (const BourseInstrumentRules *rules,
           const BourseOrderDraft      *draft,
           BourseOrderCheck            *check)
{
  double qty = draft->qty;

  check->qty = qty;

  if (!isfinite (qty) || qty <= 0)
    {
      set_error (check, BOURSE_ORDER_FIELD_QTY, g_strdup (_("Enter a quantity above zero")));
      return;
    }

  if (has_limit (rules->min_qty) && qty < rules->min_qty * (1 - STEP_EPSILON))
    set_error (check, BOURSE_ORDER_FIELD_QTY,
               g_strdup_printf (_("The minimum quantity is %g"), rules->min_qty));
  else if (has_limit (rules->max_qty) && qty > rules->max_qty * (1 + STEP_EPSILON))
    set_error (check, BOURSE_ORDER_FIELD_QTY,
               g_strdup_printf (_("The maximum quantity is %g"), rules->max_qty));
  else if (has_limit (rules->qty_step))
    {
      double steps = qty / rules->qty_step;

      if (fabs (steps - round (steps)) > STEP_EPSILON * MAX (1.0, fabs (steps)))
        set_error (check, BOURSE_ORDER_FIELD_QTY,
                   g_strdup_printf (_("The quantity must be a multiple of %g"), rules->qty_step));
      else
        check->qty = bourse_round_to_tick (qty, rules->qty_step);
    }
}

static double
check_price (const BourseInstrumentRules *rules,
             double                       price,
             BourseOrderField             field,
             BourseOrderCheck            *check)
{
  if (!isfinite (price) || price <= 0)
    {
      set_error (check, field, g_strdup (_("Enter a price above zero")));
      return NAN;
    }
  return bourse_round_to_tick (price, rules->min_tick);
}

static double
resolve_bracket (const BourseInstrumentRules *rules,
                 const BourseOrderDraft      *draft,
                 double                       value,
                 double                       entry,
                 int                          direction,  /* +1 above the entry, −1 below */
                 BourseOrderField             field,
                 BourseOrderCheck            *check)
{
  double price;

  if (draft->bracket_unit == BOURSE_BRACKET_UNIT_TICKS)
    {
      if (!isfinite (value) || value <= 0 || fabs (value - round (value)) > 1e-9)
        {
          set_error (check, field, g_strdup (_("Enter a whole number of ticks above zero")));
          return NAN;
        }
      if (!isfinite (entry))
        {
          set_error (check, field, g_strdup (_("No price to count the ticks from yet")));
          return NAN;
        }
      price = entry + direction * round (value) * (has_limit (rules->min_tick) ? rules->min_tick : 1.0);
      if (price <= 0)
        {
          set_error (check, field, g_strdup (_("Too many ticks: the price would be below zero")));
          return NAN;
        }
      return bourse_round_to_tick (price, rules->min_tick);
    }

  price = check_price (rules, value, field, check);
  if (!isfinite (price) || !isfinite (entry))
    return price;

  if ((direction > 0 && price <= entry) || (direction < 0 && price >= entry))
    {
      g_autofree char *entry_text = bourse_format_price (entry, rules->min_tick);

      set_error (check, field,
                 g_strdup_printf (direction > 0 ? _("Must be above the entry price %s")
                                                : _("Must be below the entry price %s"),
                                  entry_text));
    }
  return price;
}

/**
 * bourse_order_draft_check:
 * @check: (out caller-allocates): filled in; free with bourse_order_check_clear()
 *
 * Checks a draft against the instrument's rules and the market. Every field
 * with a problem gets its own message, so the ticket can show all of them at
 * once next to the fields.
 *
 * Returns: %TRUE if the order can be sent
 */
gboolean
bourse_order_draft_check (const BourseInstrumentRules *rules,
                          const BourseOrderDraft      *draft,
                          BourseOrderCheck            *check)
{
  gboolean buy;
  double market;

  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);
  g_return_val_if_fail (check != NULL, FALSE);

  memset (check, 0, sizeof *check);
  check->limit_price = check->stop_price = NAN;
  check->take_profit_price = check->stop_loss_price = NAN;
  check->entry_price = check->estimated_value = check->risk = check->reward = NAN;

  if (draft->side != BOURSE_SIDE_BUY && draft->side != BOURSE_SIDE_SELL)
    set_error (check, BOURSE_ORDER_FIELD_SIDE, g_strdup (_("Choose buy or sell")));
  buy = draft->side == BOURSE_SIDE_BUY;
  market = buy ? draft->ask : draft->bid;

  check_qty (rules, draft, check);

  switch (draft->type)
    {
    case BOURSE_ORDER_TYPE_MARKET:
      check->entry_price = market;
      break;

    case BOURSE_ORDER_TYPE_LIMIT:
      check->limit_price = check_price (rules, draft->limit_price, BOURSE_ORDER_FIELD_LIMIT_PRICE, check);
      check->entry_price = check->limit_price;
      break;

    case BOURSE_ORDER_TYPE_STOP:
    case BOURSE_ORDER_TYPE_STOP_LIMIT:
      check->stop_price = check_price (rules, draft->stop_price, BOURSE_ORDER_FIELD_STOP_PRICE, check);
      /* A buy stop triggers when the ask rises to it: it must be above the
       * market now, or it would fill at once (and the other way for sells). */
      if (isfinite (check->stop_price) && isfinite (market) &&
          ((buy && check->stop_price <= market) || (!buy && check->stop_price >= market)))
        {
          g_autofree char *market_text = bourse_format_price (market, rules->min_tick);

          set_error (check, BOURSE_ORDER_FIELD_STOP_PRICE,
                     g_strdup_printf (buy ? _("A buy stop must be above the ask %s")
                                          : _("A sell stop must be below the bid %s"),
                                      market_text));
        }
      if (draft->type == BOURSE_ORDER_TYPE_STOP_LIMIT)
        {
          check->limit_price = check_price (rules, draft->limit_price, BOURSE_ORDER_FIELD_LIMIT_PRICE, check);
          check->entry_price = check->limit_price;
        }
      else
        check->entry_price = check->stop_price;
      break;

    case BOURSE_ORDER_TYPE_UNKNOWN:
    default:
      set_error (check, BOURSE_ORDER_FIELD_SIDE, g_strdup (_("Choose an order type")));
      break;
    }

  if (draft->has_take_profit)
    check->take_profit_price = resolve_bracket (rules, draft, draft->take_profit, check->entry_price,
                                                buy ? +1 : -1, BOURSE_ORDER_FIELD_TAKE_PROFIT, check);
  if (draft->has_stop_loss)
    check->stop_loss_price = resolve_bracket (rules, draft, draft->stop_loss, check->entry_price,
                                              buy ? -1 : +1, BOURSE_ORDER_FIELD_STOP_LOSS, check);

  if (draft->needs_expiry && draft->expiry <= draft->now)
    set_error (check, BOURSE_ORDER_FIELD_EXPIRY, g_strdup (_("The expiry must be in the future")));

  if (isfinite (check->entry_price) && isfinite (check->qty))
    check->estimated_value = check->qty * check->entry_price;

  if (has_limit (rules->pip_size) && isfinite (rules->pip_value) && isfinite (check->entry_price))
    {
      double per_pip = rules->pip_value * check->qty;

      if (isfinite (check->stop_loss_price))
        check->risk = fabs (check->entry_price - check->stop_loss_price) / rules->pip_size * per_pip;
      if (isfinite (check->take_profit_price))
        check->reward = fabs (check->take_profit_price - check->entry_price) / rules->pip_size * per_pip;
    }

  return bourse_order_check_first_error (check) == NULL;
}

const char *
bourse_order_check_first_error (const BourseOrderCheck *check)
{
  for (guint i = 0; i < BOURSE_N_ORDER_FIELDS; i++)
    if (check->errors[i] != NULL)
      return check->errors[i];
  return NULL;
}

void
bourse_order_check_clear (BourseOrderCheck *check)
{
  for (guint i = 0; i < BOURSE_N_ORDER_FIELDS; i++)
    g_clear_pointer (&check->errors[i], g_free);
}
