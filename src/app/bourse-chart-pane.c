/* bourse-chart-pane.c — the window's chart area: bars, studies, drawings and chart trading
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Owns the chart and its view, the drawings of the shown symbol (saved half
 * a second after an edit), the bar feed of the symbol at the resolution, and
 * the store it follows. The studies on the chart, kept in the settings with
 * their colours and styles, and the Indicators menu are in
 * bourse-chart-pane-studies.c; the store's orders, positions and fills drawn
 * on the chart, and what dragging them does, in bourse-chart-pane-trading.c.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "bourse-chart-pane-private.h"
#include "bourse-instrument.h"
#include "bourse-price.h"
#include "bourse-store-signals-private.h"

#define HISTORY_BARS 400

G_DEFINE_FINAL_TYPE (BourseChartPane, bourse_chart_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SYMBOL,
  PROP_RESOLUTION,
  PROP_CHART_TYPE,
  PROP_STORE,
  PROP_TRADER,
  PROP_MARKET_DATA,
  PROP_SETTINGS,
  PROP_PRICE_SCALE_MODE,
  PROP_PRICE_SCALE_INVERTED,
  PROP_PRICE_SCALE_AUTO,
  N_PROPS
};

enum {
  TOAST,
  ERROR,
  STUDIES_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* -- helpers ------------------------------------------------------------- */

/* "4h", "15m", "1D": the watermark's spelling of the interval. */
static char *
resolution_label (const char *resolution)
{
  BourseResolution parsed;

  if (resolution == NULL || !bourse_resolution_parse (resolution, &parsed, NULL))
    return g_strdup (resolution ? resolution : "");
  return bourse_resolution_format (&parsed);
}

void
_bourse_chart_pane_toast (BourseChartPane *self,
                          const char      *message)
{
  g_signal_emit (self, signals[TOAST], 0, message);
}

void
_bourse_chart_pane_report_error (BourseChartPane *self,
                                 const char      *what,
                                 const GError    *error)
{
  g_signal_emit (self, signals[ERROR], 0, what, error);
}

/* The studies on the chart changed (added, edited, removed, restored). */
void
_bourse_chart_pane_emit_studies_changed (BourseChartPane *self)
{
  g_signal_emit (self, signals[STUDIES_CHANGED], 0);
}

double
_bourse_chart_pane_tick (BourseChartPane *self)
{
  return self->trader ? bourse_trader_get_tick (self->trader, self->symbol) : 0.01;
}

static void
update_chart_theme (BourseChartPane *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  bourse_chart_set_theme (self->chart, dark ? BOURSE_CHART_THEME_DARK : BOURSE_CHART_THEME_LIGHT);
}

static void
update_chart_format (BourseChartPane *self)
{
  g_autofree char *interval = resolution_label (self->resolution);
  BourseInstrument *instrument = self->store && self->symbol
                                 ? bourse_broker_store_lookup_instrument (self->store, self->symbol) : NULL;

  bourse_chart_appearance_set_symbol (self->appearance, self->symbol, interval,
                                      instrument ? bourse_instrument_get_description (instrument) : NULL,
                                      _bourse_chart_pane_tick (self));
  bourse_one_click_bar_set_symbol (self->one_click_bar, self->symbol);
  {
    BourseResolution resolution;

    bourse_chart_appearance_set_bar_seconds (self->appearance,
                                             self->resolution && bourse_resolution_parse (self->resolution, &resolution, NULL)
                                             ? bourse_resolution_get_seconds (&resolution) : 0);
  }
}

/* Session breaks and the "exchange" time zone follow the feed's session. */
static void
update_chart_session (BourseChartPane *self)
{
  bourse_chart_appearance_set_session (self->appearance,
                                       self->feed ? bourse_bar_feed_get_session (self->feed) : NULL);
}

/* The legend's study lines start below the one-click bar laid over them. */
static void
update_legend_gap (BourseChartPane *self)
{
  int natural = 0;

  gtk_widget_measure (GTK_WIDGET (self->one_click_bar), GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);
  bourse_chart_set_legend_gap (self->chart, natural + 4);
}

static void
one_click_toast_cb (BourseChartPane *self,
                    const char      *message)
{
  _bourse_chart_pane_toast (self, message);
}

