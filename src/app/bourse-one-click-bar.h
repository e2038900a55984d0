/* bourse-one-click-bar.h — one-click trading on the chart: the "1-Click" toggle, Sell and Buy at market, the quantity
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Laid over the chart's top left by the chart pane. The toggle is the
 * window's stateful "win.one-click-trading" action; while @enabled, the
 * Sell (bid) and Buy (ask) buttons and the quantity show, and a click
 * sends a market order through the trader at once, with no confirmation.
 * While that order is in flight further clicks are ignored, so a
 * double click never sends two orders at the same time.
 */
#pragma once

#include <gtk/gtk.h>

#include "bourse-store.h"
#include "bourse-trader.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_ONE_CLICK_BAR (bourse_one_click_bar_get_type ())

G_DECLARE_FINAL_TYPE (BourseOneClickBar, bourse_one_click_bar, BOURSE, ONE_CLICK_BAR, GtkWidget)

GtkWidget    *bourse_one_click_bar_new         (void);
void          bourse_one_click_bar_set_trader  (BourseOneClickBar *self,
                                                BourseTrader      *trader);
void          bourse_one_click_bar_set_symbol  (BourseOneClickBar *self,
                                                const char        *symbol);
const char   *bourse_one_click_bar_get_symbol  (BourseOneClickBar *self);
gboolean      bourse_one_click_bar_get_enabled (BourseOneClickBar *self);
void          bourse_one_click_bar_set_enabled (BourseOneClickBar *self,
                                                gboolean           enabled);
double        bourse_one_click_bar_get_qty     (BourseOneClickBar *self);
void          bourse_one_click_bar_set_qty     (BourseOneClickBar *self,
                                                double             qty);
/* Whether an order sent by the bar awaits the broker's answer. */
gboolean      bourse_one_click_bar_get_busy    (BourseOneClickBar *self);
/* Orders the bar sent (tests count them against the broker's). */
guint         bourse_one_click_bar_get_n_sent  (BourseOneClickBar *self);

G_END_DECLS
