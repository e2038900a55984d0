/* test-price-simulator.c — seeded prices: history rules and live consistency
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "bourse-price-simulator.h"

/* 2026-11-25 13:37:30.250 UTC: mid-minute, mid-day */
#define NOW_US (G_GINT64_CONSTANT (1795613850) * G_USEC_PER_SEC + 250000)
#define NOW_S  (NOW_US / G_USEC_PER_SEC)

static void
assert_bars_equal (const BourseBars *a,
                   const BourseBars *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (gsize i = 0; i < a->len; i++)
    {
      g_assert_cmpint (a->time[i], ==, b->time[i]);
      g_assert_cmpfloat (a->open[i], ==, b->open[i]);
      g_assert_cmpfloat (a->high[i], ==, b->high[i]);
      g_assert_cmpfloat (a->low[i], ==, b->low[i]);
      g_assert_cmpfloat (a->close[i], ==, b->close[i]);
      g_assert_cmpfloat (a->volume[i], ==, b->volume[i]);
    }
}

static void
test_resolutions (void)
{
  const struct { const char *text; gint64 seconds; } good[] = {
    { "1", 60 }, { "5", 300 }, { "15", 900 }, { "60", 3600 }, { "240", 14400 },
    { "D", 86400 }, { "1D", 86400 }, { "W", 604800 }, { "1W", 604800 },
  };
  const char *bad[] = { "", "0", "7", "1M", "2D", "abc", "-5", "1441", "15x" };
  gint64 seconds;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (bourse_price_simulator_parse_resolution (good[i].text, &seconds));
      g_assert_cmpint (seconds, ==, good[i].seconds);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (bourse_price_simulator_parse_resolution (bad[i], &seconds));
  g_assert_false (bourse_price_simulator_parse_resolution (NULL, &seconds));
}

static void
test_deterministic (void)
{
  g_autoptr(BoursePriceSimulator) a = bourse_price_simulator_new (42, NOW_US);
  g_autoptr(BoursePriceSimulator) b = bourse_price_simulator_new (42, NOW_US);
  g_autoptr(BoursePriceSimulator) other = bourse_price_simulator_new (43, NOW_US);
  g_autoptr(BourseBars) x = NULL;
  g_autoptr(BourseBars) y = NULL;
  g_autoptr(BourseBars) z = NULL;
  g_autoptr(BourseBars) again = NULL;
  gboolean no_data;

  x = bourse_price_simulator_get_history (a, 0, 60, NOW_S - 3 * 86400, NOW_S, 0, &no_data);
  /* interleave other work: caches must not change results */
  z = bourse_price_simulator_get_history (a, 0, 86400, 0, NOW_S, 0, &no_data);
  again = bourse_price_simulator_get_history (a, 0, 60, NOW_S - 3 * 86400, NOW_S, 0, &no_data);
  y = bourse_price_simulator_get_history (b, 0, 60, NOW_S - 3 * 86400, NOW_S, 0, &no_data);
  assert_bars_equal (x, y);
  assert_bars_equal (x, again);
  g_clear_pointer (&z, bourse_bars_unref);
  z = bourse_price_simulator_get_history (other, 0, 60, NOW_S - 3 * 86400, NOW_S, 0, &no_data);
  g_assert_cmpuint (z->len, ==, x->len);
  g_assert_cmpfloat (z->close[10], !=, x->close[10]);
}