static void
one_click_error_cb (BourseChartPane *self,
                    const char      *what,
                    const GError    *error)
{
  _bourse_chart_pane_report_error (self, what, error);
}

/* -- bars ---------------------------------------------------------------- */

static void
feed_reset_cb (BourseChartPane *self,
               BourseBarFeed   *feed)
{
  bourse_chart_set_bars (self->chart, bourse_bar_feed_get_bars (feed));
  update_chart_session (self);
  _bourse_chart_pane_show_default_range (self);
  bourse_chart_pane_queue_sync_lines (self);
}

static void
feed_updated_cb (BourseChartPane *self,
                 gint64           time,
                 BourseBarFeed   *feed)
{
  bourse_chart_bars_changed (self->chart);
}

static void
feed_error_cb (BourseChartPane *self,
               GParamSpec      *pspec,
               BourseBarFeed   *feed)
{
  const GError *error = bourse_bar_feed_get_error (feed);

  if (error != NULL && !bourse_broker_error_is_cancelled (error))
    _bourse_chart_pane_report_error (self, _("Chart history unavailable"), error);
}

/* Shows the feed of the current symbol and resolution. A switch takes
 * another feed: whatever the previous one still receives (history, trades)
 * can no longer reach the chart. */
static void
follow_feed (BourseChartPane *self)
{
  g_autoptr(BourseBarFeed) feed = NULL;
  g_autoptr(GError) error = NULL;

  update_chart_format (self);
  if (self->market_data != NULL && self->symbol != NULL && self->resolution != NULL)
    feed = bourse_market_data_get_feed (self->market_data, self->symbol, self->resolution, &error);

  if (self->feed != feed)
    {
      if (self->feed != NULL)
        g_signal_handlers_disconnect_by_data (self->feed, self);
      g_set_object (&self->feed, feed);
      if (feed != NULL)
        {
          g_signal_connect_object (feed, "reset", G_CALLBACK (feed_reset_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (feed, "updated", G_CALLBACK (feed_updated_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (feed, "notify::error", G_CALLBACK (feed_error_cb), self, G_CONNECT_SWAPPED);
        }
    }

  if (feed == NULL)
    {
      g_autoptr(BourseBars) empty = bourse_bars_new (0);

      bourse_chart_set_bars (self->chart, empty);
      if (error != NULL)
        _bourse_chart_pane_report_error (self, _("Chart history unavailable"), error);
      return;
    }
  bourse_chart_set_bars (self->chart, bourse_bar_feed_get_bars (feed));
  update_chart_session (self);
  _bourse_chart_pane_show_default_range (self);
  bourse_bar_feed_request_history (feed, HISTORY_BARS);
}

static void
chart_history_needed_cb (BourseChartPane *self)
{
  if (self->feed != NULL)
    bourse_bar_feed_load_older (self->feed, HISTORY_BARS);
}

/* -- the store ----------------------------------------------------------- */

/* Once a store is live: the bars come again from it, with its lines. */
static void
store_state_changed_cb (BourseChartPane *self)
{
  if (self->store_initialized || self->store == NULL ||
      bourse_broker_store_get_connection_state (self->store) != BOURSE_CONNECTION_STATE_LIVE)
    return;
  self->store_initialized = TRUE;
  follow_feed (self);
  bourse_chart_pane_queue_sync_lines (self);
}

static void
create_store_signals (BourseChartPane *self)
{
  self->store_signals = _bourse_store_signals_new (self, G_CALLBACK (store_state_changed_cb),
                                                   G_CALLBACK (bourse_chart_pane_queue_sync_lines));
  self->orders_signals = _bourse_list_signals_new (self, G_CALLBACK (bourse_chart_pane_queue_sync_lines));
  self->positions_signals = _bourse_list_signals_new (self, G_CALLBACK (bourse_chart_pane_queue_sync_lines));
  self->executions_signals = _bourse_list_signals_new (self, G_CALLBACK (bourse_chart_pane_queue_sync_lines));
  self->instruments_signals = _bourse_list_signals_new (self, G_CALLBACK (update_chart_format));
}

static void
retarget_store_signals (BourseChartPane   *self,
                        BourseBrokerStore *store)
{
  g_signal_group_set_target (self->store_signals, store);
  g_signal_group_set_target (self->orders_signals, store ? bourse_broker_store_get_orders (store) : NULL);
  g_signal_group_set_target (self->positions_signals, store ? bourse_broker_store_get_positions (store) : NULL);
  g_signal_group_set_target (self->executions_signals, store ? bourse_broker_store_get_executions (store) : NULL);
  g_signal_group_set_target (self->instruments_signals, store ? bourse_broker_store_get_instruments (store) : NULL);
}

/* -- drawings ------------------------------------------------------------ */

static void
save_drawings_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!bourse_drawing_store_save_finish (BOURSE_DRAWING_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Drawings not saved: %s", error->message);
}

static gboolean
save_drawings_cb (gpointer user_data)
{
  BourseChartPane *self = user_data;

  self->save_drawings_id = 0;
  if (self->drawings_symbol)
    bourse_drawing_store_save_async (self->drawing_store, self->drawings_symbol,
                                     G_LIST_MODEL (bourse_drawing_layer_get_drawings (self->drawing_layer)),
                                     NULL, save_drawings_done_cb, NULL);
  return G_SOURCE_REMOVE;
}

static void
drawings_changed_cb (BourseChartPane *self)
{
  g_clear_handle_id (&self->save_drawings_id, g_source_remove);
  self->save_drawings_id = g_timeout_add (500, save_drawings_cb, self);
}

/* Each symbol has its own drawings; they follow the chart's symbol. */
static void
load_drawings (BourseChartPane *self)
{
  GListStore *drawings = bourse_drawing_layer_get_drawings (self->drawing_layer);
  g_autoptr(GListStore) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  if (self->save_drawings_id != 0)
    {
      g_clear_handle_id (&self->save_drawings_id, g_source_remove);
      save_drawings_cb (self);
    }

  g_free (self->drawings_symbol);
  self->drawings_symbol = g_strdup (self->symbol);

  loaded = bourse_drawing_store_load (self->drawing_store, self->symbol, &error);
  if (loaded == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Drawings of %s not loaded: %s"), self->symbol, error->message);
      _bourse_chart_pane_toast (self, message);
    }
  n = loaded ? g_list_model_get_n_items (G_LIST_MODEL (loaded)) : 0;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (loaded), i));

  /* Loading is not an edit: nothing to save. */
  g_signal_handler_block (drawings, self->drawings_changed_id);
  g_list_store_splice (drawings, 0, g_list_model_get_n_items (G_LIST_MODEL (drawings)), items->pdata, items->len);
  g_signal_handler_unblock (drawings, self->drawings_changed_id);
  /* Undo starts from the loaded drawings, not from the other symbol's. */
  if (self->history != NULL)
    _bourse_chart_pane_reset_drawings_snapshot (self);
}

/* An edit of a drawing's anchors or style is saved like an added one. */
void
_bourse_chart_pane_queue_save_drawings (BourseChartPane *self)
{
  drawings_changed_cb (self);
}

/* A pending save is written at once: the pane goes, the edit stays. */
static void
flush_drawings (BourseChartPane *self)
{
  g_autoptr(GError) error = NULL;

  if (self->save_drawings_id == 0 || self->drawings_symbol == NULL || self->drawing_store == NULL)
    return;
  g_clear_handle_id (&self->save_drawings_id, g_source_remove);
  if (!bourse_drawing_store_save (self->drawing_store, self->drawings_symbol,
                                  G_LIST_MODEL (bourse_drawing_layer_get_drawings (self->drawing_layer)), &error))
    g_message ("Drawings not saved: %s", error->message);
}

/* -- inputs -------------------------------------------------------------- */

void
bourse_chart_pane_set_symbol (BourseChartPane *self,
                              const char      *symbol)
{
  g_return_if_fail (BOURSE_IS_CHART_PANE (self));

  if (symbol == NULL || *symbol == '\0' || g_strcmp0 (self->symbol, symbol) == 0)
    return;
  g_free (self->symbol);
  self->symbol = g_strdup (symbol);

  _bourse_chart_pane_drop_lines (self);
  load_drawings (self);
  follow_feed (self);
  bourse_chart_pane_queue_sync_lines (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYMBOL]);
}

const char *
bourse_chart_pane_get_symbol (BourseChartPane *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), NULL);
  return self->symbol;
}

