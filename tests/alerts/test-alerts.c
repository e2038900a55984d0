/* test-alerts.c — alert conditions, frequencies and expiry on scripted bar
 * sequences; the alert manager with quotes, log, persistence and webhooks
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "bourse-alert.h"
#include "bourse-alert-manager.h"
#include "bourse-indicator.h"
#include "bourse-test-wait.h"

#define T0 1700000040   /* a minute boundary */

/* A scripted feed: each step either revises the forming bar's close (a tick) or
 * opens a new bar; every step is followed by one evaluation. */
typedef struct
{
  BourseBars  *bars;
  BourseAlert *alert;
  GPtrArray   *firings;
  gint64       now;
} Script;

static void
script_init (Script      *s,
             BourseAlert *alert)
{
  s->bars = bourse_bars_new (16);
  s->alert = alert;
  s->firings = g_ptr_array_new_with_free_func ((GDestroyNotify) bourse_alert_firing_free);
  s->now = T0;
}

static void
script_clear (Script *s)
{
  g_clear_pointer (&s->bars, bourse_bars_unref);
  g_clear_object (&s->alert);
  g_clear_pointer (&s->firings, g_ptr_array_unref);
}

/* Opens a new bar at @price and evaluates; returns the number of firings. */
static guint
bar (Script *s,
     double  price)
{
  gint64 t = s->bars->len == 0 ? T0 : s->bars->time[s->bars->len - 1] + 60;

  bourse_bars_append (s->bars, t, price, price, price, price, 10);
  s->now = t;
  return bourse_alert_evaluate (s->alert, s->bars, s->now, s->firings);
}

/* A tick in the forming bar. */
static guint
tick (Script *s,
      double  price)
{
  gsize i = s->bars->len - 1;

  bourse_bars_update_last (s->bars, s->bars->open[i], MAX (s->bars->high[i], price),
                           MIN (s->bars->low[i], price), price, s->bars->volume[i] + 1);
  s->now += 1;
  return bourse_alert_evaluate (s->alert, s->bars, s->now, s->firings);
}

static BourseAlert *
price_alert (BourseAlertCondition condition,
             double               value,
             BourseAlertFrequency frequency)
{
  BourseAlert *alert = bourse_alert_new ("BINANCE:BTCUSDT", condition, value);

  bourse_alert_set_frequency (alert, frequency);
  g_assert_true (bourse_alert_validate (alert, NULL));
  return alert;
}

static void
test_crossing_up_once_per_bar (void)
{
  Script s;

  script_init (&s, price_alert (BOURSE_ALERT_CROSSING_UP, 100, BOURSE_ALERT_ONCE_PER_BAR));
  g_assert_cmpuint (bar (&s, 99), ==, 0);     /* arms */
  g_assert_cmpuint (tick (&s, 101), ==, 1);   /* crosses up inside the bar */
  g_assert_cmpuint (tick (&s, 99), ==, 0);
  g_assert_cmpuint (tick (&s, 101), ==, 0);   /* crosses again, same bar: once per bar */
  g_assert_cmpuint (bar (&s, 101), ==, 0);    /* new bar, already above: no fresh cross */
  g_assert_cmpuint (tick (&s, 98), ==, 0);    /* crossing down is not crossing up */
  g_assert_cmpuint (tick (&s, 102), ==, 1);   /* fresh cross in the new bar */
  g_assert_cmpuint (bourse_alert_get_trigger_count (s.alert), ==, 2);
  g_assert_cmpint (bourse_alert_get_state (s.alert), ==, BOURSE_ALERT_STATE_ACTIVE);
  g_assert_cmpint (bourse_alert_get_last_triggered (s.alert), ==, s.now);
  script_clear (&s);
}

static void
test_crossing_needs_fresh_cross (void)
{
  Script s;

  /* Armed while price is already above: crossing conditions stay quiet … */
  script_init (&s, price_alert (BOURSE_ALERT_CROSSING, 100, BOURSE_ALERT_ONCE_PER_BAR));
  g_assert_cmpuint (bar (&s, 105), ==, 0);
  g_assert_cmpuint (tick (&s, 106), ==, 0);
  g_assert_cmpuint (tick (&s, 99), ==, 1);    /* … until a real cross (down here) */
  g_assert_cmpuint (bar (&s, 101), ==, 1);    /* and back up in the next bar */
  script_clear (&s);

  /* … whereas "greater than" is a state and fires on the first sample. */
  script_init (&s, price_alert (BOURSE_ALERT_GREATER_THAN, 100, BOURSE_ALERT_ONCE_PER_BAR));
  g_assert_cmpuint (bar (&s, 105), ==, 1);
  g_assert_cmpuint (tick (&s, 106), ==, 0);   /* once per bar */
  g_assert_cmpuint (bar (&s, 104), ==, 1);
  g_assert_cmpuint (bar (&s, 99), ==, 0);
  script_clear (&s);
}

