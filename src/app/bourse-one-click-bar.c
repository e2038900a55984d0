/* bourse-one-click-bar.c — one-click trading on the chart: the "1-Click" toggle, Sell and Buy at market, the quantity
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bar holds one quote subscription on the trader's store for its
 * symbol (subscriptions are counted, so it shares the window's), shows
 * the bid and ask as they move, and keeps the quantity within the
 * instrument's minimum, maximum and step. One order at a time: the
 * buttons go insensitive from the click until the broker answers, and a
 * click arriving meanwhile is dropped (a second click of a double click
 * lands there when the broker is slow).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bourse-instrument.h"
#include "bourse-one-click-bar.h"
#include "bourse-price.h"
#include "bourse-quote.h"

struct _BourseOneClickBar
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkToggleButton *toggle;
  GtkWidget       *trading_box;
  GtkButton       *sell_button;
  GtkButton       *buy_button;
  GtkLabel        *bid_label;
  GtkLabel        *ask_label;
  GtkEntry        *qty_entry;
  GtkAdjustment   *qty_adjustment;  /* the quantity, its range and step */
  guint            qty_digits;

  /* owned */
  BourseTrader    *trader;
  BourseBrokerStore *store;        /* the trader's, where the quote subscription is */
  GSignalGroup    *quotes_signals; /* the store's quotes list */
  GSignalGroup    *quote_signals;  /* the symbol's quote */
  GSignalGroup    *instruments_signals; /* the store's instruments list */
  GCancellable    *cancellable;
  char            *symbol;
  char            *subscribed;     /* the symbol subscribed on store */
  guint            n_sent;
  guint            enabled : 1;
  guint            busy : 1;
};

G_DEFINE_FINAL_TYPE (BourseOneClickBar, bourse_one_click_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TRADER,
  PROP_SYMBOL,
  PROP_ENABLED,
  PROP_QTY,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  TOAST,
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static BourseQuote *
current_quote (BourseOneClickBar *self)
{
  return self->store && self->symbol ? bourse_broker_store_lookup_quote (self->store, self->symbol) : NULL;
}

static double
current_tick (BourseOneClickBar *self)
{
  return self->trader && self->symbol ? bourse_trader_get_tick (self->trader, self->symbol) : 0.01;
}

static void
set_price_label (GtkLabel *label,
                 double    price,
                 double    tick)
{
  g_autofree char *text = price > 0 && isfinite (price) ? bourse_format_price (price, tick) : g_strdup ("—");

  gtk_label_set_text (label, text);
}

static void
update_prices (BourseOneClickBar *self)
{
  BourseQuote *quote = current_quote (self);
  double tick = current_tick (self);

  set_price_label (self->bid_label, quote ? bourse_quote_get_bid (quote) : 0, tick);
  set_price_label (self->ask_label, quote ? bourse_quote_get_ask (quote) : 0, tick);
}

static void
update_sensitivity (BourseOneClickBar *self)
{
  gboolean can = !self->busy && self->trader != NULL && self->symbol != NULL &&
                 gtk_adjustment_get_value (self->qty_adjustment) > 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self->sell_button), can);
  gtk_widget_set_sensitive (GTK_WIDGET (self->buy_button), can);
}

/* The entry shows the adjustment's value with the step's decimals. */
static void
show_qty (BourseOneClickBar *self)
{
  g_autofree char *text = g_strdup_printf ("%.*f", self->qty_digits, gtk_adjustment_get_value (self->qty_adjustment));

  gtk_editable_set_text (GTK_EDITABLE (self->qty_entry), text);
}

/* What was typed, rounded to the step and clamped to the range; text that
 * is no number puts the quantity back. */
static void
qty_entry_commit_cb (BourseOneClickBar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->qty_entry));
  double step = gtk_adjustment_get_step_increment (self->qty_adjustment);
  char *end = NULL;
  double qty = g_ascii_strtod (text, &end);

  if (end != text && *end == '\0' && isfinite (qty) && qty > 0)
    {
      if (step > 0)
        qty = round (qty / step) * step;
      gtk_adjustment_set_value (self->qty_adjustment, qty);
    }
  show_qty (self);
}

static gboolean
qty_key_pressed_cb (BourseOneClickBar *self,
                    guint              keyval,
                    guint              keycode,
                    GdkModifierType    state)
{
  double step = gtk_adjustment_get_step_increment (self->qty_adjustment);

  if (keyval != GDK_KEY_Up && keyval != GDK_KEY_Down)
    return FALSE;
  qty_entry_commit_cb (self);
  gtk_adjustment_set_value (self->qty_adjustment,
                            gtk_adjustment_get_value (self->qty_adjustment) + (keyval == GDK_KEY_Up ? step : -step));
  return TRUE;
}