static void
test_history_rules (void)
{
  g_autoptr(BoursePriceSimulator) sim = bourse_price_simulator_new (1, NOW_US);
  guint n_specs;
  const BourseInstrumentSpec *specs = bourse_instrument_spec_get_all (&n_specs);
  gint64 start = bourse_price_simulator_get_data_start (sim);
  gboolean no_data;

  g_assert_cmpuint (n_specs, >=, 8);
  /* months of 1-minute history */
  g_assert_cmpint (NOW_S - start, >=, 90 * 86400);

  for (guint i = 0; i < n_specs; i++)
    {
      g_autoptr(BourseBars) minutes = bourse_price_simulator_get_history (sim, i, 60, NOW_S - 6 * 3600, NOW_S + 3600, 0, &no_data);
      g_autoptr(BourseBars) fives = bourse_price_simulator_get_history (sim, i, 300, NOW_S - 6 * 3600, NOW_S, 0, &no_data);
      g_autoptr(BourseBars) one = NULL;
      g_autoptr(BourseBars) counted = NULL;
      BourseQuoteSnapshot quote;
      gsize last = minutes->len - 1;

      g_assert_false (no_data);
      /* `from` is mid-minute, so that minute is out; the last one is open at NOW;
       * nothing from the future */
      g_assert_cmpuint (minutes->len, ==, 6 * 60);
      g_assert_cmpint (minutes->time[last], ==, NOW_S - NOW_S % 60);
      for (gsize k = 0; k < minutes->len; k++)
        {
          g_assert_true (bourse_instrument_spec_on_tick (&specs[i], minutes->open[k]));
          g_assert_true (bourse_instrument_spec_on_tick (&specs[i], minutes->close[k]));
          g_assert_cmpfloat (minutes->low[k], <=, MIN (minutes->open[k], minutes->close[k]));
          g_assert_cmpfloat (minutes->high[k], >=, MAX (minutes->open[k], minutes->close[k]));
          g_assert_cmpfloat (minutes->volume[k], >=, 0);
          /* a continuous market: each minute opens where the previous closed */
          if (k > 0)
            g_assert_cmpfloat (minutes->open[k], ==, minutes->close[k - 1]);
        }

      /* coarser bars aggregate the minutes exactly */
      g_assert_cmpuint (fives->len, ==, 6 * 12);
      for (gsize f = 0; f < fives->len; f++)
        {
          gsize k = bourse_bars_lower_bound (minutes, fives->time[f]);
          double high = -G_MAXDOUBLE, low = G_MAXDOUBLE, volume = 0;
          gsize end = MIN (k + 5, minutes->len);

          g_assert_cmpint (minutes->time[k], ==, fives->time[f]);
          for (gsize j = k; j < end; j++)
            {
              high = MAX (high, minutes->high[j]);
              low = MIN (low, minutes->low[j]);
              volume += minutes->volume[j];
            }
          g_assert_cmpfloat (fives->open[f], ==, minutes->open[k]);
          g_assert_cmpfloat (fives->close[f], ==, minutes->close[end - 1]);
          g_assert_cmpfloat (fives->high[f], ==, high);
          g_assert_cmpfloat (fives->low[f], ==, low);
          g_assert_cmpfloat_with_epsilon (fives->volume[f], volume, 1e-6 * MAX (1, volume));
        }

      /* the newest bar ends at the live price */
      bourse_price_simulator_get_quote (sim, i, &quote);
      g_assert_cmpfloat (minutes->close[last], ==, quote.last);
      g_assert_cmpfloat (quote.bid, <=, quote.last);
      g_assert_cmpfloat (quote.ask, >=, quote.last);
      g_assert_cmpfloat (quote.bid, <, quote.ask);
      g_assert_cmpfloat (quote.high, >=, minutes->high[last]);
      g_assert_cmpfloat (quote.low, <=, minutes->low[last]);

      /* from == to == a bar time: exactly that bar */
      one = bourse_price_simulator_get_history (sim, i, 60, minutes->time[10], minutes->time[10], 0, &no_data);
      g_assert_cmpuint (one->len, ==, 1);
      g_assert_cmpfloat (one->close[0], ==, minutes->close[10]);

      /* countback: the last N bars up to `to`, whatever `from` */
      counted = bourse_price_simulator_get_history (sim, i, 60, NOW_S, minutes->time[100], 25, &no_data);
      g_assert_cmpuint (counted->len, ==, 25);
      g_assert_cmpint (counted->time[24], ==, minutes->time[100]);
      g_assert_cmpint (counted->time[0], ==, minutes->time[76]);
    }
}

