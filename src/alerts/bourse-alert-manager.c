/* bourse-alert-manager.c — the display-free alert engine
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Alerts evaluate on bars they never build: with a BourseMarketData set, the
 * manager holds the feed of each (symbol, interval) an active alert watches,
 * the very feed a chart of the same symbol and resolution shows, and
 * evaluates on each of its updates. Trades handed in directly
 * (bourse_alert_manager_process_quote) go through a 1-minute BourseBarFeed
 * of the manager's own, bucketed by the same rule.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bourse-alert-manager.h"

#define RETRY_ATTEMPTS 3
/* Log entries kept across restarts (the in-memory log holds BOURSE_ALERT_LOG_MAX). */
#define PERSISTED_LOG  200

struct _BourseAlertManager
{
  GObject parent_instance;

  /* owned */
  GFile               *file;
  GListStore          *alerts;
  GListStore          *log;
  GHashTable          *minute_feeds;     /* symbol → BourseBarFeed of trades handed in directly */
  BourseMarketData    *market_data;      /* where watched feeds come from, or NULL */
  GHashTable          *watched;          /* "symbol\ninterval" → BourseBarFeed an active alert needs */
  GHashTable          *exchanges;        /* symbol → exchange the broker lists it on */
  char                *default_exchange; /* for symbols the broker gave none: its name */
  BourseWebhookClient *client;
  BourseWebhookClient *retry_client;
  GCancellable        *cancellable;
  guint                save_id;
  guint                expiry_id;

  guint                n_active;
};

enum {
  PROP_0,
  PROP_FILE,
  PROP_N_ACTIVE,
  N_PROPS
};

enum {
  ALERT_TRIGGERED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BourseAlertManager, bourse_alert_manager, G_TYPE_OBJECT)

static void reschedule_expiry (BourseAlertManager *self);
static void sync_watched_feeds (BourseAlertManager *self);

static gboolean
save_idle_cb (gpointer user_data)
{
  BourseAlertManager *self = user_data;
  g_autoptr(GError) error = NULL;

  self->save_id = 0;
  if (!bourse_alert_manager_save (self, &error))
    g_warning ("Could not save the alerts: %s", error->message);
  return G_SOURCE_REMOVE;
}

static void
queue_save (BourseAlertManager *self)
{
  if (self->file != NULL && self->save_id == 0)
    self->save_id = g_idle_add (save_idle_cb, self);
}

static void
update_n_active (BourseAlertManager *self)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->alerts)); i++)
    {
      g_autoptr(BourseAlert) alert = g_list_model_get_item (G_LIST_MODEL (self->alerts), i);

      n += bourse_alert_get_state (alert) == BOURSE_ALERT_STATE_ACTIVE;
    }
  if (n != self->n_active)
    {
      self->n_active = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ACTIVE]);
    }
  sync_watched_feeds (self);
}

static void
alert_notify_cb (BourseAlertManager *self,
                 GParamSpec         *pspec,
                 BourseAlert        *alert)
{
  if (g_str_equal (pspec->name, "state"))
    update_n_active (self);
  if (g_str_equal (pspec->name, "expires") || g_str_equal (pspec->name, "state"))
    reschedule_expiry (self);
  queue_save (self);
}

static gboolean
expiry_timeout_cb (gpointer user_data)
{
  BourseAlertManager *self = user_data;

  self->expiry_id = 0;
  bourse_alert_manager_check_expiry (self, g_get_real_time () / G_USEC_PER_SEC);
  reschedule_expiry (self);
  return G_SOURCE_REMOVE;
}

static void
reschedule_expiry (BourseAlertManager *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 next = G_MAXINT64;

  g_clear_handle_id (&self->expiry_id, g_source_remove);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->alerts)); i++)
    {
      g_autoptr(BourseAlert) alert = g_list_model_get_item (G_LIST_MODEL (self->alerts), i);
      gint64 expires = bourse_alert_get_expires (alert);

      if (bourse_alert_get_state (alert) == BOURSE_ALERT_STATE_ACTIVE && expires > 0)
        next = MIN (next, expires);
    }
  if (next != G_MAXINT64)
    self->expiry_id = g_timeout_add_seconds ((guint) CLAMP (next - now + 1, 1, G_MAXINT32 / 1000),
                                             expiry_timeout_cb, self);
}

