/* test-scales.c — time and price scales: round trips, ticks, calendar marks
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "bourse-price-scale.h"
#include "bourse-time-scale.h"

static void
test_time_round_trip (void)
{
  BourseTimeScale ts = { .width = 1000, .bar_spacing = 7.5, .right_index = 512.25 };

  for (double i = -10; i < 600; i += 0.37)
    g_assert_cmpfloat_with_epsilon (bourse_time_scale_x_to_index (&ts, bourse_time_scale_index_to_x (&ts, i)), i, 1e-9);
  /* The right edge is right_index, the left edge width / spacing bars before. */
  g_assert_cmpfloat_with_epsilon (bourse_time_scale_index_to_x (&ts, 512.25), 1000, 1e-9);
  g_assert_cmpfloat_with_epsilon (bourse_time_scale_left_index (&ts), 512.25 - 1000 / 7.5, 1e-9);
}

static void
test_time_visible_bars (void)
{
  BourseTimeScale ts = { .width = 100, .bar_spacing = 10, .right_index = 49.5 };
  gsize first, end;

  /* Bars 40..49 fill [0, 100) exactly. */
  bourse_time_scale_visible_bars (&ts, 50, &first, &end);
  g_assert_cmpuint (first, ==, 40);
  g_assert_cmpuint (end, ==, 50);

  /* Past the data on both sides: clamped. */
  ts.right_index = 5;
  bourse_time_scale_visible_bars (&ts, 50, &first, &end);
  g_assert_cmpuint (first, ==, 0);
  g_assert_cmpuint (end, ==, 6);
  ts.right_index = 1000;
  bourse_time_scale_visible_bars (&ts, 50, &first, &end);
  g_assert_cmpuint (first, ==, 50);
  g_assert_cmpuint (end, ==, 50);
}

static void
test_price_round_trip (void)
{
  BoursePriceScaleMode modes[] = {
    BOURSE_PRICE_SCALE_MODE_NORMAL, BOURSE_PRICE_SCALE_MODE_LOGARITHMIC,
    BOURSE_PRICE_SCALE_MODE_PERCENT, BOURSE_PRICE_SCALE_MODE_INDEXED_TO_100,
  };

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    for (int inverted = 0; inverted < 2; inverted++)
      {
        BoursePriceScale ps;

        bourse_price_scale_init (&ps, modes[m], 480);
        ps.inverted = inverted;
        ps.base = 95.0;
        bourse_price_scale_set_price_range (&ps, 80, 120);
        for (double p = 50; p < 150; p += 1.3)
          {
            double y = bourse_price_scale_price_to_y (&ps, p);
            g_assert_cmpfloat_with_epsilon (bourse_price_scale_y_to_price (&ps, y), p, 1e-9);
          }
        /* Margins: the range's high sits 20 % from the top, its low 10 % from the bottom. */
        g_assert_cmpfloat_with_epsilon (bourse_price_scale_price_to_y (&ps, 120), inverted ? 480 * 0.8 : 480 * 0.2, 1e-6);
        g_assert_cmpfloat_with_epsilon (bourse_price_scale_price_to_y (&ps, 80), inverted ? 480 * 0.1 : 480 * 0.9, 1e-6);
      }
}

static void
test_price_modes (void)
{
  BoursePriceScale ps;
  char buf[32];

  bourse_price_scale_init (&ps, BOURSE_PRICE_SCALE_MODE_PERCENT, 100);
  ps.base = 200;
  g_assert_cmpfloat_with_epsilon (bourse_price_scale_transform (&ps, 210), 5.0, 1e-12);
  bourse_price_scale_format (&ps, 190, 2, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "-5.00%");

  ps.mode = BOURSE_PRICE_SCALE_MODE_INDEXED_TO_100;
  g_assert_cmpfloat_with_epsilon (bourse_price_scale_transform (&ps, 300), 150.0, 1e-12);

  /* Log scale: equal ratios take equal heights. */
  bourse_price_scale_init (&ps, BOURSE_PRICE_SCALE_MODE_LOGARITHMIC, 600);
  bourse_price_scale_set_price_range (&ps, 1, 1000);
  g_assert_cmpfloat_with_epsilon (bourse_price_scale_price_to_y (&ps, 1) - bourse_price_scale_price_to_y (&ps, 10),
                                  bourse_price_scale_price_to_y (&ps, 100) - bourse_price_scale_price_to_y (&ps, 1000), 1e-9);
  /* A zero price on a log scale stays finite. */
  g_assert_true (isfinite (bourse_price_scale_price_to_y (&ps, 0)));
}