static void
test_daily_and_weekly (void)
{
  g_autoptr(BoursePriceSimulator) sim = bourse_price_simulator_new (5, NOW_US);
  g_autoptr(BourseBars) days = NULL;
  g_autoptr(BourseBars) weeks = NULL;
  g_autoptr(BourseBars) today = NULL;
  g_autoptr(BourseBars) empty = NULL;
  g_autoptr(BourseBars) none = NULL;
  BourseQuoteSnapshot quote;
  gint64 start = bourse_price_simulator_get_data_start (sim);
  gboolean no_data;

  days = bourse_price_simulator_get_history (sim, 3, 86400, 0, NOW_S, 0, &no_data);
  g_assert_false (no_data);
  g_assert_cmpuint (days->len, ==, BOURSE_PRICE_SIMULATOR_HISTORY_DAYS + 1);
  g_assert_cmpint (days->time[0], ==, start);
  for (gsize i = 0; i < days->len; i++)
    g_assert_cmpint (days->time[i] % 86400, ==, 0);

  /* today's daily bar agrees with the minutes and with the quote */
  today = bourse_price_simulator_get_history (sim, 3, 60, NOW_S - NOW_S % 86400, NOW_S, 0, &no_data);
  bourse_price_simulator_get_quote (sim, 3, &quote);
  g_assert_cmpfloat (days->open[days->len - 1], ==, today->open[0]);
  g_assert_cmpfloat (days->close[days->len - 1], ==, quote.last);
  g_assert_cmpfloat (days->high[days->len - 1], ==, quote.high);
  g_assert_cmpfloat (days->low[days->len - 1], ==, quote.low);
  g_assert_cmpfloat (quote.open, ==, today->open[0]);

  weeks = bourse_price_simulator_get_history (sim, 3, BOURSE_RESOLUTION_WEEK, 0, NOW_S, 0, &no_data);
  g_assert_cmpuint (weeks->len, >=, 17);
  for (gsize i = 0; i < weeks->len; i++)
    {
      /* Mondays */
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (weeks->time[i]);

      g_assert_cmpint (g_date_time_get_day_of_week (when), ==, 1);
      g_assert_cmpint (weeks->time[i] % 86400, ==, 0);
    }
  g_assert_cmpfloat (weeks->close[weeks->len - 1], ==, quote.last);

  /* the future: empty but ok; before the data start: no_data */
  empty = bourse_price_simulator_get_history (sim, 3, 60, NOW_S + 3600, NOW_S + 7200, 0, &no_data);
  g_assert_false (no_data);
  g_assert_cmpuint (empty->len, ==, 0);
  none = bourse_price_simulator_get_history (sim, 3, 60, start - 7200, start - 3600, 0, &no_data);
  g_assert_true (no_data);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_live_ticks_stay_in_bar (void)
{
  g_autoptr(BoursePriceSimulator) sim = bourse_price_simulator_new (9, NOW_US);
  gint64 minute_start = NOW_US - NOW_US % (60 * G_USEC_PER_SEC);
  double high = -G_MAXDOUBLE, low = G_MAXDOUBLE;
  g_autoptr(BourseBars) bar = NULL;
  gboolean no_data;

  /* a whole minute of ticks, then the completed bar from history */
  for (gint64 t = minute_start; t < minute_start + 60 * G_USEC_PER_SEC; t += 50000)
    {
      BourseQuoteSnapshot quote;

      bourse_price_simulator_quote_at (sim, 0, t, FALSE, &quote);
      high = MAX (high, quote.last);
      low = MIN (low, quote.last);
    }

  bourse_price_simulator_set_time (sim, minute_start + 61 * G_USEC_PER_SEC);
  bar = bourse_price_simulator_get_history (sim, 0, 60, minute_start / G_USEC_PER_SEC, minute_start / G_USEC_PER_SEC, 0, &no_data);
  g_assert_cmpuint (bar->len, ==, 1);
  /* streamed trades rebuild the history bar (ticks every 50 ms touch its extremes) */
  g_assert_cmpfloat_with_epsilon (bar->high[0], high, 1e-4 * bar->high[0]);
  g_assert_cmpfloat_with_epsilon (bar->low[0], low, 1e-4 * bar->low[0]);
  g_assert_cmpfloat (bar->high[0], >=, high);
  g_assert_cmpfloat (bar->low[0], <=, low);

  /* time never goes backwards */
  bourse_price_simulator_set_time (sim, minute_start);
  g_assert_cmpint (bourse_price_simulator_get_time (sim), ==, minute_start + 61 * G_USEC_PER_SEC);
}

static void
test_depth (void)
{
  g_autoptr(BoursePriceSimulator) sim = bourse_price_simulator_new (3, NOW_US);
  guint n_specs;
  const BourseInstrumentSpec *specs = bourse_instrument_spec_get_all (&n_specs);

  for (guint i = 0; i < n_specs; i++)
    {
      double bp[10], bs[10], ap[10], as[10];
      BourseQuoteSnapshot quote;

      bourse_price_simulator_quote_at (sim, i, NOW_US, FALSE, &quote);
      g_assert_cmpuint (bourse_price_simulator_get_depth (sim, i, NOW_US, 10, bp, bs, ap, as), ==, 10);
      g_assert_cmpfloat (bp[0], ==, quote.bid);
      g_assert_cmpfloat (ap[0], ==, quote.ask);
      g_assert_cmpfloat (bs[0], ==, quote.bid_size);
      g_assert_cmpfloat (as[0], ==, quote.ask_size);
      for (guint l = 1; l < 10; l++)
        {
          g_assert_cmpfloat (bp[l], <, bp[l - 1]);
          g_assert_cmpfloat (ap[l], >, ap[l - 1]);
          g_assert_true (bourse_instrument_spec_on_tick (&specs[i], bp[l]));
          g_assert_cmpfloat (bs[l], >, 0);
        }
    }
}

/* The market keeps ticking: over six hours of every instrument, sampled
 * every 250 ms as a stream would, the last price never stays the same for
 * 20 s (it once did for 75 s, and a client waiting for a tick timed out). */
static void
test_never_flat (void)
{
  g_autoptr(BoursePriceSimulator) sim = bourse_price_simulator_new (1, NOW_US);
  guint n_specs;
  const BourseInstrumentSpec *specs = bourse_instrument_spec_get_all (&n_specs);

  for (guint i = 0; i < n_specs; i++)
    {
      gint64 since = NOW_US, longest = 0;
      double previous = 0;

      for (gint64 t = NOW_US; t < NOW_US + (gint64) 6 * 3600 * G_USEC_PER_SEC; t += 250000)
        {
          BourseQuoteSnapshot quote;

          bourse_price_simulator_quote_at (sim, i, t, FALSE, &quote);
          if (quote.last != previous)
            {
              longest = MAX (longest, t - since);
              previous = quote.last;
              since = t;
            }
        }
      g_test_message ("%s: longest without a new price %.2f s", specs[i].name, longest / 1e6);
      g_assert_cmpint (longest, <, 20 * G_USEC_PER_SEC);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/Server/Simulator/resolutions", test_resolutions);
  g_test_add_func ("/Bourse/Server/Simulator/deterministic", test_deterministic);
  g_test_add_func ("/Bourse/Server/Simulator/history-rules", test_history_rules);
  g_test_add_func ("/Bourse/Server/Simulator/daily-and-weekly", test_daily_and_weekly);
  g_test_add_func ("/Bourse/Server/Simulator/live-ticks-stay-in-bar", test_live_ticks_stay_in_bar);
  g_test_add_func ("/Bourse/Server/Simulator/depth", test_depth);
  g_test_add_func ("/Bourse/Server/Simulator/never-flat", test_never_flat);

  return g_test_run ();
}