/* The quantity follows the instrument: its step, digits and range; a
 * quantity outside them becomes the minimum. */
static void
update_instrument (BourseOneClickBar *self)
{
  BourseInstrument *instrument = self->store && self->symbol
                                 ? bourse_broker_store_lookup_instrument (self->store, self->symbol) : NULL;
  double min_qty = 1, max_qty = 1e9, step = 1, qty = gtk_adjustment_get_value (self->qty_adjustment);

  if (instrument != NULL)
    {
      if (bourse_instrument_get_qty_step (instrument) > 0)
        step = bourse_instrument_get_qty_step (instrument);
      if (bourse_instrument_get_min_qty (instrument) > 0)
        min_qty = bourse_instrument_get_min_qty (instrument);
      if (bourse_instrument_get_max_qty (instrument) > 0)
        max_qty = bourse_instrument_get_max_qty (instrument);
    }
  self->qty_digits = MIN (bourse_decimals_for_tick (step), 8);
  gtk_adjustment_configure (self->qty_adjustment, qty, min_qty, max_qty, step, step * 10, 0);
  if (qty < min_qty || qty > max_qty)
    gtk_adjustment_set_value (self->qty_adjustment, min_qty);
  show_qty (self);
  update_prices (self);
  update_sensitivity (self);
}

static void
follow_quote (BourseOneClickBar *self)
{
  g_signal_group_set_target (self->quote_signals, current_quote (self));
  update_prices (self);
}

/* One subscription, on the current store for the current symbol. */
static void
update_subscription (BourseOneClickBar *self)
{
  BourseBrokerStore *store = self->trader ? bourse_trader_get_store (self->trader) : NULL;
  const char *want = self->enabled ? self->symbol : NULL;

  if (store == self->store && g_strcmp0 (want, self->subscribed) == 0)
    return;
  if (self->store != NULL && self->subscribed != NULL)
    bourse_broker_store_unsubscribe_quotes (self->store, self->subscribed);
  g_clear_pointer (&self->subscribed, g_free);
  g_set_object (&self->store, store);
  g_signal_group_set_target (self->quotes_signals, store ? bourse_broker_store_get_quotes (store) : NULL);
  g_signal_group_set_target (self->instruments_signals, store ? bourse_broker_store_get_instruments (store) : NULL);
  if (store != NULL && want != NULL)
    {
      self->subscribed = g_strdup (want);
      bourse_broker_store_subscribe_quotes (store, want);
    }
  follow_quote (self);
  update_instrument (self);
}

typedef struct
{
  BourseOneClickBar *self;
  BourseSide         side;
  double             qty;
  char              *symbol;
} SendData;

