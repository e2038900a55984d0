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
bourse_resolution_equal (const BourseResolution *a,
                         const BourseResolution *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);
  return a->unit == b->unit && a->count == b->count;
}

/**
 * bourse_resolution_to_string:
 *
 * Returns: (transfer full): the Broker API's spelling: "30S", "240", "2D",
 *   "1W", "1M" (days always with their count, so "D" and "1D" are one)
 */
char *
bourse_resolution_to_string (const BourseResolution *self)
{
  static const char suffix[] = { 'S', '\0', 'D', 'W', 'M' };

  g_return_val_if_fail (self != NULL, NULL);
  if (self->unit == BOURSE_RESOLUTION_UNIT_MINUTES)
    return g_strdup_printf ("%u", self->count);
  return g_strdup_printf ("%u%c", self->count, suffix[self->unit]);
}

/**
 * bourse_resolution_format:
 *
 * Returns: (transfer full): the short label traders read: "30s", "45m",
 *   "4h" (whole hours), "1D", "1W", "1M"
 */
char *
bourse_resolution_format (const BourseResolution *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (self->unit)
    {
    case BOURSE_RESOLUTION_UNIT_SECONDS: return g_strdup_printf ("%us", self->count);
    case BOURSE_RESOLUTION_UNIT_MINUTES:
      if (self->count % 60 == 0)
        return g_strdup_printf ("%uh", self->count / 60);
      return g_strdup_printf ("%um", self->count);
    case BOURSE_RESOLUTION_UNIT_DAYS:    return g_strdup_printf ("%uD", self->count);
    case BOURSE_RESOLUTION_UNIT_WEEKS:   return g_strdup_printf ("%uW", self->count);
    case BOURSE_RESOLUTION_UNIT_MONTHS:
    default:                             return g_strdup_printf ("%uM", self->count);
    }
}

/**
 * bourse_resolution_parse_user:
 * @text: what a trader typed: a number and an optional unit — none or "m"
 *   for minutes ("7", "15m"), "s" seconds, "h" hours, "d" days, "w" weeks,
 *   "M" or "mo" months; a unit alone means one ("D", "h"); the Broker API's
 *   own strings ("240", "1D", "1S") are taken as they are
 *
 * Returns: (transfer full) (nullable): the resolution as the Broker API
 *   spells it ("4h" → "240"), or %NULL with @error saying what was wrong
 */
char *
bourse_resolution_parse_user (const char  *text,
                              GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  const char *p = copy;
  BourseResolution out;
  guint64 count = 1;
  guint multiplier = 1;
  char *end = NULL;

  if (g_ascii_isdigit (*p))
    {
      count = g_ascii_strtoull (p, &end, 10);
      p = end;
      while (*p == ' ')
        p++;
    }
  else if (*p == '\0')
    goto invalid;

  if (*p == '\0' || g_str_equal (p, "m") || g_ascii_strcasecmp (p, "min") == 0)
    out.unit = BOURSE_RESOLUTION_UNIT_MINUTES;
  else if (g_ascii_strcasecmp (p, "s") == 0 || g_ascii_strcasecmp (p, "sec") == 0)
    out.unit = BOURSE_RESOLUTION_UNIT_SECONDS;
  else if (g_ascii_strcasecmp (p, "h") == 0 || g_ascii_strcasecmp (p, "hr") == 0)
    {
      out.unit = BOURSE_RESOLUTION_UNIT_MINUTES;
      multiplier = 60;
    }
  else if (g_ascii_strcasecmp (p, "d") == 0)
    out.unit = BOURSE_RESOLUTION_UNIT_DAYS;
  else if (g_ascii_strcasecmp (p, "w") == 0)
    out.unit = BOURSE_RESOLUTION_UNIT_WEEKS;
  else if (g_str_equal (p, "M") || g_ascii_strcasecmp (p, "mo") == 0)
    out.unit = BOURSE_RESOLUTION_UNIT_MONTHS;
  else
    goto invalid;

  if (count == 0)
    {
      g_set_error (error, BOURSE_RESOLUTION_ERROR, BOURSE_RESOLUTION_ERROR_INVALID,
                   "“%s” is not an interval: it must be at least 1", copy);
      return NULL;
    }
  /* The same bound as bourse_resolution_parse(), in the resolution's unit. */
  if (count > 100000 / multiplier)
    {
      g_set_error (error, BOURSE_RESOLUTION_ERROR, BOURSE_RESOLUTION_ERROR_INVALID,
                   "“%s” is not an interval Bourse can chart: at most 100000 minutes, seconds or days", copy);
      return NULL;
    }
  out.count = (guint) count * multiplier;
  return bourse_resolution_to_string (&out);

invalid:
  g_set_error (error, BOURSE_RESOLUTION_ERROR, BOURSE_RESOLUTION_ERROR_INVALID,
               "“%s” is not an interval: type a number and a unit, e.g. 7 (minutes), 30s, 4h, 2D, 1W or 1M",
               copy);
  return NULL;
}