static gboolean
is_multiple (double value,
             double step)
{
  double q = value / step;
  return fabs (q - round (q)) < 1e-6;
}

static void
test_price_ticks_nice (void)
{
  BoursePriceScale ps;
  g_autoptr(GArray) ticks = g_array_new (FALSE, FALSE, sizeof (double));
  double step;

  bourse_price_scale_init (&ps, BOURSE_PRICE_SCALE_MODE_NORMAL, 500);
  bourse_price_scale_set_price_range (&ps, 1.08213, 1.08977);
  bourse_price_scale_build_ticks (&ps, 0.00001, 40, ticks);
  g_assert_cmpuint (ticks->len, >=, 5);
  g_assert_cmpuint (ticks->len, <=, 500 / 40 + 1);
  step = g_array_index (ticks, double, 1) - g_array_index (ticks, double, 0);
  /* 1, 2, 2.5 or 5 × 10^k, and a whole number of pips. */
  {
    double m = step / pow (10, floor (log10 (step) + 1e-9));
    g_assert_true (fabs (m - 1) < 1e-6 || fabs (m - 2) < 1e-6 || fabs (m - 2.5) < 1e-6 || fabs (m - 5) < 1e-6);
  }
  for (guint i = 0; i < ticks->len; i++)
    {
      double p = g_array_index (ticks, double, i);
      double y = bourse_price_scale_price_to_y (&ps, p);

      g_assert_true (is_multiple (p, step));
      g_assert_true (is_multiple (p, 0.00001));
      g_assert_cmpfloat (y, >=, 0);
      g_assert_cmpfloat (y, <=, 500);
      if (i > 0)
        g_assert_cmpfloat (bourse_price_scale_price_to_y (&ps, g_array_index (ticks, double, i - 1)) - y, >=, 40 - 1e-6);
    }

  /* A tick size coarser than the nice step wins: a 0.25 future never shows 0.1 steps. */
  bourse_price_scale_set_price_range (&ps, 4500, 4502);
  bourse_price_scale_build_ticks (&ps, 0.25, 40, ticks);
  g_assert_cmpuint (ticks->len, >, 2);
  for (guint i = 0; i < ticks->len; i++)
    g_assert_true (is_multiple (g_array_index (ticks, double, i), 0.25));
}

static void
test_price_ticks_log (void)
{
  BoursePriceScale ps;
  g_autoptr(GArray) ticks = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean saw_decade = FALSE;

  bourse_price_scale_init (&ps, BOURSE_PRICE_SCALE_MODE_LOGARITHMIC, 600);
  bourse_price_scale_set_price_range (&ps, 0.5, 5000);
  bourse_price_scale_build_ticks (&ps, 0.01, 30, ticks);
  g_assert_cmpuint (ticks->len, >=, 4);
  for (guint i = 0; i < ticks->len; i++)
    {
      double p = g_array_index (ticks, double, i);
      double mantissa = p / pow (10, floor (log10 (p) + 1e-9));

      /* Nice mantissas only, ascending, at least 30 px apart. */
      g_assert_cmpfloat (fabs (mantissa - round (mantissa)), <, 1e-6);
      if (fabs (mantissa - 1) < 1e-9 && p >= 1)
        saw_decade = TRUE;
      if (i > 0)
        {
          double prev = g_array_index (ticks, double, i - 1);
          g_assert_cmpfloat (prev, <, p);
          g_assert_cmpfloat (bourse_price_scale_price_to_y (&ps, prev) - bourse_price_scale_price_to_y (&ps, p), >=, 30 - 1e-6);
        }
    }
  g_assert_true (saw_decade);

  /* Narrower than a decade: plain nice steps, still spaced. */
  bourse_price_scale_set_price_range (&ps, 100, 140);
  bourse_price_scale_build_ticks (&ps, 0.01, 30, ticks);
  g_assert_cmpuint (ticks->len, >=, 4);
  for (guint i = 1; i < ticks->len; i++)
    g_assert_cmpfloat (bourse_price_scale_price_to_y (&ps, g_array_index (ticks, double, i - 1)) -
                       bourse_price_scale_price_to_y (&ps, g_array_index (ticks, double, i)), >=, 30 - 1e-6);
}