void
bourse_chart_pane_set_resolution (BourseChartPane *self,
                                  const char      *resolution)
{
  g_return_if_fail (BOURSE_IS_CHART_PANE (self));

  if (resolution == NULL || g_strcmp0 (self->resolution, resolution) == 0)
    return;
  g_free (self->resolution);
  self->resolution = g_strdup (resolution);
  self->default_range_pending = TRUE;
  follow_feed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLUTION]);
}

const char *
bourse_chart_pane_get_resolution (BourseChartPane *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), NULL);
  return self->resolution;
}

/**
 * bourse_chart_pane_set_chart_type:
 * @type: a series type's nick ("candles", "heikin-ashi"…)
 *
 * Returns: %FALSE, leaving the chart as it was, for an unknown type
 */
gboolean
bourse_chart_pane_set_chart_type (BourseChartPane *self,
                                  const char      *type)
{
  BourseChartType chart_type;

  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), FALSE);

  if (type == NULL || !bourse_chart_type_from_string (type, &chart_type))
    return FALSE;
  bourse_chart_set_chart_type (self->chart, chart_type);
  if (g_strcmp0 (self->chart_type, type) != 0)
    {
      /* The first type (from the settings) is where the chart starts, not a change. */
      if (self->chart_type != NULL)
        _bourse_chart_pane_record_chart_type (self, self->chart_type, type);
      g_free (self->chart_type);
      self->chart_type = g_strdup (type);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART_TYPE]);
    }
  return TRUE;
}

