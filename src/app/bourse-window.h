/* bourse-window.h — the terminal's main window
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bourse-account-manager.h"
#include "bourse-alert-manager.h"
#include "bourse-chart-view.h"
#include "bourse-dom-ladder.h"
#include "bourse-order-ticket.h"
#include "bourse-session.h"
#include "bourse-watchlist.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_WINDOW (bourse_window_get_type ())

G_DECLARE_FINAL_TYPE (BourseWindow, bourse_window, BOURSE, WINDOW, AdwApplicationWindow)

BourseWindow         *bourse_window_new                 (GtkApplication     *application,
                                                         BourseSession      *session,
                                                         BourseAlertManager *alert_manager);
BourseSession        *bourse_window_get_session         (BourseWindow      *self);
BourseOrderTicket    *bourse_window_get_order_ticket    (BourseWindow      *self);
BourseAccountManager *bourse_window_get_account_manager (BourseWindow      *self);
BourseWatchlist      *bourse_window_get_watchlist       (BourseWindow      *self);
BourseDomLadder      *bourse_window_get_dom_ladder      (BourseWindow      *self);
BourseChartView      *bourse_window_get_chart_view      (BourseWindow      *self);
const char           *bourse_window_get_symbol          (BourseWindow      *self);
const char           *bourse_window_get_resolution      (BourseWindow      *self);
guint                 bourse_window_get_n_toasts        (BourseWindow      *self);
const char           *bourse_window_get_last_toast      (BourseWindow      *self);

G_END_DECLS
