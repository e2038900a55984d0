/* bourse-alerts-panel.h — the sidebar's alerts panel: the alerts with their state, and the log of firings
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Row buttons activate window actions with the alert's id (win.toggle-alert,
 * win.remove-alert) or the firing's id (win.resend-alert); "New Alert…" is
 * win.add-alert. The panel only shows the alert manager's lists.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BOURSE_TYPE_ALERTS_PANEL (bourse_alerts_panel_get_type ())

G_DECLARE_FINAL_TYPE (BourseAlertsPanel, bourse_alerts_panel, BOURSE, ALERTS_PANEL, GtkWidget)

void           bourse_alerts_panel_set_models      (BourseAlertsPanel *self,
                                                    GListModel        *alerts,
                                                    GListModel        *log);
void           bourse_alerts_panel_set_instruments (BourseAlertsPanel *self,
                                                    GListModel        *instruments);
GtkColumnView *bourse_alerts_panel_get_alerts_view (BourseAlertsPanel *self);
GtkColumnView *bourse_alerts_panel_get_log_view    (BourseAlertsPanel *self);

G_END_DECLS
