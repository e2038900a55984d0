/* bourse-price-simulator.h — seeded, continuous market prices for the demo broker
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "bourse-bars.h"
#include "bourse-instrument-spec.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_PRICE_SIMULATOR (bourse_price_simulator_get_type ())

G_DECLARE_FINAL_TYPE (BoursePriceSimulator, bourse_price_simulator, BOURSE, PRICE_SIMULATOR, GObject)

/* How many days of 1-minute history precede the simulator's start. */
#define BOURSE_PRICE_SIMULATOR_HISTORY_DAYS 120

typedef struct
{
  gint64 time;        /* UNIX seconds of the quote */
  double bid;
  double ask;
  double last;
  double bid_size;
  double ask_size;
  double trade_size;
  /* today's (UTC) daily bar so far */
  gint64 day;         /* 00:00 UTC of the day */
  double open;
  double high;
  double low;
  double volume;
  double prev_close;
} BourseQuoteSnapshot;

/* History resolutions in seconds; weeks start on Monday 00:00 UTC. */
#define BOURSE_RESOLUTION_WEEK ((gint64) 7 * 86400)

BoursePriceSimulator *bourse_price_simulator_new            (guint64               seed,
                                                             gint64                start_time_us);
guint64               bourse_price_simulator_get_seed       (BoursePriceSimulator *self);
gint64                bourse_price_simulator_get_time       (BoursePriceSimulator *self);
void                  bourse_price_simulator_set_time       (BoursePriceSimulator *self,
                                                             gint64                time_us);
void                  bourse_price_simulator_start          (BoursePriceSimulator *self,
                                                             guint                 interval_ms);
void                  bourse_price_simulator_stop           (BoursePriceSimulator *self);
gint64                bourse_price_simulator_get_data_start (BoursePriceSimulator *self);
void                  bourse_price_simulator_get_quote      (BoursePriceSimulator *self,
                                                             guint                 index,
                                                             BourseQuoteSnapshot  *out);
void                  bourse_price_simulator_quote_at       (BoursePriceSimulator *self,
                                                             guint                 index,
                                                             gint64                time_us,
                                                             gboolean              with_daily,
                                                             BourseQuoteSnapshot  *out);
guint                 bourse_price_simulator_get_depth      (BoursePriceSimulator *self,
                                                             guint                 index,
                                                             gint64                time_us,
                                                             guint                 levels,
                                                             double               *bid_prices,
                                                             double               *bid_sizes,
                                                             double               *ask_prices,
                                                             double               *ask_sizes);
gboolean              bourse_price_simulator_parse_resolution (const char         *resolution,
                                                             gint64               *seconds);
BourseBars           *bourse_price_simulator_get_history    (BoursePriceSimulator *self,
                                                             guint                 index,
                                                             gint64                resolution,
                                                             gint64                from,
                                                             gint64                to,
                                                             guint                 countback,
                                                             gboolean             *no_data);

G_END_DECLS