static void
test_crossing_down_and_less_than_once (void)
{
  Script s;

  script_init (&s, price_alert (BOURSE_ALERT_CROSSING_DOWN, 50, BOURSE_ALERT_ONCE));
  g_assert_cmpuint (bar (&s, 51), ==, 0);
  g_assert_cmpuint (tick (&s, 52), ==, 0);
  g_assert_cmpuint (tick (&s, 49.5), ==, 1);
  /* "Once": the alert stops after firing. */
  g_assert_cmpint (bourse_alert_get_state (s.alert), ==, BOURSE_ALERT_STATE_TRIGGERED);
  g_assert_cmpuint (tick (&s, 51), ==, 0);
  g_assert_cmpuint (tick (&s, 49), ==, 0);
  /* Re-arming from the editor starts over with a fresh sample. */
  bourse_alert_set_state (s.alert, BOURSE_ALERT_STATE_ACTIVE);
  g_assert_cmpuint (bar (&s, 48), ==, 0);
  g_assert_cmpuint (tick (&s, 52), ==, 0);
  g_assert_cmpuint (tick (&s, 49), ==, 1);
  script_clear (&s);

  script_init (&s, price_alert (BOURSE_ALERT_LESS_THAN, 50, BOURSE_ALERT_ONCE));
  g_assert_cmpuint (bar (&s, 55), ==, 0);
  g_assert_cmpuint (tick (&s, 49), ==, 1);
  g_assert_cmpuint (tick (&s, 48), ==, 0);
  g_assert_cmpuint (bourse_alert_get_trigger_count (s.alert), ==, 1);
  script_clear (&s);
}

static void
test_once_per_bar_close (void)
{
  Script s;
  BourseAlertFiring *firing;

  script_init (&s, price_alert (BOURSE_ALERT_CROSSING_UP, 100, BOURSE_ALERT_ONCE_PER_BAR_CLOSE));
  g_assert_cmpuint (bar (&s, 95), ==, 0);
  g_assert_cmpuint (bar (&s, 96), ==, 0);      /* bar 0 closed at 95: arms */
  g_assert_cmpuint (tick (&s, 103), ==, 0);    /* intra-bar cross: not a close */
  g_assert_cmpuint (tick (&s, 97), ==, 0);     /* … and it reverts before the close */
  g_assert_cmpuint (bar (&s, 97), ==, 0);      /* bar 1 closed at 97: no cross */
  g_assert_cmpuint (tick (&s, 104), ==, 0);
  g_assert_cmpuint (tick (&s, 101), ==, 0);    /* forming above, not closed yet */
  g_assert_cmpuint (bar (&s, 102), ==, 1);     /* bar 2 closed at 101: fires on it */
  firing = g_ptr_array_index (s.firings, 0);
  g_assert_cmpuint (firing->bar_index, ==, 2);
  g_assert_cmpuint (bar (&s, 90), ==, 0);      /* bar 3 closed at 102: still above */
  g_assert_cmpuint (bar (&s, 120), ==, 0);     /* bar 4 closed at 90: below */
  g_assert_cmpuint (bar (&s, 0), ==, 1);       /* bar 5 closed at 120: fires again */
  g_assert_cmpuint (((BourseAlertFiring *) g_ptr_array_index (s.firings, 1))->bar_index, ==, 5);
  script_clear (&s);
}

static void
test_channel_conditions (void)
{
  const struct {
    BourseAlertCondition condition;
    const double prices[6];
    const guint fired[6];
  } cases[] = {
    /* channel 90…110 */
    { BOURSE_ALERT_ENTERING_CHANNEL, { 80, 95, 100, 120, 105, 85 }, { 0, 1, 0, 0, 1, 0 } },
    { BOURSE_ALERT_EXITING_CHANNEL, { 95, 100, 120, 115, 105, 85 }, { 0, 0, 1, 0, 0, 1 } },
    { BOURSE_ALERT_INSIDE_CHANNEL, { 95, 100, 120, 115, 105, 85 }, { 1, 1, 0, 0, 1, 0 } },
    { BOURSE_ALERT_OUTSIDE_CHANNEL, { 95, 100, 120, 115, 105, 85 }, { 0, 0, 1, 1, 0, 1 } },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      Script s;

      /* Bounds given in either order. */
      script_init (&s, price_alert (cases[c].condition, 110, BOURSE_ALERT_ONCE_PER_BAR));
      g_object_set (s.alert, "value2", 90.0, NULL);
      for (guint k = 0; k < 6; k++)
        g_assert_cmpuint (bar (&s, cases[c].prices[k]), ==, cases[c].fired[k]);
      script_clear (&s);
    }
}

