/* bourse-symbol-search.h — a popover that searches the broker's instruments
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BOURSE_TYPE_SYMBOL_SEARCH (bourse_symbol_search_get_type ())

G_DECLARE_FINAL_TYPE (BourseSymbolSearch, bourse_symbol_search, BOURSE, SYMBOL_SEARCH, GtkPopover)

GtkWidget  *bourse_symbol_search_new             (void);
GListModel *bourse_symbol_search_get_instruments (BourseSymbolSearch *self);
void        bourse_symbol_search_set_instruments (BourseSymbolSearch *self,
                                                  GListModel         *instruments);
void        bourse_symbol_search_set_query       (BourseSymbolSearch *self,
                                                  const char         *query);
void        bourse_symbol_search_set_initial_text (BourseSymbolSearch *self,
                                                   const char         *text);
const char *bourse_symbol_search_get_text        (BourseSymbolSearch *self);
guint       bourse_symbol_search_get_n_results   (BourseSymbolSearch *self);
gboolean    bourse_symbol_search_activate_first  (BourseSymbolSearch *self);

G_END_DECLS