const char *
bourse_chart_pane_get_chart_type (BourseChartPane *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), NULL);
  return self->chart_type;
}

/**
 * bourse_chart_pane_set_store:
 * @store: (nullable): whose orders, positions and fills the chart shows
 *
 * Nothing of the previous store stays: its requests are cancelled, its
 * lines go (at once without a new store, else at the new store's first sync).
 */
void
bourse_chart_pane_set_store (BourseChartPane   *self,
                             BourseBrokerStore *store)
{
  g_return_if_fail (BOURSE_IS_CHART_PANE (self));
  g_return_if_fail (store == NULL || BOURSE_IS_BROKER_STORE (store));

  if (self->store == store)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->store_initialized = FALSE;
  g_set_object (&self->store, store);
  retarget_store_signals (self, store);
  if (store == NULL)
    {
      _bourse_chart_pane_sync_lines (self);
      follow_feed (self);
    }
  else
    store_state_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

BourseBrokerStore *
bourse_chart_pane_get_store (BourseChartPane *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), NULL);
  return self->store;
}

/**
 * bourse_chart_pane_set_trader:
 * @trader: (nullable): the trading rules on the store: tick sizes, line moves
 */
void
bourse_chart_pane_set_trader (BourseChartPane *self,
                              BourseTrader    *trader)
{
  g_return_if_fail (BOURSE_IS_CHART_PANE (self));
  g_return_if_fail (trader == NULL || BOURSE_IS_TRADER (trader));

  if (!g_set_object (&self->trader, trader))
    return;
  bourse_one_click_bar_set_trader (self->one_click_bar, trader);
  update_chart_format (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRADER]);
}

BourseTrader *
bourse_chart_pane_get_trader (BourseChartPane *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), NULL);
  return self->trader;
}

/**
 * bourse_chart_pane_set_market_data:
 * @market_data: (nullable): where the bar feeds come from
 */
void
bourse_chart_pane_set_market_data (BourseChartPane  *self,
                                   BourseMarketData *market_data)
{
  g_return_if_fail (BOURSE_IS_CHART_PANE (self));
  g_return_if_fail (market_data == NULL || BOURSE_IS_MARKET_DATA (market_data));

  if (!g_set_object (&self->market_data, market_data))
    return;
  follow_feed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARKET_DATA]);
}

BourseMarketData *
bourse_chart_pane_get_market_data (BourseChartPane *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), NULL);
  return self->market_data;
}

/**
 * bourse_chart_pane_set_settings:
 * @settings: where the studies and their colours are kept
 *
 * The studies the settings keep are put on the chart once, with the
 * first settings; later changes of the studies are written to them.
 */
