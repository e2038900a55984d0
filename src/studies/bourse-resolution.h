/* bourse-resolution.h — chart resolutions and the one rule that buckets a time into a bar
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Resolutions are the Broker API's strings: "1", "5", "60" (minutes), "1S" (seconds),
 * "D"/"1D"/"2D", "1W", "1M". Every live bar in Bourse is bucketed by
 * bourse_resolution_align(), nowhere else.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BOURSE_RESOLUTION_ERROR (bourse_resolution_error_quark ())

typedef enum
{
  BOURSE_RESOLUTION_ERROR_INVALID,
} BourseResolutionError;

typedef enum
{
  BOURSE_RESOLUTION_UNIT_SECONDS,
  BOURSE_RESOLUTION_UNIT_MINUTES,
  BOURSE_RESOLUTION_UNIT_DAYS,
  BOURSE_RESOLUTION_UNIT_WEEKS,
  BOURSE_RESOLUTION_UNIT_MONTHS,
} BourseResolutionUnit;

typedef struct
{
  BourseResolutionUnit unit;
  guint                count;
} BourseResolution;

/* The trading day of a session: "1700-1700" (overnight: a trade at 18:00 on
 * Monday belongs to Tuesday's daily bar), "0930-1600", "24x7". Times are in
 * the exchange's time zone. */
typedef struct
{
  GTimeZone *time_zone;      /* borrowed; NULL = UTC */
  int        start_minute;   /* minutes after local midnight the session opens */
  gboolean   overnight;      /* the session opens the evening before its trading day */
} BourseTradingSession;

GQuark   bourse_resolution_error_quark (void);
gboolean bourse_resolution_parse       (const char                 *text,
                                        BourseResolution           *out,
                                        GError                    **error);
char    *bourse_resolution_from_user   (const char                 *text,
                                        GError                    **error);
gint64   bourse_resolution_get_seconds (const BourseResolution     *self);
gint64   bourse_resolution_align       (const BourseResolution     *self,
                                        gint64                      time,
                                        const BourseTradingSession *session);
gboolean bourse_trading_session_parse  (const char                 *text,
                                        GTimeZone                  *time_zone,
                                        BourseTradingSession       *out,
                                        GError                    **error);

G_END_DECLS
