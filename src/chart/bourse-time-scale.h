/* bourse-time-scale.h — bar index ↔ x mapping and calendar-aligned time marks
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The x axis is by bar index ("logical index"), not by time: bar i is centred
 * at index i, so weekends and session gaps take no room, and a chart of any
 * resolution works the same. Fractional indexes are valid (the crosshair, a
 * drawing tool anchored between bars, the space right of the last bar).
 *
 *   x (i) = width - (right_index - i) * bar_spacing
 *
 * `right_index` is the logical index at the right edge of the plot area, so
 * it is `last bar + 0.5 + right offset (bars)`.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double width;        /* plot area width, logical pixels */
  double bar_spacing;  /* logical pixels per bar, > 0 */
  double right_index;  /* logical index at x = width */
} BourseTimeScale;

static inline double
bourse_time_scale_index_to_x (const BourseTimeScale *ts,
                              double                 index)
{
  return ts->width - (ts->right_index - index) * ts->bar_spacing;
}

static inline double
bourse_time_scale_x_to_index (const BourseTimeScale *ts,
                              double                 x)
{
  return ts->right_index - (ts->width - x) / ts->bar_spacing;
}

/* The logical index at the left edge (x = 0). */
static inline double
bourse_time_scale_left_index (const BourseTimeScale *ts)
{
  return ts->right_index - ts->width / ts->bar_spacing;
}

void bourse_time_scale_visible_bars (const BourseTimeScale *ts,
                                     gsize                  n_bars,
                                     gsize                 *first,
                                     gsize                 *end);

/**
 * BourseTimeMarkWeight:
 *
 * The largest calendar boundary crossed between a bar and the one before it,
 * in the chosen time zone. Marks of higher weight win label space.
 */
typedef enum
{
  BOURSE_TIME_MARK_NONE     = 0,
  BOURSE_TIME_MARK_SECOND   = 10,
  BOURSE_TIME_MARK_MINUTE   = 20,
  BOURSE_TIME_MARK_MINUTE5  = 22,
  BOURSE_TIME_MARK_MINUTE15 = 24,
  BOURSE_TIME_MARK_MINUTE30 = 26,
  BOURSE_TIME_MARK_HOUR     = 30,
  BOURSE_TIME_MARK_HOUR3    = 32,
  BOURSE_TIME_MARK_HOUR6    = 34,
  BOURSE_TIME_MARK_HOUR12   = 36,
  BOURSE_TIME_MARK_DAY      = 50,
  BOURSE_TIME_MARK_MONTH    = 60,
  BOURSE_TIME_MARK_YEAR     = 70,
} BourseTimeMarkWeight;

typedef struct
{
  gsize                index;     /* bar index the mark sits on */
  gint64               time;      /* that bar's time, UNIX seconds */
  BourseTimeMarkWeight weight;
  char                 label[16]; /* "2024", "Mar", "12", "14:30" */
} BourseTimeMark;

/**
 * BourseCivilTime:
 *
 * A fast UTC → local calendar converter: GTimeZone gives the offset, plain
 * arithmetic the date, so a frame can classify a thousand bars in microseconds.
 */
typedef struct
{
  GTimeZone *tz;  /* borrowed */
  int        year, month, day, hour, minute, second, weekday; /* weekday 1 = Monday */
} BourseCivilTime;

void   bourse_civil_time_set   (BourseCivilTime *ct,
                                GTimeZone       *tz,
                                gint64           unix_seconds);

BourseTimeMarkWeight bourse_time_mark_weight (GTimeZone *tz,
                                              gint64     previous,
                                              gint64     current);

/**
 * bourse_time_scale_build_marks:
 * @times: bar open times (UNIX seconds), @n_bars of them
 * @tz: time zone the labels are shown in
 * @min_label_spacing: minimum distance between two marks, logical pixels
 * @marks: (out): filled with the chosen marks, sorted by index
 *
 * Chooses the time-axis marks for the visible bars: each candidate is a bar
 * that crosses a calendar boundary; higher weights are placed first and a mark
 * is kept only if it is at least @min_label_spacing from every kept one. When
 * bars are denser than pixels, only the first bar of each pixel column is a
 * candidate, so the cost is O(width), whatever the number of bars.
 */
void bourse_time_scale_build_marks (const BourseTimeScale *ts,
                                    const gint64          *times,
                                    gsize                  n_bars,
                                    GTimeZone             *tz,
                                    double                 min_label_spacing,
                                    GArray                *marks);

/* Same, with @n_future slots after the last bar (series values in the future,
 * e.g. Ichimoku's cloud) marked too: their times are extrapolated at the last
 * bar interval (session gaps ahead are not known). A mark's index may then be
 * >= @n_bars. */
void bourse_time_scale_build_marks_full (const BourseTimeScale *ts,
                                         const gint64          *times,
                                         gsize                  n_bars,
                                         gsize                  n_future,
                                         GTimeZone             *tz,
                                         double                 min_label_spacing,
                                         GArray                *marks);

/* Formats @unix_seconds for the crosshair label: "Tue 12 Mar '24 14:30". */
void bourse_time_scale_format_crosshair (GTimeZone *tz,
                                         gint64     unix_seconds,
                                         gboolean   with_time,
                                         char      *buf,
                                         gsize      buf_len);

G_END_DECLS