void
bourse_chart_pane_set_settings (BourseChartPane *self,
                                BourseSettings  *settings)
{
  gboolean first;

  g_return_if_fail (BOURSE_IS_CHART_PANE (self));
  g_return_if_fail (settings == NULL || BOURSE_IS_SETTINGS (settings));

  first = self->settings == NULL;
  if (!g_set_object (&self->settings, settings))
    return;
  if (first && settings != NULL)
    _bourse_chart_pane_restore_indicators (self);
  bourse_chart_appearance_set_settings (self->appearance,
                                        settings ? bourse_settings_get_gsettings (settings) : NULL);
  _bourse_chart_pane_follow_chart_settings (self, settings ? bourse_settings_get_gsettings (settings) : NULL);
  if (settings != NULL)
    {
      GSettings *gsettings = bourse_settings_get_gsettings (settings);

      g_settings_bind (gsettings, BOURSE_SETTINGS_KEY_ONE_CLICK_TRADING, self->one_click_bar, "enabled",
                       G_SETTINGS_BIND_GET);
      g_settings_bind (gsettings, BOURSE_SETTINGS_KEY_ONE_CLICK_QTY, self->one_click_bar, "qty",
                       G_SETTINGS_BIND_DEFAULT);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

BourseSettings *
bourse_chart_pane_get_settings (BourseChartPane *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), NULL);
  return self->settings;
}

/* -- parts --------------------------------------------------------------- */

BourseChart *
bourse_chart_pane_get_chart (BourseChartPane *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), NULL);
  return self->chart;
}

BourseChartView *
bourse_chart_pane_get_chart_view (BourseChartPane *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), NULL);
  return self->chart_view;
}

BourseChartStudies *
bourse_chart_pane_get_studies (BourseChartPane *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), NULL);
  return self->studies;
}

BourseDrawingLayer *
bourse_chart_pane_get_drawing_layer (BourseChartPane *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), NULL);
  return self->drawing_layer;
}

BourseDrawingStore *
bourse_chart_pane_get_drawing_store (BourseChartPane *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), NULL);
  return self->drawing_store;
}

/**
 * bourse_chart_pane_get_feed:
 * Returns: (transfer none) (nullable): the feed the chart shows
 */
BourseBarFeed *
bourse_chart_pane_get_feed (BourseChartPane *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), NULL);
  return self->feed;
}

/* -- GObject ------------------------------------------------------------- */

