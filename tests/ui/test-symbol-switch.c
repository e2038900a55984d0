/* test-symbol-switch.c — after a symbol or resolution switch, every number on the chart belongs to the new one
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bug this guards (issue 13): on 1D, Bollinger Bands and RSI kept the
 * previous symbol's values after GBPUSD -> EURUSD, because two symbols' daily
 * bars open at the same instants. Here the real app on the in-process demo
 * broker switches symbols on every resolution the chart offers, with several
 * studies, and checks
 *  - the chart's bars are the broker's /history of the new symbol (asked
 *    directly over REST), its forming bar aside;
 *  - every study value, as computed and as painted, equals a recomputation
 *    from those bars;
 *  - execution markers are the shown symbol's fills only (a GBPUSD fill is
 *    made first);
 *  - a quick double switch (EURUSD then at once MSFT) shows MSFT only: the
 *    late answer for EURUSD never lands.
 */
#include "config.h"

#include <math.h>

#include "bourse-application.h"
#include "bourse-chart-series.h"
#include "bourse-test-ui.h"
#include "bourse-window-private.h"

static const char *studies[] = { "bb:20,2", "rsi:14", "sma:20", "macd:12,26,9" };

static gboolean
chart_ready (BourseWindow *window,
             const char   *symbol,
             const char   *resolution)
{
  BourseBars *bars = bourse_chart_get_bars (window->chart);
  g_autoptr(GPtrArray) ids = NULL;

  if (window->chart_pane->feed == NULL || bourse_bar_feed_get_loading (window->chart_pane->feed) ||
      g_strcmp0 (bourse_bar_feed_get_symbol (window->chart_pane->feed), symbol) != 0 ||
      g_strcmp0 (bourse_bar_feed_get_resolution (window->chart_pane->feed), resolution) != 0 ||
      bars == NULL || bars->len < 10 || bars != bourse_bar_feed_get_bars (window->chart_pane->feed))
    return FALSE;
  /* every study has caught up with these bars (large series compute in a worker) */
  ids = bourse_chart_studies_list (window->studies);
  for (guint i = 0; i < ids->len; i++)
    {
      BourseIndicator *indicator = bourse_chart_studies_get_indicator (window->studies, g_ptr_array_index (ids, i));
      g_autoptr(GPtrArray) series = bourse_chart_studies_get_series (window->studies, g_ptr_array_index (ids, i));

      if (bourse_indicator_get_length (indicator) != bars->len)
        return FALSE;
      for (guint s = 0; s < series->len; s++)
        if (bourse_chart_series_get_n_values (g_ptr_array_index (series, s)) < bars->len)
          return FALSE;
    }
  return TRUE;
}

static gboolean
same (double a, double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) && isnan (b);
  return fabs (a - b) <= 1e-9 * MAX (1.0, fabs (b));
}

/* Every study, computed and painted, against a fresh computation on the
 * chart's bars. */
static void
check_studies (BourseWindow *window)
{
  BourseBars *bars = bourse_chart_get_bars (window->chart);
  g_autoptr(BourseBars) copy = bourse_bars_copy (bars);
  g_autoptr(GPtrArray) ids = bourse_chart_studies_list (window->studies);

  g_assert_cmpuint (ids->len, ==, G_N_ELEMENTS (studies));
  for (guint i = 0; i < ids->len; i++)
    {
      BourseIndicator *shown = bourse_chart_studies_get_indicator (window->studies, g_ptr_array_index (ids, i));
      g_autoptr(GPtrArray) series = bourse_chart_studies_get_series (window->studies, g_ptr_array_index (ids, i));
      g_autoptr(GError) error = NULL;
      g_autoptr(BourseIndicator) fresh = bourse_indicator_new_from_spec (bourse_indicator_get_spec (shown), &error);
      guint n_outputs;

      g_assert_no_error (error);
      bourse_indicator_update (fresh, copy);
      n_outputs = bourse_indicator_get_n_outputs (fresh);
      for (guint o = 0; o < n_outputs; o++)
        for (gsize j = 0; j < bars->len; j++)
          if (!same (bourse_indicator_get_value (shown, o, j), bourse_indicator_get_value (fresh, o, j)))
            g_error ("%s output %u bar %zu of %zu: shows %.10g, the bars give %.10g",
                     bourse_indicator_get_spec (shown), o, j, bars->len,
                     bourse_indicator_get_value (shown, o, j), bourse_indicator_get_value (fresh, o, j));

      /* what is painted: each series is one output (a band: two) */
      g_assert_cmpuint (series->len, >, 0);
      for (guint s = 0; s < series->len; s++)
        {
          BourseChartSeries *painted = g_ptr_array_index (series, s);
          gboolean matched = FALSE;

          for (guint o = 0; o < n_outputs && !matched; o++)
            {
              matched = TRUE;
              for (gsize j = 0; j < bars->len && matched; j++)
                {
                  double lower = NAN;
                  double upper = bourse_chart_series_get_value (painted, j, &lower);

                  matched = same (upper, bourse_indicator_get_value (fresh, o, j));
                }
            }
          if (!matched)
            g_error ("%s: series %u painted values match no output computed from the bars",
                     bourse_indicator_get_spec (shown), s);
        }
    }
}

typedef struct
{
  BourseBars *bars;
  GError     *error;
  gboolean    done;
} Fetch;

