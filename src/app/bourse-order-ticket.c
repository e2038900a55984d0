/* bourse-order-ticket.c — buy/sell ticket: types per broker flags, validation at each field, safe retries
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This file owns the fields: what the broker allows (types, brackets,
 * durations), prefilled prices, the check of the draft at each change and
 * the ticket's public setters. Placing the order (confirmation, sending,
 * retries with the same requestId) is in bourse-order-ticket-placing.c; the
 * /config durations and expiry text in bourse-ticket-durations.c.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "bourse-order-ticket-private.h"

G_DEFINE_FINAL_TYPE (BourseOrderTicket, bourse_order_ticket, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SIDE,
  PROP_ORDER_TYPE,
  PROP_BUSY,
  PROP_VALID,
  PROP_CONFIRM,
  N_PROPS
};

enum {
  ORDER_PLACED,
  ORDER_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

double
_bourse_order_ticket_tick (BourseOrderTicket *self)
{
  double tick = self->instrument ? bourse_instrument_get_min_tick (self->instrument) : 0;
  return tick > 0 ? tick : 0.01;
}

double
_bourse_order_ticket_bid (BourseOrderTicket *self)
{
  double bid = self->quote ? bourse_quote_get_bid (self->quote) : 0;
  return bid > 0 ? bid : NAN;
}

double
_bourse_order_ticket_ask (BourseOrderTicket *self)
{
  double ask = self->quote ? bourse_quote_get_ask (self->quote) : 0;
  return ask > 0 ? ask : NAN;
}

void
_bourse_order_ticket_set_status (BourseOrderTicket *self,
            const char        *text,
            const char        *css_class)
{
  _bourse_order_ticket_follow_order (self, NULL);
  _bourse_order_ticket_show_status (self, text, css_class);
}

/* Only the label: the followed order's own updates come through here. */
void
_bourse_order_ticket_show_status (BourseOrderTicket *self,
                                  const char        *text,
                                  const char        *css_class)
{
  g_free (self->status_text);
  self->status_text = g_strdup (text);

  gtk_label_set_text (self->status_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
  if (css_class)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), css_class);
}

/* The account's flags, read by the broker library's one reader. */
static gboolean
flag_value (BourseOrderTicket *self,
            const char        *name)
{
  return self->trader ? bourse_trader_get_flag (self->trader, name) : bourse_account_flag_default (name);
}

static gboolean
type_is_supported (BourseOrderTicket *self,
                   BourseOrderType    type)
{
  return (self->supported_types & (1u << type)) != 0;
}

/* The order types the account's flags allow, each by its own flag. */
static guint
read_supported_types (BourseOrderTicket *self)
{
  static const struct { BourseOrderType type; const char *flag; } flags[] = {
    { BOURSE_ORDER_TYPE_MARKET, "supportMarketOrders" },
    { BOURSE_ORDER_TYPE_LIMIT, "supportLimitOrders" },
    { BOURSE_ORDER_TYPE_STOP, "supportStopOrders" },
    { BOURSE_ORDER_TYPE_STOP_LIMIT, "supportStopLimitOrders" },
  };
  guint types = 0;

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    if (flag_value (self, flags[i].flag))
      types |= 1u << flags[i].type;
  return types;
}

/* What a draft of a type the broker does not take becomes: the first the
 * broker does take, limit first (a pending order is the cautious guess). */
static BourseOrderType
fallback_type (BourseOrderTicket *self)
{
  static const BourseOrderType order[] = {
    BOURSE_ORDER_TYPE_LIMIT, BOURSE_ORDER_TYPE_MARKET, BOURSE_ORDER_TYPE_STOP, BOURSE_ORDER_TYPE_STOP_LIMIT,
  };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (type_is_supported (self, order[i]))
      return order[i];
  return BOURSE_ORDER_TYPE_UNKNOWN;
}

static gboolean
brackets_allowed (BourseOrderTicket *self)
{
  return self->supports_order_brackets &&
         (self->type != BOURSE_ORDER_TYPE_MARKET || self->supports_market_brackets);
}

static BourseTicketDuration *
selected_duration (BourseOrderTicket *self)
{
  guint position = gtk_drop_down_get_selected (self->duration_dropdown);

  if (position == GTK_INVALID_LIST_POSITION || position >= self->durations->len)
    return NULL;
  return g_ptr_array_index (self->durations, position);
}

static gboolean
duration_applies (BourseOrderTicket *self)
{
  return bourse_ticket_duration_applies (selected_duration (self), self->type);
}

/* The duration an order of this type is sent with; NULL when none applies. */
BourseTicketDuration *
_bourse_order_ticket_applied_duration (BourseOrderTicket *self)
{
  return duration_applies (self) ? selected_duration (self) : NULL;
}

void
_bourse_order_ticket_emit_placed (BourseOrderTicket *self,
                                  const char        *order_id)
{
  g_signal_emit (self, signals[ORDER_PLACED], 0, order_id);
}

