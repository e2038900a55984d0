/* bourse-demo-broker.c — the demo paper-trading broker as an embeddable HTTP server
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Life cycle (start here or in a thread of its own, stop) and properties
 * (seed, state file, faults). The endpoints live in bourse-demo-broker-routes.c,
 * the streams in bourse-demo-broker-streams.c, the state file in
 * bourse-demo-broker-state.c (see bourse-demo-broker-private.h for who calls whom).
 */

#include "config.h"

#include "bourse-demo-broker-private.h"
#include "bourse-server-error.h"

#include <math.h>
#include <string.h>

G_DEFINE_FINAL_TYPE (BourseDemoBroker, bourse_demo_broker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEED,
  PROP_STATE_FILE,
  PROP_RECOVER,
  PROP_URI,
  PROP_DROP_STREAM_EVERY,
  PROP_LATENCY_MS,
  PROP_HTTP500_FRACTION,
  PROP_MALFORMED_FRACTION,
  PROP_SPLIT_FRACTION,
  PROP_TOKEN_TTL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
save_if_dirty (BourseDemoBroker *self)
{
  g_autoptr(GError) error = NULL;

  if (self->state_dirty && !_bourse_demo_broker_save (self, &error))
    g_critical ("%s", error->message);
}

static void
simulator_ticked_cb (BoursePriceSimulator *simulator,
                     BourseDemoBroker     *self)
{
  guint n_specs;
  const BourseInstrumentSpec *specs = bourse_instrument_spec_get_all (&n_specs);

  bourse_matching_engine_set_time (self->engine, bourse_price_simulator_get_time (simulator) / G_USEC_PER_SEC);
  for (guint i = 0; i < n_specs; i++)
    {
      BourseQuoteSnapshot quote;

      bourse_price_simulator_quote_at (simulator, i, bourse_price_simulator_get_time (simulator), FALSE, &quote);
      bourse_matching_engine_set_quote (self->engine, specs[i].name, quote.bid, quote.ask, quote.last);
    }

  /* fills from price moves are persisted at once too */
  save_if_dirty (self);
}

static void
bourse_demo_broker_dispose (GObject *object)
{
  BourseDemoBroker *self = (BourseDemoBroker *) object;

  bourse_demo_broker_stop (self);

  G_OBJECT_CLASS (bourse_demo_broker_parent_class)->dispose (object);
}

static void
bourse_demo_broker_constructed (GObject *object)
{
  BourseDemoBroker *self = (BourseDemoBroker *) object;

  G_OBJECT_CLASS (bourse_demo_broker_parent_class)->constructed (object);

  self->fault_rand = g_rand_new_with_seed ((guint32) (self->seed ^ (self->seed >> 32)));
}

static void
bourse_demo_broker_finalize (GObject *object)
{
  BourseDemoBroker *self = (BourseDemoBroker *) object;

  g_free (self->state_file);
  g_free (self->uri);
  g_free (self->thread_address);
  g_clear_error (&self->thread_error);
  g_rand_free (self->fault_rand);
  g_hash_table_unref (self->tokens);
  g_hash_table_unref (self->codes);
  g_hash_table_unref (self->refresh_tokens);
  g_clear_pointer (&self->account_flags, g_hash_table_unref);
  g_ptr_array_unref (self->streams);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (bourse_demo_broker_parent_class)->finalize (object);
}

static void
bourse_demo_broker_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BourseDemoBroker *self = BOURSE_DEMO_BROKER (object);

  switch (prop_id)
    {
    case PROP_SEED:
      g_value_set_uint64 (value, self->seed);
      break;
    case PROP_STATE_FILE:
      g_value_set_string (value, self->state_file);
      break;
    case PROP_RECOVER:
      g_value_set_boolean (value, self->recover);
      break;
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;
    case PROP_DROP_STREAM_EVERY:
    case PROP_LATENCY_MS:
    case PROP_HTTP500_FRACTION:
    case PROP_MALFORMED_FRACTION:
    case PROP_SPLIT_FRACTION:
    case PROP_TOKEN_TTL:
      g_value_set_double (value, self->faults[prop_id - PROP_DROP_STREAM_EVERY]);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_demo_broker_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BourseDemoBroker *self = BOURSE_DEMO_BROKER (object);

  switch (prop_id)
    {
    case PROP_SEED:
      self->seed = g_value_get_uint64 (value);
      break;
    case PROP_STATE_FILE:
      self->state_file = g_value_dup_string (value);
      break;
    case PROP_RECOVER:
      if (self->recover != g_value_get_boolean (value))
        {
          self->recover = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_DROP_STREAM_EVERY:
    case PROP_LATENCY_MS:
    case PROP_HTTP500_FRACTION:
    case PROP_MALFORMED_FRACTION:
    case PROP_SPLIT_FRACTION:
    case PROP_TOKEN_TTL:
      {
        double *field = &self->faults[prop_id - PROP_DROP_STREAM_EVERY];
        double new_value = g_value_get_double (value);

        if (*field != new_value)
          {
            *field = new_value;
            if (prop_id == PROP_DROP_STREAM_EVERY)
              _bourse_demo_broker_reschedule_drop_timer (self);
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_demo_broker_class_init (BourseDemoBrokerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags fault_flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = bourse_demo_broker_constructed;
  object_class->dispose = bourse_demo_broker_dispose;
  object_class->finalize = bourse_demo_broker_finalize;
  object_class->get_property = bourse_demo_broker_get_property;
  object_class->set_property = bourse_demo_broker_set_property;

  properties[PROP_SEED] =
    g_param_spec_uint64 ("seed", NULL, NULL, 0, G_MAXUINT64, 1,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE_FILE] =
    g_param_spec_string ("state-file", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* a damaged --state file: keep its good prefix, move it aside and start (read by start()) */
  properties[PROP_RECOVER] =
    g_param_spec_boolean ("recover", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* faults, 0 = off: seconds between stream drops, added latency,
   * fractions of requests / stream lines, token lifetime in seconds */
  properties[PROP_DROP_STREAM_EVERY] =
    g_param_spec_double ("drop-stream-every", NULL, NULL, 0, 86400, 0, fault_flags);
  properties[PROP_LATENCY_MS] =
    g_param_spec_double ("latency-ms", NULL, NULL, 0, 60000, 0, fault_flags);
  properties[PROP_HTTP500_FRACTION] =
    g_param_spec_double ("http500-fraction", NULL, NULL, 0, 1, 0, fault_flags);
  properties[PROP_MALFORMED_FRACTION] =
    g_param_spec_double ("malformed-fraction", NULL, NULL, 0, 1, 0, fault_flags);
  properties[PROP_SPLIT_FRACTION] =
    g_param_spec_double ("split-fraction", NULL, NULL, 0, 1, 0, fault_flags);
  properties[PROP_TOKEN_TTL] =
    g_param_spec_double ("token-ttl", NULL, NULL, 0, 365 * 86400.0, 0, fault_flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bourse_demo_broker_init (BourseDemoBroker *self)
{
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, _bourse_demo_broker_token_free);
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, _bourse_demo_broker_oauth_code_free);
  self->refresh_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->streams = g_ptr_array_new ();
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
}

/**
 * bourse_demo_broker_new:
 * @seed: seed of the price simulator (and of fault injection)
 * @state_file: (nullable): where accounts persist; loaded by start()
 */
BourseDemoBroker *
bourse_demo_broker_new (guint64     seed,
                        const char *state_file)
{
  return g_object_new (BOURSE_TYPE_DEMO_BROKER, "seed", seed, "state-file", state_file, NULL);
}

/**
 * bourse_demo_broker_set_account_flag:
 * @flag: an AccountFlags member the demo sends, e.g. "supportClosePosition"
 *
 * Serves @value for @flag in /config and /accounts instead of the demo's own,
 * so tests can play a broker without, say, native close or reverse. Call it
 * before the broker starts.
 */
gboolean
bourse_demo_broker_set_account_flag (BourseDemoBroker  *self,
                                     const char        *flag,
                                     gboolean           value,
                                     GError           **error)
{
  g_return_val_if_fail (BOURSE_IS_DEMO_BROKER (self), FALSE);
  g_return_val_if_fail (!self->running, FALSE);

  if (!_bourse_demo_broker_is_account_flag (flag))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "Unknown account flag '%s'", flag ? flag : "");
      return FALSE;
    }
  if (self->account_flags == NULL)
    self->account_flags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (self->account_flags, g_strdup (flag), (gpointer) (value ? "true" : "false"));
  return TRUE;
}

/**
 * bourse_demo_broker_set_fault:
 * @name: `drop-stream-every`, `latency-ms`, `http500-fraction`,
 *   `malformed-fraction`, `split-fraction` or `token-ttl`
 * @value: a number (0 turns the fault off)
 */
gboolean
bourse_demo_broker_set_fault (BourseDemoBroker  *self,
                              const char        *name,
                              const char        *value,
                              GError           **error)
{
  GParamSpec *pspec;
  GParamSpecDouble *range;
  char *end = NULL;
  double parsed;

  g_return_val_if_fail (BOURSE_IS_DEMO_BROKER (self), FALSE);

  pspec = name ? g_object_class_find_property (G_OBJECT_GET_CLASS (self), name) : NULL;
  if (pspec == NULL || pspec->value_type != G_TYPE_DOUBLE)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "Unknown fault '%s'", name ? name : "");
      return FALSE;
    }

  range = G_PARAM_SPEC_DOUBLE (pspec);
  parsed = value ? g_ascii_strtod (value, &end) : NAN;
  if (value == NULL || end == value || *end != '\0' || !(parsed >= range->minimum && parsed <= range->maximum))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "Fault %s needs a number from %g to %g, not '%s'", name,
                   range->minimum, range->maximum, value ? value : "");
      return FALSE;
    }

  g_object_set (self, name, parsed, NULL);
  return TRUE;
}

/**
 * bourse_demo_broker_start:
 * @listen_address: (nullable): IP address to bind, loopback when %NULL
 * @port: port, 0 for a free one
 *
 * Loads the state file, starts the simulator and listens, all in the
 * thread-default main context.
 */
gboolean
bourse_demo_broker_start (BourseDemoBroker  *self,
                          const char        *listen_address,
                          guint              port,
                          GError           **error)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GError) local_error = NULL;
  GSList *uris;
  g_autofree char *uri = NULL;
  gsize len;

  g_return_val_if_fail (BOURSE_IS_DEMO_BROKER (self), FALSE);
  g_return_val_if_fail (!self->running, FALSE);

  if (port > 65535)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_LISTEN, "Port %u is out of range", port);
      return FALSE;
    }

  address = listen_address ? g_inet_address_new_from_string (listen_address)
                           : g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  if (address == NULL)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_LISTEN,
                   "'%s' is not an IP address", listen_address);
      return FALSE;
    }

  self->engine = bourse_matching_engine_new ();
  _bourse_demo_broker_add_demo_accounts (self->engine);
  if (!_bourse_demo_broker_load_state (self, error))
    {
      g_clear_object (&self->engine);
      return FALSE;
    }

  self->context = g_main_context_ref_thread_default ();
  self->simulator = bourse_price_simulator_new (self->seed, g_get_real_time ());
  g_signal_connect_object (self->engine, "entity-changed", G_CALLBACK (_bourse_demo_broker_entity_changed_cb), self, 0);
  g_signal_connect_object (self->simulator, "ticked", G_CALLBACK (simulator_ticked_cb), self, 0);
  simulator_ticked_cb (self->simulator, self);
  self->state_dirty = FALSE;

  self->server = soup_server_new ("server-header", "bourse-demo-broker ", NULL);
  soup_server_add_early_handler (self->server, NULL, _bourse_demo_broker_check_request_size, self, NULL);
  soup_server_add_handler (self->server, NULL, _bourse_demo_broker_handle_request, self, NULL);
  socket_address = g_inet_socket_address_new (address, (guint16) port);
  if (!soup_server_listen (self->server, socket_address, 0, &local_error))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_LISTEN,
                   "Cannot listen on %s:%u: %s", listen_address ? listen_address : "127.0.0.1",
                   port, local_error->message);
      g_clear_object (&self->server);
      g_clear_object (&self->simulator);
      g_clear_object (&self->engine);
      g_clear_pointer (&self->context, g_main_context_unref);
      return FALSE;
    }

  uris = soup_server_get_uris (self->server);
  uri = g_uri_to_string (uris->data);
  self->port = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  len = strlen (uri);
  if (len > 0 && uri[len - 1] == '/')
    uri[len - 1] = '\0';
  g_free (self->uri);
  self->uri = g_steal_pointer (&uri);

  bourse_price_simulator_start (self->simulator, TICK_INTERVAL_MS);
  self->running = TRUE;
  _bourse_demo_broker_start_streams (self);

  g_debug ("Demo broker listening on %s", self->uri);
  if (!self->starting_in_thread)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URI]);

  return TRUE;
}

