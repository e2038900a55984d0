/* bourse-order-fills.c — what each order's executions add up to: fill time, quantity, price, realised P&L
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Broker API gives no realised P&L per order (OrderHistory and Execution
 * carry none), so it is computed here from the executions, the way the
 * API's netted positions book it: a position has one average price (the
 * Position's avgPrice); a fill on the same side averages in, a fill on the
 * other side realises (fill − average) × closed quantity × side, in price
 * units, converted to the account's currency with the instrument's pipValue
 * per pipSize; what is left of a fill that goes through zero opens the
 * reverse position at the fill price. This is average cost, not FIFO: it
 * is what the broker adds to the balance, so the History agrees with the
 * account's realised P&L.
 *
 * The executions are replayed per instrument in time order from a flat
 * position. A broker lists only the recent ones (maxCount); a fill that
 * closes (isClose) what the replay never saw open has an unknown P&L.
 */
#include "config.h"

#include <math.h>

#include "bourse-execution.h"
#include "bourse-instrument.h"
#include "bourse-order-fills.h"

#define QTY_EPSILON 1e-9

typedef struct
{
  double qty;     /* signed: > 0 long */
  double price;   /* average */
} Book;

static int
compare_time (gconstpointer a,
              gconstpointer b)
{
  gint64 ta = bourse_execution_get_time (*(BourseExecution **) a);
  gint64 tb = bourse_execution_get_time (*(BourseExecution **) b);

  return (ta > tb) - (ta < tb);
}

/* Account currency per price unit and unit of quantity; NAN when unknown. */
static double
value_per_point (GHashTable *instruments,
                 const char *name)
{
  BourseInstrument *instrument = name ? g_hash_table_lookup (instruments, name) : NULL;
  double pip_size = instrument ? bourse_instrument_get_pip_size (instrument) : 0;
  double pip_value = instrument ? bourse_instrument_get_pip_value (instrument) : 0;

  return pip_size > 0 && pip_value > 0 ? pip_value / pip_size : NAN;
}

/* Applies one fill to @book; returns the P&L it realises (0 when it only opens). */
static double
apply_fill (Book            *book,
            BourseExecution *execution,
            double           point_value)
{
  double qty = bourse_execution_get_qty (execution);
  double price = bourse_execution_get_price (execution);
  double sign = bourse_execution_get_side (execution) == BOURSE_SIDE_SELL ? -1 : 1;
  double closing, realized;

  if (fabs (book->qty) <= QTY_EPSILON || (book->qty > 0) == (sign > 0))
    {
      /* A close of something the replay never saw open: the history is cut. */
      if (fabs (book->qty) <= QTY_EPSILON && bourse_execution_get_is_close (execution))
        return NAN;
      book->price = (book->price * fabs (book->qty) + price * qty) / (fabs (book->qty) + qty);
      book->qty += sign * qty;
      return 0;
    }

  closing = MIN (fabs (book->qty), qty);
  realized = (price - book->price) * closing * (book->qty > 0 ? 1 : -1) * point_value;
  book->qty += sign * qty;
  if (fabs (book->qty) <= QTY_EPSILON)
    book->qty = 0;
  else if ((book->qty > 0) == (sign > 0))
    book->price = price;   /* reversed through zero: the rest opens here */
  return realized;
}

/**
 * bourse_order_fills_compute:
 * @executions: (element-type BourseExecution): the account's executions
 * @instruments: (element-type BourseInstrument) (nullable): for pipSize and pipValue
 *
 * Returns: (transfer full) (element-type utf8 BourseOrderFills): order id →
 *   its fills; orders without an execution are not in it
 */
GHashTable *
bourse_order_fills_compute (GListModel *executions,
                            GListModel *instruments)
{
  g_autoptr(GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_autoptr(GHashTable) books = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTable *fills = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint n;

  n = instruments ? g_list_model_get_n_items (instruments) : 0;
  for (guint i = 0; i < n; i++)
    {
      BourseInstrument *instrument = g_list_model_get_item (instruments, i);
      g_hash_table_insert (by_name, (gpointer) bourse_instrument_get_name (instrument), instrument);
    }
  n = executions ? g_list_model_get_n_items (executions) : 0;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sorted, g_list_model_get_item (executions, i));
  /* stable: fills of the same second keep the broker's order */
  g_ptr_array_sort (sorted, compare_time);

  for (guint i = 0; i < sorted->len; i++)
    {
      BourseExecution *execution = g_ptr_array_index (sorted, i);
      const char *name = bourse_execution_get_instrument (execution);
      const char *order_id = bourse_execution_get_order_id (execution);
      Book *book;
      BourseOrderFills *f;
      double realized, qty = bourse_execution_get_qty (execution);

      if (name == NULL || !(qty > 0))
        continue;
      if ((book = g_hash_table_lookup (books, name)) == NULL)
        g_hash_table_insert (books, (gpointer) name, (book = g_new0 (Book, 1)));
      realized = apply_fill (book, execution, value_per_point (by_name, name));
      if (order_id == NULL)
        continue;
      if ((f = g_hash_table_lookup (fills, order_id)) == NULL)
        g_hash_table_insert (fills, g_strdup (order_id), (f = g_new0 (BourseOrderFills, 1)));
      f->price = (f->price * f->qty + bourse_execution_get_price (execution) * qty) / (f->qty + qty);
      f->qty += qty;
      f->time = MAX (f->time, bourse_execution_get_time (execution));
      f->realized_pl += realized;
    }
  return fills;
}
