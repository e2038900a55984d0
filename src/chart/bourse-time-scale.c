/* bourse-time-scale.c — bar index ↔ x mapping and calendar-aligned time marks
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bourse-time-scale.h"

/* Abbreviated month ("Mar") or weekday ("Tue") names in the user's locale.
 * Only the few labels a frame shows are formatted, so GDateTime is cheap here. */
static void
format_civil (const BourseCivilTime *ct,
              const char            *format,
              char                  *buf,
              gsize                  buf_len)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (ct->year, ct->month, ct->day, ct->hour, ct->minute, 0);
  g_autofree char *text = dt != NULL ? g_date_time_format (dt, format) : NULL;

  g_strlcpy (buf, text != NULL ? text : "", buf_len);
}

void
bourse_time_scale_visible_bars (const BourseTimeScale *ts,
                                gsize                  n_bars,
                                gsize                 *first,
                                gsize                 *end)
{
  double left = bourse_time_scale_left_index (ts);
  double f = floor (left + 0.5);
  double e = ceil (ts->right_index + 0.5);

  f = CLAMP (f, 0.0, (double) n_bars);
  e = CLAMP (e, f, (double) n_bars);
  *first = (gsize) f;
  *end = (gsize) e;
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

/* Howard Hinnant's days_from_civil inverse: days since 1970-01-01 → y/m/d. */
static void
civil_from_days (gint64  z,
                 int    *year,
                 int    *month,
                 int    *day)
{
  gint64 era, y;
  guint doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = (guint) (z - era * 146097);
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = (gint64) yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = (int) (mp < 10 ? mp + 3 : mp - 9);
  *year = (int) (y + (*month <= 2));
}

void
bourse_civil_time_set (BourseCivilTime *ct,
                       GTimeZone       *tz,
                       gint64           unix_seconds)
{
  gint64 local = unix_seconds;
  gint64 days, secs;

  ct->tz = tz;
  if (tz != NULL)
    {
      int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, unix_seconds);

      if (interval >= 0)
        local += g_time_zone_get_offset (tz, interval);
    }
  days = floor_div (local, 86400);
  secs = local - days * 86400;
  civil_from_days (days, &ct->year, &ct->month, &ct->day);
  ct->hour = (int) (secs / 3600);
  ct->minute = (int) (secs / 60 % 60);
  ct->second = (int) (secs % 60);
  /* 1970-01-01 was a Thursday (weekday 4). */
  ct->weekday = (int) (floor_div (days + 3, 7) * -7 + days + 3) + 1;
}

static BourseTimeMarkWeight
weight_between (const BourseCivilTime *a,
                const BourseCivilTime *b)
{
  if (a->year != b->year)
    return BOURSE_TIME_MARK_YEAR;
  if (a->month != b->month)
    return BOURSE_TIME_MARK_MONTH;
  if (a->day != b->day)
    return BOURSE_TIME_MARK_DAY;
  if (a->hour / 12 != b->hour / 12)
    return BOURSE_TIME_MARK_HOUR12;
  if (a->hour / 6 != b->hour / 6)
    return BOURSE_TIME_MARK_HOUR6;
  if (a->hour / 3 != b->hour / 3)
    return BOURSE_TIME_MARK_HOUR3;
  if (a->hour != b->hour)
    return BOURSE_TIME_MARK_HOUR;
  if (a->minute / 30 != b->minute / 30)
    return BOURSE_TIME_MARK_MINUTE30;
  if (a->minute / 15 != b->minute / 15)
    return BOURSE_TIME_MARK_MINUTE15;
  if (a->minute / 5 != b->minute / 5)
    return BOURSE_TIME_MARK_MINUTE5;
  if (a->minute != b->minute)
    return BOURSE_TIME_MARK_MINUTE;
  if (a->second != b->second)
    return BOURSE_TIME_MARK_SECOND;
  return BOURSE_TIME_MARK_NONE;
}

/**
 * bourse_time_mark_weight:
 *
 * Returns: the largest calendar boundary (in @tz) crossed going from
 * @previous to @current. Comparing calendar fields is enough: if the years
 * differ, a year boundary lies in between, whatever happened in the middle.
 */
BourseTimeMarkWeight
bourse_time_mark_weight (GTimeZone *tz,
                         gint64     previous,
                         gint64     current)
{
  BourseCivilTime a, b;

  bourse_civil_time_set (&a, tz, previous);
  bourse_civil_time_set (&b, tz, current);
  return weight_between (&a, &b);
}

