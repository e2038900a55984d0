/* bourse-bar-feed.h — the one owner of a symbol's bars at one resolution
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "bourse-bars.h"
#include "bourse-market-source.h"
#include "bourse-resolution.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_BAR_FEED (bourse_bar_feed_get_type ())

G_DECLARE_FINAL_TYPE (BourseBarFeed, bourse_bar_feed, BOURSE, BAR_FEED, GObject)

BourseBarFeed    *bourse_bar_feed_new              (const char            *symbol,
                                                    const char            *resolution,
                                                    GError               **error);
const char       *bourse_bar_feed_get_symbol       (BourseBarFeed         *self);
const char       *bourse_bar_feed_get_resolution   (BourseBarFeed         *self);
BourseBars       *bourse_bar_feed_get_bars         (BourseBarFeed         *self);
gboolean          bourse_bar_feed_get_loading      (BourseBarFeed         *self);
gboolean          bourse_bar_feed_get_exhausted    (BourseBarFeed         *self);
const GError     *bourse_bar_feed_get_error        (BourseBarFeed         *self);
BourseMarketSource *bourse_bar_feed_get_source     (BourseBarFeed         *self);
void              bourse_bar_feed_set_source       (BourseBarFeed         *self,
                                                    BourseMarketSource    *source);
void              bourse_bar_feed_set_session      (BourseBarFeed         *self,
                                                    const BourseTradingSession *session);
const char       *bourse_bar_feed_get_base_resolution (BourseBarFeed      *self);
gboolean          bourse_bar_feed_set_base_resolution (BourseBarFeed      *self,
                                                       const char         *base,
                                                       GError            **error);
const BourseTradingSession *bourse_bar_feed_get_session (BourseBarFeed      *self);
void              bourse_bar_feed_request_history  (BourseBarFeed         *self,
                                                    guint                  n_bars);
gboolean          bourse_bar_feed_load_older       (BourseBarFeed         *self,
                                                    guint                  n_bars);
void              bourse_bar_feed_set_history      (BourseBarFeed         *self,
                                                    const BourseBars      *history);
gboolean          bourse_bar_feed_add_trade        (BourseBarFeed         *self,
                                                    gint64                 time,
                                                    double                 price,
                                                    double                 size);

G_END_DECLS