static void
test_civil_time (void)
{
  g_autoptr(GTimeZone) ny = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  BourseCivilTime ct;

  g_assert_nonnull (ny);
  /* 2024-02-29 12:34:56 UTC, a Thursday; in New York (EST) 07:34:56. */
  bourse_civil_time_set (&ct, utc, 1709210096);
  g_assert_cmpint (ct.year, ==, 2024);
  g_assert_cmpint (ct.month, ==, 2);
  g_assert_cmpint (ct.day, ==, 29);
  g_assert_cmpint (ct.hour, ==, 12);
  g_assert_cmpint (ct.minute, ==, 34);
  g_assert_cmpint (ct.second, ==, 56);
  g_assert_cmpint (ct.weekday, ==, 4);
  bourse_civil_time_set (&ct, ny, 1709210096);
  g_assert_cmpint (ct.hour, ==, 7);

  /* Before 1970 too. */
  bourse_civil_time_set (&ct, utc, -86400);
  g_assert_cmpint (ct.year, ==, 1969);
  g_assert_cmpint (ct.month, ==, 12);
  g_assert_cmpint (ct.day, ==, 31);
  g_assert_cmpint (ct.weekday, ==, 3);

  /* Agrees with GDateTime over many years in New York. */
  for (gint64 t = 0; t < 2000000000; t += 7777777)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (dt, ny);

      bourse_civil_time_set (&ct, ny, t);
      g_assert_cmpint (ct.year, ==, g_date_time_get_year (local));
      g_assert_cmpint (ct.month, ==, g_date_time_get_month (local));
      g_assert_cmpint (ct.day, ==, g_date_time_get_day_of_month (local));
      g_assert_cmpint (ct.hour, ==, g_date_time_get_hour (local));
      g_assert_cmpint (ct.weekday, ==, g_date_time_get_day_of_week (local));
    }
}

static GArray *
make_times (gint64 start,
            gint64 step,
            gsize  n)
{
  GArray *times = g_array_sized_new (FALSE, FALSE, sizeof (gint64), (guint) n);

  for (gsize i = 0; i < n; i++)
    {
      gint64 t = start + (gint64) i * step;
      g_array_append_val (times, t);
    }
  return times;
}

static const BourseTimeMark *
find_mark (GArray *marks,
           gsize   index)
{
  for (guint i = 0; i < marks->len; i++)
    if (g_array_index (marks, BourseTimeMark, i).index == index)
      return &g_array_index (marks, BourseTimeMark, i);
  return NULL;
}

static void
test_marks_month_ends (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  /* Daily bars from 2023-01-01 for 400 days. */
  g_autoptr(GArray) times = make_times (1672531200, 86400, 400);
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (BourseTimeMark));
  BourseTimeScale ts = { .width = 1200, .bar_spacing = 3, .right_index = 399.5 };
  const BourseTimeMark *m;

  bourse_time_scale_build_marks (&ts, (const gint64 *) (void *) times->data, times->len, utc, 60, marks);
  g_assert_cmpuint (marks->len, >=, 10);

  /* Index 31 is 2023-02-01: a month mark labelled "Feb"; 365 is 2024-01-01: "2024". */
  m = find_mark (marks, 31);
  g_assert_nonnull (m);
  g_assert_cmpint (m->weight, ==, BOURSE_TIME_MARK_MONTH);
  g_assert_cmpstr (m->label, ==, "Feb");
  m = find_mark (marks, 365);
  g_assert_nonnull (m);
  g_assert_cmpint (m->weight, ==, BOURSE_TIME_MARK_YEAR);
  g_assert_cmpstr (m->label, ==, "2024");

  for (guint i = 0; i < marks->len; i++)
    {
      const BourseTimeMark *mk = &g_array_index (marks, BourseTimeMark, i);
      BourseCivilTime ct;

      /* Every month/year mark is the first day of a month; marks are spaced. */
      bourse_civil_time_set (&ct, utc, mk->time);
      if (mk->weight >= BOURSE_TIME_MARK_MONTH)
        g_assert_cmpint (ct.day, ==, 1);
      if (i > 0)
        g_assert_cmpfloat ((mk->index - g_array_index (marks, BourseTimeMark, i - 1).index) * ts.bar_spacing, >=, 60);
    }
}