static void
test_drawing_conditions (void)
{
  /* A rising trend line from 100 at bar 0 to 110 at bar 10 (1 per bar). */
  BourseDrawingPoint line_points[] = { { T0, 100 }, { T0 + 600, 110 } };
  /* A parallel channel: base 100 → 110, upper line 5 above. */
  BourseDrawingPoint channel_points[] = { { T0, 100 }, { T0 + 600, 110 }, { T0 + 300, 110 } };
  g_autoptr(BourseDrawing) line = bourse_drawing_new (BOURSE_DRAWING_TREND_LINE, line_points);
  g_autoptr(BourseDrawing) channel = bourse_drawing_new (BOURSE_DRAWING_PARALLEL_CHANNEL, channel_points);
  g_autoptr(GError) error = NULL;
  Script s;

  script_init (&s, bourse_alert_new ("X", BOURSE_ALERT_CROSSING_UP, 0));
  bourse_alert_set_frequency (s.alert, BOURSE_ALERT_ONCE_PER_BAR);
  bourse_alert_set_drawing (s.alert, line);
  g_assert_true (bourse_alert_validate (s.alert, NULL));
  g_assert_cmpuint (bar (&s, 102), ==, 0);   /* line at 100: above, armed */
  g_assert_cmpuint (bar (&s, 100.5), ==, 0); /* line at 101: below */
  g_assert_cmpuint (bar (&s, 102), ==, 0);   /* line at 102: equal, not above */
  g_assert_cmpuint (bar (&s, 103.5), ==, 1); /* line at 103: crossed up */
  g_assert_cmpuint (bar (&s, 104.5), ==, 0); /* line 104, still above */
  /* Moving the line re-arms: no cross is faked by the jump. */
  bourse_drawing_translate (line, 0, 10);
  g_assert_cmpuint (bar (&s, 106), ==, 0);   /* line 115 */
  g_assert_cmpuint (bar (&s, 117), ==, 1);   /* line 116 */
  script_clear (&s);

  script_init (&s, bourse_alert_new ("X", BOURSE_ALERT_EXITING_CHANNEL, 0));
  bourse_alert_set_frequency (s.alert, BOURSE_ALERT_ONCE_PER_BAR);
  bourse_alert_set_drawing (s.alert, channel);
  g_assert_true (bourse_alert_validate (s.alert, NULL));
  g_assert_cmpuint (bar (&s, 102), ==, 0);   /* 100…105 inside */
  g_assert_cmpuint (bar (&s, 104), ==, 0);   /* 101…106 inside */
  g_assert_cmpuint (bar (&s, 108), ==, 1);   /* 102…107 out above */
  g_assert_cmpuint (bar (&s, 105), ==, 0);   /* 103…108 back in */
  g_assert_cmpuint (bar (&s, 103), ==, 1);   /* 104…109 out below */
  script_clear (&s);

  /* A line cannot be a channel and the other way round. */
  script_init (&s, bourse_alert_new ("X", BOURSE_ALERT_ENTERING_CHANNEL, 0));
  bourse_alert_set_drawing (s.alert, line);
  g_assert_false (bourse_alert_validate (s.alert, &error));
  g_assert_error (error, BOURSE_ALERT_ERROR, BOURSE_ALERT_ERROR_INVALID);
  script_clear (&s);
}

static void
test_moving_conditions (void)
{
  Script s;

  /* Up by 5 within 3 bars: compares with the lowest of the previous 3 bars. */
  script_init (&s, price_alert (BOURSE_ALERT_MOVING_UP, 5, BOURSE_ALERT_ONCE_PER_BAR));
  g_object_set (s.alert, "bars", 3u, NULL);
  g_assert_cmpuint (bar (&s, 100), ==, 0);
  g_assert_cmpuint (bar (&s, 101), ==, 0);
  g_assert_cmpuint (bar (&s, 104), ==, 0);   /* not 3 bars of history yet */
  g_assert_cmpuint (bar (&s, 104.9), ==, 0); /* 104.9 - 100 < 5 */
  g_assert_cmpuint (tick (&s, 105), ==, 1);  /* 105 - 100 = 5 */
  g_assert_cmpuint (bar (&s, 106.5), ==, 1); /* low of 101, 104, 105 = 101: +5.5 */
  g_assert_cmpuint (bar (&s, 108), ==, 0);   /* low of 104, 105, 106.5 = 104: +4 */
  script_clear (&s);

  script_init (&s, price_alert (BOURSE_ALERT_MOVING_DOWN_PERCENT, 10, BOURSE_ALERT_ONCE_PER_BAR));
  g_object_set (s.alert, "bars", 2u, NULL);
  g_assert_cmpuint (bar (&s, 200), ==, 0);
  g_assert_cmpuint (bar (&s, 190), ==, 0);
  g_assert_cmpuint (bar (&s, 181), ==, 0);   /* 9.5 % below 200 */
  g_assert_cmpuint (bar (&s, 170), ==, 1);   /* 10.5 % below 190 */
  script_clear (&s);

  script_init (&s, price_alert (BOURSE_ALERT_MOVING_UP_PERCENT, 10, BOURSE_ALERT_ONCE_PER_BAR));
  g_object_set (s.alert, "bars", 1u, NULL);
  g_assert_cmpuint (bar (&s, 100), ==, 0);
  g_assert_cmpuint (bar (&s, 109), ==, 0);
  g_assert_cmpuint (bar (&s, 120), ==, 1);   /* +10.09 % */
  script_clear (&s);

  script_init (&s, price_alert (BOURSE_ALERT_MOVING_DOWN, 3, BOURSE_ALERT_ONCE_PER_BAR));
  g_object_set (s.alert, "bars", 2u, NULL);
  g_assert_cmpuint (bar (&s, 50), ==, 0);
  g_assert_cmpuint (bar (&s, 52), ==, 0);
  g_assert_cmpuint (bar (&s, 49.5), ==, 0);  /* 52 - 49.5 = 2.5 */
  g_assert_cmpuint (tick (&s, 48.9), ==, 1); /* 3.1 */
  script_clear (&s);
}

