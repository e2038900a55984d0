/* bourse-market-data.h — hands out the one bar feed per symbol and resolution
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bourse-bar-feed.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_MARKET_DATA (bourse_market_data_get_type ())

G_DECLARE_FINAL_TYPE (BourseMarketData, bourse_market_data, BOURSE, MARKET_DATA, GObject)

BourseMarketData   *bourse_market_data_new        (void);
BourseMarketSource *bourse_market_data_get_source (BourseMarketData   *self);
void                bourse_market_data_set_source (BourseMarketData   *self,
                                                   BourseMarketSource *source);
BourseBarFeed      *bourse_market_data_get_feed   (BourseMarketData   *self,
                                                   const char         *symbol,
                                                   const char         *resolution,
                                                   GError            **error);
gboolean            bourse_market_data_set_session (BourseMarketData  *self,
                                                   const char         *symbol,
                                                   const char         *session,
                                                   const char         *time_zone,
                                                   GError            **error);
void                bourse_market_data_set_resolutions (BourseMarketData   *self,
                                                        const char         *symbol,
                                                        const char * const *resolutions);
const char * const *bourse_market_data_get_resolutions (BourseMarketData   *self,
                                                        const char         *symbol);
guint               bourse_market_data_add_trade  (BourseMarketData   *self,
                                                   const char         *symbol,
                                                   gint64              time,
                                                   double              price,
                                                   double              size);

G_END_DECLS