static void
bourse_chart_pane_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BourseChartPane *self = BOURSE_CHART_PANE (object);

  switch (prop_id)
    {
    case PROP_SYMBOL:
      g_value_set_string (value, self->symbol);
      break;
    case PROP_RESOLUTION:
      g_value_set_string (value, self->resolution);
      break;
    case PROP_CHART_TYPE:
      g_value_set_string (value, self->chart_type);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_TRADER:
      g_value_set_object (value, self->trader);
      break;
    case PROP_MARKET_DATA:
      g_value_set_object (value, self->market_data);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_PRICE_SCALE_MODE:
      g_value_set_string (value, _bourse_chart_pane_get_scale_mode (self));
      break;
    case PROP_PRICE_SCALE_INVERTED:
      g_value_set_boolean (value, bourse_chart_get_pane_inverted (self->chart, self->menu_pane));
      break;
    case PROP_PRICE_SCALE_AUTO:
      g_value_set_boolean (value, bourse_chart_get_pane_autoscale (self->chart, self->menu_pane));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_chart_pane_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BourseChartPane *self = BOURSE_CHART_PANE (object);

  switch (prop_id)
    {
    case PROP_SYMBOL:
      bourse_chart_pane_set_symbol (self, g_value_get_string (value));
      break;
    case PROP_RESOLUTION:
      bourse_chart_pane_set_resolution (self, g_value_get_string (value));
      break;
    case PROP_CHART_TYPE:
      bourse_chart_pane_set_chart_type (self, g_value_get_string (value));
      break;
    case PROP_STORE:
      bourse_chart_pane_set_store (self, g_value_get_object (value));
      break;
    case PROP_TRADER:
      bourse_chart_pane_set_trader (self, g_value_get_object (value));
      break;
    case PROP_MARKET_DATA:
      bourse_chart_pane_set_market_data (self, g_value_get_object (value));
      break;
    case PROP_SETTINGS:
      bourse_chart_pane_set_settings (self, g_value_get_object (value));
      break;
    case PROP_PRICE_SCALE_MODE:
    case PROP_PRICE_SCALE_INVERTED:
      {
        g_autoptr(GVariant) before = _bourse_chart_pane_scale_snapshot (self, self->menu_pane);

        if (prop_id == PROP_PRICE_SCALE_MODE)
          _bourse_chart_pane_set_scale_mode (self, g_value_get_string (value));
        else
          bourse_chart_set_pane_inverted (self->chart, self->menu_pane, g_value_get_boolean (value));
        _bourse_chart_pane_record_scale (self, self->menu_pane, before);
        g_object_notify_by_pspec (object, pspec);
        break;
      }
    case PROP_PRICE_SCALE_AUTO:
      if (g_value_get_boolean (value))
        bourse_chart_reset_pane_scale (self->chart, self->menu_pane);
      else
        {
          /* Manual at the range shown now. */
          BourseChartPaneGeometry g;

          if (bourse_chart_renderer_get_pane_geometry (bourse_chart_view_get_renderer (self->chart_view), self->menu_pane, &g))
            bourse_chart_set_pane_price_range (self->chart, self->menu_pane,
                                               bourse_chart_pane_geometry_y_to_price (&g, g.height),
                                               bourse_chart_pane_geometry_y_to_price (&g, 0));
        }
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_chart_pane_dispose (GObject *object)
{
  BourseChartPane *self = BOURSE_CHART_PANE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store_signals != NULL)
    retarget_store_signals (self, NULL);
  if (self->feed != NULL)
    g_signal_handlers_disconnect_by_data (self->feed, self);
  g_clear_object (&self->feed);
  g_clear_handle_id (&self->lines_idle_id, g_source_remove);
  g_clear_handle_id (&self->drawings_commit_id, g_source_remove);
  flush_drawings (self);
  _bourse_chart_pane_dispose_menus (self);

  if (self->order_popover)
    gtk_widget_unparent (GTK_WIDGET (self->order_popover));
  self->order_popover = NULL;
  _bourse_chart_pane_dispose_typing (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), BOURSE_TYPE_CHART_PANE);

  g_clear_object (&self->store_signals);
  g_clear_object (&self->orders_signals);
  g_clear_object (&self->positions_signals);
  g_clear_object (&self->executions_signals);
  g_clear_object (&self->instruments_signals);
  g_clear_object (&self->studies);
  g_clear_pointer (&self->indicator_colors, g_hash_table_unref);
  _bourse_chart_pane_follow_chart_settings (self, NULL);
  g_clear_object (&self->history);
  g_clear_pointer (&self->indicator_styles, g_hash_table_unref);
  g_clear_object (&self->drawing_layer);
  g_clear_object (&self->drawing_store);
  g_clear_object (&self->indicators_menu);
  g_clear_object (&self->appearance);
  g_clear_object (&self->chart);
  g_clear_object (&self->store);
  g_clear_object (&self->trader);
  g_clear_object (&self->market_data);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->chart_line_ids, g_hash_table_unref);

  G_OBJECT_CLASS (bourse_chart_pane_parent_class)->dispose (object);
}

static void
bourse_chart_pane_finalize (GObject *object)
{
  BourseChartPane *self = BOURSE_CHART_PANE (object);

  g_free (self->symbol);
  g_free (self->resolution);
  g_free (self->chart_type);
  g_free (self->drawings_symbol);
  g_free (self->drawings_snapshot);
  g_free (self->markers_symbol);

  G_OBJECT_CLASS (bourse_chart_pane_parent_class)->finalize (object);
}