static gpointer
broker_thread_main (gpointer user_data)
{
  BourseDemoBroker *self = user_data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  GError *error = NULL;
  gboolean ok;

  g_main_context_push_thread_default (context);
  ok = bourse_demo_broker_start (self, self->thread_address, self->thread_port, &error);

  g_mutex_lock (&self->mutex);
  self->thread_error = error;
  if (ok)
    self->loop = g_main_loop_new (context, FALSE);
  self->thread_ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);

  if (ok)
    g_main_loop_run (self->loop);

  g_main_context_pop_thread_default (context);
  return NULL;
}

/**
 * bourse_demo_broker_start_in_thread:
 *
 * Like bourse_demo_broker_start(), in a new thread with its own main
 * context. Returns once the broker listens (or failed to). Safe to call from
 * the GTK main thread: it blocks only while the state file loads and the
 * socket binds.
 */
gboolean
bourse_demo_broker_start_in_thread (BourseDemoBroker  *self,
                                    const char        *listen_address,
                                    guint              port,
                                    GError           **error)
{
  g_return_val_if_fail (BOURSE_IS_DEMO_BROKER (self), FALSE);
  g_return_val_if_fail (self->thread == NULL && !self->running, FALSE);

  g_free (self->thread_address);
  self->thread_address = g_strdup (listen_address);
  self->thread_port = port;
  self->thread_ready = FALSE;
  self->starting_in_thread = TRUE;

  self->thread = g_thread_new ("bourse-demo-broker", broker_thread_main, self);

  g_mutex_lock (&self->mutex);
  while (!self->thread_ready)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);

  self->starting_in_thread = FALSE;
  if (self->thread_error != NULL)
    {
      g_thread_join (g_steal_pointer (&self->thread));
      g_propagate_error (error, g_steal_pointer (&self->thread_error));
      return FALSE;
    }

  /* here, so that ::notify handlers run in the caller's (the UI's) thread */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URI]);
  return TRUE;
}

