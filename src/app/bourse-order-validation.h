/* bourse-order-validation.h — the order ticket's rules: quantities, ticks, directions, brackets
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions on plain structs so the ticket's rules are tested without a
 * display and shared by the ticket, the chart's "+" button and the DOM ladder.
 */
#pragma once

#include <glib.h>

#include "bourse-broker-enums.h"
#include "bourse-price.h"

G_BEGIN_DECLS

/* What the instrument allows; NaN or 0 means "no limit" for min/max/step. */
typedef struct
{
  double min_qty;
  double max_qty;
  double qty_step;
  double min_tick;
  double pip_size;
  double pip_value;   /* value of one pip for a quantity of 1, in account currency */
} BourseInstrumentRules;

typedef enum
{
  BOURSE_BRACKET_UNIT_PRICE,
  BOURSE_BRACKET_UNIT_TICKS,
} BourseBracketUnit;

typedef struct
{
  BourseSide        side;
  BourseOrderType   type;
  double            qty;
  double            limit_price;    /* limit and stop-limit */
  double            stop_price;     /* stop and stop-limit */
  gboolean          has_take_profit;
  gboolean          has_stop_loss;
  BourseBracketUnit bracket_unit;
  double            take_profit;    /* price or ticks from the entry, by bracket_unit */
  double            stop_loss;
  double            bid;            /* NaN when not known yet */
  double            ask;
  gboolean          needs_expiry;   /* the duration is good-till-time */
  gint64            expiry;         /* UNIX seconds */
  gint64            now;            /* UNIX seconds */
} BourseOrderDraft;

typedef enum
{
  BOURSE_ORDER_FIELD_QTY,
  BOURSE_ORDER_FIELD_LIMIT_PRICE,
  BOURSE_ORDER_FIELD_STOP_PRICE,
  BOURSE_ORDER_FIELD_TAKE_PROFIT,
  BOURSE_ORDER_FIELD_STOP_LOSS,
  BOURSE_ORDER_FIELD_EXPIRY,
  BOURSE_ORDER_FIELD_SIDE,
  BOURSE_N_ORDER_FIELDS,
} BourseOrderField;

typedef struct
{
  char   *errors[BOURSE_N_ORDER_FIELDS];  /* translated message or NULL */
  double  qty;
  double  limit_price;        /* rounded to min_tick, NaN when not used */
  double  stop_price;
  double  take_profit_price;  /* resolved to a price, NaN when none */
  double  stop_loss_price;
  double  entry_price;        /* the price the order is expected to fill at, NaN if unknown */
  double  estimated_value;    /* qty × entry, NaN if unknown */
  double  risk;               /* loss at the stop-loss in account currency, NaN if none */
  double  reward;             /* gain at the take-profit, NaN if none */
} BourseOrderCheck;

gboolean bourse_order_draft_check    (const BourseInstrumentRules *rules,
                                      const BourseOrderDraft      *draft,
                                      BourseOrderCheck            *check);
void     bourse_order_check_clear    (BourseOrderCheck            *check);
const char *bourse_order_check_first_error (const BourseOrderCheck *check);

G_END_DECLS
