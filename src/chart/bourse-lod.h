/* bourse-lod.h — min/max pyramid for drawing any number of bars in O(width)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A BourseLod summarises a pair of double arrays (`lo[]`, `hi[]`: the lows and
 * highs of bars, or one array twice for a line or volume) in levels of blocks
 * of 8, 64, 512… elements, each keeping min(lo) and max(hi). A range query
 * reads at most 7 raw values at each end per level, so the min/max of any
 * range costs O(log N); aggregating the visible bars into one column per
 * pixel costs O(width · log N), however many bars are visible.
 *
 * The pyramid does not own the arrays: callers pass them to every call
 * (they may move when the bars grow). NaN values are skipped (NaN = no value,
 * as indicator outputs use it); an all-NaN range reports NaN.
 *
 * Live updates: bourse_lod_update() recomputes only the blocks at or after
 * the first changed index — O(levels × 8) for a tick on the last bar.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BOURSE_LOD_FANOUT 8

typedef struct _BourseLod BourseLod;

BourseLod *bourse_lod_new      (void);
void       bourse_lod_free     (BourseLod *self);

/* Rebuilds the whole pyramid in one pass. */
void       bourse_lod_build    (BourseLod    *self,
                                const double *lo,
                                const double *hi,
                                gsize         len);

/* Values at index >= @from changed or were appended (@len is the new length;
 * a shorter @len than before truncates). */
void       bourse_lod_update   (BourseLod    *self,
                                const double *lo,
                                const double *hi,
                                gsize         len,
                                gsize         from);

gsize      bourse_lod_get_len  (const BourseLod *self);
guint      bourse_lod_get_n_levels (const BourseLod *self);

/* min(lo[first..end)), max(hi[first..end)); FALSE (and NaN) for an empty or
 * all-NaN range. */
gboolean   bourse_lod_query    (const BourseLod *self,
                                const double    *lo,
                                const double    *hi,
                                gsize            first,
                                gsize            end,
                                double          *min,
                                double          *max);

/**
 * bourse_lod_aggregate:
 * @bounds: @n_columns + 1 ascending bar indexes; column c covers bars
 *   [bounds[c], bounds[c+1]) (an empty column gets NaN)
 * @out_min, @out_max: (out caller-allocates): @n_columns values each
 */
void       bourse_lod_aggregate (const BourseLod *self,
                                 const double    *lo,
                                 const double    *hi,
                                 const gsize     *bounds,
                                 gsize            n_columns,
                                 double          *out_min,
                                 double          *out_max);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BourseLod, bourse_lod_free)

G_END_DECLS