static void
bourse_chart_pane_class_init (BourseChartPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = bourse_chart_pane_dispose;
  object_class->finalize = bourse_chart_pane_finalize;
  object_class->get_property = bourse_chart_pane_get_property;
  object_class->set_property = bourse_chart_pane_set_property;

  properties[PROP_SYMBOL] = g_param_spec_string ("symbol", NULL, NULL, NULL, flags);
  properties[PROP_RESOLUTION] = g_param_spec_string ("resolution", NULL, NULL, NULL, flags);
  properties[PROP_CHART_TYPE] = g_param_spec_string ("chart-type", NULL, NULL, NULL, flags);
  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, BOURSE_TYPE_BROKER_STORE, flags);
  properties[PROP_TRADER] = g_param_spec_object ("trader", NULL, NULL, BOURSE_TYPE_TRADER, flags);
  properties[PROP_MARKET_DATA] = g_param_spec_object ("market-data", NULL, NULL, BOURSE_TYPE_MARKET_DATA, flags);
  properties[PROP_SETTINGS] = g_param_spec_object ("settings", NULL, NULL, BOURSE_TYPE_SETTINGS, flags);
  /* The price scale of the pane the last axis menu was opened on (the main
   * pane until then): "normal", "log", "percent" or "indexed". */
  properties[PROP_PRICE_SCALE_MODE] = g_param_spec_string ("price-scale-mode", NULL, NULL, "normal", flags);
  properties[PROP_PRICE_SCALE_INVERTED] = g_param_spec_boolean ("price-scale-inverted", NULL, NULL, FALSE, flags);
  properties[PROP_PRICE_SCALE_AUTO] = g_param_spec_boolean ("price-scale-auto", NULL, NULL, TRUE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BourseChartPane::toast:
   * @message: what happened (an order modified, drawings not loaded…)
   */
  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * BourseChartPane::error:
   * @what: what failed ("Order not modified")
   * @error: why, with the broker's words when it gave any
   */
  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * BourseChartPane::studies-changed:
   *
   * A study was added, removed or edited (the object tree lists them).
   */
  signals[STUDIES_CHANGED] =
    g_signal_new ("studies-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (BOURSE_TYPE_CHART_VIEW);
  g_type_ensure (BOURSE_TYPE_ONE_CLICK_BAR);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bourse-chart-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, BourseChartPane, overlay);
  gtk_widget_class_bind_template_child (widget_class, BourseChartPane, chart_view);
  _bourse_chart_pane_class_init_menus (widget_class);
  gtk_widget_class_bind_template_child (widget_class, BourseChartPane, one_click_bar);
  gtk_widget_class_bind_template_callback (widget_class, one_click_toast_cb);
  gtk_widget_class_bind_template_callback (widget_class, one_click_error_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_legend_gap);
}

static void
bourse_chart_pane_init (BourseChartPane *self)
{
  g_autoptr(GFile) directory = g_file_new_build_filename (g_get_user_data_dir (), "bourse", "drawings", NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  create_store_signals (self);

  self->chart = bourse_chart_new ();
  bourse_chart_set_volume_mode (self->chart, BOURSE_VOLUME_MODE_OVERLAY);
  bourse_chart_view_set_chart (self->chart_view, self->chart);
  self->appearance = bourse_chart_appearance_new (self->chart);
  /* The chart is never narrower than its one-click buttons: cut off, Sell
   * would be out of reach. */
  gtk_overlay_set_measure_overlay (self->overlay, GTK_WIDGET (self->one_click_bar), TRUE);
  update_legend_gap (self);

  _bourse_chart_pane_init_studies (self);
  self->drawing_layer = bourse_drawing_layer_new (NULL);
  bourse_chart_add_layer (self->chart, BOURSE_CHART_LAYER (self->drawing_layer), BOURSE_CHART_MAIN_PANE);
  self->drawings_changed_id =
    g_signal_connect_object (bourse_drawing_layer_get_drawings (self->drawing_layer), "items-changed",
                             G_CALLBACK (drawings_changed_cb), self, G_CONNECT_SWAPPED);
  self->drawing_store = bourse_drawing_store_new (directory);

  _bourse_chart_pane_init_trading (self);
  _bourse_chart_pane_init_history (self);
  _bourse_chart_pane_init_menus (self);
  _bourse_chart_pane_init_typing (self);
  g_signal_connect_object (self->chart, "history-needed", G_CALLBACK (chart_history_needed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (update_chart_theme), self, G_CONNECT_SWAPPED);
  update_chart_theme (self);
}

GtkWidget *
bourse_chart_pane_new (void)
{
  return g_object_new (BOURSE_TYPE_CHART_PANE, NULL);
}
