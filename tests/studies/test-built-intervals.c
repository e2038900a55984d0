/* test-built-intervals.c — intervals the broker does not serve, built from one it serves
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Against the demo broker over loopback (it serves 1, 5, 15, 60, 1D and 1W):
 * a feed at 4 hours, 45 minutes, 2 days, 1 month or a session-bound day is
 * built from the coarsest served resolution, and its bars must equal the
 * base history fetched here and grouped here, independently of
 * bourse_resolution_align(), with plain calendar arithmetic.
 */
#include "config.h"

#include "bourse-market-data.h"
#include "bourse-test-broker.h"

static const char * const demo_resolutions[] = { "1", "5", "15", "60", "1D", "1W", NULL };

typedef struct
{
  BourseTestBroker   *broker;
  BourseBrokerClient *client;
  BourseBrokerStore  *store;
  BourseMarketData   *market_data;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->broker = bourse_test_broker_start (14);
  f->client = bourse_broker_client_new (f->broker->url);
  bourse_broker_client_set_password_credentials (f->client, "demo", "demo");
  f->store = bourse_broker_store_new (f->client);
  bourse_test_store_start_live (f->store);
  f->market_data = bourse_market_data_new ();
  bourse_market_data_set_source (f->market_data, BOURSE_MARKET_SOURCE (f->store));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->market_data);
  bourse_test_store_stop (&f->store);
  g_clear_object (&f->client);
  bourse_test_broker_stop (f->broker);
}

/* How the test groups a base bar's time into a target bar: its own rules. */
typedef gint64 (*GroupFunc) (gint64 time);

static gint64 group_4h (gint64 t)  { return t - t % (4 * 3600); }
static gint64 group_45m (gint64 t) { return t - t % (45 * 60); }
static gint64 group_2d (gint64 t)  { return (t / 86400 / 2) * 2 * 86400; }

static gint64
group_month (gint64 t)
{
  g_autoptr(GDateTime) day = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) first = g_date_time_new_utc (g_date_time_get_year (day), g_date_time_get_month (day), 1, 0, 0, 0);

  return g_date_time_to_unix (first);
}

/* FX's trading day: from 17:00 New York the evening before, stamped 00:00 UTC. */
static gint64
group_fx_day (gint64 t)
{
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, new_york);
  g_autoptr(GDateTime) date = g_date_time_new_utc (g_date_time_get_year (local), g_date_time_get_month (local),
                                                   g_date_time_get_day_of_month (local), 0, 0, 0);

  return g_date_time_to_unix (date) + (g_date_time_get_hour (local) >= 17 ? 86400 : 0);
}

static BourseBars *
group (const BourseBars *base,
       GroupFunc         func)
{
  BourseBars *bars = bourse_bars_new (base->len);

  for (gsize i = 0; i < base->len; i++)
    {
      gint64 time = func (base->time[i]);
      gsize last = bars->len - 1;

      if (bars->len > 0 && bars->time[last] == time)
        bourse_bars_update_last (bars, bars->open[last], MAX (bars->high[last], base->high[i]),
                                 MIN (bars->low[last], base->low[i]), base->close[i],
                                 bars->volume[last] + base->volume[i]);
      else
        bourse_bars_append (bars, time, base->open[i], base->high[i], base->low[i], base->close[i], base->volume[i]);
    }
  return bars;
}

/* @bars against the broker's @base history of the same span, grouped here. */
static void
assert_matches_base (Fixture          *f,
                     const BourseBars *bars,
                     const char       *base_resolution,
                     GroupFunc         group_func)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BourseBars) base = NULL;
  g_autoptr(BourseBars) expected = NULL;
  g_autoptr(GError) error = NULL;
  gsize first;

  /* The base history of the same span, straight from the broker. */
  bourse_market_source_fetch_history_async (BOURSE_MARKET_SOURCE (f->store), "EURUSD", base_resolution,
                                            bars->time[0] - 86400, g_get_real_time () / G_USEC_PER_SEC + 86400,
                                            NULL, bourse_test_await_cb, &result);
  base = bourse_market_source_fetch_history_finish (BOURSE_MARKET_SOURCE (f->store), AWAIT (result), &error);
  g_assert_no_error (error);
  expected = group (base, group_func);

  /* Fetched from a day earlier, so that the feed's first bar is whole here
   * too (an FX day opens the evening before its date); then bar for bar but
   * the forming one (time moves between the two requests). */
  first = bourse_bars_lower_bound (expected, bars->time[0]);
  g_assert_cmpuint (expected->len - first, >=, bars->len - 1);
  for (gsize i = 0; i + 1 < bars->len; i++)
    {
      gsize j = first + i;

      g_assert_cmpint (bars->time[i], ==, expected->time[j]);
      g_assert_cmpfloat_with_epsilon (bars->open[i], expected->open[j], 1e-9);
      g_assert_cmpfloat_with_epsilon (bars->high[i], expected->high[j], 1e-9);
      g_assert_cmpfloat_with_epsilon (bars->low[i], expected->low[j], 1e-9);
      g_assert_cmpfloat_with_epsilon (bars->close[i], expected->close[j], 1e-9);
      g_assert_cmpfloat_with_epsilon (bars->volume[i], expected->volume[j], 1e-6);
    }
}

