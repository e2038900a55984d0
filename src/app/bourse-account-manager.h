/* bourse-account-manager.h — the bottom panel: positions, orders, history, executions, summary
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tables are GtkColumnViews over the store's GListModels, sortable by every
 * column. Row buttons activate window actions with the entity's id
 * (win.close-position, win.reverse-position, win.edit-brackets,
 * win.modify-order, win.cancel-order), so they share one path with menus,
 * shortcuts and tests.
 */
#pragma once

#include <gtk/gtk.h>

#include "bourse-account-state.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_ACCOUNT_MANAGER (bourse_account_manager_get_type ())

G_DECLARE_FINAL_TYPE (BourseAccountManager, bourse_account_manager, BOURSE, ACCOUNT_MANAGER, GtkWidget)

void                bourse_account_manager_set_models        (BourseAccountManager *self,
                                                              GListModel           *positions,
                                                              GListModel           *orders,
                                                              GListModel           *history,
                                                              GListModel           *executions,
                                                              GListModel           *instruments);
void                bourse_account_manager_set_account       (BourseAccountManager *self,
                                                              const char           *title,
                                                              const char           *currency);
void                bourse_account_manager_set_account_state (BourseAccountManager *self,
                                                              BourseAccountState   *state);
void                bourse_account_manager_set_summary_layout (BourseAccountManager *self,
                                                              JsonNode             *account_manager_config);
const char         *bourse_account_manager_get_page          (BourseAccountManager *self);
void                bourse_account_manager_set_page          (BourseAccountManager *self,
                                                              const char           *page);
gboolean            bourse_account_manager_get_collapsed     (BourseAccountManager *self);
void                bourse_account_manager_set_collapsed     (BourseAccountManager *self,
                                                              gboolean              collapsed);
GtkColumnView      *bourse_account_manager_get_positions_view (BourseAccountManager *self);
GtkColumnView      *bourse_account_manager_get_orders_view   (BourseAccountManager *self);
GtkColumnView      *bourse_account_manager_get_history_view  (BourseAccountManager *self);
double              bourse_account_manager_lookup_tick       (BourseAccountManager *self,
                                                              const char           *instrument);

G_END_DECLS