/**
 * bourse_demo_broker_get_uri:
 *
 * Returns: (nullable): `http://127.0.0.1:PORT`, no trailing slash; %NULL before start
 */
/**
 * bourse_demo_broker_address_is_loopback:
 * @address: what --listen names: an IP address or "localhost"
 *
 * Returns: %TRUE when only this machine can reach @address. The demo broker
 * has no TLS: anywhere else, logins and tokens travel in clear text.
 */
gboolean
bourse_demo_broker_address_is_loopback (const char *address)
{
  g_autoptr(GInetAddress) inet = NULL;

  if (address == NULL || g_ascii_strcasecmp (address, "localhost") == 0)
    return TRUE;
  inet = g_inet_address_new_from_string (address);
  return inet != NULL && g_inet_address_get_is_loopback (inet);
}

const char *
bourse_demo_broker_get_uri (BourseDemoBroker *self)
{
  g_return_val_if_fail (BOURSE_IS_DEMO_BROKER (self), NULL);

  return self->uri;
}

guint
bourse_demo_broker_get_port (BourseDemoBroker *self)
{
  g_return_val_if_fail (BOURSE_IS_DEMO_BROKER (self), 0);

  return self->port;
}

/* How many streams are open; callable from any thread. */
guint
bourse_demo_broker_get_stream_count (BourseDemoBroker *self)
{
  g_return_val_if_fail (BOURSE_IS_DEMO_BROKER (self), 0);

  return (guint) g_atomic_int_get (&self->stream_count);
}