void
_bourse_order_ticket_emit_failed (BourseOrderTicket *self,
                                  const GError      *error)
{
  g_signal_emit (self, signals[ORDER_FAILED], 0, error);
}

gint64
_bourse_order_ticket_expiry (BourseOrderTicket *self)
{
  return bourse_ticket_parse_expiry (gtk_editable_get_text (GTK_EDITABLE (self->expiry_entry)));
}

static void
update_visibility (BourseOrderTicket *self)
{
  gboolean limit = self->type == BOURSE_ORDER_TYPE_LIMIT || self->type == BOURSE_ORDER_TYPE_STOP_LIMIT;
  gboolean stop = self->type == BOURSE_ORDER_TYPE_STOP || self->type == BOURSE_ORDER_TYPE_STOP_LIMIT;
  gboolean brackets = brackets_allowed (self);
  gboolean durations = duration_applies (self) || (self->type != BOURSE_ORDER_TYPE_MARKET && self->durations->len > 0);
  BourseTicketDuration *info = selected_duration (self);
  gboolean expiry = durations && info && info->has_date;

  gtk_widget_set_visible (self->limit_title, limit);
  gtk_widget_set_visible (GTK_WIDGET (self->limit_spin), limit);
  gtk_widget_set_visible (self->stop_title, stop);
  gtk_widget_set_visible (GTK_WIDGET (self->stop_spin), stop);
  gtk_widget_set_visible (GTK_WIDGET (self->tp_check), brackets);
  gtk_widget_set_visible (GTK_WIDGET (self->tp_spin), brackets);
  gtk_widget_set_visible (GTK_WIDGET (self->sl_check), brackets);
  gtk_widget_set_visible (GTK_WIDGET (self->sl_spin), brackets);
  gtk_widget_set_visible (self->bracket_unit_title, brackets);
  gtk_widget_set_visible (GTK_WIDGET (self->bracket_unit_dropdown), brackets);
  gtk_widget_set_visible (self->duration_title, durations);
  gtk_widget_set_visible (GTK_WIDGET (self->duration_dropdown), durations);
  gtk_widget_set_visible (self->expiry_title, expiry);
  gtk_widget_set_visible (GTK_WIDGET (self->expiry_entry), expiry);
  gtk_widget_set_visible (GTK_WIDGET (self->market_button), type_is_supported (self, BOURSE_ORDER_TYPE_MARKET));
  gtk_widget_set_visible (GTK_WIDGET (self->limit_button), type_is_supported (self, BOURSE_ORDER_TYPE_LIMIT));
  gtk_widget_set_visible (GTK_WIDGET (self->stop_button), type_is_supported (self, BOURSE_ORDER_TYPE_STOP));
  gtk_widget_set_visible (GTK_WIDGET (self->stop_limit_button), type_is_supported (self, BOURSE_ORDER_TYPE_STOP_LIMIT));

  gtk_toggle_button_set_active (self->buy_button, self->side == BOURSE_SIDE_BUY);
  gtk_toggle_button_set_active (self->sell_button, self->side == BOURSE_SIDE_SELL);
  gtk_toggle_button_set_active (self->market_button, self->type == BOURSE_ORDER_TYPE_MARKET);
  gtk_toggle_button_set_active (self->limit_button, self->type == BOURSE_ORDER_TYPE_LIMIT);
  gtk_toggle_button_set_active (self->stop_button, self->type == BOURSE_ORDER_TYPE_STOP);
  gtk_toggle_button_set_active (self->stop_limit_button, self->type == BOURSE_ORDER_TYPE_STOP_LIMIT);
}

static void
configure_price_spin (GtkSpinButton *spin,
                      double         tick)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);

  gtk_spin_button_set_digits (spin, bourse_decimals_for_tick (tick));
  gtk_adjustment_set_step_increment (adjustment, tick);
  gtk_adjustment_set_page_increment (adjustment, tick * 10);
}

static void
prefill_prices (BourseOrderTicket *self)
{
  double bid = _bourse_order_ticket_bid (self), ask = _bourse_order_ticket_ask (self);
  double tick = _bourse_order_ticket_tick (self);
  double market = self->side == BOURSE_SIDE_SELL ? bid : ask;

  if (!isfinite (market))
    return;

  self->updating = TRUE;
  /* A limit below the market for a buy, a stop above: valid at once. */
  gtk_spin_button_set_value (self->limit_spin, bourse_round_to_tick (self->side == BOURSE_SIDE_SELL ? market + 10 * tick : market - 10 * tick, tick));
  gtk_spin_button_set_value (self->stop_spin, bourse_round_to_tick (self->side == BOURSE_SIDE_SELL ? market - 10 * tick : market + 10 * tick, tick));
  self->updating = FALSE;
  self->prices_prefilled = TRUE;
}

static void fill_draft (BourseOrderTicket *self, BourseOrderDraft *draft);
static void fill_rules (BourseOrderTicket *self, BourseInstrumentRules *rules);

/* The price the order would enter at, as the validation sees it: the limit
 * (or stop) price for those types, the market side's price for a market
 * order; NaN when there is none yet. */