static void
test_indicator_conditions (void)
{
  Script s;
  BourseAlertFiring *firing;

  /* Close crossing its own SMA(3). */
  script_init (&s, bourse_alert_new ("X", BOURSE_ALERT_CROSSING_UP, 0));
  g_object_set (s.alert, "target-study", "sma:3", "frequency", BOURSE_ALERT_ONCE_PER_BAR, NULL);
  g_assert_true (bourse_alert_validate (s.alert, NULL));
  g_assert_cmpuint (bar (&s, 10), ==, 0);
  g_assert_cmpuint (bar (&s, 9), ==, 0);
  g_assert_cmpuint (bar (&s, 8), ==, 0);    /* sma 9: below, armed */
  g_assert_cmpuint (bar (&s, 8.5), ==, 0);  /* sma 8.5: equal */
  g_assert_cmpuint (bar (&s, 10), ==, 1);   /* sma 8.83: above */
  script_clear (&s);

  /* RSI(2) below 30, with the RSI in the message. */
  script_init (&s, bourse_alert_new ("NASDAQ:AAPL", BOURSE_ALERT_LESS_THAN, 30));
  g_object_set (s.alert, "source-study", "rsi:2", "frequency", BOURSE_ALERT_ONCE_PER_BAR,
                "message", "{\"ticker\":\"{{ticker}}\",\"ex\":\"{{exchange}}\",\"rsi\":{{plot_0}},"
                           "\"close\":{{close}},\"t\":\"{{time}}\"}", NULL);
  g_assert_cmpuint (bar (&s, 10), ==, 0);
  g_assert_cmpuint (bar (&s, 11), ==, 0);
  g_assert_cmpuint (bar (&s, 12), ==, 0);   /* rsi 100 */
  g_assert_cmpuint (bar (&s, 11), ==, 0);   /* rsi 50 */
  g_assert_cmpuint (bar (&s, 9), ==, 1);    /* avg gain 0.25, avg loss 1.25: rsi 16.67 */
  firing = g_ptr_array_index (s.firings, 0);
  g_assert_cmpstr (firing->message, ==,
                   "{\"ticker\":\"AAPL\",\"ex\":\"NASDAQ\",\"rsi\":16.6666666667,\"close\":9,"
                   "\"t\":\"2023-11-14T22:18:00Z\"}");
  g_assert_cmpuint (strlen (firing->fire_id), ==, 36);
  script_clear (&s);

  /* Bollinger channel from the study: upper and lower default to first/last output. */
  script_init (&s, bourse_alert_new ("X", BOURSE_ALERT_EXITING_CHANNEL, 0));
  g_object_set (s.alert, "target-study", "bb:3,1", "frequency", BOURSE_ALERT_ONCE_PER_BAR, NULL);
  g_assert_cmpuint (bar (&s, 10), ==, 0);
  g_assert_cmpuint (bar (&s, 10.5), ==, 0);
  g_assert_cmpuint (bar (&s, 10.2), ==, 0);  /* inside, armed */
  g_assert_cmpuint (bar (&s, 20), ==, 1);    /* far above the band */
  script_clear (&s);
}

static void
test_expiry_and_validation (void)
{
  g_autoptr(GError) error = NULL;
  Script s;

  script_init (&s, price_alert (BOURSE_ALERT_GREATER_THAN, 10, BOURSE_ALERT_ONCE_PER_BAR));
  bourse_alert_set_expires (s.alert, T0 + 120);
  g_assert_cmpuint (bar (&s, 11), ==, 1);
  g_assert_cmpuint (bar (&s, 12), ==, 1);        /* t = T0+60 */
  g_assert_cmpuint (bar (&s, 13), ==, 0);        /* t = T0+120: expired */
  g_assert_cmpint (bourse_alert_get_state (s.alert), ==, BOURSE_ALERT_STATE_EXPIRED);
  g_assert_cmpuint (bar (&s, 14), ==, 0);
  g_assert_cmpuint (bourse_alert_get_trigger_count (s.alert), ==, 2);
  script_clear (&s);

  script_init (&s, bourse_alert_new ("X", BOURSE_ALERT_GREATER_THAN, 1));
  g_object_set (s.alert, "source-study", "rsi:x", NULL);
  g_assert_false (bourse_alert_validate (s.alert, &error));
  g_assert_error (error, BOURSE_INDICATOR_ERROR, BOURSE_INDICATOR_ERROR_SYNTAX);
  g_clear_error (&error);
  g_object_set (s.alert, "source-study", "macd", "source-output", "nope", NULL);
  g_assert_false (bourse_alert_validate (s.alert, &error));
  g_assert_error (error, BOURSE_ALERT_ERROR, BOURSE_ALERT_ERROR_INVALID);
  g_clear_error (&error);
  /* An invalid alert evaluates to nothing instead of crashing. */
  g_assert_cmpuint (bar (&s, 5), ==, 0);
  g_object_set (s.alert, "source-output", "hist", NULL);
  g_assert_true (bourse_alert_validate (s.alert, NULL));
  script_clear (&s);
}

static void
test_json_round_trip (void)
{
  BourseDrawingPoint pts[] = { { T0, 1 }, { T0 + 60, 2 } };
  g_autoptr(BourseDrawing) line = bourse_drawing_new (BOURSE_DRAWING_RAY, pts);
  g_autoptr(BourseAlert) alert = bourse_alert_new ("NYSE:IBM", BOURSE_ALERT_CROSSING_DOWN, 0);
  g_autoptr(BourseAlert) copy = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL;

  g_object_set (alert, "name", "IBM under the ray", "interval", "60", "expires", (gint64) T0 + 999,
                "message", "{{ticker}} {{close}}", "webhook-url", "https://example.com/x",
                "webhook-retry", TRUE, "frequency", BOURSE_ALERT_ONCE_PER_BAR_CLOSE, NULL);
  bourse_alert_set_drawing (alert, line);
  node = bourse_alert_to_json (alert);
  copy = bourse_alert_new_from_json (node, &error);
  g_assert_no_error (error);
  again = bourse_alert_to_json (copy);
  a = json_to_string (node, FALSE);
  b = json_to_string (again, FALSE);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (bourse_alert_get_id (copy), ==, bourse_alert_get_id (alert));
  g_assert_cmpint (bourse_alert_get_frequency (copy), ==, BOURSE_ALERT_ONCE_PER_BAR_CLOSE);
  g_assert_cmpint (bourse_drawing_get_kind (bourse_alert_get_drawing (copy)), ==, BOURSE_DRAWING_RAY);

  /* Wrong types and unknown names are errors, not defaults. */
  {
    const char *bad[] = {
      "{\"id\":\"a\",\"condition\":\"sideways\"}",
      "{\"id\":\"a\",\"value\":\"12\"}",
      "{\"id\":\"a\",\"bars\":-1}",
      "{\"symbol\":\"X\"}",
      "[]",
    };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(JsonNode) n = json_from_string (bad[i], NULL);
        g_autoptr(BourseAlert) x = bourse_alert_new_from_json (n, &error);
        g_assert_null (x);
        g_assert_error (error, BOURSE_ALERT_ERROR, BOURSE_ALERT_ERROR_INVALID);
        g_clear_error (&error);
      }
    /* a bad drawing inside: the drawing's own error, naming the alert */
    {
      g_autoptr(JsonNode) n = json_from_string ("{\"id\":\"a\",\"drawing\":{\"id\":\"d\",\"kind\":\"ray\",\"points\":[]}}", NULL);
      g_autoptr(BourseAlert) x = bourse_alert_new_from_json (n, &error);
      g_assert_null (x);
      g_assert_error (error, BOURSE_DRAWING_ERROR, BOURSE_DRAWING_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "Alert a: "));
      g_clear_error (&error);
    }
  }
}