static void
format_mark (BourseTimeMark        *mark,
             const BourseCivilTime *ct)
{
  switch (mark->weight)
    {
    case BOURSE_TIME_MARK_YEAR:
      g_snprintf (mark->label, sizeof mark->label, "%d", ct->year);
      break;
    case BOURSE_TIME_MARK_MONTH:
      format_civil (ct, "%b", mark->label, sizeof mark->label);
      break;
    case BOURSE_TIME_MARK_DAY:
      g_snprintf (mark->label, sizeof mark->label, "%d", ct->day);
      break;
    case BOURSE_TIME_MARK_SECOND:
      g_snprintf (mark->label, sizeof mark->label, "%02d:%02d:%02d", ct->hour, ct->minute, ct->second);
      break;
    case BOURSE_TIME_MARK_NONE:
      mark->label[0] = '\0';
      break;
    case BOURSE_TIME_MARK_MINUTE:
    case BOURSE_TIME_MARK_MINUTE5:
    case BOURSE_TIME_MARK_MINUTE15:
    case BOURSE_TIME_MARK_MINUTE30:
    case BOURSE_TIME_MARK_HOUR:
    case BOURSE_TIME_MARK_HOUR3:
    case BOURSE_TIME_MARK_HOUR6:
    case BOURSE_TIME_MARK_HOUR12:
    default:
      g_snprintf (mark->label, sizeof mark->label, "%02d:%02d", ct->hour, ct->minute);
      break;
    }
}

/* Bar times, extrapolated past the last bar (future slots) at the last interval. */
typedef struct
{
  const gint64 *times;
  gsize         n_bars;
  gint64        step;
} TimeSource;

static inline gint64
time_at (const TimeSource *t,
         gsize             i)
{
  if (i < t->n_bars)
    return t->times[i];
  return t->times[t->n_bars - 1] + (gint64) (i - t->n_bars + 1) * t->step;
}

typedef struct
{
  gsize                index;
  gsize                after;   /* the boundary lies in bars (after, index] */
  double               x;
  BourseTimeMarkWeight weight;
} Candidate;

/* Zoomed out, a candidate is the first bar of a pixel column and the boundary
 * it stands for may lie on any bar since the previous column's first: find that
 * bar (the first whose time crosses a boundary of @weight since that of @after;
 * the weight crossed only grows with the distance, so bisect). Labels then
 * read "06:00", not the "06:01" of whichever bar opens the column. */
static gsize
boundary_bar (const TimeSource     *times,
              GTimeZone            *tz,
              gsize                 after,
              gsize                 index,
              BourseTimeMarkWeight  weight)
{
  BourseCivilTime start, ct;
  gsize lo = after + 1, hi = index;

  bourse_civil_time_set (&start, tz, time_at (times, after));
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      bourse_civil_time_set (&ct, tz, time_at (times, mid));
      if (weight_between (&start, &ct) >= weight)
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a, *cb = b;

  if (ca->weight != cb->weight)
    return ca->weight > cb->weight ? -1 : 1;
  return ca->index < cb->index ? -1 : ca->index > cb->index;
}

/* The order of compare_candidates() without a comparison sort: candidates
 * arrive in index order, so a stable counting sort on the weight (a few small
 * values) gives the same order in one pass. Anything else: g_array_sort(). */
static void
sort_candidates (GArray *candidates)
{
  const Candidate *in = (const Candidate *) (gpointer) candidates->data;
  guint counts[256] = { 0 };
  g_autofree Candidate *sorted = NULL;
  guint pos = 0;

  for (guint i = 0; i < candidates->len; i++)
    {
      if ((guint) in[i].weight >= G_N_ELEMENTS (counts) || (i > 0 && in[i].index <= in[i - 1].index))
        {
          g_array_sort (candidates, compare_candidates);
          return;
        }
      counts[in[i].weight]++;
    }
  /* Heaviest first: counts[] becomes each weight's first slot. */
  for (guint w = G_N_ELEMENTS (counts); w > 0; w--)
    {
      guint n = counts[w - 1];

      counts[w - 1] = pos;
      pos += n;
    }
  sorted = g_new (Candidate, MAX (candidates->len, 1));
  for (guint i = 0; i < candidates->len; i++)
    sorted[counts[in[i].weight]++] = in[i];
  memcpy (candidates->data, sorted, candidates->len * sizeof (Candidate));
}

static int
compare_marks (gconstpointer a,
               gconstpointer b)
{
  const BourseTimeMark *ma = a, *mb = b;

  return ma->index < mb->index ? -1 : ma->index > mb->index;
}

void
bourse_time_scale_build_marks (const BourseTimeScale *ts,
                               const gint64          *times,
                               gsize                  n_bars,
                               GTimeZone             *tz,
                               double                 min_label_spacing,
                               GArray                *marks)
{
  bourse_time_scale_build_marks_full (ts, times, n_bars, 0, tz, min_label_spacing, marks);
}

/* One candidate per visible bar (bars at least a pixel apart): its weight is
 * the largest boundary crossed since the bar before it. */
static void
candidates_per_bar (const BourseTimeScale *ts,
                    const TimeSource      *times,
                    GTimeZone             *tz,
                    gsize                  first,
                    gsize                  end,
                    GArray                *candidates)
{
  BourseCivilTime prev_ct, ct;
  gsize prev = G_MAXSIZE;

  for (gsize i = first; i < end; i++)
    {
      Candidate c = { i, i > 0 ? i - 1 : 0, bourse_time_scale_index_to_x (ts, (double) i), BOURSE_TIME_MARK_YEAR };

      if (i > 0)
        {
          if (prev == i - 1)
            {
              bourse_civil_time_set (&ct, tz, time_at (times, i));
              c.weight = weight_between (&prev_ct, &ct);
            }
          else
            {
              bourse_civil_time_set (&prev_ct, tz, time_at (times, i - 1));
              bourse_civil_time_set (&ct, tz, time_at (times, i));
              c.weight = weight_between (&prev_ct, &ct);
            }
        }
      else
        bourse_civil_time_set (&ct, tz, time_at (times, i));
      prev_ct = ct;
      prev = i;
      if (c.weight != BOURSE_TIME_MARK_NONE)
        g_array_append_val (candidates, c);
    }
}