static double
entry_price (BourseOrderTicket *self)
{
  BourseOrderDraft draft;
  BourseInstrumentRules rules;
  BourseOrderCheck check = { 0 };
  double entry;

  fill_draft (self, &draft);
  fill_rules (self, &rules);
  bourse_order_draft_check (&rules, &draft, &check);
  entry = check.entry_price;
  bourse_order_check_clear (&check);
  return entry;
}

/* What a bracket proposes: 50 ticks from the entry, on its side of it (take
 * profit above a buy's entry, stop loss below; a sell mirrors), or 50 in
 * ticks. Valid at once whatever the order type and however far from the
 * market the entry is; nothing without an entry yet. */
static void
propose_bracket (BourseOrderTicket *self,
                 gboolean           take_profit,
                 double             entry)
{
  GtkSpinButton *spin = take_profit ? self->tp_spin : self->sl_spin;
  double tick = _bourse_order_ticket_tick (self);
  double direction = take_profit == (self->side != BOURSE_SIDE_SELL) ? 1 : -1;

  if (!(tick > 0))
    return;
  if (gtk_drop_down_get_selected (self->bracket_unit_dropdown) == 1)
    gtk_spin_button_set_value (spin, 50);
  else if (isfinite (entry))
    gtk_spin_button_set_value (spin, bourse_round_to_tick (entry + direction * 50 * tick, tick));
}

/* A bracket switched on starts from its proposal for the current entry. */
static void
bracket_toggled_cb (BourseOrderTicket *self,
                    GtkCheckButton    *check)
{
  if (!self->updating && gtk_check_button_get_active (check))
    propose_bracket (self, check == self->tp_check, entry_price (self));
  _bourse_order_ticket_revalidate (self);
}

/* Brackets in ticks are whole numbers; in price they follow the tick size. */
static void
bracket_unit_changed_cb (BourseOrderTicket *self)
{
  gboolean ticks = gtk_drop_down_get_selected (self->bracket_unit_dropdown) == 1;
  GtkSpinButton *spins[] = { self->tp_spin, self->sl_spin };
  double entry = NAN;
  double tick = _bourse_order_ticket_tick (self);

  /* The same brackets in the other unit: ticks from the entry ↔ prices. */
  if (!self->updating && tick > 0)
    entry = entry_price (self);

  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    {
      double value = gtk_spin_button_get_value (spins[i]);
      /* take profit above the entry for a buy, stop loss below; a sell mirrors */
      double direction = (i == 0) == (self->side != BOURSE_SIDE_SELL) ? 1 : -1;

      if (ticks)
        {
          GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spins[i]);

          gtk_spin_button_set_digits (spins[i], 0);
          gtk_adjustment_set_step_increment (adjustment, 1);
          gtk_adjustment_set_page_increment (adjustment, 10);
          if (isfinite (entry))
            gtk_spin_button_set_value (spins[i], MAX (1, round (fabs (value - entry) / tick)));
        }
      else
        {
          configure_price_spin (spins[i], tick);
          if (isfinite (entry))
            gtk_spin_button_set_value (spins[i], bourse_round_to_tick (entry + direction * value * tick, tick));
        }
    }
  _bourse_order_ticket_revalidate (self);
}

static void
show_field_error (GtkLabel   *label,
                  GtkWidget  *field,
                  const char *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL && gtk_widget_get_visible (field));
  if (message)
    gtk_widget_add_css_class (field, "error");
  else
    gtk_widget_remove_css_class (field, "error");
}

static char *
format_money (double value)
{
  if (!isfinite (value))
    return g_strdup ("—");
  return g_strdup_printf ("%.2f", value);
}

static void
fill_draft (BourseOrderTicket *self,
            BourseOrderDraft  *draft)
{
  memset (draft, 0, sizeof *draft);
  draft->side = self->side;
  draft->type = self->type;
  draft->qty = gtk_spin_button_get_value (self->qty_spin);
  draft->limit_price = gtk_spin_button_get_value (self->limit_spin);
  draft->stop_price = gtk_spin_button_get_value (self->stop_spin);
  draft->has_take_profit = brackets_allowed (self) && gtk_check_button_get_active (self->tp_check);
  draft->has_stop_loss = brackets_allowed (self) && gtk_check_button_get_active (self->sl_check);
  draft->bracket_unit = gtk_drop_down_get_selected (self->bracket_unit_dropdown) == 1
                        ? BOURSE_BRACKET_UNIT_TICKS : BOURSE_BRACKET_UNIT_PRICE;
  draft->take_profit = gtk_spin_button_get_value (self->tp_spin);
  draft->stop_loss = gtk_spin_button_get_value (self->sl_spin);
  draft->bid = _bourse_order_ticket_bid (self);
  draft->ask = _bourse_order_ticket_ask (self);
  draft->needs_expiry = gtk_widget_get_visible (GTK_WIDGET (self->expiry_entry));
  draft->expiry = draft->needs_expiry ? _bourse_order_ticket_expiry (self) : 0;
  draft->now = g_get_real_time () / G_USEC_PER_SEC;
}