static void
test_descriptions (void)
{
  BourseDrawingPoint pts[] = { { T0, 1 }, { T0 + 60, 2 } };
  g_autoptr(BourseDrawing) line = bourse_drawing_new (BOURSE_DRAWING_TREND_LINE, pts);
  g_autoptr(BourseAlert) a = bourse_alert_new ("BTCUSD", BOURSE_ALERT_CROSSING_UP, 100);
  g_autoptr(BourseAlert) b = bourse_alert_new ("AAPL", BOURSE_ALERT_LESS_THAN, 30);
  g_autoptr(BourseAlert) c = bourse_alert_new ("X", BOURSE_ALERT_ENTERING_CHANNEL, 110);
  g_autoptr(BourseAlert) d = bourse_alert_new ("X", BOURSE_ALERT_MOVING_UP_PERCENT, 5);
  g_autoptr(BourseAlert) e = bourse_alert_new ("X", BOURSE_ALERT_CROSSING, 0);
  g_autoptr(BourseAlert) f = bourse_alert_new ("X", BOURSE_ALERT_GREATER_THAN, 0);
  const struct { BourseAlert *alert; const char *text; } cases[] = {
    { a, "BTCUSD close crossing up 100" },
    { b, "AAPL rsi:14 less than 30" },
    { c, "X close entering channel 90.5 … 110" },
    { d, "X close moving up 5 % within 3 bars" },
    { e, "X close crossing trend-line" },
    { f, "X macd.hist greater than macd.signal" },
  };

  g_object_set (b, "source-study", "rsi:14", NULL);
  g_object_set (c, "value2", 90.5, NULL);
  g_object_set (d, "bars", 3u, NULL);
  bourse_alert_set_drawing (e, line);
  g_object_set (f, "source-study", "macd", "source-output", "hist", "target-study", "macd",
                "target-output", "signal", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = bourse_alert_dup_description (cases[i].alert);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* ---- the manager ---- */

typedef struct
{
  SoupServer *server;
  char       *url;
  GPtrArray  *bodies;
  guint       status;
  GPtrArray  *events;
} Hook;

static void
hook_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Hook *h = user_data;
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  g_ptr_array_add (h->bodies, g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body)));
  soup_server_message_set_status (msg, h->status, NULL);
}

static void
triggered_cb (BourseAlertManager *manager,
              BourseAlert        *alert,
              BourseAlertEvent   *event,
              Hook               *h)
{
  g_ptr_array_add (h->events, g_object_ref (event));
}

static void
wait_for_delivery (BourseAlertEvent      *event,
                   BourseWebhookDelivery *previous)
{
  WAIT_UNTIL (bourse_alert_event_get_delivery (event) != NULL && bourse_alert_event_get_delivery (event) != previous, 10);
}

/* Alerts on indicators and drawings fed by live quotes, as the app does it: the
 * manager builds the forming 1-minute bar from quotes, the alerts' indicators
 * are updated incrementally on it, and a history (set_history) lets a study
 * alert fire on the first quote instead of after a warm-up. */