static void
test_marks_dst (void)
{
  g_autoptr(GTimeZone) ny = g_time_zone_new_identifier ("America/New_York");
  /* 15-minute bars from 2024-03-09 00:00 EST (05:00 UTC) over the spring-forward
   * night (02:00 → 03:00 on 03-10) and the next day. */
  g_autoptr(GArray) times = make_times (1709960400, 900, 4 * 24 * 3);
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (BourseTimeMark));
  BourseTimeScale ts = { .width = 2000, .bar_spacing = 7, .right_index = 4 * 24 * 3 - 0.5 };
  gboolean saw_day = FALSE, saw_day_after_dst = FALSE;

  bourse_time_scale_build_marks (&ts, (const gint64 *) (void *) times->data, times->len, ny, 50, marks);
  g_assert_cmpuint (marks->len, >, 5);
  for (guint i = 0; i < marks->len; i++)
    {
      const BourseTimeMark *mk = &g_array_index (marks, BourseTimeMark, i);
      BourseCivilTime ct;

      bourse_civil_time_set (&ct, ny, mk->time);
      /* Local wall-clock labels: no 02:xx on the DST night, every hour mark on the hour. */
      g_assert_false (ct.month == 3 && ct.day == 10 && ct.hour == 2);
      if (mk->weight >= BOURSE_TIME_MARK_HOUR && mk->weight < BOURSE_TIME_MARK_DAY)
        g_assert_cmpint (ct.minute, ==, 0);
      if (mk->weight == BOURSE_TIME_MARK_DAY)
        {
          /* Local midnight: 05:00 UTC before the change, 04:00 UTC after. */
          g_assert_cmpint (ct.hour, ==, 0);
          g_assert_cmpint (ct.minute, ==, 0);
          saw_day = TRUE;
          if (ct.day == 11)
            {
              g_assert_cmpint (mk->time % 86400, ==, 4 * 3600);
              saw_day_after_dst = TRUE;
            }
          else if (ct.day == 10)
            g_assert_cmpint (mk->time % 86400, ==, 5 * 3600);
        }
    }
  g_assert_true (saw_day);
  g_assert_true (saw_day_after_dst);
}

static void
test_marks_dense_columns (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  /* A million minute bars squeezed into 1000 px: only pixel columns are candidates. */
  g_autoptr(GArray) times = make_times (1577836800, 60, 1000000);
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (BourseTimeMark));
  BourseTimeScale ts = { .width = 1000, .bar_spacing = 1000.0 / 1000000, .right_index = 999999.5 };
  guint years = 0;

  bourse_time_scale_build_marks (&ts, (const gint64 *) (void *) times->data, times->len, utc, 80, marks);
  g_assert_cmpuint (marks->len, >=, 6);
  g_assert_cmpuint (marks->len, <=, 1000 / 80 + 1);
  for (guint i = 0; i < marks->len; i++)
    {
      const BourseTimeMark *mk = &g_array_index (marks, BourseTimeMark, i);
      BourseCivilTime ct, prev;

      g_assert_cmpint (mk->weight, >=, BOURSE_TIME_MARK_MONTH);
      /* The mark lands within a pixel (1000 bars) of the real boundary. */
      /* The mark is the exact first bar of its month, not the first bar of
       * the pixel column the boundary falls in. */
      bourse_civil_time_set (&ct, utc, mk->time);
      bourse_civil_time_set (&prev, utc, mk->time - 60);
      if (mk->index > 0)
        {
          g_assert_true (ct.month != prev.month || ct.year != prev.year);
          g_assert_cmpint (ct.day, ==, 1);
          g_assert_cmpint (ct.hour, ==, 0);
          g_assert_cmpint (ct.minute, ==, 0);
        }
      /* Year marks: the first bar (nothing before it) and 2021-01-01. */
      if (mk->weight == BOURSE_TIME_MARK_YEAR)
        {
          g_assert_true (mk->index == 0 || (ct.year == 2021 && ct.month == 1 && ct.day == 1));
          if (ct.year == 2021)
            years++;
        }
    }
  g_assert_cmpuint (years, ==, 1);
}

/* Zoomed out over a few days of 1-minute bars (several bars per pixel column),
 * hour and day marks sit on the bar at the boundary: labels read 06:00, never
 * the 06:01 of the bar that happens to open the pixel column. */