static void
fill_rules (BourseOrderTicket     *self,
            BourseInstrumentRules *rules)
{
  memset (rules, 0, sizeof *rules);
  if (self->instrument == NULL)
    return;
  rules->min_qty = bourse_instrument_get_min_qty (self->instrument);
  rules->max_qty = bourse_instrument_get_max_qty (self->instrument);
  rules->qty_step = bourse_instrument_get_qty_step (self->instrument);
  rules->min_tick = bourse_instrument_get_min_tick (self->instrument);
  rules->pip_size = bourse_instrument_get_pip_size (self->instrument);
  rules->pip_value = bourse_instrument_get_pip_value (self->instrument);
}

static void
update_submit_label (BourseOrderTicket *self)
{
  g_autofree char *text = NULL;
  g_autofree char *qty = g_strdup_printf ("%.10g", gtk_spin_button_get_value (self->qty_spin));
  const char *symbol = self->instrument ? bourse_instrument_get_name (self->instrument) : "";
  const char *verb = self->side == BOURSE_SIDE_SELL ? _("Sell") : _("Buy");

  if (self->busy)
    text = g_strdup (_("Sending…"));
  else if (self->instrument == NULL)
    text = g_strdup (_("Place Order"));
  else if (self->type == BOURSE_ORDER_TYPE_MARKET)
    /* Translators: "Buy 1000 EURUSD at Market" */
    text = g_strdup_printf (_("%s %s %s at Market"), verb, qty, symbol);
  else
    {
      g_autofree char *price = bourse_format_price (self->type == BOURSE_ORDER_TYPE_STOP ? self->check.stop_price
                                                                                        : self->check.limit_price,
                                                    _bourse_order_ticket_tick (self));
      /* Translators: "Buy 1000 EURUSD @ 1.08410" */
      text = g_strdup_printf (_("%s %s %s @ %s"), verb, qty, symbol, price);
    }
  gtk_label_set_text (self->submit_label, text);

  gtk_widget_remove_css_class (GTK_WIDGET (self->submit_button), "buy-button");
  gtk_widget_remove_css_class (GTK_WIDGET (self->submit_button), "sell-button");
  gtk_widget_add_css_class (GTK_WIDGET (self->submit_button),
                            self->side == BOURSE_SIDE_SELL ? "sell-button" : "buy-button");
}

void
_bourse_order_ticket_revalidate (BourseOrderTicket *self)
{
  BourseInstrumentRules rules;
  BourseOrderDraft draft;
  gboolean valid;
  g_autofree char *value = NULL;
  g_autofree char *risk = NULL;
  g_autofree char *reward = NULL;

  if (self->updating)
    return;

  update_visibility (self);
  fill_rules (self, &rules);
  fill_draft (self, &draft);

  bourse_order_check_clear (&self->check);
  valid = bourse_order_draft_check (&rules, &draft, &self->check) && self->instrument != NULL &&
          type_is_supported (self, self->type);

  /* An unticked bracket shows (greyed) what ticking it would propose. */
  self->updating = TRUE;
  if (!gtk_check_button_get_active (self->tp_check))
    propose_bracket (self, TRUE, self->check.entry_price);
  if (!gtk_check_button_get_active (self->sl_check))
    propose_bracket (self, FALSE, self->check.entry_price);
  self->updating = FALSE;

  show_field_error (self->qty_error, GTK_WIDGET (self->qty_spin), self->check.errors[BOURSE_ORDER_FIELD_QTY]);
  show_field_error (self->limit_error, GTK_WIDGET (self->limit_spin), self->check.errors[BOURSE_ORDER_FIELD_LIMIT_PRICE]);
  show_field_error (self->stop_error, GTK_WIDGET (self->stop_spin), self->check.errors[BOURSE_ORDER_FIELD_STOP_PRICE]);
  show_field_error (self->tp_error, GTK_WIDGET (self->tp_spin), self->check.errors[BOURSE_ORDER_FIELD_TAKE_PROFIT]);
  show_field_error (self->sl_error, GTK_WIDGET (self->sl_spin), self->check.errors[BOURSE_ORDER_FIELD_STOP_LOSS]);
  show_field_error (self->expiry_error, GTK_WIDGET (self->expiry_entry), self->check.errors[BOURSE_ORDER_FIELD_EXPIRY]);

  value = format_money (self->check.estimated_value);
  risk = format_money (self->check.risk);
  reward = format_money (self->check.reward);
  gtk_label_set_text (self->value_label, value);
  gtk_label_set_text (self->risk_label, risk);
  gtk_label_set_text (self->reward_label, reward);

  if (self->valid != valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ticket.submit",
                                 valid && !self->busy && self->store != NULL);
  update_submit_label (self);
}

