/* bourse-indicator-kernels.c — O(1) windows, EMAs and sliding extrema for studies
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "bourse-indicator-private.h"

/* (a + b) mod n for a, b < n, without a division on the hot path. */
static inline guint
wrap_add (guint a,
          guint b,
          guint n)
{
  guint r = a + b;
  return r >= n ? r - n : r;
}

void
_bourse_window_init (BourseWindow *w,
                     guint         size)
{
  g_assert (size > 0);
  w->ring = g_new0 (double, size);
  w->size = size;
  w->count = 0;
  w->pos = 0;
  w->sum = w->sumsq = w->wsum = 0.0;
}

void
_bourse_window_clear (BourseWindow *w)
{
  g_clear_pointer (&w->ring, g_free);
}

double
_bourse_window_get (const BourseWindow *w,
                    guint               k)
{
  g_assert (k < w->count);
  /* pos - 1 - k, modulo size */
  return w->ring[wrap_add (w->pos, w->size - 1 - k, w->size)];
}

static void
window_resum (BourseWindow *w)
{
  /* Exact sums from the ring, oldest first (weights 1…count). */
  double sum = 0, sumsq = 0, wsum = 0;

  for (guint k = 0; k < w->count; k++)
    {
      double v = _bourse_window_get (w, w->count - 1 - k);
      sum += v;
      sumsq += v * v;
      wsum += (k + 1) * v;
    }
  w->sum = sum;
  w->sumsq = sumsq;
  w->wsum = wsum;
}

gboolean
_bourse_window_push (BourseWindow *w,
                     double        x,
                     gboolean      commit,
                     double       *sum_out,
                     double       *sumsq_out,
                     double       *wsum_out)
{
  double sum, sumsq, wsum;
  guint count;

  if (w->count == w->size)
    {
      double oldest = w->ring[w->pos];

      /* Every weight drops by one (Σ of the old window), the newest gets size. */
      wsum = w->wsum - w->sum + w->size * x;
      sum = w->sum - oldest + x;
      sumsq = w->sumsq - oldest * oldest + x * x;
      count = w->size;
    }
  else
    {
      count = w->count + 1;
      wsum = w->wsum + count * x;
      sum = w->sum + x;
      sumsq = w->sumsq + x * x;
    }

  if (commit)
    {
      w->ring[w->pos] = x;
      w->pos = wrap_add (w->pos, 1, w->size);
      w->count = count;
      w->sum = sum;
      w->sumsq = sumsq;
      w->wsum = wsum;
      if (w->pos == 0)
        {
          window_resum (w);
          sum = w->sum;
          sumsq = w->sumsq;
          wsum = w->wsum;
        }
    }

  if (sum_out)
    *sum_out = sum;
  if (sumsq_out)
    *sumsq_out = sumsq;
  if (wsum_out)
    *wsum_out = wsum;
  return count == w->size;
}

void
_bourse_ema_init (BourseEma *e,
                  guint      period,
                  double     alpha)
{
  g_assert (period > 0);
  e->alpha = alpha;
  e->period = period;
  e->count = 0;
  e->seed_sum = 0.0;
  e->value = NAN;
}

double
_bourse_ema_push (BourseEma *e,
                  double     x,
                  gboolean   commit)
{
  double value;

  if (e->count + 1 < e->period)
    {
      if (commit)
        {
          e->seed_sum += x;
          e->count++;
        }
      return NAN;
    }

  if (e->count + 1 == e->period)
    value = (e->seed_sum + x) / e->period;
  else
    value = e->value + e->alpha * (x - e->value);

  if (commit)
    {
      e->value = value;
      if (e->count < e->period)
        e->count++;
    }
  return value;
}

void
_bourse_extremum_init (BourseExtremum *d,
                       guint           size,
                       gboolean        is_max)
{
  g_assert (size > 0);
  d->idx = g_new0 (gint64, size + 1);
  d->val = g_new0 (double, size + 1);
  d->size = size;
  d->head = 0;
  d->len = 0;
  d->next = 0;
  d->is_max = !!is_max;
}

void
_bourse_extremum_clear (BourseExtremum *d)
{
  g_clear_pointer (&d->idx, g_free);
  g_clear_pointer (&d->val, g_free);
}

static inline gboolean
dominates (const BourseExtremum *d,
           double                a,
           double                b)
{
  return d->is_max ? a >= b : a <= b;
}

gboolean
_bourse_extremum_push (BourseExtremum *d,
                       double          x,
                       gboolean        commit,
                       double         *result)
{
  const guint cap = d->size + 1;
  gint64 i = d->next;
  gint64 expired = i - (gint64) d->size;   /* indexes <= expired leave the window */
  double best = x;

  if (!commit)
    {
      /* Indexes in the deque increase and values are monotonic, so the best
       * committed value still in the window is the front, or the one after it
       * when the front just expired. */
      for (guint k = 0; k < d->len && k < 2; k++)
        {
          guint slot = wrap_add (d->head, k, cap);

          if (d->idx[slot] > expired)
            {
              if (dominates (d, d->val[slot], best))
                best = d->val[slot];
              break;
            }
        }
      *result = best;
      return i + 1 >= (gint64) d->size;
    }

  while (d->len > 0 && dominates (d, x, d->val[wrap_add (d->head, d->len - 1, cap)]))
    d->len--;
  d->idx[wrap_add (d->head, d->len, cap)] = i;
  d->val[wrap_add (d->head, d->len, cap)] = x;
  d->len++;
  while (d->idx[d->head] <= expired)
    {
      d->head = wrap_add (d->head, 1, cap);
      d->len--;
    }
  d->next++;
  *result = d->val[d->head];
  return d->next >= (gint64) d->size;
}
