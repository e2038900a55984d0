/* bourse-watchlist.h — symbols with live quotes; activating one shows it in the chart
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "bourse-quote.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_WATCHLIST (bourse_watchlist_get_type ())

G_DECLARE_FINAL_TYPE (BourseWatchlist, bourse_watchlist, BOURSE, WATCHLIST, GtkWidget)


void          bourse_watchlist_set_symbols     (BourseWatchlist    *self,
                                                const char * const *symbols);
char        **bourse_watchlist_dup_symbols     (BourseWatchlist    *self);
gboolean      bourse_watchlist_add_symbol      (BourseWatchlist    *self,
                                                const char         *symbol);
gboolean      bourse_watchlist_remove_symbol   (BourseWatchlist    *self,
                                                const char         *symbol);
void          bourse_watchlist_set_instruments (BourseWatchlist    *self,
                                                GListModel         *instruments);
void          bourse_watchlist_set_quotes      (BourseWatchlist    *self,
                                                GListModel         *quotes);
BourseQuote  *bourse_watchlist_lookup_quote    (BourseWatchlist    *self,
                                                const char         *symbol);
void          bourse_watchlist_activate_symbol (BourseWatchlist    *self,
                                                const char         *symbol);
void          bourse_watchlist_set_current_symbol (BourseWatchlist *self,
                                                   const char      *symbol);
const char   *bourse_watchlist_get_selected_symbol (BourseWatchlist *self);

G_END_DECLS