static void
history_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Fetch *fetch = user_data;

  fetch->bars = bourse_broker_client_get_history_finish (BOURSE_BROKER_CLIENT (object), result, NULL, &fetch->error);
  fetch->done = TRUE;
}

/* The chart's closed bars are the broker's history of @symbol. */
static void
check_bars_are_the_brokers (BourseWindow *window,
                            const char   *symbol,
                            const char   *resolution)
{
  BourseBars *bars = bourse_chart_get_bars (window->chart);
  BourseBrokerClient *client = bourse_broker_store_get_client (window->store);
  Fetch fetch = { 0 };
  gsize matched = 0;

  bourse_broker_client_get_history_async (client, symbol, resolution, bars->time[0], bars->time[bars->len - 2],
                                          0, NULL, history_cb, &fetch);
  WAIT_UNTIL (fetch.done, 30);
  g_assert_no_error (fetch.error);
  g_assert_nonnull (fetch.bars);
  for (gsize i = 0; i + 1 < bars->len; i++)
    {
      gsize k = bourse_bars_lower_bound (fetch.bars, bars->time[i]);

      if (k < fetch.bars->len && fetch.bars->time[k] == bars->time[i])
        {
          if (!same (bars->close[i], fetch.bars->close[k]))
            g_error ("%s %s bar %zu: chart close %.10g, broker close %.10g",
                     symbol, resolution, i, bars->close[i], fetch.bars->close[k]);
          matched++;
        }
    }
  /* all closed bars but possibly the one that closed while we asked */
  g_assert_cmpuint (matched + 2, >=, bars->len);
  bourse_bars_unref (fetch.bars);
}

static guint
n_executions (BourseWindow *window,
              const char   *symbol)
{
  GListModel *executions = bourse_broker_store_get_executions (window->store);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (executions); i++)
    {
      g_autoptr(BourseExecution) execution = g_list_model_get_item (executions, i);

      n += g_strcmp0 (bourse_execution_get_instrument (execution), symbol) == 0;
    }
  return n;
}

typedef struct
{
  GError   *error;
  gboolean  done;
} Placed;

static void
placed_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Placed *placed = user_data;
  g_autofree char *id = bourse_broker_client_place_order_finish (BOURSE_BROKER_CLIENT (object), result,
                                                                  &placed->error);

  placed->done = TRUE;
}

static void
switch_and_check (BourseWindow *window,
                  const char   *symbol,
                  const char   *resolution)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-symbol", "s", symbol);
  WAIT_UNTIL (chart_ready (window, symbol, resolution), 60);
  check_studies (window);
  check_bars_are_the_brokers (window, symbol, resolution);
  /* the markers are this symbol's fills, and only they */
  WAIT_UNTIL (g_strcmp0 (window->chart_pane->markers_symbol, symbol) == 0, 15);
  WAIT_UNTIL (bourse_chart_peek_markers (window->chart)->len == n_executions (window, symbol), 15);
}

static void
test_symbol_switch_every_resolution (void)
{
  g_autoptr(BourseApplication) app = bourse_application_new ();
  g_autoptr(GError) error = NULL;
  const char *resolutions[] = { "1", "5", "15", "60", "1D", "1W" };
  BourseWindow *window = NULL;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (BOURSE_IS_WINDOW (l->data))
      window = l->data;
  g_assert_nonnull (window);

  WAIT_UNTIL (window->store != NULL && window->store_initialized, 60);
  for (guint i = 0; i < G_N_ELEMENTS (studies); i++)
    {
      g_assert_true (bourse_chart_pane_add_indicator (window->chart_pane, studies[i], &error));
      g_assert_no_error (error);
    }

  /* a GBPUSD fill, so that there is a marker that must not follow a switch */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-symbol", "s", "GBPUSD");
  {
    g_autoptr(BourseOrderRequest) request = bourse_order_request_new ("GBPUSD", BOURSE_SIDE_BUY,
                                                                      BOURSE_ORDER_TYPE_MARKET, 1000);
    Placed placed = { 0 };

    bourse_broker_client_place_order_async (bourse_broker_store_get_client (window->store),
                                            bourse_broker_store_get_account_id (window->store),
                                            request, NULL, placed_cb, &placed);
    WAIT_UNTIL (placed.done, 30);
    g_assert_no_error (placed.error);
  }
  WAIT_UNTIL (n_executions (window, "GBPUSD") >= 1, 30);

  for (guint r = 0; r < G_N_ELEMENTS (resolutions); r++)
    {
      g_test_message ("resolution %s", resolutions[r]);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.set-resolution", "s", resolutions[r]);
      switch_and_check (window, "GBPUSD", resolutions[r]);
      g_assert_cmpuint (bourse_chart_peek_markers (window->chart)->len, >=, r == 0 ? 1 : 0);
      switch_and_check (window, "EURUSD", resolutions[r]);
      switch_and_check (window, "MSFT", resolutions[r]);
      /* EURUSD asked for and left before its history came back */
      gtk_widget_activate_action (GTK_WIDGET (window), "win.set-symbol", "s", "EURUSD");
      switch_and_check (window, "GBPUSD", resolutions[r]);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Bourse/UI/SymbolSwitch/every-resolution", test_symbol_switch_every_resolution);
  return g_test_run ();
}
