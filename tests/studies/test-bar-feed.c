/* test-bar-feed.c — the one bucketing rule, and the feed that owns live bars
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bourse-bar-feed.h"
#include "bourse-market-data.h"

/* 2026-12-07 (a Monday) 00:00 UTC */
#define MONDAY 1796601600

static gint64
align (const char *resolution, gint64 time, const BourseTradingSession *session)
{
  BourseResolution r;
  g_autoptr(GError) error = NULL;

  g_assert_true (bourse_resolution_parse (resolution, &r, &error));
  g_assert_no_error (error);
  return bourse_resolution_align (&r, time, session);
}

static void
test_parse (void)
{
  const char *bad[] = { "", "0", "D1", "1X", "-5", "5m", "1DD", NULL };
  BourseResolution r;

  g_assert_true (bourse_resolution_parse ("60", &r, NULL));
  g_assert_cmpint (r.unit, ==, BOURSE_RESOLUTION_UNIT_MINUTES);
  g_assert_cmpuint (r.count, ==, 60);
  g_assert_true (bourse_resolution_parse ("D", &r, NULL));
  g_assert_cmpint (r.unit, ==, BOURSE_RESOLUTION_UNIT_DAYS);
  g_assert_cmpuint (r.count, ==, 1);
  g_assert_true (bourse_resolution_parse ("1M", &r, NULL));
  g_assert_cmpint (r.unit, ==, BOURSE_RESOLUTION_UNIT_MONTHS);
  for (guint i = 0; bad[i]; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (bourse_resolution_parse (bad[i], &r, &error));
      g_assert_error (error, BOURSE_RESOLUTION_ERROR, BOURSE_RESOLUTION_ERROR_INVALID);
    }
}