static void
test_manager_live_studies (void)
{
  g_autoptr(BourseAlertManager) manager = bourse_alert_manager_new (NULL);
  g_autoptr(BourseAlert) cross_sma = bourse_alert_new ("X", BOURSE_ALERT_CROSSING_UP, 0);
  g_autoptr(BourseAlert) rsi_low = bourse_alert_new ("NASDAQ:Y", BOURSE_ALERT_LESS_THAN, 30);
  g_autoptr(BourseAlert) below_line = bourse_alert_new ("Z", BOURSE_ALERT_CROSSING_DOWN, 0);
  g_autoptr(BourseBars) history_x = bourse_bars_new (32);
  g_autoptr(BourseBars) history_y = bourse_bars_new (8);
  /* 1 per minute: 100 at T0, 105 at T0 + 300, 106 at T0 + 360. */
  BourseDrawingPoint points[] = { { T0, 100 }, { T0 + 600, 110 } };
  g_autoptr(BourseDrawing) line = bourse_drawing_new (BOURSE_DRAWING_TREND_LINE, points);
  const double y_closes[] = { 10, 11, 12, 11 };
  const gint64 live = T0 + 20 * 60;
  Hook h = { 0 };
  BourseAlertEvent *event;

  h.events = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (manager, "alert-triggered", G_CALLBACK (triggered_cb), &h);

  g_object_set (cross_sma, "target-study", "sma:3", "frequency", BOURSE_ALERT_ONCE_PER_BAR, NULL);
  g_object_set (rsi_low, "source-study", "rsi:2", "frequency", BOURSE_ALERT_ONCE_PER_BAR,
                "message", "{\"rsi\":{{plot_0}},\"close\":{{close}}}", NULL);
  g_object_set (below_line, "frequency", BOURSE_ALERT_ONCE_PER_BAR, NULL);
  bourse_alert_set_drawing (below_line, line);
  g_assert_true (bourse_alert_manager_add_alert (manager, cross_sma, NULL));
  g_assert_true (bourse_alert_manager_add_alert (manager, rsi_low, NULL));
  g_assert_true (bourse_alert_manager_add_alert (manager, below_line, NULL));

  /* A quote before any history: one bar, no SMA(3) yet, nothing fires. */
  g_assert_cmpuint (bourse_alert_manager_process_quote (manager, "X", live + 1, 9, 1), ==, 0);

  for (gsize i = 0; i < 20; i++)
    bourse_bars_append (history_x, T0 + 60 * (gint64) i, 10, 10, 10, 10, 5);
  for (gsize i = 0; i < G_N_ELEMENTS (y_closes); i++)
    bourse_bars_append (history_y, live - 60 * (gint64) (G_N_ELEMENTS (y_closes) - i), y_closes[i],
                        y_closes[i], y_closes[i], y_closes[i], 5);
  bourse_alert_manager_set_history (manager, "X", history_x);
  bourse_alert_manager_set_history (manager, "NASDAQ:Y", history_y);

  /* X: the live bar built from the earlier quote was kept after the history:
   * close 9 under SMA (10 + 10 + 9) / 3; then 11 over (10 + 10 + 11) / 3. */
  g_assert_cmpuint (bourse_alert_manager_process_quote (manager, "X", live + 2, 9.5, 1), ==, 0);
  g_assert_cmpuint (bourse_alert_manager_process_quote (manager, "X", live + 3, 11, 1), ==, 1);
  g_assert_cmpuint (bourse_alert_manager_process_quote (manager, "X", live + 4, 9, 1), ==, 0);
  g_assert_cmpuint (bourse_alert_manager_process_quote (manager, "X", live + 5, 12, 1), ==, 0);  /* once per bar */
  /* Next minute, the SMA holds the closed bar's 12: 10.5 under (10 + 12 + 10.5) / 3,
   * 11.5 over (10 + 12 + 11.5) / 3. */
  g_assert_cmpuint (bourse_alert_manager_process_quote (manager, "X", live + 61, 10.5, 1), ==, 0);
  g_assert_cmpuint (bourse_alert_manager_process_quote (manager, "X", live + 62, 11.5, 1), ==, 1);

  /* Y: RSI(2) over 10, 11, 12, 11 and the live 9 is 16.67 (Wilder: avg gain
   * 0.25, avg loss 1.25), under 30 on the very first quote. */
  g_assert_cmpuint (bourse_alert_manager_process_quote (manager, "NASDAQ:Y", live + 1, 9, 1), ==, 1);
  g_assert_cmpuint (bourse_alert_manager_process_quote (manager, "NASDAQ:Y", live + 2, 9.5, 1), ==, 0);
  event = g_ptr_array_index (h.events, h.events->len - 1);
  g_assert_cmpstr (bourse_alert_event_get_message (event), ==, "{\"rsi\":16.6666666667,\"close\":9}");
  g_assert_cmpint (bourse_alert_event_get_bar_time (event), ==, live);

  /* Z: the trend line's value at the forming bar's time. */
  g_assert_cmpuint (bourse_alert_manager_process_quote (manager, "Z", T0 + 301, 106, 1), ==, 0);
  g_assert_cmpuint (bourse_alert_manager_process_quote (manager, "Z", T0 + 310, 104, 1), ==, 1);
  g_assert_cmpuint (bourse_alert_manager_process_quote (manager, "Z", T0 + 361, 107, 1), ==, 0);  /* line 106 */
  g_assert_cmpuint (bourse_alert_manager_process_quote (manager, "Z", T0 + 370, 105.5, 1), ==, 1);

  g_assert_cmpuint (h.events->len, ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (bourse_alert_manager_get_log (manager)), ==, 5);
  g_ptr_array_unref (h.events);
}