static void
update_quote_labels (BourseOrderTicket *self)
{
  double tick = _bourse_order_ticket_tick (self);
  double bid = _bourse_order_ticket_bid (self), ask = _bourse_order_ticket_ask (self);
  g_autofree char *bid_text = bourse_format_price (bid, tick);
  g_autofree char *ask_text = bourse_format_price (ask, tick);
  g_autofree char *spread = NULL;

  gtk_label_set_text (self->bid_label, bid_text);
  gtk_label_set_text (self->ask_label, ask_text);
  if (isfinite (bid) && isfinite (ask))
    spread = g_strdup_printf (_("Spread %.0f ticks"), round ((ask - bid) / tick));
  gtk_label_set_text (self->spread_label, spread ? spread : "");
}

static void
quote_notify_cb (BourseOrderTicket *self)
{
  update_quote_labels (self);
  if (!self->prices_prefilled)
    prefill_prices (self);
  /* Market entry prices, stop directions and tick brackets follow the quote. */
  if (!self->busy)
    _bourse_order_ticket_revalidate (self);
}

void
_bourse_order_ticket_set_busy (BourseOrderTicket *self,
          gboolean           busy)
{
  if (self->busy == !!busy)
    return;
  self->busy = !!busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  _bourse_order_ticket_revalidate (self);
}

static void
bourse_order_ticket_set_side_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  BourseOrderTicket *self = BOURSE_ORDER_TICKET (widget);
  BourseSide side = bourse_side_from_string (g_variant_get_string (parameter, NULL));

  if (side != BOURSE_SIDE_UNKNOWN)
    bourse_order_ticket_set_side (self, side);
  else
    update_visibility (self);
}

static void
bourse_order_ticket_set_type_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  BourseOrderTicket *self = BOURSE_ORDER_TICKET (widget);
  BourseOrderType type = bourse_order_type_from_string (g_variant_get_string (parameter, NULL));

  if (type != BOURSE_ORDER_TYPE_UNKNOWN && type_is_supported (self, type))
    bourse_order_ticket_set_order_type (self, type);
  else
    update_visibility (self);
}

/* -- GObject ------------------------------------------------------------- */