/* What a trader types on the chart, as the Broker API spells it. */
static void
test_parse_user (void)
{
  static const struct { const char *typed; const char *resolution; const char *label; } good[] = {
    { "7", "7", "7m" }, { "4h", "240", "4h" }, { "4H", "240", "4h" }, { "2D", "2D", "2D" },
    { "2d", "2D", "2D" }, { "1W", "1W", "1W" }, { "30s", "30S", "30s" }, { "1S", "1S", "1s" },
    { "15m", "15", "15m" }, { "45 min", "45", "45m" }, { "D", "1D", "1D" }, { "1M", "1M", "1M" },
    { "3mo", "3M", "3M" }, { " 60 ", "60", "1h" }, { "240", "240", "4h" }, { "h", "60", "1h" },
  };
  static const char * const bad[] = { "", "   ", "0", "0h", "abc", "4x", "-5", "4h30", "1.5h", "999999", "2000h", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *resolution = bourse_resolution_parse_user (good[i].typed, &error);
      g_autofree char *label = NULL;
      BourseResolution r;

      g_assert_no_error (error);
      g_assert_cmpstr (resolution, ==, good[i].resolution);
      /* what it gives is a resolution the feed takes, and reads back as typed */
      g_assert_true (bourse_resolution_parse (resolution, &r, NULL));
      label = bourse_resolution_format (&r);
      g_assert_cmpstr (label, ==, good[i].label);
    }
  for (guint i = 0; bad[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *resolution = bourse_resolution_parse_user (bad[i], &error);

      g_assert_null (resolution);
      g_assert_error (error, BOURSE_RESOLUTION_ERROR, BOURSE_RESOLUTION_ERROR_INVALID);
      g_assert_cmpuint (strlen (error->message), >, 10);
    }
}

/* The coarsest served resolution that builds a missing one; none for a served one. */
static void
test_choose_base (void)
{
  static const char * const demo[] = { "1", "5", "15", "60", "D", "1W", NULL };
  static const char * const no_daily[] = { "1", "5", "15", "60", NULL };
  static const char * const odd[] = { "7", "1D", NULL };
  static const struct { const char *target; const char * const *natives; const char *base; } cases[] = {
    { "240", demo, "60" }, { "120", demo, "60" }, { "30", demo, "15" }, { "45", demo, "15" },
    { "10", demo, "5" }, { "7", demo, "1" }, { "2D", demo, "D" }, { "1M", demo, "D" },
    { "2W", demo, "1W" }, { "60", demo, NULL }, { "1D", demo, NULL }, { "30S", demo, NULL },
    { "1D", no_daily, "60" }, { "1W", no_daily, "60" }, { "240", NULL, NULL },
    /* 7-minute bars straddle days: they build no day */
    { "1D", odd, NULL }, { "2D", odd, "1D" }, { "14", odd, "7" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *base = bourse_resolution_choose_base (cases[i].target, cases[i].natives);

      g_test_message ("%s", cases[i].target);
      g_assert_cmpstr (base, ==, cases[i].base);
    }
  g_assert_true (bourse_resolution_is_available ("240", demo));
  g_assert_true (bourse_resolution_is_available ("1D", demo));
  g_assert_false (bourse_resolution_is_available ("30S", demo));
  g_assert_true (bourse_resolution_is_available ("30S", NULL));
  g_assert_false (bourse_resolution_is_available ("4h", demo));  /* not a Broker API string */
}

static void
test_align (void)
{
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  BourseTradingSession fx, stocks;

  g_assert_nonnull (new_york);
  /* minutes and hours, 24x7 UTC */
  g_assert_cmpint (align ("1", MONDAY + 59, NULL), ==, MONDAY);
  g_assert_cmpint (align ("5", MONDAY + 301, NULL), ==, MONDAY + 300);
  g_assert_cmpint (align ("60", MONDAY + 3 * 3600 + 10, NULL), ==, MONDAY + 3 * 3600);
  /* days, weeks (Monday), months (the 1st), never "30 days" */
  g_assert_cmpint (align ("1D", MONDAY + 86399, NULL), ==, MONDAY);
  g_assert_cmpint (align ("1W", MONDAY + 6 * 86400 + 5, NULL), ==, MONDAY);
  g_assert_cmpint (align ("1W", MONDAY - 1, NULL), ==, MONDAY - 7 * 86400);
  g_assert_cmpint (align ("1M", MONDAY, NULL), ==, MONDAY - 6 * 86400);            /* 2026-12-01 */
  g_assert_cmpint (align ("1M", MONDAY - 7 * 86400, NULL), ==, MONDAY - 36 * 86400); /* 2026-11-01 */

  /* FX: the session opens 17:00 New York the evening before its trading day */
  g_assert_true (bourse_trading_session_parse ("1700-1700", new_york, &fx, NULL));
  g_assert_true (fx.overnight);
  /* Monday 16:59 New York (21:59 UTC) is Monday's bar; 17:00 is Tuesday's */
  g_assert_cmpint (align ("1D", MONDAY + 21 * 3600 + 59 * 60, &fx), ==, MONDAY);
  g_assert_cmpint (align ("1D", MONDAY + 22 * 3600, &fx), ==, MONDAY + 86400);
  /* Stocks: hourly bars open at :30 from the 09:30 New York session (14:30 UTC in December) */
  g_assert_true (bourse_trading_session_parse ("0930-1600", new_york, &stocks, NULL));
  g_assert_false (stocks.overnight);
  g_assert_cmpint (align ("60", MONDAY + 15 * 3600 + 40 * 60, &stocks), ==, MONDAY + 15 * 3600 + 30 * 60);
  g_assert_false (bourse_trading_session_parse ("9-5", NULL, &stocks, NULL));
}

static void
count_cb (gpointer counter)
{
  (*(guint *) counter)++;
}

/* Trades fold into the forming bar; older ones are refused; each change is
 * announced; set_history starts a new series and keeps live bars after it. */
static void
test_feed_trades_and_history (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BourseBarFeed) feed = bourse_bar_feed_new ("X", "5", NULL);
  g_autoptr(BourseBars) history = bourse_bars_new (4);
  guint updates = 0, resets = 0;
  BourseBars *bars;
  guint64 identity;

  g_assert_null (bourse_bar_feed_new ("X", "5x", &error));
  g_assert_error (error, BOURSE_RESOLUTION_ERROR, BOURSE_RESOLUTION_ERROR_INVALID);
  g_signal_connect_swapped (feed, "updated", G_CALLBACK (count_cb), &updates);
  g_signal_connect_swapped (feed, "reset", G_CALLBACK (count_cb), &resets);

  g_assert_true (bourse_bar_feed_add_trade (feed, MONDAY + 10, 100, 1));
  g_assert_true (bourse_bar_feed_add_trade (feed, MONDAY + 200, 103, 2));
  g_assert_true (bourse_bar_feed_add_trade (feed, MONDAY + 299, 99, 1));
  g_assert_true (bourse_bar_feed_add_trade (feed, MONDAY + 300, 101, 1));
  g_assert_false (bourse_bar_feed_add_trade (feed, MONDAY + 299, 50, 1));   /* closed bar */
  g_assert_false (bourse_bar_feed_add_trade (feed, MONDAY + 301, NAN, 1));
  g_assert_cmpuint (updates, ==, 4);
  bars = bourse_bar_feed_get_bars (feed);
  g_assert_cmpuint (bars->len, ==, 2);
  g_assert_cmpint (bars->time[0], ==, MONDAY);
  g_assert_cmpfloat (bars->open[0], ==, 100);
  g_assert_cmpfloat (bars->high[0], ==, 103);
  g_assert_cmpfloat (bars->low[0], ==, 99);
  g_assert_cmpfloat (bars->close[0], ==, 99);
  g_assert_cmpfloat (bars->volume[0], ==, 4);
  g_assert_cmpint (bars->time[1], ==, MONDAY + 300);
  identity = bourse_bars_get_identity (bars);

  /* history up to the first live bar: the live bar after it stays */
  bourse_bars_append (history, MONDAY - 300, 90, 91, 89, 90, 5);
  bourse_bars_append (history, MONDAY, 95, 96, 94, 95, 5);
  bourse_bar_feed_set_history (feed, history);
  g_assert_cmpuint (resets, ==, 1);
  bars = bourse_bar_feed_get_bars (feed);
  g_assert_cmpuint (bourse_bars_get_identity (bars), !=, identity);
  g_assert_cmpuint (bars->len, ==, 3);
  g_assert_cmpfloat (bars->close[1], ==, 95);
  g_assert_cmpint (bars->time[2], ==, MONDAY + 300);
  g_assert_cmpfloat (bars->close[2], ==, 101);
}

/* The market data hands out one feed per symbol and resolution, routes
 * trades to that symbol's feeds only, and forgets a feed nobody holds. */
static void
test_market_data_shares_feeds (void)
{
  g_autoptr(BourseMarketData) market_data = bourse_market_data_new ();
  g_autoptr(BourseBarFeed) a = bourse_market_data_get_feed (market_data, "X", "1", NULL);
  g_autoptr(BourseBarFeed) again = bourse_market_data_get_feed (market_data, "X", "1", NULL);
  g_autoptr(BourseBarFeed) daily = bourse_market_data_get_feed (market_data, "X", "1D", NULL);
  g_autoptr(BourseBarFeed) other = bourse_market_data_get_feed (market_data, "Y", "1", NULL);
  BourseBarFeed *weak = NULL;

  g_assert_true (a == again);
  g_assert_true (a != daily);
  g_assert_cmpuint (bourse_market_data_add_trade (market_data, "X", MONDAY + 5, 10, 1), ==, 2);
  g_assert_cmpuint (bourse_bar_feed_get_bars (a)->len, ==, 1);
  g_assert_cmpuint (bourse_bar_feed_get_bars (daily)->len, ==, 1);
  g_assert_cmpuint (bourse_bar_feed_get_bars (other)->len, ==, 0);

  weak = other;
  g_object_add_weak_pointer (G_OBJECT (other), (gpointer *) &weak);
  g_clear_object (&other);
  g_assert_null (weak);
  g_assert_cmpuint (bourse_market_data_add_trade (market_data, "Y", MONDAY + 6, 10, 1), ==, 0);
  other = bourse_market_data_get_feed (market_data, "Y", "1", NULL);
  g_assert_cmpuint (bourse_bar_feed_get_bars (other)->len, ==, 0);
}

/* The broker's /symbol_info session reaches the feeds: an FX trade after
 * 17:00 New York lands in the next trading day's bar. */
static void
test_market_data_sessions (void)
{
  g_autoptr(BourseMarketData) market_data = bourse_market_data_new ();
  g_autoptr(BourseBarFeed) before = bourse_market_data_get_feed (market_data, "EURUSD", "1D", NULL);
  g_autoptr(BourseBarFeed) after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (bourse_market_data_set_session (market_data, "EURUSD", "1700-1700", "Not/AZone", &error));
  g_assert_error (error, BOURSE_RESOLUTION_ERROR, BOURSE_RESOLUTION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bourse_market_data_set_session (market_data, "EURUSD", "17-17", NULL, &error));
  g_assert_error (error, BOURSE_RESOLUTION_ERROR, BOURSE_RESOLUTION_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (bourse_market_data_set_session (market_data, "EURUSD", "1700-1700", "America/New_York", &error));
  g_assert_no_error (error);
  after = bourse_market_data_get_feed (market_data, "EURUSD", "1W", NULL);
  /* Monday 22:00 UTC = 17:00 New York: Tuesday's daily bar */
  bourse_market_data_add_trade (market_data, "EURUSD", MONDAY + 22 * 3600, 1.1, 1);
  g_assert_cmpint (bourse_bar_feed_get_bars (before)->time[0], ==, MONDAY + 86400);
  g_assert_cmpint (bourse_bar_feed_get_bars (after)->time[0], ==, MONDAY);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Bourse/Studies/Resolution/parse", test_parse);
  g_test_add_func ("/Bourse/Studies/Resolution/align", test_align);
  g_test_add_func ("/Bourse/Studies/Resolution/parse-user", test_parse_user);
  g_test_add_func ("/Bourse/Studies/Resolution/choose-base", test_choose_base);
  g_test_add_func ("/Bourse/Studies/BarFeed/trades-and-history", test_feed_trades_and_history);
  g_test_add_func ("/Bourse/Studies/BarFeed/market-data-shares-feeds", test_market_data_shares_feeds);
  g_test_add_func ("/Bourse/Studies/BarFeed/market-data-sessions", test_market_data_sessions);
  return g_test_run ();
}