typedef struct
{
  BourseAlertManager *self;   /* weak: the manager's cancellable ends us first */
  BourseAlertEvent   *event;
} DeliveryData;

static void
delivery_finished_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  DeliveryData *data = user_data;
  g_autoptr(BourseWebhookDelivery) delivery = NULL;
  g_autoptr(GError) error = NULL;

  delivery = bourse_webhook_client_send_finish (BOURSE_WEBHOOK_CLIENT (object), result, &error);
  if (delivery != NULL)
    {
      bourse_alert_event_set_delivery (data->event, delivery);
      if (!bourse_webhook_delivery_get_succeeded (delivery))
        g_debug ("Webhook of alert %s failed: %s", bourse_alert_event_get_alert_id (data->event),
                 bourse_webhook_delivery_get_error_message (delivery));
    }
  g_object_unref (data->event);
  g_free (data);
}

static void
send_webhook (BourseAlertManager *self,
              BourseAlert        *alert,
              BourseAlertEvent   *event)
{
  BourseWebhookClient *client = bourse_alert_get_webhook_retry (alert) ? self->retry_client : self->client;
  DeliveryData *data = g_new0 (DeliveryData, 1);

  data->self = self;
  data->event = g_object_ref (event);
  bourse_webhook_client_send_async (client, bourse_alert_get_webhook_url (alert),
                                    bourse_alert_event_get_message (event),
                                    bourse_alert_event_get_fire_id (event),
                                    self->cancellable, delivery_finished_cb, data);
}

static guint
evaluate_alert (BourseAlertManager *self,
                BourseAlert        *alert,
                const BourseBars   *bars,
                gint64              now)
{
  g_autoptr(GPtrArray) firings = g_ptr_array_new_with_free_func ((GDestroyNotify) bourse_alert_firing_free);
  const char *symbol = bourse_alert_get_symbol (alert);
  const char *exchange = NULL;
  g_autofree char *own_exchange = NULL;
  guint n;

  /* {{exchange}} comes from the alert, an "EXCHANGE:TICKER" symbol, or else
   * what the broker told: lent to the alert for this evaluation only, so the
   * saved alert does not keep a broker's answer as its own. */
  g_object_get (alert, "exchange", &own_exchange, NULL);
  if (own_exchange == NULL && symbol != NULL && strchr (symbol, ':') == NULL)
    exchange = bourse_alert_manager_lookup_exchange (self, symbol);
  if (exchange != NULL)
    {
      g_object_freeze_notify (G_OBJECT (alert));
      g_object_set (alert, "exchange", exchange, NULL);
    }
  n = bourse_alert_evaluate (alert, bars, now, firings);
  if (exchange != NULL)
    {
      g_object_set (alert, "exchange", NULL, NULL);
      g_object_thaw_notify (G_OBJECT (alert));
    }

  for (guint k = 0; k < firings->len; k++)
    {
      BourseAlertFiring *firing = g_ptr_array_index (firings, k);
      g_autoptr(BourseAlertEvent) event = NULL;
      guint log_len;

      event = bourse_alert_event_new (bourse_alert_get_id (alert), bourse_alert_get_name (alert),
                                      bourse_alert_get_symbol (alert), bars->time[firing->bar_index],
                                      firing->fired_at, firing->message, firing->fire_id);
      g_list_store_append (self->log, event);
      log_len = g_list_model_get_n_items (G_LIST_MODEL (self->log));
      if (log_len > BOURSE_ALERT_LOG_MAX)
        g_list_store_splice (self->log, 0, log_len - BOURSE_ALERT_LOG_MAX, NULL, 0);

      if (bourse_alert_get_webhook_url (alert) != NULL && *bourse_alert_get_webhook_url (alert) != '\0')
        send_webhook (self, alert, event);
      g_signal_emit (self, signals[ALERT_TRIGGERED], 0, alert, event);
    }
  return n;
}

