/* bourse-resolution.c — parsing resolutions and bucketing times into bars
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How a time finds its bar (the Broker API's /history rules, which live bars
 * must match so that history and live ticks join without a seam):
 *  - seconds and minutes: count whole bars from the session's opening in the
 *    exchange's time zone (from local midnight for 24x7), so 60-minute bars of
 *    a 09:30 session open at 09:30, 10:30…;
 *  - days: the bar of a trade is its *trading day*, stamped 00:00 UTC of that
 *    date; an overnight session (FX's 17:00 New York open) gives trades after
 *    the open to the next day; n-day bars group days counted from 1970-01-01;
 *  - weeks open on the Monday of the trading day's week;
 *  - months open on the first of the trading day's month.
 * Calendar arithmetic goes through GDate, never through "30 days".
 */
#include "config.h"

#include <stdio.h>

#include "bourse-resolution.h"

G_DEFINE_QUARK (bourse-resolution-error-quark, bourse_resolution_error)

#define SECONDS_PER_DAY 86400

gboolean
bourse_resolution_parse (const char        *text,
                         BourseResolution  *out,
                         GError           **error)
{
  const char *p = text;
  guint64 count = 1;
  char *end = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL || *text == '\0')
    goto invalid;
  if (g_ascii_isdigit (*p))
    {
      count = g_ascii_strtoull (p, &end, 10);
      p = end;
      if (count == 0 || count > 100000)
        goto invalid;
    }
  switch (*p)
    {
    case '\0': out->unit = BOURSE_RESOLUTION_UNIT_MINUTES; break;
    case 'S': out->unit = BOURSE_RESOLUTION_UNIT_SECONDS; p++; break;
    case 'D': out->unit = BOURSE_RESOLUTION_UNIT_DAYS; p++; break;
    case 'W': out->unit = BOURSE_RESOLUTION_UNIT_WEEKS; p++; break;
    case 'M': out->unit = BOURSE_RESOLUTION_UNIT_MONTHS; p++; break;
    default: goto invalid;
    }
  if (*p != '\0' || (out->unit == BOURSE_RESOLUTION_UNIT_MINUTES && p == text))
    goto invalid;
  out->count = (guint) count;
  return TRUE;

invalid:
  g_set_error (error, BOURSE_RESOLUTION_ERROR, BOURSE_RESOLUTION_ERROR_INVALID,
               "“%s” is not a resolution (expected e.g. 1, 5, 60, 1S, 1D, 1W or 1M)",
               text ? text : "");
  return FALSE;
}

/**
 * bourse_resolution_from_user:
 * @text: an interval as a trader types it: "15m", "4h", "1D", "2W", "30s",
 *   "1M" (a month), or a Broker API string ("15", "240", "1D")
 *
 * How: a count (1 when left out) and a unit letter; "m" is minutes and "M"
 * months, as on TradingView, hours become minutes (the API has no hours).
 *
 * Returns: (transfer full) (nullable): the Broker API string, or %NULL with
 *   BOURSE_RESOLUTION_ERROR_INVALID
 */
char *
bourse_resolution_from_user (const char  *text,
                             GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  const char *p = trimmed;
  guint64 count = 1;
  char *end = NULL;

  if (g_ascii_isdigit (*p))
    {
      count = g_ascii_strtoull (p, &end, 10);
      p = end;
    }
  if (*p != '\0' && p[1] != '\0')
    goto invalid;
  if (count == 0 || count > 100000)
    goto invalid;
  switch (*p)
    {
    case '\0':
      if (p == trimmed)
        goto invalid;
      return g_strdup_printf ("%" G_GUINT64_FORMAT, count);
    case 'm': return g_strdup_printf ("%" G_GUINT64_FORMAT, count);
    case 'h': case 'H':
      if (count > 100000 / 60)
        goto invalid;
      return g_strdup_printf ("%" G_GUINT64_FORMAT, count * 60);
    case 's': case 'S': return g_strdup_printf ("%" G_GUINT64_FORMAT "S", count);
    case 'd': case 'D': return g_strdup_printf ("%" G_GUINT64_FORMAT "D", count);
    case 'w': case 'W': return g_strdup_printf ("%" G_GUINT64_FORMAT "W", count);
    case 'M': return g_strdup_printf ("%" G_GUINT64_FORMAT "M", count);
    default:
      goto invalid;
    }

invalid:
  g_set_error (error, BOURSE_RESOLUTION_ERROR, BOURSE_RESOLUTION_ERROR_INVALID,
               "“%s” is not an interval (expected e.g. 15m, 4h, 1D, 1W, 1M or 240)", text ? text : "");
  return NULL;
}

/* A bar's nominal length: exact up to weeks, 30 days a month (for sizing
 * history requests only; months are bucketed by the calendar). */
