/* bourse-depth.h — BourseDepth: the order book (level 2) of one symbol
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Levels are kept as arrays of doubles (struct of arrays), not one object per
 * level: a DOM ladder redraws them all at once. Bids are sorted by descending
 * price and asks by ascending price, whatever order the broker sent (1.3.27
 * describes both ascending). "serial" is notified once per book change.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BOURSE_TYPE_DEPTH (bourse_depth_get_type ())

G_DECLARE_FINAL_TYPE (BourseDepth, bourse_depth, BOURSE, DEPTH, GObject)

const char *bourse_depth_get_symbol (BourseDepth   *self);
guint64     bourse_depth_get_serial (BourseDepth   *self);
gint64      bourse_depth_get_time   (BourseDepth   *self);
guint       bourse_depth_get_bids   (BourseDepth   *self,
                                     const double **prices,
                                     const double **sizes);
guint       bourse_depth_get_asks   (BourseDepth   *self,
                                     const double **prices,
                                     const double **sizes);

G_END_DECLS