static void
bourse_alert_manager_dispose (GObject *object)
{
  BourseAlertManager *self = BOURSE_ALERT_MANAGER (object);

  if (self->save_id != 0)
    {
      g_autoptr(GError) error = NULL;

      g_clear_handle_id (&self->save_id, g_source_remove);
      if (!bourse_alert_manager_save (self, &error))
        g_warning ("Could not save the alerts: %s", error->message);
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->expiry_id, g_source_remove);
  if (self->alerts != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->alerts)); i++)
      {
        g_autoptr(BourseAlert) alert = g_list_model_get_item (G_LIST_MODEL (self->alerts), i);
        g_signal_handlers_disconnect_by_data (alert, self);
      }
  g_clear_object (&self->alerts);
  g_clear_object (&self->log);
  g_clear_object (&self->client);
  g_clear_object (&self->retry_client);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);
  g_clear_pointer (&self->minute_feeds, g_hash_table_unref);
  if (self->watched != NULL)
    {
      GHashTableIter iter;
      gpointer feed;

      g_hash_table_iter_init (&iter, self->watched);
      while (g_hash_table_iter_next (&iter, NULL, &feed))
        g_signal_handlers_disconnect_by_data (feed, self);
    }
  g_clear_pointer (&self->watched, g_hash_table_unref);
  g_clear_object (&self->market_data);
  g_clear_pointer (&self->exchanges, g_hash_table_unref);
  g_clear_pointer (&self->default_exchange, g_free);

  G_OBJECT_CLASS (bourse_alert_manager_parent_class)->dispose (object);
}