gint64
bourse_resolution_get_seconds (const BourseResolution *self)
{
  g_return_val_if_fail (self != NULL, 60);

  switch (self->unit)
    {
    case BOURSE_RESOLUTION_UNIT_SECONDS: return self->count;
    case BOURSE_RESOLUTION_UNIT_MINUTES: return (gint64) self->count * 60;
    case BOURSE_RESOLUTION_UNIT_DAYS:    return (gint64) self->count * SECONDS_PER_DAY;
    case BOURSE_RESOLUTION_UNIT_WEEKS:   return (gint64) self->count * 7 * SECONDS_PER_DAY;
    case BOURSE_RESOLUTION_UNIT_MONTHS:
    default:                             return (gint64) self->count * 30 * SECONDS_PER_DAY;
    }
}

static gint64
floor_div (gint64 a, gint64 b)
{
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

/* The local UTC offset of @time in the session's zone, in seconds. */
static gint64
local_offset (const BourseTradingSession *session,
              gint64                      time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (session == NULL || session->time_zone == NULL)
    return 0;
  utc = g_date_time_new_from_unix_utc (time);
  if (utc == NULL)
    return 0;
  local = g_date_time_to_timezone (utc, session->time_zone);
  return local ? g_date_time_get_utc_offset (local) / G_TIME_SPAN_SECOND : 0;
}

/* Days since 1970-01-01 of the trading day @time belongs to. */
static gint64
trading_day (const BourseTradingSession *session,
             gint64                      time)
{
  gint64 local = time + local_offset (session, time);
  gint64 day = floor_div (local, SECONDS_PER_DAY);

  if (session != NULL && session->overnight &&
      local - day * SECONDS_PER_DAY >= (gint64) session->start_minute * 60)
    day++;
  return day;
}

static gint64
align_calendar (const BourseResolution *self,
                gint64                  day)
{
  GDate date;
  guint32 julian_epoch;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 1970);
  julian_epoch = g_date_get_julian (&date);

  switch (self->unit)
    {
    case BOURSE_RESOLUTION_UNIT_DAYS:
      return floor_div (day, self->count) * self->count * SECONDS_PER_DAY;
    case BOURSE_RESOLUTION_UNIT_WEEKS:
      {
        /* 1970-01-05 was a Monday: count weeks from there. */
        gint64 weeks = floor_div (day - 4, 7);
        return (floor_div (weeks, self->count) * self->count * 7 + 4) * SECONDS_PER_DAY;
      }
    case BOURSE_RESOLUTION_UNIT_MONTHS:
    default:
      {
        gint64 months;

        g_date_set_julian (&date, (guint32) (julian_epoch + day));
        months = (gint64) (g_date_get_year (&date) - 1970) * 12 + (g_date_get_month (&date) - 1);
        months = floor_div (months, self->count) * self->count;
        g_date_set_dmy (&date, 1, (GDateMonth) (months % 12 + 1), (GDateYear) (1970 + months / 12));
        return ((gint64) g_date_get_julian (&date) - julian_epoch) * SECONDS_PER_DAY;
      }
    }
}

/**
 * bourse_resolution_align:
 * @session: (nullable): the trading session; NULL for 24x7 in UTC
 *
 * Returns: the open time of the bar of resolution @self that contains @time.
 */
gint64
bourse_resolution_align (const BourseResolution     *self,
                         gint64                      time,
                         const BourseTradingSession *session)
{
  g_return_val_if_fail (self != NULL, time);

  if (self->unit == BOURSE_RESOLUTION_UNIT_SECONDS || self->unit == BOURSE_RESOLUTION_UNIT_MINUTES)
    {
      gint64 length = bourse_resolution_get_seconds (self);
      gint64 origin = (session ? (gint64) session->start_minute * 60 : 0) - local_offset (session, time);

      return origin + floor_div (time - origin, length) * length;
    }
  return align_calendar (self, trading_day (session, time));
}

gboolean
bourse_trading_session_parse (const char            *text,
                              GTimeZone             *time_zone,
                              BourseTradingSession  *out,
                              GError               **error)
{
  guint start_h, start_m, end_h, end_m;
  char tail;

  g_return_val_if_fail (out != NULL, FALSE);

  out->time_zone = time_zone;
  out->start_minute = 0;
  out->overnight = FALSE;
  if (g_strcmp0 (text, "24x7") == 0)
    return TRUE;
  if (text == NULL ||
      sscanf (text, "%2u%2u-%2u%2u%c", &start_h, &start_m, &end_h, &end_m, &tail) != 4 ||
      start_h > 24 || end_h > 24 || start_m > 59 || end_m > 59)
    {
      g_set_error (error, BOURSE_RESOLUTION_ERROR, BOURSE_RESOLUTION_ERROR_INVALID,
                   "“%s” is not a session (expected HHMM-HHMM or 24x7)", text ? text : "");
      return FALSE;
    }
  out->start_minute = (int) (start_h * 60 + start_m) % (24 * 60);
  out->overnight = (int) (end_h * 60 + end_m) <= out->start_minute && out->start_minute != 0;
  return TRUE;
}
