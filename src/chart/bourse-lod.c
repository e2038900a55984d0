/* bourse-lod.c — min/max pyramid for drawing any number of bars in O(width)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Level 0 is the caller's raw arrays; level k >= 1 holds one (min, max) pair
 * per block of 8^k raw elements. Empty (all-NaN) blocks hold +inf/-inf, which
 * fall out of every comparison, so NaN never needs a branch of its own.
 *
 * Why a pyramid: the pixel columns move with every zoom and pan step, so
 * nothing per column can be kept between frames, while the blocks never move;
 * any column's min/max is then a few block reads per level (bourse-lod.h).
 */
#include "config.h"

#include <math.h>

#include "bourse-lod.h"

#define MAX_LEVELS 22

typedef struct
{
  double *min;
  double *max;
  gsize   len;
  gsize   capacity;
} Level;

struct _BourseLod
{
  gsize len;                 /* raw length */
  guint n_levels;            /* levels[1 .. n_levels] are valid */
  Level levels[MAX_LEVELS + 1];
};

BourseLod *
bourse_lod_new (void)
{
  return g_new0 (BourseLod, 1);
}

void
bourse_lod_free (BourseLod *self)
{
  if (self == NULL)
    return;
  for (guint k = 0; k <= MAX_LEVELS; k++)
    {
      g_free (self->levels[k].min);
      g_free (self->levels[k].max);
    }
  g_free (self);
}

gsize
bourse_lod_get_len (const BourseLod *self)
{
  return self->len;
}

guint
bourse_lod_get_n_levels (const BourseLod *self)
{
  return self->n_levels;
}

static void
level_resize (Level *level,
              gsize  len)
{
  if (len > level->capacity)
    {
      gsize cap = MAX (level->capacity * 2, len);

      cap = MAX (cap, 16);
      level->min = g_renew (double, level->min, cap);
      level->max = g_renew (double, level->max, cap);
      level->capacity = cap;
    }
  level->len = len;
}

/* Recomputes blocks [from_block, end) of level @k from level k - 1. */
static void
compute_level (BourseLod    *self,
               const double *lo,
               const double *hi,
               guint         k,
               gsize         from_block)
{
  Level *level = &self->levels[k];
  const double *src_lo, *src_hi;
  gsize src_len;

  if (k == 1)
    {
      src_lo = lo;
      src_hi = hi;
      src_len = self->len;
    }
  else
    {
      src_lo = self->levels[k - 1].min;
      src_hi = self->levels[k - 1].max;
      src_len = self->levels[k - 1].len;
    }

  for (gsize j = from_block; j < level->len; j++)
    {
      gsize s = j * BOURSE_LOD_FANOUT;
      gsize e = MIN (s + BOURSE_LOD_FANOUT, src_len);
      double mn = INFINITY, mx = -INFINITY;

      for (gsize i = s; i < e; i++)
        {
          if (src_lo[i] < mn)
            mn = src_lo[i];
          if (src_hi[i] > mx)
            mx = src_hi[i];
        }
      level->min[j] = mn;
      level->max[j] = mx;
    }
}

void
bourse_lod_update (BourseLod    *self,
                   const double *lo,
                   const double *hi,
                   gsize         len,
                   gsize         from)
{
  gsize level_len = len;
  guint k;

  g_return_if_fail (self != NULL);
  g_return_if_fail (len == 0 || (lo != NULL && hi != NULL));

  self->len = len;
  from = MIN (from, len);

  for (k = 1; k <= MAX_LEVELS && level_len > 1; k++)
    {
      level_len = (level_len + BOURSE_LOD_FANOUT - 1) / BOURSE_LOD_FANOUT;
      from /= BOURSE_LOD_FANOUT;
      if (k > self->n_levels)
        from = 0; /* a new level is computed in full */
      level_resize (&self->levels[k], level_len);
      compute_level (self, lo, hi, k, from);
    }
  self->n_levels = k - 1;
}

void
bourse_lod_build (BourseLod    *self,
                  const double *lo,
                  const double *hi,
                  gsize         len)
{
  g_return_if_fail (self != NULL);

  self->n_levels = 0;
  bourse_lod_update (self, lo, hi, len, 0);
}

static inline void
scan (const double *lo,
      const double *hi,
      gsize         s,
      gsize         e,
      double       *mn,
      double       *mx)
{
  for (gsize i = s; i < e; i++)
    {
      if (lo[i] < *mn)
        *mn = lo[i];
      if (hi[i] > *mx)
        *mx = hi[i];
    }
}

static void
query_inf (const BourseLod *self,
           const double    *lo,
           const double    *hi,
           gsize            first,
           gsize            end,
           double          *mn,
           double          *mx)
{
  const double *cur_lo = lo, *cur_hi = hi;
  guint k = 0;

  end = MIN (end, self->len);
  while (first < end)
    {
      gsize a, b;

      if (k == self->n_levels || end - first < 2 * BOURSE_LOD_FANOUT)
        {
          scan (cur_lo, cur_hi, first, end, mn, mx);
          return;
        }

      a = (first + BOURSE_LOD_FANOUT - 1) / BOURSE_LOD_FANOUT * BOURSE_LOD_FANOUT;
      b = end / BOURSE_LOD_FANOUT * BOURSE_LOD_FANOUT;
      scan (cur_lo, cur_hi, first, a, mn, mx);
      scan (cur_lo, cur_hi, b, end, mn, mx);

      k++;
      cur_lo = self->levels[k].min;
      cur_hi = self->levels[k].max;
      first = a / BOURSE_LOD_FANOUT;
      end = b / BOURSE_LOD_FANOUT;
    }
}

gboolean
bourse_lod_query (const BourseLod *self,
                  const double    *lo,
                  const double    *hi,
                  gsize            first,
                  gsize            end,
                  double          *min,
                  double          *max)
{
  double mn = INFINITY, mx = -INFINITY;

  g_return_val_if_fail (self != NULL, FALSE);

  query_inf (self, lo, hi, first, end, &mn, &mx);
  if (mn > mx)
    {
      *min = NAN;
      *max = NAN;
      return FALSE;
    }
  *min = mn;
  *max = mx;
  return TRUE;
}

void
bourse_lod_aggregate (const BourseLod *self,
                      const double    *lo,
                      const double    *hi,
                      const gsize     *bounds,
                      gsize            n_columns,
                      double          *out_min,
                      double          *out_max)
{
  g_return_if_fail (self != NULL);

  for (gsize c = 0; c < n_columns; c++)
    {
      double mn = INFINITY, mx = -INFINITY;

      query_inf (self, lo, hi, bounds[c], bounds[c + 1], &mn, &mx);
      if (mn > mx)
        {
          mn = NAN;
          mx = NAN;
        }
      out_min[c] = mn;
      out_max[c] = mx;
    }
}