static void
bourse_alert_manager_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  BourseAlertManager *self = BOURSE_ALERT_MANAGER (object);

  switch (prop_id)
    {
    case PROP_FILE: g_value_set_object (value, self->file); break;
    case PROP_N_ACTIVE: g_value_set_uint (value, self->n_active); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_alert_manager_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  BourseAlertManager *self = BOURSE_ALERT_MANAGER (object);

  switch (prop_id)
    {
    case PROP_FILE: self->file = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_alert_manager_class_init (BourseAlertManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bourse_alert_manager_dispose;
  object_class->get_property = bourse_alert_manager_get_property;
  object_class->set_property = bourse_alert_manager_set_property;

  /* The JSON file of the alert list, or NULL. */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Alerts still able to fire: while > 0 the application should stay alive. */
  properties[PROP_N_ACTIVE] =
    g_param_spec_uint ("n-active", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ALERT_TRIGGERED] =
    g_signal_new ("alert-triggered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, BOURSE_TYPE_ALERT, BOURSE_TYPE_ALERT_EVENT);
}

static void
bourse_alert_manager_init (BourseAlertManager *self)
{
  self->alerts = g_list_store_new (BOURSE_TYPE_ALERT);
  self->log = g_list_store_new (BOURSE_TYPE_ALERT_EVENT);
  self->minute_feeds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->watched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->exchanges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->client = bourse_webhook_client_new ();
  self->retry_client = bourse_webhook_client_new ();
  bourse_webhook_client_set_max_attempts (self->retry_client, RETRY_ATTEMPTS);
  self->cancellable = g_cancellable_new ();
}

BourseAlertManager *
bourse_alert_manager_new (GFile *file)
{
  g_return_val_if_fail (!file || G_IS_FILE (file), NULL);
  return g_object_new (BOURSE_TYPE_ALERT_MANAGER, "file", file, NULL);
}

GFile *
bourse_alert_manager_get_file (BourseAlertManager *self)
{
  g_return_val_if_fail (BOURSE_IS_ALERT_MANAGER (self), NULL);
  return self->file;
}

BourseWebhookClient *
bourse_alert_manager_get_webhook_client (BourseAlertManager *self,
                                         gboolean            retrying)
{
  g_return_val_if_fail (BOURSE_IS_ALERT_MANAGER (self), NULL);
  return retrying ? self->retry_client : self->client;
}

GListModel *
bourse_alert_manager_get_alerts (BourseAlertManager *self)
{
  g_return_val_if_fail (BOURSE_IS_ALERT_MANAGER (self), NULL);
  return G_LIST_MODEL (self->alerts);
}

GListModel *
bourse_alert_manager_get_log (BourseAlertManager *self)
{
  g_return_val_if_fail (BOURSE_IS_ALERT_MANAGER (self), NULL);
  return G_LIST_MODEL (self->log);
}

guint
bourse_alert_manager_get_n_active (BourseAlertManager *self)
{
  g_return_val_if_fail (BOURSE_IS_ALERT_MANAGER (self), 0);
  return self->n_active;
}

BourseAlert *
bourse_alert_manager_find_alert (BourseAlertManager *self,
                                 const char         *id)
{
  g_return_val_if_fail (BOURSE_IS_ALERT_MANAGER (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->alerts)); i++)
    {
      g_autoptr(BourseAlert) alert = g_list_model_get_item (G_LIST_MODEL (self->alerts), i);

      if (g_str_equal (bourse_alert_get_id (alert), id))
        return alert;   /* still owned by the list */
    }
  return NULL;
}

gboolean
bourse_alert_manager_add_alert (BourseAlertManager  *self,
                                BourseAlert         *alert,
                                GError             **error)
{
  g_return_val_if_fail (BOURSE_IS_ALERT_MANAGER (self), FALSE);
  g_return_val_if_fail (BOURSE_IS_ALERT (alert), FALSE);

  if (bourse_alert_manager_find_alert (self, bourse_alert_get_id (alert)) != NULL)
    {
      g_set_error (error, BOURSE_ALERT_ERROR, BOURSE_ALERT_ERROR_INVALID,
                   "An alert with id %s already exists", bourse_alert_get_id (alert));
      return FALSE;
    }
  if (!bourse_alert_validate (alert, error))
    return FALSE;
  g_signal_connect_object (alert, "notify", G_CALLBACK (alert_notify_cb), self, G_CONNECT_SWAPPED);
  g_list_store_append (self->alerts, alert);
  update_n_active (self);
  reschedule_expiry (self);
  queue_save (self);
  return TRUE;
}

void
bourse_alert_manager_remove_alert (BourseAlertManager *self,
                                   BourseAlert        *alert)
{
  guint position;

  g_return_if_fail (BOURSE_IS_ALERT_MANAGER (self));
  g_return_if_fail (BOURSE_IS_ALERT (alert));

  if (!g_list_store_find (self->alerts, alert, &position))
    return;
  g_signal_handlers_disconnect_by_data (alert, self);
  g_list_store_remove (self->alerts, position);
  update_n_active (self);
  reschedule_expiry (self);
  queue_save (self);
}

guint
bourse_alert_manager_process_bars (BourseAlertManager *self,
                                   const char         *symbol,
                                   const char         *interval,
                                   const BourseBars   *bars,
                                   gint64              now)
{
  g_autoptr(GPtrArray) matching = g_ptr_array_new_with_free_func (g_object_unref);
  guint fired = 0;

  g_return_val_if_fail (BOURSE_IS_ALERT_MANAGER (self), 0);
  g_return_val_if_fail (symbol != NULL && interval != NULL && bars != NULL, 0);

  /* Collect first: a handler of ::alert-triggered may edit the list. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->alerts)); i++)
    {
      BourseAlert *alert = g_list_model_get_item (G_LIST_MODEL (self->alerts), i);

      if (g_str_equal (bourse_alert_get_symbol (alert), symbol) &&
          g_str_equal (bourse_alert_get_interval (alert), interval))
        g_ptr_array_add (matching, alert);
      else
        g_object_unref (alert);
    }
  for (guint k = 0; k < matching->len; k++)
    fired += evaluate_alert (self, g_ptr_array_index (matching, k), bars, now);
  return fired;
}

static BourseBarFeed *
minute_feed (BourseAlertManager *self,
             const char         *symbol)
{
  BourseBarFeed *feed = g_hash_table_lookup (self->minute_feeds, symbol);

  if (feed == NULL)
    {
      feed = bourse_bar_feed_new (symbol, "1", NULL);
      g_hash_table_insert (self->minute_feeds, g_strdup (symbol), feed);
    }
  return feed;
}

guint
bourse_alert_manager_process_quote (BourseAlertManager *self,
                                    const char         *symbol,
                                    gint64              time,
                                    double              price,
                                    double              volume)
{
  BourseBarFeed *feed;

  g_return_val_if_fail (BOURSE_IS_ALERT_MANAGER (self), 0);
  g_return_val_if_fail (symbol != NULL, 0);

  feed = minute_feed (self, symbol);
  /* Quotes older than the forming bar cannot change what already closed. */
  if (!bourse_bar_feed_add_trade (feed, time, price, volume))
    return 0;
  return bourse_alert_manager_process_bars (self, symbol, "1", bourse_bar_feed_get_bars (feed), time);
}

void
bourse_alert_manager_set_history (BourseAlertManager *self,
                                  const char         *symbol,
                                  const BourseBars   *history)
{
  g_return_if_fail (BOURSE_IS_ALERT_MANAGER (self));
  g_return_if_fail (symbol != NULL);
  g_return_if_fail (history != NULL);

  /* A new series: the alerts' indicators notice it and start over. */
  bourse_bar_feed_set_history (minute_feed (self, symbol), history);
}

/* -- feeds of the market data ------------------------------------------- */

#define WATCHED_HISTORY_BARS 300

static void
watched_feed_updated_cb (BourseBarFeed      *feed,
                         gint64              time,
                         BourseAlertManager *self)
{
  bourse_alert_manager_process_bars (self, bourse_bar_feed_get_symbol (feed),
                                     bourse_bar_feed_get_resolution (feed),
                                     bourse_bar_feed_get_bars (feed), time);
}

/* Holds the feed of every (symbol, interval) an active alert watches, and
 * only those. */
static void
sync_watched_feeds (BourseAlertManager *self)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  GListModel *alerts = G_LIST_MODEL (self->alerts);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; self->market_data != NULL && i < g_list_model_get_n_items (alerts); i++)
    {
      g_autoptr(BourseAlert) alert = g_list_model_get_item (alerts, i);
      const char *symbol = bourse_alert_get_symbol (alert);
      const char *interval = bourse_alert_get_interval (alert);
      g_autofree char *wanted_key = NULL;
      BourseBarFeed *feed;

      if (bourse_alert_get_state (alert) != BOURSE_ALERT_STATE_ACTIVE || symbol == NULL || interval == NULL)
        continue;
      wanted_key = g_strdup_printf ("%s\n%s", symbol, interval);
      if (g_hash_table_contains (wanted, wanted_key))
        continue;
      feed = g_hash_table_lookup (self->watched, wanted_key);
      if (feed != NULL)
        g_object_ref (feed);
      else if ((feed = bourse_market_data_get_feed (self->market_data, symbol, interval, NULL)) != NULL)
        {
          g_signal_connect_object (feed, "updated", G_CALLBACK (watched_feed_updated_cb), self, 0);
          bourse_bar_feed_request_history (feed, WATCHED_HISTORY_BARS);
        }
      if (feed != NULL)
        g_hash_table_insert (wanted, g_steal_pointer (&wanted_key), feed);
    }

  g_hash_table_iter_init (&iter, self->watched);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (wanted, key))
      g_signal_handlers_disconnect_by_data (value, self);
  g_hash_table_remove_all (self->watched);
  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (self->watched, g_strdup (key), g_object_ref (value));
}

