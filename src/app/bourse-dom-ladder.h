/* bourse-dom-ladder.h — depth of market: bid/ask sizes per price, own orders, click to trade
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Clicking a bid size emits ::place-limit (buy at that price, below the
 * market), an ask size ::place-limit with sell. The window turns that into
 * the ticket's limit order, so the same validation and confirmation apply.
 */
#pragma once

#include <gtk/gtk.h>

#include "bourse-depth.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_DOM_LADDER (bourse_dom_ladder_get_type ())

G_DECLARE_FINAL_TYPE (BourseDomLadder, bourse_dom_ladder, BOURSE, DOM_LADDER, GtkWidget)

void         bourse_dom_ladder_set_depth      (BourseDomLadder *self,
                                               BourseDepth     *depth);
BourseDepth *bourse_dom_ladder_get_depth      (BourseDomLadder *self);
void         bourse_dom_ladder_set_tick       (BourseDomLadder *self,
                                               double           tick);
void         bourse_dom_ladder_set_orders     (BourseDomLadder *self,
                                               GListModel      *orders,
                                               const char      *symbol);
void         bourse_dom_ladder_set_available  (BourseDomLadder *self,
                                               gboolean         available);
guint        bourse_dom_ladder_get_n_levels   (BourseDomLadder *self);
void         bourse_dom_ladder_click_level    (BourseDomLadder *self,
                                               guint            level,
                                               gboolean         bid_side);

G_END_DECLS