static void
test_manager (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bourse-alerts-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sub", "alerts.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(BourseAlertManager) manager = bourse_alert_manager_new (file);
  g_autoptr(BourseAlertManager) reloaded = NULL;
  g_autoptr(BourseAlert) above = bourse_alert_new ("BTCUSD", BOURSE_ALERT_CROSSING_UP, 100);
  g_autoptr(BourseAlert) other = bourse_alert_new ("ETHUSD", BOURSE_ALERT_GREATER_THAN, 0);
  g_autoptr(BourseAlert) broken = bourse_alert_new ("BTCUSD", BOURSE_ALERT_GREATER_THAN, 0);
  g_autoptr(GError) error = NULL;
  BourseAlertEvent *event;
  GSList *uris;
  Hook h = { 0 };

  h.bodies = g_ptr_array_new_with_free_func (g_free);
  h.events = g_ptr_array_new_with_free_func (g_object_unref);
  h.status = 200;
  h.server = soup_server_new (NULL, NULL);
  soup_server_add_handler (h.server, NULL, hook_cb, &h, NULL);
  g_assert_true (soup_server_listen_local (h.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, NULL));
  uris = soup_server_get_uris (h.server);
  h.url = g_strdup_printf ("http://127.0.0.1:%d/hook", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_signal_connect (manager, "alert-triggered", G_CALLBACK (triggered_cb), &h);
  g_object_set (above, "name", "BTC over 100", "frequency", BOURSE_ALERT_ONCE_PER_BAR,
                "webhook-url", h.url,
                "message", "{\"ticker\":\"{{ticker}}\",\"price\":{{close}},\"id\":\"{{fire.id}}\"}", NULL);
  g_assert_true (bourse_alert_manager_add_alert (manager, above, &error));
  g_assert_no_error (error);
  g_object_set (other, "frequency", BOURSE_ALERT_ONCE_PER_BAR, NULL);
  g_assert_true (bourse_alert_manager_add_alert (manager, other, NULL));
  g_assert_false (bourse_alert_manager_add_alert (manager, above, &error));   /* same id */
  g_clear_error (&error);
  g_object_set (broken, "target-study", "nope:1", NULL);
  g_assert_false (bourse_alert_manager_add_alert (manager, broken, &error));
  g_clear_error (&error);
  g_assert_cmpuint (bourse_alert_manager_get_n_active (manager), ==, 2);

  /* Quotes become 1-minute bars; only BTCUSD alerts see BTCUSD quotes. */
  g_assert_cmpuint (bourse_alert_manager_process_quote (manager, "BTCUSD", T0 + 1, 99, 1), ==, 0);
  g_assert_cmpuint (bourse_alert_manager_process_quote (manager, "BTCUSD", T0 + 5, 100.5, 1), ==, 1);
  g_assert_cmpuint (bourse_alert_manager_process_quote (manager, "BTCUSD", T0 + 7, 99, 1), ==, 0);
  g_assert_cmpuint (bourse_alert_manager_process_quote (manager, "BTCUSD", T0 + 9, 101, 1), ==, 0);
  g_assert_cmpuint (bourse_alert_manager_process_quote (manager, "BTCUSD", T0 - 30, 200, 1), ==, 0);  /* stale */
  g_assert_cmpuint (bourse_alert_manager_process_quote (manager, "BTCUSD", T0 + 61, 98, 1), ==, 0);
  g_assert_cmpuint (bourse_alert_manager_process_quote (manager, "BTCUSD", T0 + 70, 100.25, 2), ==, 1);
  g_assert_cmpuint (bourse_alert_manager_process_quote (manager, "ETHUSD", T0 + 70, 3, 2), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (bourse_alert_manager_get_log (manager)), ==, 3);
  g_assert_cmpuint (h.events->len, ==, 3);

  /* The webhook carries exactly the message, as JSON. */
  event = g_ptr_array_index (h.events, 0);
  g_assert_cmpint (bourse_alert_event_get_bar_time (event), ==, T0);
  g_assert_cmpint (bourse_alert_event_get_fired_at (event), ==, T0 + 5);
  g_assert_cmpstr (bourse_alert_event_get_alert_name (event), ==, "BTC over 100");
  wait_for_delivery (event, NULL);
  wait_for_delivery (g_ptr_array_index (h.events, 1), NULL);
  g_assert_cmpuint (h.bodies->len, ==, 2);
  {
    g_autofree char *expected = g_strdup_printf ("{\"ticker\":\"BTCUSD\",\"price\":100.5,\"id\":\"%s\"}",
                                                 bourse_alert_event_get_fire_id (event));
    /* Two deliveries run concurrently: either may reach the server first. */
    g_assert_true (g_str_equal (g_ptr_array_index (h.bodies, 0), expected) ||
                   g_str_equal (g_ptr_array_index (h.bodies, 1), expected));
    g_assert_cmpstr (bourse_alert_event_get_message (event), ==, expected);
  }
  g_assert_true (bourse_webhook_delivery_get_succeeded (bourse_alert_event_get_delivery (event)));
  g_assert_cmpstr (bourse_webhook_delivery_get_content_type (bourse_alert_event_get_delivery (event)), ==,
                   BOURSE_WEBHOOK_CONTENT_TYPE_JSON);
  /* The ETH alert has no webhook. */
  g_assert_null (bourse_alert_event_get_delivery (g_ptr_array_index (h.events, 2)));

  /* A failing receiver is logged; resend replaces the delivery. */
  h.status = 500;
  {
    g_autoptr(BourseWebhookDelivery) first = g_object_ref (bourse_alert_event_get_delivery (event));
    g_autoptr(BourseWebhookDelivery) failed = NULL;

    bourse_alert_manager_resend (manager, event);
    wait_for_delivery (event, first);
    failed = g_object_ref (bourse_alert_event_get_delivery (event));
    g_assert_cmpuint (bourse_webhook_delivery_get_status (failed), ==, 500);
    g_assert_false (bourse_webhook_delivery_get_succeeded (failed));
    h.status = 200;
    bourse_alert_manager_resend (manager, event);
    wait_for_delivery (event, failed);
    g_assert_true (bourse_webhook_delivery_get_succeeded (bourse_alert_event_get_delivery (event)));
    g_assert_cmpuint (h.bodies->len, ==, 4);
    g_assert_cmpstr (g_ptr_array_index (h.bodies, 2), ==, bourse_alert_event_get_message (event));
    g_assert_cmpstr (g_ptr_array_index (h.bodies, 3), ==, bourse_alert_event_get_message (event));
  }

  /* Expiry and n-active. */
  g_object_set (other, "expires", (gint64) T0 + 100, NULL);
  bourse_alert_manager_check_expiry (manager, T0 + 100);
  g_assert_cmpint (bourse_alert_get_state (other), ==, BOURSE_ALERT_STATE_EXPIRED);
  g_assert_cmpuint (bourse_alert_manager_get_n_active (manager), ==, 1);

  /* Persistence across a restart, state and counters included. */
  g_assert_true (bourse_alert_manager_save (manager, &error));
  g_assert_no_error (error);
  reloaded = bourse_alert_manager_new (file);
  g_assert_true (bourse_alert_manager_load (reloaded, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (bourse_alert_manager_get_alerts (reloaded)), ==, 2);
  g_assert_cmpuint (bourse_alert_manager_get_n_active (reloaded), ==, 1);
  {
    BourseAlert *copy = bourse_alert_manager_find_alert (reloaded, bourse_alert_get_id (above));
    g_assert_nonnull (copy);
    g_assert_cmpuint (bourse_alert_get_trigger_count (copy), ==, 2);
    g_assert_cmpstr (bourse_alert_get_webhook_url (copy), ==, h.url);
    g_assert_cmpint (bourse_alert_get_state (bourse_alert_manager_find_alert (reloaded, bourse_alert_get_id (other))),
                     ==, BOURSE_ALERT_STATE_EXPIRED);
  }
  /* The log came back too, deliveries included. */
  {
    GListModel *log = bourse_alert_manager_get_log (reloaded);
    g_autoptr(BourseAlertEvent) first = NULL;
    BourseWebhookDelivery *delivery;

    g_assert_cmpuint (g_list_model_get_n_items (log), ==, 3);
    first = g_list_model_get_item (log, 0);
    g_assert_cmpstr (bourse_alert_event_get_fire_id (first), ==, bourse_alert_event_get_fire_id (event));
    g_assert_cmpstr (bourse_alert_event_get_message (first), ==, bourse_alert_event_get_message (event));
    g_assert_cmpint (bourse_alert_event_get_fired_at (first), ==, T0 + 5);
    delivery = bourse_alert_event_get_delivery (first);
    g_assert_nonnull (delivery);
    g_assert_true (bourse_webhook_delivery_get_succeeded (delivery));
    g_assert_cmpuint (bourse_webhook_delivery_get_status (delivery), ==, 200);
    g_assert_cmpstr (bourse_webhook_delivery_get_url (delivery), ==, h.url);
    g_assert_cmpint (bourse_webhook_delivery_get_latency (delivery), ==,
                     bourse_webhook_delivery_get_latency (bourse_alert_event_get_delivery (event)));
    g_assert_cmpint (bourse_webhook_delivery_get_error_code (delivery), ==, -1);
  }

  /* Removing is saved too (after an idle). */
  bourse_alert_manager_remove_alert (manager, other);
  g_assert_cmpuint (g_list_model_get_n_items (bourse_alert_manager_get_alerts (manager)), ==, 1);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&reloaded);
  reloaded = bourse_alert_manager_new (file);
  g_assert_true (bourse_alert_manager_load (reloaded, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (bourse_alert_manager_get_alerts (reloaded)), ==, 1);

  /* A damaged file is an error and loads nothing. */
  g_assert_true (g_file_set_contents (path, "{\"alerts\": [ {\"id\": 3} ]}", -1, NULL));
  g_clear_object (&reloaded);
  reloaded = bourse_alert_manager_new (file);
  g_assert_false (bourse_alert_manager_load (reloaded, &error));
  g_assert_error (error, BOURSE_ALERT_ERROR, BOURSE_ALERT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (bourse_alert_manager_get_alerts (reloaded)), ==, 0);
  g_assert_true (g_file_set_contents (path, "", -1, NULL));
  g_assert_false (bourse_alert_manager_load (reloaded, &error));
  g_clear_error (&error);

  g_signal_handlers_disconnect_by_data (manager, &h);
  g_clear_object (&reloaded);
  g_clear_object (&manager);
  soup_server_disconnect (h.server);
  g_clear_object (&h.server);
  g_ptr_array_unref (h.bodies);
  g_ptr_array_unref (h.events);
  g_free (h.url);
  g_remove (path);
  {
    g_autofree char *sub = g_path_get_dirname (path);
    g_rmdir (sub);
  }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/Studies/Alert/crossing-up-once-per-bar", test_crossing_up_once_per_bar);
  g_test_add_func ("/Bourse/Studies/Alert/crossing-needs-fresh-cross", test_crossing_needs_fresh_cross);
  g_test_add_func ("/Bourse/Studies/Alert/crossing-down-less-than-once", test_crossing_down_and_less_than_once);
  g_test_add_func ("/Bourse/Studies/Alert/once-per-bar-close", test_once_per_bar_close);
  g_test_add_func ("/Bourse/Studies/Alert/channel-conditions", test_channel_conditions);
  g_test_add_func ("/Bourse/Studies/Alert/drawing-conditions", test_drawing_conditions);
  g_test_add_func ("/Bourse/Studies/Alert/moving-conditions", test_moving_conditions);
  g_test_add_func ("/Bourse/Studies/Alert/indicator-conditions", test_indicator_conditions);
  g_test_add_func ("/Bourse/Studies/Alert/expiry-and-validation", test_expiry_and_validation);
  g_test_add_func ("/Bourse/Studies/Alert/json-round-trip", test_json_round_trip);
  g_test_add_func ("/Bourse/Studies/Alert/descriptions", test_descriptions);
  g_test_add_func ("/Bourse/Studies/Alert/manager", test_manager);
  g_test_add_func ("/Bourse/Studies/Alert/manager-live-studies", test_manager_live_studies);

  return g_test_run ();
}