static void
bourse_order_ticket_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BourseOrderTicket *self = BOURSE_ORDER_TICKET (object);

  switch (prop_id)
    {
    case PROP_SIDE:
      g_value_set_enum (value, self->side);
      break;
    case PROP_ORDER_TYPE:
      g_value_set_enum (value, self->type);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    case PROP_CONFIRM:
      g_value_set_boolean (value, self->confirm);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_order_ticket_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BourseOrderTicket *self = BOURSE_ORDER_TICKET (object);

  switch (prop_id)
    {
    case PROP_SIDE:
      bourse_order_ticket_set_side (self, g_value_get_enum (value));
      break;
    case PROP_ORDER_TYPE:
      bourse_order_ticket_set_order_type (self, g_value_get_enum (value));
      break;
    case PROP_CONFIRM:
      bourse_order_ticket_set_confirm (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_order_ticket_dispose (GObject *object)
{
  BourseOrderTicket *self = BOURSE_ORDER_TICKET (object);

  g_cancellable_cancel (self->cancellable);
  if (self->quote)
    g_clear_signal_handler (&self->quote_notify_id, self->quote);

  gtk_widget_dispose_template (GTK_WIDGET (self), BOURSE_TYPE_ORDER_TICKET);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->trader);
  _bourse_order_ticket_follow_order (self, NULL);
  g_clear_object (&self->store);
  g_clear_object (&self->instrument);
  g_clear_object (&self->quote);
  g_clear_pointer (&self->durations, g_ptr_array_unref);
  g_clear_pointer (&self->pending, bourse_order_request_free);
  _bourse_order_ticket_clear_queued (self);

  G_OBJECT_CLASS (bourse_order_ticket_parent_class)->dispose (object);
}

static void
bourse_order_ticket_finalize (GObject *object)
{
  BourseOrderTicket *self = BOURSE_ORDER_TICKET (object);

  bourse_order_check_clear (&self->check);
  g_free (self->pending_key);
  g_free (self->status_text);

  G_OBJECT_CLASS (bourse_order_ticket_parent_class)->finalize (object);
}

static void
bourse_order_ticket_class_init (BourseOrderTicketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bourse_order_ticket_dispose;
  object_class->finalize = bourse_order_ticket_finalize;
  object_class->get_property = bourse_order_ticket_get_property;
  object_class->set_property = bourse_order_ticket_set_property;

  properties[PROP_SIDE] =
    g_param_spec_enum ("side", NULL, NULL, BOURSE_TYPE_SIDE, BOURSE_SIDE_BUY,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ORDER_TYPE] =
    g_param_spec_enum ("order-type", NULL, NULL, BOURSE_TYPE_ORDER_TYPE, BOURSE_ORDER_TYPE_MARKET,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CONFIRM] =
    g_param_spec_boolean ("confirm", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BourseOrderTicket::order-placed:
   * @order_id: the broker's id of the new order
   */
  signals[ORDER_PLACED] =
    g_signal_new ("order-placed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * BourseOrderTicket::order-failed:
   * @error: why (a rejection carries the broker's errmsg)
   */
  signals[ORDER_FAILED] =
    g_signal_new ("order-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "orderticket");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bourse-order-ticket.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, BourseOrderTicket, name)
  BIND (box); BIND (symbol_label); BIND (description_label); BIND (sell_button); BIND (buy_button);
  BIND (bid_label); BIND (ask_label); BIND (spread_label); BIND (market_button); BIND (limit_button);
  BIND (stop_button); BIND (stop_limit_button); BIND (qty_spin); BIND (qty_error); BIND (limit_title);
  BIND (limit_spin); BIND (limit_error); BIND (stop_title); BIND (stop_spin); BIND (stop_error);
  BIND (tp_check); BIND (tp_spin); BIND (tp_error); BIND (sl_check); BIND (sl_spin); BIND (sl_error);
  BIND (bracket_unit_title); BIND (bracket_unit_dropdown); BIND (duration_title); BIND (duration_dropdown);
  BIND (expiry_title); BIND (expiry_entry); BIND (expiry_error); BIND (value_label); BIND (risk_label);
  BIND (reward_label); BIND (submit_button); BIND (spinner); BIND (submit_label); BIND (status_label);
#undef BIND

  gtk_widget_class_install_action (widget_class, "ticket.submit", NULL, _bourse_order_ticket_submit_action);
  gtk_widget_class_install_action (widget_class, "ticket.set-side", "s", bourse_order_ticket_set_side_action);
  gtk_widget_class_install_action (widget_class, "ticket.set-type", "s", bourse_order_ticket_set_type_action);
}

static void
bourse_order_ticket_init (BourseOrderTicket *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->durations = g_ptr_array_new_with_free_func ((GDestroyNotify) bourse_ticket_duration_free);
  self->side = BOURSE_SIDE_BUY;
  self->type = BOURSE_ORDER_TYPE_MARKET;
  self->confirm = TRUE;
  self->supports_order_brackets = TRUE;
  self->supports_market_brackets = TRUE;
  self->supported_types = read_supported_types (self);   /* the spec's defaults until a store says */
  gtk_drop_down_set_model (self->duration_dropdown, G_LIST_MODEL (gtk_string_list_new (NULL)));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);

  g_signal_connect_object (self->qty_spin, "value-changed", G_CALLBACK (_bourse_order_ticket_revalidate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->limit_spin, "value-changed", G_CALLBACK (_bourse_order_ticket_revalidate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stop_spin, "value-changed", G_CALLBACK (_bourse_order_ticket_revalidate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tp_spin, "value-changed", G_CALLBACK (_bourse_order_ticket_revalidate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sl_spin, "value-changed", G_CALLBACK (_bourse_order_ticket_revalidate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tp_check, "toggled", G_CALLBACK (bracket_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sl_check, "toggled", G_CALLBACK (bracket_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bracket_unit_dropdown, "notify::selected", G_CALLBACK (bracket_unit_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->duration_dropdown, "notify::selected", G_CALLBACK (_bourse_order_ticket_revalidate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->expiry_entry, "changed", G_CALLBACK (_bourse_order_ticket_revalidate), self, G_CONNECT_SWAPPED);

  _bourse_order_ticket_revalidate (self);
}

/* -- public API ---------------------------------------------------------- */

/**
 * bourse_order_ticket_set_store:
 * @store: (nullable): the session's store; orders go to its account
 */
void
bourse_order_ticket_set_store (BourseOrderTicket *self,
                               BourseBrokerStore *store)
{
  g_return_if_fail (BOURSE_IS_ORDER_TICKET (self));
  g_return_if_fail (store == NULL || BOURSE_IS_BROKER_STORE (store));

  /* A new broker or account: nothing in flight belongs to it. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->pending, bourse_order_request_free);
  g_clear_pointer (&self->pending_key, g_free);
  _bourse_order_ticket_clear_queued (self);
  self->busy = FALSE;
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);

  _bourse_order_ticket_follow_order (self, NULL);
  g_set_object (&self->store, store);
  g_clear_object (&self->trader);
  if (store != NULL)
    self->trader = bourse_trader_new (store);
  _bourse_order_ticket_set_status (self, NULL, NULL);
  _bourse_order_ticket_revalidate (self);
}

/**
 * bourse_order_ticket_set_config:
 * @config: (nullable): the /config object (durations)
 *
 * Offers only what the broker allows: stop-limit with supportStopLimitOrders,
 * brackets with supportOrderBrackets (on market orders also
 * supportMarketBrackets), durations from /config.
 */
void
bourse_order_ticket_set_config (BourseOrderTicket *self,
                                JsonNode          *config)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  guint default_position = 0;

  g_return_if_fail (BOURSE_IS_ORDER_TICKET (self));

  /* The account's flags, from the store's current account (the spec's defaults without one). */
  self->supported_types = read_supported_types (self);
  self->supports_order_brackets = flag_value (self, "supportOrderBrackets");
  self->supports_market_brackets = flag_value (self, "supportMarketBrackets");

  g_clear_pointer (&self->durations, g_ptr_array_unref);
  self->durations = bourse_ticket_durations_from_config (config, &default_position);
  for (guint i = 0; i < self->durations->len; i++)
    gtk_string_list_append (titles, ((BourseTicketDuration *) g_ptr_array_index (self->durations, i))->title);

  self->updating = TRUE;
  gtk_drop_down_set_model (self->duration_dropdown, G_LIST_MODEL (titles));
  if (self->durations->len > 0)
    gtk_drop_down_set_selected (self->duration_dropdown, default_position);
  self->updating = FALSE;

  if (!type_is_supported (self, self->type) && fallback_type (self) != BOURSE_ORDER_TYPE_UNKNOWN)
    bourse_order_ticket_set_order_type (self, fallback_type (self));
  _bourse_order_ticket_revalidate (self);
}

void
bourse_order_ticket_set_instrument (BourseOrderTicket *self,
                                    BourseInstrument  *instrument)
{
  double step, min_qty, max_qty;
  guint qty_digits;
  GtkAdjustment *adjustment;

  g_return_if_fail (BOURSE_IS_ORDER_TICKET (self));

  if (self->instrument == instrument)
    return;
  g_set_object (&self->instrument, instrument);
  self->prices_prefilled = FALSE;
  g_clear_pointer (&self->pending, bourse_order_request_free);
  g_clear_pointer (&self->pending_key, g_free);
  _bourse_order_ticket_clear_queued (self);
  _bourse_order_ticket_set_status (self, NULL, NULL);

  gtk_label_set_text (self->symbol_label, instrument ? bourse_instrument_get_name (instrument) : "");
  gtk_label_set_text (self->description_label, instrument ? bourse_instrument_get_description (instrument) : "");

  if (instrument == NULL)
    {
      _bourse_order_ticket_revalidate (self);
      return;
    }

  step = bourse_instrument_get_qty_step (instrument);
  min_qty = bourse_instrument_get_min_qty (instrument);
  max_qty = bourse_instrument_get_max_qty (instrument);
  if (!(step > 0))
    step = 1;
  qty_digits = bourse_decimals_for_tick (step);

  self->updating = TRUE;
  adjustment = gtk_spin_button_get_adjustment (self->qty_spin);
  gtk_spin_button_set_digits (self->qty_spin, qty_digits);
  gtk_adjustment_set_step_increment (adjustment, step);
  gtk_adjustment_set_page_increment (adjustment, step * 10);
  gtk_spin_button_set_value (self->qty_spin, min_qty > 0 ? min_qty : step);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->qty_spin), NULL);
  if (max_qty > 0)
    {
      g_autofree char *tip = g_strdup_printf (_("From %g to %g in steps of %g"), min_qty > 0 ? min_qty : step, max_qty, step);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->qty_spin), tip);
    }

  configure_price_spin (self->limit_spin, _bourse_order_ticket_tick (self));
  configure_price_spin (self->stop_spin, _bourse_order_ticket_tick (self));
  self->updating = FALSE;
  bracket_unit_changed_cb (self);

  update_quote_labels (self);
  _bourse_order_ticket_revalidate (self);
}

/**
 * bourse_order_ticket_get_instrument:
 * Returns: (transfer none) (nullable):
 */
BourseInstrument *
bourse_order_ticket_get_instrument (BourseOrderTicket *self)
{
  g_return_val_if_fail (BOURSE_IS_ORDER_TICKET (self), NULL);
  return self->instrument;
}

void
bourse_order_ticket_set_quote (BourseOrderTicket *self,
                               BourseQuote       *quote)
{
  g_return_if_fail (BOURSE_IS_ORDER_TICKET (self));

  if (self->quote == quote)
    return;
  if (self->quote)
    g_clear_signal_handler (&self->quote_notify_id, self->quote);
  g_set_object (&self->quote, quote);
  if (quote)
    self->quote_notify_id = g_signal_connect_object (quote, "notify", G_CALLBACK (quote_notify_cb),
                                                     self, G_CONNECT_SWAPPED);
  quote_notify_cb (self);
}

void
bourse_order_ticket_set_side (BourseOrderTicket *self,
                              BourseSide         side)
{
  g_return_if_fail (BOURSE_IS_ORDER_TICKET (self));
  g_return_if_fail (side == BOURSE_SIDE_BUY || side == BOURSE_SIDE_SELL);

  if (self->side != side)
    {
      self->side = side;
      /* Prices prefilled for the other side would be on the wrong side of the market. */
      if (self->prices_prefilled)
        prefill_prices (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDE]);
    }
  _bourse_order_ticket_revalidate (self);
}

BourseSide
bourse_order_ticket_get_side (BourseOrderTicket *self)
{
  g_return_val_if_fail (BOURSE_IS_ORDER_TICKET (self), BOURSE_SIDE_UNKNOWN);
  return self->side;
}

void
bourse_order_ticket_set_order_type (BourseOrderTicket *self,
                                    BourseOrderType    type)
{
  g_return_if_fail (BOURSE_IS_ORDER_TICKET (self));
  g_return_if_fail (type != BOURSE_ORDER_TYPE_UNKNOWN);

  if (self->type != type)
    {
      self->type = type;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER_TYPE]);
    }
  _bourse_order_ticket_revalidate (self);
}

BourseOrderType
bourse_order_ticket_get_order_type (BourseOrderTicket *self)
{
  g_return_val_if_fail (BOURSE_IS_ORDER_TICKET (self), BOURSE_ORDER_TYPE_UNKNOWN);
  return self->type;
}

void
bourse_order_ticket_set_qty (BourseOrderTicket *self,
                             double             qty)
{
  g_return_if_fail (BOURSE_IS_ORDER_TICKET (self));
  gtk_spin_button_set_value (self->qty_spin, qty);
  _bourse_order_ticket_revalidate (self);
}

void
bourse_order_ticket_set_limit_price (BourseOrderTicket *self,
                                     double             price)
{
  g_return_if_fail (BOURSE_IS_ORDER_TICKET (self));
  self->prices_prefilled = TRUE;
  gtk_spin_button_set_value (self->limit_spin, price);
  _bourse_order_ticket_revalidate (self);
}

void
bourse_order_ticket_set_stop_price (BourseOrderTicket *self,
                                    double             price)
{
  g_return_if_fail (BOURSE_IS_ORDER_TICKET (self));
  self->prices_prefilled = TRUE;
  gtk_spin_button_set_value (self->stop_spin, price);
  _bourse_order_ticket_revalidate (self);
}

/* NaN for @take_profit or @stop_loss leaves that bracket off. */
void
bourse_order_ticket_set_brackets (BourseOrderTicket *self,
                                  BourseBracketUnit  unit,
                                  double             take_profit,
                                  double             stop_loss)
{
  g_return_if_fail (BOURSE_IS_ORDER_TICKET (self));

  gtk_drop_down_set_selected (self->bracket_unit_dropdown, unit == BOURSE_BRACKET_UNIT_TICKS ? 1 : 0);
  self->updating = TRUE;
  gtk_check_button_set_active (self->tp_check, isfinite (take_profit));
  gtk_check_button_set_active (self->sl_check, isfinite (stop_loss));
  if (isfinite (take_profit))
    gtk_spin_button_set_value (self->tp_spin, take_profit);
  if (isfinite (stop_loss))
    gtk_spin_button_set_value (self->sl_spin, stop_loss);
  self->updating = FALSE;
  _bourse_order_ticket_revalidate (self);
}

/**
 * bourse_order_ticket_set_duration:
 * @duration_id: an id of /config's durations ("GTC", "GTT"…)
 * @expiry: UNIX seconds for durations with a date, else ignored
 *
 * Returns: %FALSE if the broker offers no such duration
 */
gboolean
bourse_order_ticket_set_duration (BourseOrderTicket *self,
                                  const char        *duration_id,
                                  gint64             expiry)
{
  g_return_val_if_fail (BOURSE_IS_ORDER_TICKET (self), FALSE);

  for (guint i = 0; i < self->durations->len; i++)
    {
      BourseTicketDuration *info = g_ptr_array_index (self->durations, i);

      if (g_strcmp0 (info->id, duration_id) != 0)
        continue;

      gtk_drop_down_set_selected (self->duration_dropdown, i);
      if (info->has_date)
        {
          g_autofree char *text = bourse_ticket_format_expiry (expiry);

          gtk_editable_set_text (GTK_EDITABLE (self->expiry_entry), text);
        }
      _bourse_order_ticket_revalidate (self);
      return TRUE;
    }
  return FALSE;
}

gboolean
bourse_order_ticket_get_confirm (BourseOrderTicket *self)
{
  g_return_val_if_fail (BOURSE_IS_ORDER_TICKET (self), TRUE);
  return self->confirm;
}

void
bourse_order_ticket_set_confirm (BourseOrderTicket *self,
                                 gboolean           confirm)
{
  g_return_if_fail (BOURSE_IS_ORDER_TICKET (self));

  if (self->confirm == !!confirm)
    return;
  self->confirm = !!confirm;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFIRM]);
}

gboolean
bourse_order_ticket_get_busy (BourseOrderTicket *self)
{
  g_return_val_if_fail (BOURSE_IS_ORDER_TICKET (self), FALSE);
  return self->busy;
}

gboolean
bourse_order_ticket_get_valid (BourseOrderTicket *self)
{
  g_return_val_if_fail (BOURSE_IS_ORDER_TICKET (self), FALSE);
  return self->valid;
}

const char *
bourse_order_ticket_get_field_error (BourseOrderTicket *self,
                                     BourseOrderField   field)
{
  g_return_val_if_fail (BOURSE_IS_ORDER_TICKET (self), NULL);
  g_return_val_if_fail (field < BOURSE_N_ORDER_FIELDS, NULL);
  return self->check.errors[field];
}

const char *
bourse_order_ticket_get_status_text (BourseOrderTicket *self)
{
  g_return_val_if_fail (BOURSE_IS_ORDER_TICKET (self), NULL);
  return self->status_text;
}