/**
 * bourse_demo_broker_set_recover:
 * @recover: when the --state file is damaged, start on its good prefix and
 *   move the damaged file aside, instead of refusing to start
 *
 * Read by start().
 */
void
bourse_demo_broker_set_recover (BourseDemoBroker *self,
                                gboolean          recover)
{
  g_return_if_fail (BOURSE_IS_DEMO_BROKER (self));

  g_object_set (self, "recover", recover, NULL);
}

/**
 * bourse_demo_broker_save_state:
 *
 * Writes what changed, then rewrites the state file as one snapshot.
 */
gboolean
bourse_demo_broker_save_state (BourseDemoBroker  *self,
                               GError           **error)
{
  g_return_val_if_fail (BOURSE_IS_DEMO_BROKER (self), FALSE);

  if (self->engine == NULL)
    return TRUE;
  return _bourse_demo_broker_save (self, error) && _bourse_demo_broker_compact_state (self, error);
}

static void
stop_in_context (BourseDemoBroker *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->running)
    return;
  self->running = FALSE;

  _bourse_demo_broker_stop_streams (self);

  if (self->engine != NULL && !_bourse_demo_broker_save (self, &error))
    g_critical ("%s", error->message);
  g_clear_object (&self->journal);

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  if (self->simulator != NULL)
    bourse_price_simulator_stop (self->simulator);
  g_clear_object (&self->simulator);
  g_clear_object (&self->engine);
  g_hash_table_remove_all (self->tokens);
  g_hash_table_remove_all (self->codes);
  g_hash_table_remove_all (self->refresh_tokens);
  g_clear_pointer (&self->context, g_main_context_unref);
}

static gboolean
stop_thread_cb (gpointer user_data)
{
  BourseDemoBroker *self = user_data;

  stop_in_context (self);
  g_main_loop_quit (self->loop);
  return G_SOURCE_REMOVE;
}

/**
 * bourse_demo_broker_stop:
 *
 * Closes streams, saves state and stops listening. In thread mode, call it
 * from the thread that started the broker; it returns after the thread ended.
 */
void
bourse_demo_broker_stop (BourseDemoBroker *self)
{
  g_return_if_fail (BOURSE_IS_DEMO_BROKER (self));

  if (self->thread != NULL)
    {
      GMainContext *context = g_main_loop_get_context (self->loop);

      g_main_context_invoke (context, stop_thread_cb, self);
      g_thread_join (g_steal_pointer (&self->thread));
      g_clear_pointer (&self->loop, g_main_loop_unref);
      return;
    }

  stop_in_context (self);
}