static void
send_data_free (SendData *data)
{
  g_object_unref (data->self);
  g_free (data->symbol);
  g_free (data);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SendData *data = user_data;
  BourseOneClickBar *self = data->self;
  g_autoptr(GError) error = NULL;

  if (!bourse_trader_execute_finish (BOURSE_TRADER (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[ERROR], 0,
                       data->side == BOURSE_SIDE_BUY ? _("Buy order not placed") : _("Sell order not placed"), error);
    }
  else
    {
      g_autofree char *text = NULL;

      /* Translators: one-click trading, e.g. "Bought 1000 EURUSD at market" */
      if (data->side == BOURSE_SIDE_BUY)
        text = g_strdup_printf (_("Bought %g %s at market"), data->qty, data->symbol);
      else
        text = g_strdup_printf (_("Sold %g %s at market"), data->qty, data->symbol);
      g_signal_emit (self, signals[TOAST], 0, text);
    }
  self->busy = FALSE;
  update_sensitivity (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  send_data_free (data);
}

static void
send (BourseOneClickBar *self,
      BourseSide         side)
{
  g_autoptr(BourseTrade) trade = NULL;
  g_autoptr(GError) error = NULL;
  BourseQuote *quote = current_quote (self);
  SendData *data;

  /* The re-entry guard: one order in flight at a time. */
  if (self->busy || !self->enabled || self->trader == NULL)
    return;
  qty_entry_commit_cb (self);
  trade = bourse_trader_plan_market_order (self->trader, self->symbol, side,
                                           gtk_adjustment_get_value (self->qty_adjustment),
                                           quote ? bourse_quote_get_bid (quote) : 0,
                                           quote ? bourse_quote_get_ask (quote) : 0, &error);
  if (trade == NULL)
    {
      g_signal_emit (self, signals[ERROR], 0,
                     side == BOURSE_SIDE_BUY ? _("Buy order not placed") : _("Sell order not placed"), error);
      return;
    }
  data = g_new0 (SendData, 1);
  data->self = g_object_ref (self);
  data->side = side;
  data->qty = trade->request->qty;
  data->symbol = g_strdup (self->symbol);
  self->busy = TRUE;
  self->n_sent++;
  update_sensitivity (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  bourse_trader_execute_async (self->trader, trade, self->cancellable, sent_cb, data);
}

static void
sell_clicked_cb (BourseOneClickBar *self)
{
  send (self, BOURSE_SIDE_SELL);
}

static void
buy_clicked_cb (BourseOneClickBar *self)
{
  send (self, BOURSE_SIDE_BUY);
}

void
bourse_one_click_bar_set_trader (BourseOneClickBar *self,
                                 BourseTrader      *trader)
{
  g_return_if_fail (BOURSE_IS_ONE_CLICK_BAR (self));
  g_return_if_fail (trader == NULL || BOURSE_IS_TRADER (trader));

  if (!g_set_object (&self->trader, trader))
    return;
  update_subscription (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRADER]);
}

void
bourse_one_click_bar_set_symbol (BourseOneClickBar *self,
                                 const char        *symbol)
{
  g_return_if_fail (BOURSE_IS_ONE_CLICK_BAR (self));

  if (g_strcmp0 (symbol, self->symbol) == 0)
    return;
  g_free (self->symbol);
  self->symbol = g_strdup (symbol);
  update_subscription (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYMBOL]);
}

const char *
bourse_one_click_bar_get_symbol (BourseOneClickBar *self)
{
  g_return_val_if_fail (BOURSE_IS_ONE_CLICK_BAR (self), NULL);
  return self->symbol;
}

gboolean
bourse_one_click_bar_get_enabled (BourseOneClickBar *self)
{
  g_return_val_if_fail (BOURSE_IS_ONE_CLICK_BAR (self), FALSE);
  return self->enabled;
}

void
bourse_one_click_bar_set_enabled (BourseOneClickBar *self,
                                  gboolean           enabled)
{
  g_return_if_fail (BOURSE_IS_ONE_CLICK_BAR (self));

  if ((guint) !!enabled == self->enabled)
    return;
  self->enabled = !!enabled;
  gtk_widget_set_visible (self->trading_box, self->enabled);
  update_subscription (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

double
bourse_one_click_bar_get_qty (BourseOneClickBar *self)
{
  g_return_val_if_fail (BOURSE_IS_ONE_CLICK_BAR (self), 0);
  return gtk_adjustment_get_value (self->qty_adjustment);
}

/* 0 (or a quantity the instrument refuses) becomes its minimum. */
void
bourse_one_click_bar_set_qty (BourseOneClickBar *self,
                              double             qty)
{
  g_return_if_fail (BOURSE_IS_ONE_CLICK_BAR (self));

  if (!isfinite (qty) || qty <= 0)
    qty = gtk_adjustment_get_lower (self->qty_adjustment);
  gtk_adjustment_set_value (self->qty_adjustment, qty);
}

gboolean
bourse_one_click_bar_get_busy (BourseOneClickBar *self)
{
  g_return_val_if_fail (BOURSE_IS_ONE_CLICK_BAR (self), FALSE);
  return self->busy;
}

guint
bourse_one_click_bar_get_n_sent (BourseOneClickBar *self)
{
  g_return_val_if_fail (BOURSE_IS_ONE_CLICK_BAR (self), 0);
  return self->n_sent;
}

static void
qty_changed_cb (BourseOneClickBar *self)
{
  show_qty (self);
  update_sensitivity (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QTY]);
}

/* The quote appears in the store's list some time after the subscription. */
static void
quotes_changed_cb (BourseOneClickBar *self)
{
  g_autoptr(GObject) target = g_signal_group_dup_target (self->quote_signals);

  if (target != (GObject *) current_quote (self))
    follow_quote (self);
}

static void
bourse_one_click_bar_dispose (GObject *object)
{
  BourseOneClickBar *self = BOURSE_ONE_CLICK_BAR (object);

  g_cancellable_cancel (self->cancellable);
  if (self->store != NULL && self->subscribed != NULL)
    bourse_broker_store_unsubscribe_quotes (self->store, self->subscribed);
  g_clear_pointer (&self->subscribed, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), BOURSE_TYPE_ONE_CLICK_BAR);
  g_clear_object (&self->quotes_signals);
  g_clear_object (&self->quote_signals);
  g_clear_object (&self->instruments_signals);
  g_clear_object (&self->store);
  g_clear_object (&self->trader);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (bourse_one_click_bar_parent_class)->dispose (object);
}

static void
bourse_one_click_bar_finalize (GObject *object)
{
  BourseOneClickBar *self = BOURSE_ONE_CLICK_BAR (object);

  g_free (self->symbol);

  G_OBJECT_CLASS (bourse_one_click_bar_parent_class)->finalize (object);
}

static void
bourse_one_click_bar_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  BourseOneClickBar *self = BOURSE_ONE_CLICK_BAR (object);

  switch (prop_id)
    {
    case PROP_TRADER:
      g_value_set_object (value, self->trader);
      break;
    case PROP_SYMBOL:
      g_value_set_string (value, self->symbol);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_QTY:
      g_value_set_double (value, bourse_one_click_bar_get_qty (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_one_click_bar_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  BourseOneClickBar *self = BOURSE_ONE_CLICK_BAR (object);

  switch (prop_id)
    {
    case PROP_TRADER:
      bourse_one_click_bar_set_trader (self, g_value_get_object (value));
      break;
    case PROP_SYMBOL:
      bourse_one_click_bar_set_symbol (self, g_value_get_string (value));
      break;
    case PROP_ENABLED:
      bourse_one_click_bar_set_enabled (self, g_value_get_boolean (value));
      break;
    case PROP_QTY:
      bourse_one_click_bar_set_qty (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_one_click_bar_class_init (BourseOneClickBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = bourse_one_click_bar_dispose;
  object_class->finalize = bourse_one_click_bar_finalize;
  object_class->get_property = bourse_one_click_bar_get_property;
  object_class->set_property = bourse_one_click_bar_set_property;

  properties[PROP_TRADER] = g_param_spec_object ("trader", NULL, NULL, BOURSE_TYPE_TRADER, flags);
  properties[PROP_SYMBOL] = g_param_spec_string ("symbol", NULL, NULL, NULL, flags);
  properties[PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, FALSE, flags);
  properties[PROP_QTY] = g_param_spec_double ("qty", NULL, NULL, 0, 1e12, 0, flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BourseOneClickBar::toast:
   * @message: an order placed ("Bought 1000 EURUSD at market")
   */
  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * BourseOneClickBar::error:
   * @what: what failed ("Buy order not placed")
   * @error: why
   */
  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "oneclickbar");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bourse-one-click-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, BourseOneClickBar, toggle);
  gtk_widget_class_bind_template_child (widget_class, BourseOneClickBar, trading_box);
  gtk_widget_class_bind_template_child (widget_class, BourseOneClickBar, sell_button);
  gtk_widget_class_bind_template_child (widget_class, BourseOneClickBar, buy_button);
  gtk_widget_class_bind_template_child (widget_class, BourseOneClickBar, bid_label);
  gtk_widget_class_bind_template_child (widget_class, BourseOneClickBar, ask_label);
  gtk_widget_class_bind_template_child (widget_class, BourseOneClickBar, qty_entry);
  gtk_widget_class_bind_template_child (widget_class, BourseOneClickBar, qty_adjustment);
  gtk_widget_class_bind_template_callback (widget_class, sell_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, buy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, qty_entry_commit_cb);
}

static void
bourse_one_click_bar_init (BourseOneClickBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);
  self->cancellable = g_cancellable_new ();
  self->quotes_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_object (self->quotes_signals, "items-changed", G_CALLBACK (quotes_changed_cb),
                                 self, G_CONNECT_SWAPPED);
  self->instruments_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_object (self->instruments_signals, "items-changed", G_CALLBACK (update_instrument),
                                 self, G_CONNECT_SWAPPED);
  self->quote_signals = g_signal_group_new (BOURSE_TYPE_QUOTE);
  g_signal_group_connect_object (self->quote_signals, "notify::bid", G_CALLBACK (update_prices),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->quote_signals, "notify::ask", G_CALLBACK (update_prices),
                                 self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->qty_adjustment, "value-changed", G_CALLBACK (qty_changed_cb),
                           self, G_CONNECT_SWAPPED);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();
    GtkEventController *focus;

    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (qty_key_pressed_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->qty_entry), keys);
    focus = gtk_event_controller_focus_new ();
    g_signal_connect_object (focus, "leave", G_CALLBACK (qty_entry_commit_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->qty_entry), focus);
  }
  update_instrument (self);
}

GtkWidget *
bourse_one_click_bar_new (void)
{
  return g_object_new (BOURSE_TYPE_ONE_CLICK_BAR, NULL);
}