/* Intraday resolutions whose bars never straddle two trading days. */
static gboolean
divides_day (const BourseResolution *self)
{
  gint64 length = bourse_resolution_get_seconds (self);

  return (self->unit == BOURSE_RESOLUTION_UNIT_SECONDS || self->unit == BOURSE_RESOLUTION_UNIT_MINUTES) &&
         SECONDS_PER_DAY % length == 0;
}

/**
 * bourse_resolution_can_build:
 *
 * Whether every bar of @base lies wholly inside one bar of @target, so that
 * @target's bars are exactly @base's grouped by bourse_resolution_align():
 * intraday from a shorter intraday length that divides it (both count from
 * the session's opening); days from days that divide them or from intraday
 * bars that divide a day; weeks from weeks that divide them, from single
 * days or such intraday bars; months likewise.
 */
gboolean
bourse_resolution_can_build (const BourseResolution *target,
                             const BourseResolution *base)
{
  g_return_val_if_fail (target != NULL && base != NULL, FALSE);

  if (bourse_resolution_equal (target, base))
    return FALSE;
  switch (target->unit)
    {
    case BOURSE_RESOLUTION_UNIT_SECONDS:
    case BOURSE_RESOLUTION_UNIT_MINUTES:
      return (base->unit == BOURSE_RESOLUTION_UNIT_SECONDS || base->unit == BOURSE_RESOLUTION_UNIT_MINUTES) &&
             bourse_resolution_get_seconds (target) % bourse_resolution_get_seconds (base) == 0;
    case BOURSE_RESOLUTION_UNIT_DAYS:
      if (base->unit == BOURSE_RESOLUTION_UNIT_DAYS)
        return target->count % base->count == 0;
      return divides_day (base);
    case BOURSE_RESOLUTION_UNIT_WEEKS:
    case BOURSE_RESOLUTION_UNIT_MONTHS:
    default:
      if (base->unit == target->unit)
        return target->count % base->count == 0;
      if (base->unit == BOURSE_RESOLUTION_UNIT_DAYS)
        return base->count == 1;
      return divides_day (base);
    }
}

static gboolean
is_native (const BourseResolution *target,
           const char * const     *natives)
{
  for (guint i = 0; natives[i] != NULL; i++)
    {
      BourseResolution native;

      if (bourse_resolution_parse (natives[i], &native, NULL) && bourse_resolution_equal (&native, target))
        return TRUE;
    }
  return FALSE;
}

/**
 * bourse_resolution_choose_base:
 * @natives: (nullable) (array zero-terminated=1): the resolutions the broker
 *   serves for the symbol; %NULL when it did not say
 *
 * Returns: (transfer full) (nullable): the coarsest resolution of @natives
 *   that @target can be built from (fewest bars to fetch), or %NULL when
 *   @target is served as it is, @natives is unknown, or nothing builds it
 */
char *
bourse_resolution_choose_base (const char         *target,
                               const char * const *natives)
{
  BourseResolution wanted, best = { 0, 0 };
  const char *best_text = NULL;

  if (natives == NULL || !bourse_resolution_parse (target, &wanted, NULL) || is_native (&wanted, natives))
    return NULL;
  for (guint i = 0; natives[i] != NULL; i++)
    {
      BourseResolution native;

      if (!bourse_resolution_parse (natives[i], &native, NULL) || !bourse_resolution_can_build (&wanted, &native))
        continue;
      if (best_text == NULL || bourse_resolution_get_seconds (&native) > bourse_resolution_get_seconds (&best))
        {
          best = native;
          best_text = natives[i];
        }
    }
  return g_strdup (best_text);
}

/**
 * bourse_resolution_is_available:
 * @natives: (nullable): as for bourse_resolution_choose_base()
 *
 * Returns: whether @target is a resolution the chart can show: served by
 *   the broker or built from one it serves (anything, while @natives is unknown)
 */
gboolean
bourse_resolution_is_available (const char         *target,
                                const char * const *natives)
{
  BourseResolution wanted;
  g_autofree char *base = NULL;

  if (!bourse_resolution_parse (target, &wanted, NULL))
    return FALSE;
  if (natives == NULL || is_native (&wanted, natives))
    return TRUE;
  base = bourse_resolution_choose_base (target, natives);
  return base != NULL;
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