/* Zoomed out: the first bar of each pixel column, weighted by the largest
 * boundary crossed since the previous column's bar. */
static void
candidates_per_column (const BourseTimeScale *ts,
                       const TimeSource      *times,
                       GTimeZone             *tz,
                       gsize                  first,
                       gsize                  end,
                       GArray                *candidates)
{
  BourseCivilTime prev_ct, ct;
  gsize last_bar = G_MAXSIZE;

  for (double x = 0; x <= ts->width; x += 1.0)
    {
      double fi = ceil (bourse_time_scale_x_to_index (ts, x) - 0.5);
      gsize b;
      Candidate c;

      if (fi < (double) first)
        fi = (double) first;
      if (fi >= (double) end)
        break;
      b = (gsize) fi;
      if (b == last_bar)
        continue;

      c.index = b;
      c.after = b > 0 ? b - 1 : 0;
      c.x = bourse_time_scale_index_to_x (ts, (double) b);
      c.weight = BOURSE_TIME_MARK_YEAR;
      if (last_bar == G_MAXSIZE)
        {
          if (b > 0)
            bourse_civil_time_set (&prev_ct, tz, time_at (times, b - 1));
        }
      else
        c.after = last_bar;
      bourse_civil_time_set (&ct, tz, time_at (times, b));
      if (b > 0)
        c.weight = weight_between (&prev_ct, &ct);
      prev_ct = ct;
      last_bar = b;
      if (c.weight != BOURSE_TIME_MARK_NONE)
        g_array_append_val (candidates, c);
    }
}

/* Heaviest candidates first, each kept when no kept one is closer than
 * @min_label_spacing; a kept mark moves to the exact boundary bar. */
static void
keep_marks (const TimeSource *times,
            GTimeZone        *tz,
            GArray           *candidates,
            double            min_label_spacing,
            GArray           *marks)
{
  g_autoptr(GArray) kept_x = g_array_new (FALSE, FALSE, sizeof (double));
  BourseCivilTime ct;

  sort_candidates (candidates);
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);
      gboolean fits = TRUE;
      BourseTimeMark mark;

      for (guint k = 0; k < kept_x->len && fits; k++)
        if (fabs (g_array_index (kept_x, double, k) - c->x) < min_label_spacing)
          fits = FALSE;
      if (!fits)
        continue;

      g_array_append_val (kept_x, c->x);
      mark.index = c->index > 0 && c->after + 1 < c->index
                     ? boundary_bar (times, tz, c->after, c->index, c->weight) : c->index;
      mark.time = time_at (times, mark.index);
      mark.weight = c->weight;
      bourse_civil_time_set (&ct, tz, mark.time);
      format_mark (&mark, &ct);
      g_array_append_val (marks, mark);
    }
  g_array_sort (marks, compare_marks);
}

void
bourse_time_scale_build_marks_full (const BourseTimeScale *ts,
                                    const gint64          *bar_times,
                                    gsize                  n_bars,
                                    gsize                  n_future,
                                    GTimeZone             *tz,
                                    double                 min_label_spacing,
                                    GArray                *marks)
{
  TimeSource source = { bar_times, n_bars, 0 };
  g_autoptr(GArray) candidates = NULL;
  gsize first, end;

  g_return_if_fail (ts != NULL && marks != NULL);

  g_array_set_size (marks, 0);
  /* Future slots need an interval to extrapolate: the last one. */
  if (n_bars < 2 || bar_times == NULL || bar_times[n_bars - 1] <= bar_times[n_bars - 2])
    n_future = 0;
  else
    source.step = bar_times[n_bars - 1] - bar_times[n_bars - 2];
  bourse_time_scale_visible_bars (ts, n_bars + n_future, &first, &end);
  if (first >= end || bar_times == NULL)
    return;

  candidates = g_array_sized_new (FALSE, FALSE, sizeof (Candidate), 256);
  if (ts->bar_spacing >= 1.0)
    candidates_per_bar (ts, &source, tz, first, end, candidates);
  else
    candidates_per_column (ts, &source, tz, first, end, candidates);
  keep_marks (&source, tz, candidates, min_label_spacing, marks);
}

void
bourse_time_scale_format_crosshair (GTimeZone *tz,
                                    gint64     unix_seconds,
                                    gboolean   with_time,
                                    char      *buf,
                                    gsize      buf_len)
{
  BourseCivilTime ct;

  bourse_civil_time_set (&ct, tz, unix_seconds);
  /* "Tue 12 Mar '24  14:30": the wall clock of @tz, formatted as if UTC. */
  format_civil (&ct, with_time ? "%a %-d %b '%y  %H:%M" : "%a %-d %b '%y", buf, buf_len);
}