/**
 * bourse_alert_manager_set_market_data:
 * @market_data: (nullable): where the bars of watched symbols come from
 *
 * From now on every active alert evaluates on its symbol's feed at its
 * interval, shared with any chart showing the same.
 */
void
bourse_alert_manager_set_market_data (BourseAlertManager *self,
                                      BourseMarketData   *market_data)
{
  g_return_if_fail (BOURSE_IS_ALERT_MANAGER (self));
  g_return_if_fail (market_data == NULL || BOURSE_IS_MARKET_DATA (market_data));

  if (self->market_data == market_data)
    return;
  g_set_object (&self->market_data, market_data);
  sync_watched_feeds (self);
}

void
bourse_alert_manager_check_expiry (BourseAlertManager *self,
                                   gint64              now)
{
  g_return_if_fail (BOURSE_IS_ALERT_MANAGER (self));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->alerts)); i++)
    {
      g_autoptr(BourseAlert) alert = g_list_model_get_item (G_LIST_MODEL (self->alerts), i);

      bourse_alert_check_expiry (alert, now);
    }
}

void
bourse_alert_manager_resend (BourseAlertManager *self,
                             BourseAlertEvent   *event)
{
  BourseAlert *alert;

  g_return_if_fail (BOURSE_IS_ALERT_MANAGER (self));
  g_return_if_fail (BOURSE_IS_ALERT_EVENT (event));

  alert = bourse_alert_manager_find_alert (self, bourse_alert_event_get_alert_id (event));
  if (alert == NULL || bourse_alert_get_webhook_url (alert) == NULL)
    {
      g_warning ("Cannot resend: alert %s has no webhook any more",
                 bourse_alert_event_get_alert_id (event));
      return;
    }
  send_webhook (self, alert, event);
}