static void
test_marks_subpixel_exact (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GArray) times = make_times (1577836800 + 17 * 60, 60, 3 * 1440);
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (BourseTimeMark));
  const gint64 *t = (const gint64 *) (void *) times->data;
  BourseTimeScale ts = { .width = 900, .bar_spacing = 900.0 / (3 * 1440 + 7), .right_index = 3 * 1440 - 0.5 };

  bourse_time_scale_build_marks (&ts, t, times->len, utc, 70, marks);
  g_assert_cmpuint (marks->len, >=, 6);
  for (guint i = 0; i < marks->len; i++)
    {
      const BourseTimeMark *mk = &g_array_index (marks, BourseTimeMark, i);
      BourseCivilTime ct;

      if (mk->index == 0)
        continue;
      bourse_civil_time_set (&ct, utc, mk->time);
      g_assert_cmpint (mk->time, ==, t[mk->index]);
      g_assert_cmpint (bourse_time_mark_weight (utc, t[mk->index - 1], t[mk->index]), >=, mk->weight);
      g_assert_cmpint (mk->weight, >=, BOURSE_TIME_MARK_HOUR);
      g_assert_cmpint (ct.minute, ==, 0);
      if (mk->weight == BOURSE_TIME_MARK_DAY)
        g_assert_cmpint (ct.hour, ==, 0);
    }
}

/* Future slots (series values past the last bar) get marks too, at times
 * extrapolated from the last bar interval; without them the axis stops at the
 * last bar. */
static void
test_marks_future_slots (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  /* 1-minute bars from 10:00 to 10:59; 60 more slots reach 11:59. */
  g_autoptr(GArray) times = make_times (1700042400, 60, 60);
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (BourseTimeMark));
  const gint64 *t = (const gint64 *) (void *) times->data;
  BourseTimeScale ts = { .width = 1200, .bar_spacing = 10, .right_index = 119.5 };
  gboolean saw_future_hour = FALSE;

  g_assert_cmpint (t[0] % 3600, ==, 0);
  bourse_time_scale_build_marks (&ts, t, times->len, utc, 60, marks);
  for (guint i = 0; i < marks->len; i++)
    g_assert_cmpuint (g_array_index (marks, BourseTimeMark, i).index, <, 60);

  bourse_time_scale_build_marks_full (&ts, t, times->len, 60, utc, 60, marks);
  for (guint i = 0; i < marks->len; i++)
    {
      const BourseTimeMark *mk = &g_array_index (marks, BourseTimeMark, i);

      g_assert_cmpint (mk->time, ==, t[0] + 60 * (gint64) mk->index);
      if (mk->index > 0)   /* the first bar is a mark of its own */
        g_assert_cmpint (bourse_time_mark_weight (utc, mk->time - 60, mk->time), ==, mk->weight);
      if (mk->index == 60)
        {
          g_assert_cmpint (mk->weight, >=, BOURSE_TIME_MARK_HOUR);
          g_assert_cmpstr (mk->label, ==, "11:00");
          saw_future_hour = TRUE;
        }
    }
  g_assert_true (saw_future_hour);

  /* One bar has no interval to extrapolate: no future marks. */
  bourse_time_scale_build_marks_full (&ts, t, 1, 60, utc, 60, marks);
  for (guint i = 0; i < marks->len; i++)
    g_assert_cmpuint (g_array_index (marks, BourseTimeMark, i).index, <, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/Chart/TimeScale/round-trip", test_time_round_trip);
  g_test_add_func ("/Bourse/Chart/TimeScale/visible-bars", test_time_visible_bars);
  g_test_add_func ("/Bourse/Chart/TimeScale/civil-time", test_civil_time);
  g_test_add_func ("/Bourse/Chart/TimeScale/marks-month-ends", test_marks_month_ends);
  g_test_add_func ("/Bourse/Chart/TimeScale/marks-dst-new-york", test_marks_dst);
  g_test_add_func ("/Bourse/Chart/TimeScale/marks-dense-columns", test_marks_dense_columns);
  g_test_add_func ("/Bourse/Chart/PriceScale/round-trip", test_price_round_trip);
  g_test_add_func ("/Bourse/Chart/PriceScale/modes", test_price_modes);
  g_test_add_func ("/Bourse/Chart/PriceScale/ticks-nice", test_price_ticks_nice);
  g_test_add_func ("/Bourse/Chart/PriceScale/ticks-log", test_price_ticks_log);
  g_test_add_func ("/Bourse/Chart/TimeScale/marks-subpixel-exact", test_marks_subpixel_exact);
  g_test_add_func ("/Bourse/Chart/TimeScale/marks-future-slots", test_marks_future_slots);

  return g_test_run ();
}