typedef struct
{
  const char         *resolution;
  const char * const *natives;
  const char         *expected_base;
  GroupFunc           group;
  const char         *session;      /* NULL: the demo's 24x7 UTC */
  guint               n_bars;
} Case;

static void
check_case (Fixture    *f,
            const Case *c)
{
  g_autoptr(BourseBarFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  BourseBars *bars;

  g_test_message ("%s from %s", c->resolution, c->expected_base);
  if (c->session != NULL)
    g_assert_true (bourse_market_data_set_session (f->market_data, "EURUSD", c->session, "America/New_York", NULL));
  bourse_market_data_set_resolutions (f->market_data, "EURUSD", c->natives);
  feed = bourse_market_data_get_feed (f->market_data, "EURUSD", c->resolution, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bourse_bar_feed_get_base_resolution (feed), ==, c->expected_base);
  bourse_bar_feed_request_history (feed, c->n_bars);
  WAIT_UNTIL (!bourse_bar_feed_get_loading (feed), 30);
  g_assert_null (bourse_bar_feed_get_error (feed));
  bars = bourse_bar_feed_get_bars (feed);
  g_assert_cmpuint (bars->len, >, 3);

  assert_matches_base (f, bars, c->expected_base, c->group);
  /* Whole bars: at least as many base bars in a group as the lengths say for
   * a middle one (the demo trades every minute, 24x7). */
  if (c->group == group_4h)
    g_assert_cmpint (bars->time[1] - bars->time[0], ==, 4 * 3600);

  /* Live trades fold at the target resolution onto the built series. */
  {
    gint64 last = bars->time[bars->len - 1];

    bourse_market_data_add_trade (f->market_data, "EURUSD", last + 1, bars->close[bars->len - 1], 1);
    g_assert_cmpint (bourse_bar_feed_get_bars (feed)->time[bourse_bar_feed_get_bars (feed)->len - 1], ==, last);
  }
}

static void
test_built (Fixture       *f,
            gconstpointer  data)
{
  static const char * const hourly_only[] = { "1", "5", "15", "60", NULL };
  const Case cases[] = {
    { "240", demo_resolutions, "60", group_4h, NULL, 200 },
    { "45", demo_resolutions, "15", group_45m, NULL, 200 },
    { "2D", demo_resolutions, "1D", group_2d, NULL, 40 },
    { "1M", demo_resolutions, "1D", group_month, NULL, 6 },
    /* no daily bars served: days from hours, by FX's 17:00 New York day */
    { "1D", hourly_only, "60", group_fx_day, "1700-1700", 30 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_case (f, &cases[i]);
}

/* Older pages of a built series are built the same way and join without a
 * seam (what the chart asks for when scrolled back). */
static void
test_built_older (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(BourseBarFeed) feed = NULL;
  BourseBars *bars;
  gsize before;

  bourse_market_data_set_resolutions (f->market_data, "EURUSD", demo_resolutions);
  feed = bourse_market_data_get_feed (f->market_data, "EURUSD", "240", NULL);
  bourse_bar_feed_request_history (feed, 40);
  WAIT_UNTIL (!bourse_bar_feed_get_loading (feed), 30);
  before = bourse_bar_feed_get_bars (feed)->len;
  g_assert_cmpuint (before, >=, 40);
  g_assert_true (bourse_bar_feed_load_older (feed, 100));
  WAIT_UNTIL (bourse_bar_feed_get_bars (feed)->len > before, 30);
  bars = bourse_bar_feed_get_bars (feed);
  g_assert_cmpuint (bars->len, >=, before + 90);
  for (gsize i = 1; i < bars->len; i++)
    g_assert_cmpint (bars->time[i] - bars->time[i - 1], ==, 4 * 3600);  /* the demo trades 24x7 */
  assert_matches_base (f, bars, "60", group_4h);
}

/* A served resolution is asked for as it is. */
static void
test_served (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(BourseBarFeed) feed = NULL;

  bourse_market_data_set_resolutions (f->market_data, "EURUSD", demo_resolutions);
  feed = bourse_market_data_get_feed (f->market_data, "EURUSD", "60", NULL);
  g_assert_null (bourse_bar_feed_get_base_resolution (feed));
  bourse_bar_feed_request_history (feed, 50);
  WAIT_UNTIL (!bourse_bar_feed_get_loading (feed), 30);
  g_assert_cmpuint (bourse_bar_feed_get_bars (feed)->len, >=, 50);
  g_assert_cmpint (bourse_bar_feed_get_bars (feed)->time[1] - bourse_bar_feed_get_bars (feed)->time[0], ==, 3600);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/Bourse/Studies/BuiltIntervals/match-base-history", Fixture, NULL,
              fixture_setup, test_built, fixture_teardown);
  g_test_add ("/Bourse/Studies/BuiltIntervals/older-pages", Fixture, NULL,
              fixture_setup, test_built_older, fixture_teardown);
  g_test_add ("/Bourse/Studies/BuiltIntervals/served-as-is", Fixture, NULL,
              fixture_setup, test_served, fixture_teardown);
  return g_test_run ();
}