gboolean
bourse_alert_manager_save (BourseAlertManager  *self,
                           GError             **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (BOURSE_IS_ALERT_MANAGER (self), FALSE);

  if (self->file == NULL)
    return TRUE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "alerts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->alerts)); i++)
    {
      g_autoptr(BourseAlert) alert = g_list_model_get_item (G_LIST_MODEL (self->alerts), i);
      json_builder_add_value (builder, bourse_alert_to_json (alert));
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "log");
  json_builder_begin_array (builder);
  {
    guint n = g_list_model_get_n_items (G_LIST_MODEL (self->log));

    for (guint i = n > PERSISTED_LOG ? n - PERSISTED_LOG : 0; i < n; i++)
      {
        g_autoptr(BourseAlertEvent) event = g_list_model_get_item (G_LIST_MODEL (self->log), i);
        json_builder_add_value (builder, bourse_alert_event_to_json (event));
      }
  }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, &length);

  parent = g_file_get_parent (self->file);
  if (parent != NULL && !g_file_make_directory_with_parents (parent, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_set_error (error, BOURSE_ALERT_ERROR, BOURSE_ALERT_ERROR_IO,
                   "Cannot create the alerts folder: %s", local_error->message);
      return FALSE;
    }
  g_clear_error (&local_error);
  if (!g_file_replace_contents (self->file, data, length, NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                NULL, NULL, &local_error))
    {
      g_set_error (error, BOURSE_ALERT_ERROR, BOURSE_ALERT_ERROR_IO,
                   "Cannot save the alerts: %s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
bourse_alert_manager_load (BourseAlertManager  *self,
                           GError             **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  JsonNode *log;
  g_autofree char *data = NULL;
  gsize length;
  JsonNode *root, *list;
  JsonArray *array;

  g_return_val_if_fail (BOURSE_IS_ALERT_MANAGER (self), FALSE);

  if (self->file == NULL)
    return TRUE;
  if (!g_file_load_contents (self->file, NULL, &data, &length, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      g_set_error (error, BOURSE_ALERT_ERROR, BOURSE_ALERT_ERROR_IO,
                   "Cannot read the alerts: %s", local_error->message);
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, data, length, &local_error) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (list = json_object_get_member (json_node_get_object (root), "alerts")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, BOURSE_ALERT_ERROR, BOURSE_ALERT_ERROR_INVALID,
                   "The alerts file is damaged%s%s", local_error ? ": " : "",
                   local_error ? local_error->message : "");
      return FALSE;
    }
  array = json_node_get_array (list);
  /* All or nothing: a damaged entry leaves the current list untouched. */
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      BourseAlert *alert = bourse_alert_new_from_json (json_array_get_element (array, i), &local_error);

      if (alert == NULL)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "Alert %u: ", i + 1);
          return FALSE;
        }
      g_ptr_array_add (loaded, alert);
    }
  log = json_object_get_member (json_node_get_object (root), "log");
  if (log != NULL && !JSON_NODE_HOLDS_NULL (log))
    {
      if (!JSON_NODE_HOLDS_ARRAY (log))
        {
          g_set_error (error, BOURSE_ALERT_ERROR, BOURSE_ALERT_ERROR_INVALID,
                       "The alerts file's log is not a list");
          return FALSE;
        }
      for (guint i = 0; i < json_array_get_length (json_node_get_array (log)); i++)
        {
          BourseAlertEvent *event = bourse_alert_event_new_from_json (
            json_array_get_element (json_node_get_array (log), i), &local_error);

          if (event == NULL)
            {
              g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "Log entry %u: ", i + 1);
              return FALSE;
            }
          g_ptr_array_add (events, event);
        }
    }
  /* Restored entries go before anything logged since start-up. */
  g_list_store_splice (self->log, 0, 0, events->pdata, events->len);
  for (guint i = 0; i < loaded->len; i++)
    {
      BourseAlert *alert = g_ptr_array_index (loaded, i);

      if (bourse_alert_manager_find_alert (self, bourse_alert_get_id (alert)) != NULL)
        continue;
      g_signal_connect_object (alert, "notify", G_CALLBACK (alert_notify_cb), self, G_CONNECT_SWAPPED);
      g_list_store_append (self->alerts, alert);
    }
  update_n_active (self);
  reschedule_expiry (self);
  return TRUE;
}

/**
 * bourse_alert_manager_set_exchange:
 * @symbol: (nullable): a broker symbol, or %NULL for a new broker: every
 *   symbol it lists no exchange for (this forgets the per-symbol ones)
 * @exchange: (nullable): e.g. /symbol_info's "exchange-listed", or the
 *   broker's name for %NULL @symbol; %NULL forgets it
 *
 * What {{exchange}} becomes in the messages of alerts on @symbol that have no
 * exchange of their own (bars built from quotes carry none).
 */
void
bourse_alert_manager_set_exchange (BourseAlertManager *self,
                                   const char         *symbol,
                                   const char         *exchange)
{
  g_return_if_fail (BOURSE_IS_ALERT_MANAGER (self));

  if (symbol == NULL)
    {
      /* a new broker: what the last one told about its symbols no longer holds */
      g_hash_table_remove_all (self->exchanges);
      g_free (self->default_exchange);
      self->default_exchange = (exchange != NULL && *exchange != '\0') ? g_strdup (exchange) : NULL;
    }
  else if (exchange != NULL && *exchange != '\0')
    g_hash_table_replace (self->exchanges, g_strdup (symbol), g_strdup (exchange));
  else
    g_hash_table_remove (self->exchanges, symbol);
}

/**
 * bourse_alert_manager_lookup_exchange:
 *
 * Returns: (nullable): what {{exchange}} becomes for an alert on @symbol
 *   that names no exchange itself, %NULL when the broker told nothing
 */
const char *
bourse_alert_manager_lookup_exchange (BourseAlertManager *self,
                                      const char         *symbol)
{
  const char *exchange;

  g_return_val_if_fail (BOURSE_IS_ALERT_MANAGER (self), NULL);
  g_return_val_if_fail (symbol != NULL, NULL);

  exchange = g_hash_table_lookup (self->exchanges, symbol);
  return exchange ? exchange : self->default_exchange;
}
