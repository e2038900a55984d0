/* bourse-demo-broker.c — the demo paper-trading broker as an embeddable HTTP server
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SoupServer handler routes every request (docs/api-profile.md):
 * authentication, the REST endpoints backed by BourseMatchingEngine and
 * BoursePriceSimulator, the endless `/streaming` price stream and the
 * per-account entity streams, persistence and fault injection.
 *
 * Streams keep SoupServer's accumulation off (it is quadratic otherwise)
 * and stop generating while more than STREAM_MAX_PENDING bytes wait to be
 * written, so a slow client costs bounded memory.
 */
#include "config.h"

#include "bourse-demo-broker.h"
#include "bourse-matching-engine.h"
#include "bourse-price-simulator.h"
#include "bourse-server-error.h"
#include "bourse-server-json.h"

#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

#define TICK_INTERVAL_MS       100
#define STREAM_INTERVAL_MS     20
#define STREAM_MAX_PENDING     (1024 * 1024)
#define STREAM_IDLE_US         (5 * G_USEC_PER_SEC)
#define STATE_STREAM_PERIOD_US (G_USEC_PER_SEC)
#define DEFAULT_TOKEN_TTL      (24 * 3600)
#define DEFAULT_RATE_PER_SYMBOL 20.0
#define MAX_RATE               1000000.0
#define DEPTH_LEVELS           10
#define OAUTH_CLIENT_ID        "bourse"
#define OAUTH_CLIENT_SECRET    "demo-secret"

typedef struct
{
  const char *login;
  const char *password;
  const char *account_ids[3];
} DemoUser;

typedef struct
{
  const char *id;
  const char *name;
  const char *currency;
  const char *currency_sign;
  double      balance;
} DemoAccount;

static const DemoUser demo_users[] = {
  { "demo", "demo", { "D1", "D2", NULL } },
  { "trader", "trader", { "T1", NULL, NULL } },
};

static const DemoAccount demo_accounts[] = {
  { "D1", "Demo USD", "USD", "$", 100000 },
  { "D2", "Demo EUR", "EUR", "€", 25000 },
  { "T1", "Trader USD", "USD", "$", 50000 },
};

typedef struct
{
  char   *login;
  gint64  issued_us;        /* UNIX µs; it expires token_lifetime() later, as set now */
  char   *replaces;         /* OAuth refresh: the token revoked when this one is first used */
} Token;

typedef struct
{
  char *login;
  char *redirect_uri;
  gint64 expires;
} OAuthCode;

typedef enum
{
  FAULT_DROP_STREAM_EVERY,
  FAULT_LATENCY_MS,
  FAULT_HTTP500_FRACTION,
  FAULT_MALFORMED_FRACTION,
  FAULT_SPLIT_FRACTION,
  FAULT_TOKEN_TTL,
  N_FAULTS
} Fault;

typedef enum
{
  STREAM_PRICES,
  STREAM_ORDERS,
  STREAM_POSITIONS,
  STREAM_EXECUTIONS,
  STREAM_STATE,
} StreamKind;

static const char * const stream_kind_names[] = { "prices", "orders", "positions", "executions", "state" };

typedef struct
{
  BourseDemoBroker  *broker;    /* borrowed: the broker outlives its streams */
  SoupServerMessage *msg;       /* owned */
  StreamKind         kind;
  char              *account_id;
  guint             *symbols;
  guint              n_symbols;
  double             rate;      /* messages per second (prices) */
  gboolean           depth;
  double             credit;    /* messages owed to the rate */
  guint              cursor;
  gint64            *last_daily_us;
  gint64            *last_depth_us;
  gint64             last_write_us;
  gint64             last_state_us;
  gint64             last_drain_us;
  guint64            appended;
  guint64            written;
  char              *last_state;
  GHashTable        *last_positions;  /* position id → JSON last sent */
  gulong             handler_ids[3];
  gboolean           closed;
} Stream;

struct _BourseDemoBroker
{
  GObject parent_instance;

  /* construction */
  guint64               seed;
  char                 *state_file;

  /* faults (0 = off), indexed by Fault */
  double                faults[N_FAULTS];
  GRand                *fault_rand;

  /* running */
  SoupServer           *server;
  BoursePriceSimulator *simulator;
  BourseMatchingEngine *engine;
  GHashTable           *tokens;          /* access token → Token* */
  GHashTable           *codes;           /* OAuth code → OAuthCode* */
  GHashTable           *refresh_tokens;  /* refresh token → access token (char*) */
  GPtrArray            *streams;         /* Stream* */
  gint                  stream_count;    /* streams->len, atomic: read from other threads */
  GMainContext         *context;
  GSource              *stream_timer;
  GSource              *drop_timer;
  char                 *uri;
  guint                 port;
  guint64               token_counter;
  guint                 state_dirty : 1;
  guint                 running : 1;

  /* thread mode */
  GThread              *thread;
  GMainLoop            *loop;
  GMutex                mutex;
  GCond                 cond;
  gboolean              thread_ready;
  GError               *thread_error;
  char                 *thread_address;
  guint                 thread_port;
};

G_DEFINE_FINAL_TYPE (BourseDemoBroker, bourse_demo_broker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEED,
  PROP_STATE_FILE,
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

/* Fault names as flags and /_faults fields, in property order. */
static const char * const fault_names[N_FAULTS] = {
  "drop-stream-every", "latency-ms", "http500-fraction",
  "malformed-fraction", "split-fraction", "token-ttl",
};

static void stream_close (Stream *stream, gboolean end_body);
static void reschedule_drop_timer (BourseDemoBroker *self);

/* ---------------------------------------------------------------- helpers */

static void
token_free (gpointer data)
{
  Token *token = data;

  g_free (token->login);
  g_free (token->replaces);
  g_free (token);
}

static void
oauth_code_free (gpointer data)
{
  OAuthCode *code = data;

  g_free (code->login);
  g_free (code->redirect_uri);
  g_free (code);
}

static const DemoUser *
find_user (const char *login)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_users); i++)
    if (g_strcmp0 (demo_users[i].login, login) == 0)
      return &demo_users[i];
  return NULL;
}

static const DemoAccount *
find_demo_account (const char *account_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_accounts); i++)
    if (g_strcmp0 (demo_accounts[i].id, account_id) == 0)
      return &demo_accounts[i];
  return NULL;
}

static gboolean
user_owns_account (const DemoUser *user,
                   const char     *account_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (user->account_ids) && user->account_ids[i]; i++)
    if (g_str_equal (user->account_ids[i], account_id))
      return TRUE;
  return FALSE;
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
add_cors (SoupServerMessage *msg)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  const char *origin = soup_message_headers_get_one (request, "Origin");

  soup_message_headers_replace (response, "Access-Control-Allow-Origin", origin ? origin : "*");
  if (origin != NULL)
    soup_message_headers_replace (response, "Vary", "Origin");
}

static void
respond_text (SoupServerMessage *msg,
              guint              status,
              char              *json)   /* transfer full */
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, json, strlen (json));
}

static void
respond_node (SoupServerMessage *msg,
              guint              status,
              JsonNode          *node)
{
  respond_text (msg, status, bourse_server_json_to_string (node));
}

static void
respond_ok (SoupServerMessage *msg,
            JsonNode          *data)   /* nullable, transfer full */
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "s");
  json_builder_add_string_value (builder, "ok");
  if (data != NULL)
    {
      json_builder_set_member_name (builder, "d");
      json_builder_add_value (builder, data);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  respond_node (msg, SOUP_STATUS_OK, root);
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *errmsg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "s");
  json_builder_add_string_value (builder, "error");
  json_builder_set_member_name (builder, "errmsg");
  json_builder_add_string_value (builder, errmsg);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  respond_node (msg, status, root);
}

/* Business errors are HTTP 200 with s:error; only auth failures are 401. */
static void
respond_gerror (SoupServerMessage *msg,
                const GError      *error)
{
  guint status = SOUP_STATUS_OK;

  if (g_error_matches (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_UNAUTHORIZED))
    status = SOUP_STATUS_UNAUTHORIZED;
  respond_error (msg, status, error->message);
}

static void
respond_oauth_error (SoupServerMessage *msg,
                     const char        *code,
                     const char        *description)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "error_description");
  json_builder_add_string_value (builder, description);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  respond_node (msg, SOUP_STATUS_BAD_REQUEST, root);
}

static char *
new_secret (BourseDemoBroker *self,
            const char       *prefix)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT "-%s", prefix, ++self->token_counter, uuid);
}

static double
token_lifetime (BourseDemoBroker *self)
{
  return self->faults[FAULT_TOKEN_TTL] > 0 ? self->faults[FAULT_TOKEN_TTL] : DEFAULT_TOKEN_TTL;
}

/* When (UNIX µs) a token expires: the token-ttl fault applies to tokens already issued too. */
static gint64
token_expires (BourseDemoBroker *self,
               const Token      *token)
{
  return token->issued_us + (gint64) (token_lifetime (self) * G_USEC_PER_SEC);
}

static char *
issue_token (BourseDemoBroker *self,
             const char       *login,
             const char       *replaces)
{
  Token *token = g_new0 (Token, 1);
  char *secret = new_secret (self, "at");
  gint64 now = g_get_real_time ();
  GHashTableIter iter;
  gpointer value;

  /* forget expired tokens so that a login loop cannot grow the table for ever */
  g_hash_table_iter_init (&iter, self->tokens);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (token_expires (self, value) <= now)
      g_hash_table_iter_remove (&iter);

  token->login = g_strdup (login);
  token->issued_us = now;
  token->replaces = g_strdup (replaces);
  g_hash_table_insert (self->tokens, g_strdup (secret), token);

  return secret;
}

/* The user behind the request's bearer token, or NULL with an UNAUTHORIZED error. */
static const DemoUser *
authenticate (BourseDemoBroker  *self,
              SoupServerMessage *msg,
              GError           **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *secret;
  Token *token;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_UNAUTHORIZED,
                   "Authorization required: send 'Authorization: Bearer <token>'");
      return NULL;
    }

  secret = authorization + 7;
  while (*secret == ' ')
    secret++;
  token = g_hash_table_lookup (self->tokens, secret);
  if (token == NULL)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_UNAUTHORIZED,
                   "Unknown or revoked access token");
      return NULL;
    }

  if (g_get_real_time () >= token_expires (self, token))
    {
      g_hash_table_remove (self->tokens, secret);
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_UNAUTHORIZED, "Access token expired");
      return NULL;
    }

  /* OAuth refresh: the previous token stays valid until this one is first used */
  if (token->replaces != NULL)
    {
      g_hash_table_remove (self->tokens, token->replaces);
      g_clear_pointer (&token->replaces, g_free);
    }

  return find_user (token->login);
}

static gboolean
parse_uint_param (GHashTable  *params,
                  const char  *key,
                  guint64      max,
                  guint64     *value,
                  GError     **error)
{
  const char *text = params ? g_hash_table_lookup (params, key) : NULL;

  *value = 0;
  if (text == NULL || *text == '\0')
    return TRUE;

  if (!g_ascii_string_to_unsigned (text, 10, 0, max, value, NULL))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "Parameter '%s' must be a whole number, not '%s'", key, text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_int_param (GHashTable  *params,
                 const char  *key,
                 gint64      *value,
                 GError     **error)
{
  const char *text = params ? g_hash_table_lookup (params, key) : NULL;

  if (text == NULL || *text == '\0')
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "Missing parameter '%s'", key);
      return FALSE;
    }

  if (!g_ascii_string_to_signed (text, 10, G_MININT64 / 2, G_MAXINT64 / 2, value, NULL))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "Parameter '%s' must be a UNIX time in seconds, not '%s'", key, text);
      return FALSE;
    }
  return TRUE;
}

/* ----------------------------------------------------------- persistence */

static gboolean
save_state (BourseDemoBroker  *self,
            GError           **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;

  if (self->state_file == NULL)
    {
      self->state_dirty = FALSE;
      return TRUE;
    }

  node = bourse_matching_engine_serialize (self->engine);
  data = bourse_server_json_to_string (node);
  /* CONSISTENT: temp file + rename; DURABLE: fsync, so an acknowledged request survives kill -9 */
  if (!g_file_set_contents_full (self->state_file, data, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
                   "Cannot write the state file: %s", local_error->message);
      return FALSE;
    }

  self->state_dirty = FALSE;
  return TRUE;
}

static void
save_if_dirty (BourseDemoBroker *self)
{
  g_autoptr(GError) error = NULL;

  if (self->state_dirty && !save_state (self, &error))
    g_critical ("%s", error->message);
}

static gboolean
load_state (BourseDemoBroker  *self,
            GError           **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  if (self->state_file == NULL)
    return TRUE;

  if (!g_file_get_contents (self->state_file, &data, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
                   "Cannot read the state file: %s", local_error->message);
      return FALSE;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error) ||
      json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
                   "The state file %s is not valid JSON: %s", self->state_file,
                   local_error ? local_error->message : "empty");
      return FALSE;
    }

  return bourse_matching_engine_restore (self->engine, json_parser_get_root (parser), error);
}

/* -------------------------------------------------------------- streams */

static void
stream_free (Stream *stream)
{
  g_free (stream->account_id);
  g_free (stream->symbols);
  g_free (stream->last_daily_us);
  g_free (stream->last_depth_us);
  g_free (stream->last_state);
  g_clear_pointer (&stream->last_positions, g_hash_table_unref);
  g_clear_object (&stream->msg);
  g_free (stream);
}

static void
stream_write (Stream     *stream,
              const char *data,
              gsize       length)
{
  SoupMessageBody *body;

  if (stream->closed || length == 0)
    return;

  body = soup_server_message_get_response_body (stream->msg);
  soup_message_body_append (body, SOUP_MEMORY_COPY, data, length);
  stream->appended += length;
  stream->last_write_us = g_get_monotonic_time ();
  soup_server_message_unpause (stream->msg);
}

/* Writes complete lines, honouring the malformed/split faults. */
static void
stream_write_lines (Stream  *stream,
                    GString *lines)
{
  BourseDemoBroker *self = stream->broker;

  if (self->faults[FAULT_MALFORMED_FRACTION] <= 0 && self->faults[FAULT_SPLIT_FRACTION] <= 0)
    {
      stream_write (stream, lines->str, lines->len);
      return;
    }

  {
    g_autoptr(GString) out = g_string_sized_new (lines->len);
    const char *line = lines->str;

    while (*line != '\0')
      {
        const char *end = strchr (line, '\n');
        gsize length = end ? (gsize) (end - line) + 1 : strlen (line);

        if (self->faults[FAULT_MALFORMED_FRACTION] > 0 && length > 4 &&
            g_rand_double (self->fault_rand) < self->faults[FAULT_MALFORMED_FRACTION])
          {
            /* a truncated JSON object, still newline-terminated */
            g_string_append_len (out, line, (gssize) length / 2);
            g_string_append_c (out, '\n');
          }
        else if (self->faults[FAULT_SPLIT_FRACTION] > 0 && length > 2 &&
                 g_rand_double (self->fault_rand) < self->faults[FAULT_SPLIT_FRACTION])
          {
            gsize cut = 1 + g_rand_int_range (self->fault_rand, 0, (gint32) length - 1);

            /* the first part ends a chunk, the rest starts the next one */
            g_string_append_len (out, line, (gssize) cut);
            stream_write (stream, out->str, out->len);
            g_string_truncate (out, 0);
            g_string_append_len (out, line + cut, (gssize) (length - cut));
          }
        else
          g_string_append_len (out, line, (gssize) length);

        line += length;
      }

    stream_write (stream, out->str, out->len);
  }
}

static void
stream_write_node (Stream   *stream,
                   JsonNode *node)
{
  g_autofree char *text = bourse_server_json_to_string (node);
  g_autoptr(GString) line = g_string_new (text);

  g_string_append_c (line, '\n');
  stream_write_lines (stream, line);
}

/* A copy to iterate over: writing may close (not free) streams. */
static GPtrArray *
snapshot_streams (BourseDemoBroker *self)
{
  GPtrArray *copy = g_ptr_array_sized_new (self->streams->len);

  /* not g_ptr_array_copy(): it would copy the free function too */
  g_ptr_array_extend (copy, self->streams, NULL, NULL);
  return copy;
}

static gboolean
stream_free_cb (gpointer user_data)
{
  return G_SOURCE_REMOVE;
}

static void
stream_finished_cb (SoupServerMessage *msg,
                    Stream            *stream)
{
  stream_close (stream, FALSE);
}

static void
stream_wrote_body_data_cb (SoupServerMessage *msg,
                           guint              chunk_size,
                           Stream            *stream)
{
  stream->written += chunk_size;
}

static void
stream_close (Stream   *stream,
              gboolean  end_body)
{
  BourseDemoBroker *self = stream->broker;

  if (stream->closed)
    return;
  stream->closed = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (stream->handler_ids); i++)
    g_clear_signal_handler (&stream->handler_ids[i], stream->msg);

  if (end_body)
    {
      /* ends the chunked body: the client sees the stream end and reconnects */
      soup_message_body_complete (soup_server_message_get_response_body (stream->msg));
      soup_server_message_unpause (stream->msg);
    }

  /* freed from an idle: callers up the stack may still look at `closed` */
  if (g_ptr_array_remove_fast (self->streams, stream))
    {
      g_atomic_int_set (&self->stream_count, (gint) self->streams->len);
      GSource *source = g_idle_source_new ();

      g_source_set_callback (source, stream_free_cb, stream, (GDestroyNotify) stream_free);
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

static void
format_price (GString                    *out,
              const BourseInstrumentSpec *spec,
              double                      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, bourse_instrument_spec_format (spec, buffer, sizeof buffer, value));
}

static void
format_number (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer, value));
}

/* Appends the next message(s) for one symbol; returns how many. */
static guint
append_price_messages (BourseDemoBroker *self,
                       Stream           *stream,
                       guint             slot,
                       gint64            now_us,
                       gboolean          trade,
                       GString          *out)
{
  guint index = stream->symbols[slot];
  const BourseInstrumentSpec *spec = &bourse_instrument_spec_get_all (NULL)[index];
  BourseQuoteSnapshot quote;
  gboolean daily = now_us - stream->last_daily_us[slot] >= G_USEC_PER_SEC;
  guint count = 1;

  bourse_price_simulator_quote_at (self->simulator, index, now_us, daily, &quote);

  if (trade)
    {
      g_string_append_printf (out, "{\"f\":\"t\",\"id\":\"%s\",\"p\":", spec->name);
      format_price (out, spec, quote.last);
      g_string_append (out, ",\"s\":");
      format_number (out, quote.trade_size);
      g_string_append_printf (out, ",\"t\":%" G_GINT64_FORMAT "}\n", quote.time);
    }
  else
    {
      g_string_append_printf (out, "{\"f\":\"q\",\"id\":\"%s\",\"t\":%" G_GINT64_FORMAT ",\"ap\":",
                              spec->name, quote.time);
      format_price (out, spec, quote.ask);
      g_string_append (out, ",\"as\":");
      format_number (out, quote.ask_size);
      g_string_append (out, ",\"bp\":");
      format_price (out, spec, quote.bid);
      g_string_append (out, ",\"bs\":");
      format_number (out, quote.bid_size);
      g_string_append (out, "}\n");
    }

  if (daily)
    {
      stream->last_daily_us[slot] = now_us;
      g_string_append_printf (out, "{\"f\":\"d\",\"id\":\"%s\",\"o\":", spec->name);
      format_price (out, spec, quote.open);
      g_string_append (out, ",\"h\":");
      format_price (out, spec, quote.high);
      g_string_append (out, ",\"l\":");
      format_price (out, spec, quote.low);
      g_string_append (out, ",\"c\":");
      format_price (out, spec, quote.last);
      g_string_append (out, ",\"v\":");
      format_number (out, round (quote.volume * 1e8) / 1e8);
      g_string_append_printf (out, ",\"t\":%" G_GINT64_FORMAT "}\n", quote.day);
      count++;
    }

  if (stream->depth && now_us - stream->last_depth_us[slot] >= G_USEC_PER_SEC / 4)
    {
      double bp[DEPTH_LEVELS], bs[DEPTH_LEVELS], ap[DEPTH_LEVELS], as[DEPTH_LEVELS];

      stream->last_depth_us[slot] = now_us;
      bourse_price_simulator_get_depth (self->simulator, index, now_us, DEPTH_LEVELS, bp, bs, ap, as);
      g_string_append_printf (out, "{\"f\":\"dp\",\"id\":\"%s\",\"t\":%" G_GINT64_FORMAT ",\"bids\":[",
                              spec->name, quote.time);
      for (guint i = 0; i < DEPTH_LEVELS; i++)
        {
          g_string_append (out, i ? ",[" : "[");
          format_price (out, spec, bp[i]);
          g_string_append_c (out, ',');
          format_number (out, bs[i]);
          g_string_append_c (out, ']');
        }
      g_string_append (out, "],\"asks\":[");
      for (guint i = 0; i < DEPTH_LEVELS; i++)
        {
          g_string_append (out, i ? ",[" : "[");
          format_price (out, spec, ap[i]);
          g_string_append_c (out, ',');
          format_number (out, as[i]);
          g_string_append_c (out, ']');
        }
      g_string_append (out, "]}\n");
      count++;
    }

  return count;
}

static void
pump_price_stream (BourseDemoBroker *self,
                   Stream           *stream,
                   gint64            now_us)
{
  g_autoptr(GString) out = NULL;
  double elapsed = (now_us - stream->last_drain_us) / (double) G_USEC_PER_SEC;
  guint budget;

  stream->last_drain_us = now_us;
  stream->credit = MIN (stream->credit + stream->rate * elapsed, stream->rate * 0.25 + 1);

  /* a client that does not keep up gets fewer, fresher messages, not a growing backlog */
  if (stream->appended - stream->written > STREAM_MAX_PENDING)
    {
      stream->credit = 0;
      return;
    }

  budget = (guint) stream->credit;
  if (budget == 0)
    {
      if (g_get_monotonic_time () - stream->last_write_us >= STREAM_IDLE_US)
        stream_write (stream, "\n", 1);
      return;
    }

  out = g_string_sized_new (budget * 96);
  for (guint sent = 0; sent < budget;)
    {
      guint slot = (stream->cursor / 2) % stream->n_symbols;
      gboolean trade = stream->cursor % 2 == 1;

      sent += append_price_messages (self, stream, slot, now_us, trade, out);
      stream->cursor++;
    }
  stream->credit -= budget;

  stream_write_lines (stream, out);
}

/* Remembers what a positions stream last sent of a position; FALSE if it was the same. */
static gboolean
remember_position (Stream   *stream,
                   JsonNode *position,
                   char     *text)   /* transfer full */
{
  const char *id = json_object_get_string_member (json_node_get_object (position), "id");
  double qty = json_object_get_double_member (json_node_get_object (position), "qty");

  if (g_strcmp0 (g_hash_table_lookup (stream->last_positions, id), text) == 0)
    {
      g_free (text);
      return FALSE;
    }
  if (qty == 0)
    {
      g_hash_table_remove (stream->last_positions, id);
      g_free (text);
    }
  else
    g_hash_table_insert (stream->last_positions, g_strdup (id), text);
  return TRUE;
}

static void
pump_entity_stream (BourseDemoBroker *self,
                    Stream           *stream,
                    gint64            now_us)
{
  if (stream->kind == STREAM_POSITIONS && now_us - stream->last_state_us >= STATE_STREAM_PERIOD_US)
    {
      g_autoptr(JsonNode) positions = bourse_matching_engine_dup_positions (self->engine, stream->account_id, NULL);
      JsonArray *array = json_node_get_array (positions);

      stream->last_state_us = now_us;
      /* unrealized P&L moves with prices: resend a position whenever it differs */
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *position = json_array_get_element (array, i);

          if (remember_position (stream, position, bourse_server_json_to_string (position)))
            stream_write_node (stream, position);
        }
    }

  if (stream->kind == STREAM_STATE && now_us - stream->last_state_us >= STATE_STREAM_PERIOD_US)
    {
      g_autoptr(JsonNode) state = bourse_matching_engine_dup_state (self->engine, stream->account_id, NULL);
      g_autofree char *text = bourse_server_json_to_string (state);

      stream->last_state_us = now_us;
      /* P&L moves with prices: send the state whenever it differs from the last one sent */
      if (g_strcmp0 (text, stream->last_state) != 0)
        {
          g_autoptr(GString) line = g_string_new (text);

          g_free (stream->last_state);
          stream->last_state = g_steal_pointer (&text);
          g_string_append_c (line, '\n');
          stream_write_lines (stream, line);
          return;
        }
    }

  if (now_us - stream->last_write_us >= STREAM_IDLE_US)
    stream_write (stream, "{\"s\":\"ping\"}\n", 13);
}

static gboolean
stream_timer_cb (gpointer user_data)
{
  BourseDemoBroker *self = user_data;
  gint64 now_us = g_get_real_time ();
  gint64 mono = g_get_monotonic_time ();
  g_autoptr(GPtrArray) streams = snapshot_streams (self);

  for (guint i = 0; i < streams->len; i++)
    {
      Stream *stream = g_ptr_array_index (streams, i);

      if (stream->closed)
        continue;
      if (stream->kind == STREAM_PRICES)
        pump_price_stream (self, stream, now_us);
      else
        pump_entity_stream (self, stream, mono);
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
drop_timer_cb (gpointer user_data)
{
  BourseDemoBroker *self = user_data;

  g_debug ("Fault injection: dropping %u streams", self->streams->len);
  while (self->streams->len > 0)
    {
      Stream *stream = g_ptr_array_index (self->streams, 0);

      /* half a line first, so the client also sees a torn message */
      if (stream->kind == STREAM_PRICES)
        stream_write (stream, "{\"f\":\"q\",\"id\":", 14);
      stream_close (stream, TRUE);
    }

  return G_SOURCE_CONTINUE;
}

static void
reschedule_drop_timer (BourseDemoBroker *self)
{
  if (self->drop_timer != NULL)
    {
      g_source_destroy (self->drop_timer);
      g_clear_pointer (&self->drop_timer, g_source_unref);
    }

  if (self->faults[FAULT_DROP_STREAM_EVERY] > 0 && self->context != NULL)
    {
      self->drop_timer = g_timeout_source_new ((guint) (self->faults[FAULT_DROP_STREAM_EVERY] * 1000));
      g_source_set_callback (self->drop_timer, drop_timer_cb, self, NULL);
      g_source_set_name (self->drop_timer, "[bourse] drop streams");
      g_source_attach (self->drop_timer, self->context);
    }
}

static Stream *
stream_new (BourseDemoBroker  *self,
            SoupServerMessage *msg,
            StreamKind         kind)
{
  Stream *stream = g_new0 (Stream, 1);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  stream->broker = self;
  stream->msg = g_object_ref (msg);
  stream->kind = kind;
  stream->last_write_us = g_get_monotonic_time ();
  stream->last_drain_us = g_get_real_time ();

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, "application/x-ndjson", NULL);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  /* platform notes: an endless body that accumulates is quadratic */
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);

  stream->handler_ids[0] = g_signal_connect (msg, "finished", G_CALLBACK (stream_finished_cb), stream);
  stream->handler_ids[1] = g_signal_connect (msg, "disconnected", G_CALLBACK (stream_finished_cb), stream);
  stream->handler_ids[2] = g_signal_connect (msg, "wrote-body-data", G_CALLBACK (stream_wrote_body_data_cb), stream);
  g_ptr_array_add (self->streams, stream);
  g_atomic_int_set (&self->stream_count, (gint) self->streams->len);

  return stream;
}

static void
engine_entity_changed_cb (BourseMatchingEngine *engine,
                          const char           *account_id,
                          const char           *kind,
                          JsonNode             *entity,
                          BourseDemoBroker     *self)
{
  g_autoptr(GPtrArray) streams = snapshot_streams (self);

  self->state_dirty = TRUE;

  for (guint i = 0; i < streams->len; i++)
    {
      Stream *stream = g_ptr_array_index (streams, i);

      if (stream->closed || stream->kind == STREAM_PRICES ||
          g_strcmp0 (stream->account_id, account_id) != 0 ||
          !g_str_equal (stream_kind_names[stream->kind], kind))
        continue;

      if (stream->kind == STREAM_STATE)
        {
          g_autofree char *text = bourse_server_json_to_string (entity);

          if (g_strcmp0 (text, stream->last_state) == 0)
            continue;
          g_free (stream->last_state);
          stream->last_state = g_strdup (text);
          stream->last_state_us = g_get_monotonic_time ();
        }
      else if (stream->kind == STREAM_POSITIONS)
        remember_position (stream, entity, bourse_server_json_to_string (entity));
      stream_write_node (stream, entity);
    }
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

/* ------------------------------------------------------------- endpoints */

static JsonNode *
account_flags (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  static const struct { const char *name; gboolean value; } flags[] = {
    { "supportOrderBrackets", TRUE },
    { "supportMarketBrackets", TRUE },
    { "supportPositionBrackets", TRUE },
    { "supportPositions", TRUE },
    { "supportMultiposition", FALSE },
    { "supportPositionNetting", TRUE },
    { "supportClosePosition", TRUE },
    { "supportPartialClosePosition", TRUE },
    { "supportReversePosition", TRUE },
    { "supportNativeReversePosition", TRUE },
    { "supportMarketOrders", TRUE },
    { "supportLimitOrders", TRUE },
    { "supportStopOrders", TRUE },
    { "supportStopLimitOrders", TRUE },
    { "supportTrailingStop", FALSE },
    { "supportStopOrdersInBothDirections", FALSE },
    { "supportPartialOrderExecution", FALSE },
    { "supportModifyOrderPrice", TRUE },
    { "supportEditAmount", TRUE },
    { "supportModifyBrackets", TRUE },
    { "supportModifyDuration", FALSE },
    { "supportDigitalSignature", FALSE },
    { "supportPlaceOrderPreview", FALSE },
    { "supportModifyOrderPreview", FALSE },
    { "showQuantityInsteadOfAmount", TRUE },
    { "supportBalances", FALSE },
    { "supportOrdersHistory", TRUE },
    { "supportExecutions", TRUE },
    { "supportLeverage", FALSE },
    { "supportDOM", TRUE },
    { "supportLevel2Data", TRUE },
    { "supportPLUpdate", TRUE },
    { "supportLogout", TRUE },
    { "supportCustomAccountSummaryRow", TRUE },
  };

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      json_builder_set_member_name (builder, flags[i].name);
      json_builder_add_boolean_value (builder, flags[i].value);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
handle_config (BourseDemoBroker  *self,
               SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) flags = account_flags ();
  static const char * const pulling[][2] = {
    { "quotes", "500" }, { "orders", "500" }, { "positions", "1000" },
    { "accountManager", "1000" }, { "balances", "1000" },
  };
  static const char * const streams[] = { "prices", "orders", "positions", "executions", "state" };
  g_autoptr(GList) members = json_object_get_members (json_node_get_object (flags));

  json_builder_begin_object (builder);
  for (GList *l = members; l != NULL; l = l->next)
    {
      json_builder_set_member_name (builder, l->data);
      json_builder_add_value (builder, json_node_copy (json_object_get_member (json_node_get_object (flags), l->data)));
    }
  json_builder_set_member_name (builder, "accountManager");
  json_builder_add_value (builder, bourse_matching_engine_dup_account_manager_config ());
  json_builder_set_member_name (builder, "accountSummaryRow");
  json_builder_add_value (builder, bourse_matching_engine_dup_summary_row_config ());
  json_builder_set_member_name (builder, "durations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const ids[] = { "DAY", "GTC", "GTT" };
      static const char * const titles[] = { "Day", "Good Till Cancelled", "Good Till Time" };

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, ids[i]);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, titles[i]);
      if (i == 0)
        {
          json_builder_set_member_name (builder, "default");
          json_builder_add_boolean_value (builder, TRUE);
        }
      if (i == 2)
        {
          json_builder_set_member_name (builder, "hasDatePicker");
          json_builder_add_boolean_value (builder, TRUE);
          json_builder_set_member_name (builder, "hasTimePicker");
          json_builder_add_boolean_value (builder, TRUE);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "pullingInterval");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (pulling); i++)
    {
      json_builder_set_member_name (builder, pulling[i][0]);
      json_builder_add_int_value (builder, g_ascii_strtoll (pulling[i][1], NULL, 10));
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "streaming");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (streams); i++)
    {
      json_builder_set_member_name (builder, streams[i]);
      json_builder_add_boolean_value (builder, TRUE);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  respond_ok (msg, json_builder_get_root (builder));
}

static void
handle_accounts (BourseDemoBroker  *self,
                 SoupServerMessage *msg,
                 const DemoUser    *user)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (user->account_ids) && user->account_ids[i]; i++)
    {
      const DemoAccount *account = find_demo_account (user->account_ids[i]);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, account->id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, account->name);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "demo");
      json_builder_set_member_name (builder, "currency");
      json_builder_add_string_value (builder, account->currency);
      json_builder_set_member_name (builder, "currencySign");
      json_builder_add_string_value (builder, account->currency_sign);
      json_builder_set_member_name (builder, "config");
      json_builder_add_value (builder, account_flags ());
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  respond_ok (msg, json_builder_get_root (builder));
}

static void
handle_authorize (BourseDemoBroker  *self,
                  SoupServerMessage *msg,
                  GHashTable        *form)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  const char *login = g_hash_table_lookup (form, "login");
  const char *password = g_hash_table_lookup (form, "password");
  const DemoUser *user = find_user (login);
  g_autofree char *secret = NULL;
  Token *token;

  if (login == NULL || password == NULL)
    {
      respond_error (msg, SOUP_STATUS_OK, "Missing field 'login' or 'password'");
      return;
    }
  if (user == NULL || !g_str_equal (user->password, password))
    {
      respond_error (msg, SOUP_STATUS_OK, "Invalid login or password");
      return;
    }

  secret = issue_token (self, user->login, NULL);
  token = g_hash_table_lookup (self->tokens, secret);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "access_token");
  json_builder_add_string_value (builder, secret);
  json_builder_set_member_name (builder, "expiration");
  json_builder_add_int_value (builder, token_expires (self, token) / G_USEC_PER_SEC);
  json_builder_end_object (builder);
  respond_ok (msg, json_builder_get_root (builder));
}

static void
handle_oauth_authorize (BourseDemoBroker  *self,
                        SoupServerMessage *msg,
                        GHashTable        *query)
{
  const char *response_type = query ? g_hash_table_lookup (query, "response_type") : NULL;
  const char *client_id = query ? g_hash_table_lookup (query, "client_id") : NULL;
  const char *redirect_uri = query ? g_hash_table_lookup (query, "redirect_uri") : NULL;
  const char *state = query ? g_hash_table_lookup (query, "state") : NULL;
  const char *login = query ? g_hash_table_lookup (query, "login") : NULL;
  const char *password = query ? g_hash_table_lookup (query, "password") : NULL;
  const DemoUser *user = find_user (login);
  g_autoptr(GUri) redirect = NULL;
  g_autoptr(GString) location = NULL;
  g_autofree char *code = NULL;
  g_autofree char *escaped_code = NULL;
  OAuthCode *entry;

  if (g_strcmp0 (response_type, "code") != 0)
    {
      respond_oauth_error (msg, "unsupported_response_type", "response_type must be 'code'");
      return;
    }
  if (g_strcmp0 (client_id, OAUTH_CLIENT_ID) != 0)
    {
      respond_oauth_error (msg, "unauthorized_client", "Unknown client_id");
      return;
    }
  if (redirect_uri == NULL || !(redirect = g_uri_parse (redirect_uri, G_URI_FLAGS_NONE, NULL)))
    {
      respond_oauth_error (msg, "invalid_request", "redirect_uri is missing or not an absolute URI");
      return;
    }
  if (user == NULL || g_strcmp0 (user->password, password) != 0)
    {
      respond_oauth_error (msg, "access_denied", "Invalid login or password");
      return;
    }

  code = new_secret (self, "code");
  entry = g_new0 (OAuthCode, 1);
  entry->login = g_strdup (user->login);
  entry->redirect_uri = g_strdup (redirect_uri);
  entry->expires = now_seconds () + 120;
  g_hash_table_insert (self->codes, g_strdup (code), entry);

  location = g_string_new (redirect_uri);
  escaped_code = g_uri_escape_string (code, NULL, FALSE);
  g_string_append_c (location, strchr (redirect_uri, '?') ? '&' : '?');
  g_string_append_printf (location, "code=%s", escaped_code);
  if (state != NULL)
    {
      g_autofree char *escaped_state = g_uri_escape_string (state, NULL, FALSE);

      g_string_append_printf (location, "&state=%s", escaped_state);
    }

  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location->str);
}

static void
respond_oauth_tokens (BourseDemoBroker  *self,
                      SoupServerMessage *msg,
                      const char        *login,
                      const char        *replaces)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *access = issue_token (self, login, replaces);
  char *refresh = new_secret (self, "rt");

  g_hash_table_insert (self->refresh_tokens, refresh, g_strdup (access));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token_type");
  json_builder_add_string_value (builder, "bearer");
  json_builder_set_member_name (builder, "access_token");
  json_builder_add_string_value (builder, access);
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, (gint64) ceil (token_lifetime (self)));
  json_builder_set_member_name (builder, "refresh_token");
  json_builder_add_string_value (builder, refresh);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  respond_node (msg, SOUP_STATUS_OK, root);
}

static void
handle_oauth_token (BourseDemoBroker  *self,
                    SoupServerMessage *msg,
                    GHashTable        *form)
{
  const char *grant_type = g_hash_table_lookup (form, "grant_type");
  const char *secret = g_hash_table_lookup (form, "client_secret");

  if (g_strcmp0 (secret, OAUTH_CLIENT_SECRET) != 0)
    {
      respond_oauth_error (msg, "invalid_client", "Unknown client or wrong client_secret");
      return;
    }

  if (g_strcmp0 (grant_type, "authorization_code") == 0)
    {
      const char *code = g_hash_table_lookup (form, "code");
      const char *redirect_uri = g_hash_table_lookup (form, "redirect_uri");
      OAuthCode *entry = code ? g_hash_table_lookup (self->codes, code) : NULL;
      g_autofree char *login = NULL;

      if (entry == NULL || entry->expires <= now_seconds ())
        {
          respond_oauth_error (msg, "invalid_grant", "Unknown or expired authorization code");
          return;
        }
      if (g_strcmp0 (redirect_uri, entry->redirect_uri) != 0)
        {
          respond_oauth_error (msg, "invalid_grant", "redirect_uri does not match the authorization request");
          return;
        }
      login = g_strdup (entry->login);
      /* codes are single use */
      g_hash_table_remove (self->codes, code);
      respond_oauth_tokens (self, msg, login, NULL);
    }
  else if (g_strcmp0 (grant_type, "refresh_token") == 0)
    {
      const char *refresh = g_hash_table_lookup (form, "refresh_token");
      g_autofree char *old_access = NULL;
      g_autofree char *used_refresh = NULL;
      Token *old;

      /* refresh tokens rotate: each is used once */
      if (refresh == NULL ||
          !g_hash_table_steal_extended (self->refresh_tokens, refresh, (gpointer *) &used_refresh, (gpointer *) &old_access))
        {
          respond_oauth_error (msg, "invalid_grant", "Unknown or used refresh token");
          return;
        }
      old = g_hash_table_lookup (self->tokens, old_access);
      if (old == NULL)
        {
          respond_oauth_error (msg, "invalid_grant", "The session of this refresh token ended");
          return;
        }
      {
        g_autofree char *login = g_strdup (old->login);

        respond_oauth_tokens (self, msg, login, old_access);
      }
    }
  else
    respond_oauth_error (msg, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
}

static void
handle_logout (BourseDemoBroker  *self,
               SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");

  if (authorization != NULL && strlen (authorization) > 7)
    g_hash_table_remove (self->tokens, authorization + 7);
  respond_ok (msg, NULL);
}

static void
handle_mapping (BourseDemoBroker  *self,
                SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  guint n_specs;
  const BourseInstrumentSpec *specs = bourse_instrument_spec_get_all (&n_specs);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "symbols");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_specs; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "s");
      json_builder_add_string_value (builder, specs[i].tradingview);
      json_builder_set_member_name (builder, "f");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, specs[i].name);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "brokerSymbol");
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  respond_node (msg, SOUP_STATUS_OK, root);
}

static void
handle_symbol_info (BourseDemoBroker  *self,
                    SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  guint n;
  const BourseInstrumentSpec *specs = bourse_instrument_spec_get_all (&n);
  static const char * const resolutions[] = { "1", "5", "15", "60", "1D", "1W" };
  static const char * const multipliers[] = { "1", "5", "15", "60" };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "s");
  json_builder_add_string_value (builder, "ok");

#define STRING_COLUMN(column, expr) \
  json_builder_set_member_name (builder, column); \
  json_builder_begin_array (builder); \
  for (guint i = 0; i < n; i++) json_builder_add_string_value (builder, (expr)); \
  json_builder_end_array (builder);

  STRING_COLUMN ("symbol", specs[i].name)
  STRING_COLUMN ("ticker", specs[i].name)
  STRING_COLUMN ("description", specs[i].description)
  STRING_COLUMN ("currency", specs[i].quote_currency)
  STRING_COLUMN ("exchange-listed", specs[i].exchange)
  STRING_COLUMN ("exchange-traded", specs[i].exchange)
  STRING_COLUMN ("type", specs[i].type)
#undef STRING_COLUMN

  json_builder_set_member_name (builder, "minmovement");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      double scale = pow (10, bourse_instrument_spec_decimals (&specs[i]));
      json_builder_add_int_value (builder, (gint64) llround (specs[i].min_tick * scale));
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "pricescale");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    json_builder_add_int_value (builder, (gint64) llround (pow (10, bourse_instrument_spec_decimals (&specs[i]))));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "pointvalue");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    json_builder_add_double_value (builder, specs[i].multiplier);
  json_builder_end_array (builder);

  /* scalars: equal for every symbol */
  json_builder_set_member_name (builder, "timezone");
  json_builder_add_string_value (builder, "Etc/UTC");
  json_builder_set_member_name (builder, "session-regular");
  json_builder_add_string_value (builder, "24x7");
  json_builder_set_member_name (builder, "has-intraday");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "has-daily");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "has-weekly-and-monthly");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "bar-source");
  json_builder_add_string_value (builder, "trade");
  json_builder_set_member_name (builder, "supported-resolutions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (resolutions); i++)
    json_builder_add_string_value (builder, resolutions[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "intraday-multipliers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (multipliers); i++)
    json_builder_add_string_value (builder, multipliers[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  respond_node (msg, SOUP_STATUS_OK, root);
}

static void
handle_quotes (BourseDemoBroker  *self,
               SoupServerMessage *msg,
               GHashTable        *query,
               const DemoUser    *user)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  const char *symbols = query ? g_hash_table_lookup (query, "symbols") : NULL;
  const char *account_id = query ? g_hash_table_lookup (query, "accountId") : NULL;
  g_auto(GStrv) names = NULL;

  if (symbols == NULL || *symbols == '\0')
    {
      respond_error (msg, SOUP_STATUS_OK, "Missing parameter 'symbols'");
      return;
    }

  names = g_strsplit (symbols, ",", -1);
  json_builder_begin_array (builder);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const BourseInstrumentSpec *spec;
      BourseQuoteSnapshot quote;
      guint index;

      g_strstrip (names[i]);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "n");
      json_builder_add_string_value (builder, names[i]);
      if (!(spec = bourse_instrument_spec_lookup (names[i], &index)))
        {
          g_autofree char *errmsg = g_strdup_printf ("Unknown symbol '%s'", names[i]);

          json_builder_set_member_name (builder, "s");
          json_builder_add_string_value (builder, "error");
          json_builder_set_member_name (builder, "errmsg");
          json_builder_add_string_value (builder, errmsg);
          json_builder_end_object (builder);
          continue;
        }

      bourse_price_simulator_get_quote (self->simulator, index, &quote);
      json_builder_set_member_name (builder, "s");
      json_builder_add_string_value (builder, "ok");
      json_builder_set_member_name (builder, "v");
      json_builder_begin_object (builder);
#define PRICE(member, value) \
      json_builder_set_member_name (builder, member); \
      json_builder_add_double_value (builder, bourse_instrument_spec_round (spec, (value)));
      PRICE ("lp", quote.last)
      PRICE ("ask", quote.ask)
      PRICE ("bid", quote.bid)
      PRICE ("spread", quote.ask - quote.bid)
      PRICE ("open_price", quote.open)
      PRICE ("high_price", quote.high)
      PRICE ("low_price", quote.low)
      PRICE ("prev_close_price", quote.prev_close)
      PRICE ("ch", quote.last - quote.prev_close)
#undef PRICE
      json_builder_set_member_name (builder, "chp");
      json_builder_add_double_value (builder, round ((quote.last - quote.prev_close) / quote.prev_close * 1e4) / 100);
      json_builder_set_member_name (builder, "volume");
      json_builder_add_double_value (builder, round (quote.volume * 1e8) / 1e8);
      json_builder_set_member_name (builder, "ask_size");
      json_builder_add_double_value (builder, quote.ask_size);
      json_builder_set_member_name (builder, "bid_size");
      json_builder_add_double_value (builder, quote.bid_size);
      json_builder_set_member_name (builder, "t");
      json_builder_add_int_value (builder, quote.time);
      if (account_id != NULL && user_owns_account (user, account_id))
        {
          /* pip values move with cross rates: current ones, in the account's currency */
          double pip_value = bourse_matching_engine_get_pip_value (self->engine, account_id, spec->name);

          json_builder_set_member_name (builder, "buyPipValue");
          json_builder_add_double_value (builder, pip_value);
          json_builder_set_member_name (builder, "sellPipValue");
          json_builder_add_double_value (builder, pip_value);
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  respond_ok (msg, json_builder_get_root (builder));
}

static void
handle_depth (BourseDemoBroker  *self,
              SoupServerMessage *msg,
              GHashTable        *query)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  const char *symbol = query ? g_hash_table_lookup (query, "symbol") : NULL;
  double bp[DEPTH_LEVELS], bs[DEPTH_LEVELS], ap[DEPTH_LEVELS], as[DEPTH_LEVELS];
  const BourseInstrumentSpec *spec;
  guint index;

  if (symbol == NULL || *symbol == '\0')
    {
      respond_error (msg, SOUP_STATUS_OK, "Missing parameter 'symbol'");
      return;
    }
  if (!(spec = bourse_instrument_spec_lookup (symbol, &index)))
    {
      g_autofree char *errmsg = g_strdup_printf ("Unknown symbol '%s'", symbol);

      respond_error (msg, SOUP_STATUS_OK, errmsg);
      return;
    }

  bourse_price_simulator_get_depth (self->simulator, index, bourse_price_simulator_get_time (self->simulator),
                                    DEPTH_LEVELS, bp, bs, ap, as);

  /* spec 1.3.27: both sides ascending by price */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "asks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < DEPTH_LEVELS; i++)
    {
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, ap[i]);
      json_builder_add_double_value (builder, as[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "bids");
  json_builder_begin_array (builder);
  for (guint i = DEPTH_LEVELS; i-- > 0;)
    {
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, bp[i]);
      json_builder_add_double_value (builder, bs[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  respond_ok (msg, json_builder_get_root (builder));
}

static void
append_column (GString                    *out,
               const char                 *name,
               const double               *values,
               gsize                       len,
               const BourseInstrumentSpec *spec)
{
  g_string_append_printf (out, ",\"%s\":[", name);
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      if (spec != NULL)
        format_price (out, spec, values[i]);
      else
        format_number (out, round (values[i] * 1e8) / 1e8);
    }
  g_string_append_c (out, ']');
}

static void
handle_history (BourseDemoBroker  *self,
                SoupServerMessage *msg,
                GHashTable        *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BourseBars) bars = NULL;
  g_autoptr(GString) out = NULL;
  const char *symbol = query ? g_hash_table_lookup (query, "symbol") : NULL;
  const char *resolution = query ? g_hash_table_lookup (query, "resolution") : NULL;
  const BourseInstrumentSpec *spec;
  gint64 seconds, from = 0, to = 0;
  guint64 countback = 0;
  gboolean no_data;
  guint index;

  if (symbol == NULL && query != NULL)
    symbol = g_hash_table_lookup (query, "ticker");
  if (symbol == NULL || *symbol == '\0')
    {
      respond_error (msg, SOUP_STATUS_OK, "Missing parameter 'symbol'");
      return;
    }
  if (!(spec = bourse_instrument_spec_lookup (symbol, &index)))
    {
      g_autofree char *errmsg = g_strdup_printf ("Unknown symbol '%s'", symbol);

      respond_error (msg, SOUP_STATUS_OK, errmsg);
      return;
    }
  if (!bourse_price_simulator_parse_resolution (resolution, &seconds))
    {
      g_autofree char *errmsg =
        g_strdup_printf ("Unsupported resolution '%s' (use 1, 5, 15, 60, 1D or 1W)", resolution ? resolution : "");

      respond_error (msg, SOUP_STATUS_OK, errmsg);
      return;
    }
  if (!parse_uint_param (query, "countback", 1000000, &countback, &error) ||
      (countback == 0 && !parse_int_param (query, "from", &from, &error)) ||
      !parse_int_param (query, "to", &to, &error))
    {
      respond_gerror (msg, error);
      return;
    }
  if (countback == 0 && from > to)
    {
      respond_error (msg, SOUP_STATUS_OK, "'from' is after 'to'");
      return;
    }

  bars = bourse_price_simulator_get_history (self->simulator, index, seconds, from, to,
                                             (guint) countback, &no_data);
  if (no_data)
    {
      respond_text (msg, SOUP_STATUS_OK, g_strdup ("{\"s\":\"no_data\"}"));
      return;
    }

  /* written by hand: prices at the instrument's precision, fast for 100k bars */
  out = g_string_sized_new (64 + bars->len * 64);
  g_string_append (out, "{\"s\":\"ok\",\"t\":[");
  for (gsize i = 0; i < bars->len; i++)
    g_string_append_printf (out, i ? ",%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT, bars->time[i]);
  g_string_append_c (out, ']');
  append_column (out, "o", bars->open, bars->len, spec);
  append_column (out, "h", bars->high, bars->len, spec);
  append_column (out, "l", bars->low, bars->len, spec);
  append_column (out, "c", bars->close, bars->len, spec);
  append_column (out, "v", bars->volume, bars->len, NULL);
  g_string_append_c (out, '}');

  respond_text (msg, SOUP_STATUS_OK, g_string_free (g_steal_pointer (&out), FALSE));
}

static void
handle_streaming (BourseDemoBroker  *self,
                  SoupServerMessage *msg,
                  GHashTable        *query)
{
  const char *symbols = query ? g_hash_table_lookup (query, "symbols") : NULL;
  const char *rate_text = query ? g_hash_table_lookup (query, "rate") : NULL;
  const char *depth = query ? g_hash_table_lookup (query, "depth") : NULL;
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
  double rate = 0;
  Stream *stream;
  guint n_specs;

  bourse_instrument_spec_get_all (&n_specs);
  if (symbols != NULL && *symbols != '\0')
    {
      g_auto(GStrv) names = g_strsplit (symbols, ",", -1);

      for (guint i = 0; names[i] != NULL; i++)
        {
          guint index;

          if (bourse_instrument_spec_lookup (g_strstrip (names[i]), &index) == NULL)
            {
              g_autofree char *errmsg = g_strdup_printf ("Unknown symbol '%s'", names[i]);

              respond_error (msg, SOUP_STATUS_OK, errmsg);
              return;
            }
          g_array_append_val (indices, index);
        }
    }
  else
    for (guint i = 0; i < n_specs; i++)
      g_array_append_val (indices, i);

  if (rate_text != NULL)
    {
      char *end = NULL;

      rate = g_ascii_strtod (rate_text, &end);
      if (end == rate_text || *end != '\0' || !(rate > 0) || rate > MAX_RATE)
        {
          respond_error (msg, SOUP_STATUS_OK, "Parameter 'rate' must be a number of messages per second, 1 to 1000000");
          return;
        }
    }
  else
    rate = DEFAULT_RATE_PER_SYMBOL * indices->len;

  stream = stream_new (self, msg, STREAM_PRICES);
  stream->rate = rate;
  stream->depth = g_strcmp0 (depth, "1") == 0 || g_strcmp0 (depth, "true") == 0;
  stream->n_symbols = indices->len;
  stream->symbols = (guint *) g_array_free (g_steal_pointer (&indices), FALSE);
  stream->last_daily_us = g_new0 (gint64, stream->n_symbols);
  stream->last_depth_us = g_new0 (gint64, stream->n_symbols);
  /* no snapshot on this stream: the first data comes with the next timer tick */
  soup_server_message_pause (msg);
}

static void
handle_entity_stream (BourseDemoBroker  *self,
                      SoupServerMessage *msg,
                      const char        *account_id,
                      const char        *kind_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) snapshot = NULL;
  Stream *stream;
  int kind = -1;

  for (guint i = STREAM_ORDERS; i < G_N_ELEMENTS (stream_kind_names); i++)
    if (g_str_equal (stream_kind_names[i], kind_name))
      kind = (int) i;

  if (kind < 0)
    {
      respond_error (msg, SOUP_STATUS_NOT_FOUND, "Unknown stream: use orders, positions, executions or state");
      return;
    }

  switch (kind)
    {
    case STREAM_ORDERS:
      snapshot = bourse_matching_engine_dup_orders (self->engine, account_id, &error);
      break;
    case STREAM_POSITIONS:
      snapshot = bourse_matching_engine_dup_positions (self->engine, account_id, &error);
      break;
    case STREAM_EXECUTIONS:
      snapshot = bourse_matching_engine_dup_executions (self->engine, account_id, NULL, 0, &error);
      break;
    case STREAM_STATE:
    default:
      snapshot = bourse_matching_engine_dup_state (self->engine, account_id, &error);
      break;
    }

  if (snapshot == NULL)
    {
      respond_gerror (msg, error);
      return;
    }

  stream = stream_new (self, msg, kind);
  stream->account_id = g_strdup (account_id);
  stream->last_state_us = g_get_monotonic_time ();
  if (kind == STREAM_STATE)
    stream->last_state = bourse_server_json_to_string (snapshot);
  else if (kind == STREAM_POSITIONS)
    {
      JsonArray *array = json_node_get_array (snapshot);

      stream->last_positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint i = 0; i < json_array_get_length (array); i++)
        remember_position (stream, json_array_get_element (array, i),
                           bourse_server_json_to_string (json_array_get_element (array, i)));
    }
  stream_write_node (stream, snapshot);
}

static gboolean
handle_faults (BourseDemoBroker  *self,
               SoupServerMessage *msg,
               GHashTable        *form)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  if (!G_IS_INET_SOCKET_ADDRESS (remote) ||
      !g_inet_address_get_is_loopback (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote))))
    {
      respond_error (msg, SOUP_STATUS_FORBIDDEN, "Fault injection is only available from loopback");
      return TRUE;
    }

  if (form != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      /* validate everything before applying anything */
      g_hash_table_iter_init (&iter, form);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_autoptr(GError) error = NULL;
          double parsed;
          char *end = NULL;
          gboolean known = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (fault_names); i++)
            known |= g_str_equal (fault_names[i], key);
          parsed = g_ascii_strtod (value, &end);
          if (!known || end == value || *end != '\0' || !(parsed >= 0) || !isfinite (parsed))
            {
              g_autofree char *errmsg = g_strdup_printf ("Bad fault setting %s=%s", (char *) key, (char *) value);

              respond_error (msg, SOUP_STATUS_OK, errmsg);
              return TRUE;
            }
        }

      g_hash_table_iter_init (&iter, form);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_autoptr(GError) error = NULL;

          if (!bourse_demo_broker_set_fault (self, key, value, &error))
            {
              respond_gerror (msg, error);
              return TRUE;
            }
        }
    }

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (fault_names); i++)
    {
      json_builder_set_member_name (builder, fault_names[i]);
      json_builder_add_double_value (builder, self->faults[i]);
    }
  json_builder_end_object (builder);
  respond_ok (msg, json_builder_get_root (builder));

  return TRUE;
}

/* /accounts/{id}/… — returns FALSE when the path matches nothing. */
static gboolean
handle_account_path (BourseDemoBroker  *self,
                     SoupServerMessage *msg,
                     const char        *method,
                     const DemoUser    *user,
                     char             **parts,
                     guint              n_parts,
                     GHashTable        *query,
                     GHashTable        *form)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = NULL;
  const char *account_id = parts[1];
  const char *section = n_parts > 2 ? parts[2] : NULL;
  const char *item = n_parts > 3 ? parts[3] : NULL;
  gboolean is_get = g_str_equal (method, "GET");

  if (!user_owns_account (user, account_id))
    {
      g_autofree char *errmsg = g_strdup_printf ("Unknown account '%s'", account_id);

      respond_error (msg, SOUP_STATUS_OK, errmsg);
      return TRUE;
    }

  if (n_parts == 2 || n_parts > 4)
    return FALSE;

  if (g_str_equal (section, "stream") && item != NULL && is_get)
    {
      handle_entity_stream (self, msg, account_id, item);
      return TRUE;
    }

  if (item == NULL && is_get)
    {
      if (g_str_equal (section, "instruments"))
        result = bourse_matching_engine_dup_instruments (self->engine, account_id, &error);
      else if (g_str_equal (section, "state"))
        result = bourse_matching_engine_dup_state (self->engine, account_id, &error);
      else if (g_str_equal (section, "orders"))
        result = bourse_matching_engine_dup_orders (self->engine, account_id, &error);
      else if (g_str_equal (section, "positions"))
        result = bourse_matching_engine_dup_positions (self->engine, account_id, &error);
      else if (g_str_equal (section, "ordersHistory") || g_str_equal (section, "executions"))
        {
          guint64 max_count;

          if (!parse_uint_param (query, "maxCount", G_MAXUINT, &max_count, &error))
            {
              respond_gerror (msg, error);
              return TRUE;
            }
          if (g_str_equal (section, "ordersHistory"))
            result = bourse_matching_engine_dup_orders_history (self->engine, account_id, (guint) max_count, &error);
          else
            result = bourse_matching_engine_dup_executions (self->engine, account_id,
                                                            query ? g_hash_table_lookup (query, "instrument") : NULL,
                                                            (guint) max_count, &error);
        }
      else
        return FALSE;
    }
  else if (item != NULL && is_get)
    {
      if (g_str_equal (section, "orders"))
        result = bourse_matching_engine_dup_order (self->engine, account_id, item, &error);
      else if (g_str_equal (section, "positions"))
        result = bourse_matching_engine_dup_position (self->engine, account_id, item, &error);
      else
        return FALSE;
    }
  else if (g_str_equal (section, "orders") && item == NULL && g_str_equal (method, "POST"))
    {
      g_autofree char *order_id = NULL;
      const char *request_id = query ? g_hash_table_lookup (query, "requestId") : NULL;

      order_id = bourse_matching_engine_place_order (self->engine, account_id, form, request_id, &error);
      if (order_id == NULL)
        {
          respond_gerror (msg, error);
          return TRUE;
        }
      {
        g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "orderId");
        json_builder_add_string_value (builder, order_id);
        json_builder_end_object (builder);
        result = json_builder_get_root (builder);
      }
    }
  else if (item != NULL && g_str_equal (section, "orders") && g_str_equal (method, "PUT"))
    {
      if (!bourse_matching_engine_modify_order (self->engine, account_id, item, form, &error))
        {
          respond_gerror (msg, error);
          return TRUE;
        }
    }
  else if (item != NULL && g_str_equal (section, "orders") && g_str_equal (method, "DELETE"))
    {
      if (!bourse_matching_engine_cancel_order (self->engine, account_id, item, &error))
        {
          respond_gerror (msg, error);
          return TRUE;
        }
    }
  else if (item != NULL && g_str_equal (section, "positions") && g_str_equal (method, "PUT"))
    {
      if (!bourse_matching_engine_modify_position (self->engine, account_id, item, form, &error))
        {
          respond_gerror (msg, error);
          return TRUE;
        }
    }
  else if (item != NULL && g_str_equal (section, "positions") && g_str_equal (method, "DELETE"))
    {
      if (!bourse_matching_engine_close_position (self->engine, account_id, item, form, &error))
        {
          respond_gerror (msg, error);
          return TRUE;
        }
    }
  else
    return FALSE;

  if (error != NULL)
    {
      respond_gerror (msg, error);
      return TRUE;
    }

  /* an acknowledged change is on disk before the client hears about it */
  if (!is_get && self->state_dirty && !save_state (self, &error))
    {
      respond_gerror (msg, error);
      return TRUE;
    }

  respond_ok (msg, g_steal_pointer (&result));
  return TRUE;
}

static gboolean
latency_elapsed_cb (gpointer user_data)
{
  soup_server_message_unpause (user_data);
  return G_SOURCE_REMOVE;
}

static GHashTable *
decode_form (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return soup_form_decode (text);
}

static void
server_request_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  BourseDemoBroker *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);
  const char *method = soup_server_message_get_method (msg);
  const DemoUser *user;
  gboolean handled = TRUE;
  const char *first;
  gboolean is_stream = FALSE;

  add_cors (msg);

  if (g_str_equal (method, "OPTIONS"))
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

      soup_message_headers_replace (headers, "Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
      soup_message_headers_replace (headers, "Access-Control-Allow-Headers", "Authorization, Content-Type");
      soup_message_headers_replace (headers, "Access-Control-Max-Age", "600");
      soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
      return;
    }

  for (guint i = 0; segments[i] != NULL; i++)
    if (*segments[i] != '\0')
      g_ptr_array_add (parts, g_uri_unescape_string (segments[i], NULL));
  g_ptr_array_add (parts, NULL);
  first = parts->len > 1 ? g_ptr_array_index (parts, 0) : "";
  if (first == NULL)
    first = "";

  if (g_str_equal (method, "POST") || g_str_equal (method, "PUT") || g_str_equal (method, "DELETE"))
    form = decode_form (msg);
  else
    form = g_hash_table_new (g_str_hash, g_str_equal);

  if (g_str_equal (first, "_faults") && parts->len == 2)
    {
      handle_faults (self, msg, g_str_equal (method, "POST") ? form : NULL);
      return;
    }

  if (self->faults[FAULT_HTTP500_FRACTION] > 0 && g_rand_double (self->fault_rand) < self->faults[FAULT_HTTP500_FRACTION])
    {
      respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "Injected fault: internal server error");
      goto out;
    }

  if (g_str_equal (first, "authorize") && g_str_equal (method, "POST"))
    handle_authorize (self, msg, form);
  else if (g_str_equal (first, "oauth") && parts->len == 3 &&
           g_str_equal (g_ptr_array_index (parts, 1), "authorize") && g_str_equal (method, "GET"))
    handle_oauth_authorize (self, msg, query);
  else if (g_str_equal (first, "oauth") && parts->len == 3 &&
           g_str_equal (g_ptr_array_index (parts, 1), "token") && g_str_equal (method, "POST"))
    handle_oauth_token (self, msg, form);
  else if (g_str_equal (first, "mapping") && g_str_equal (method, "GET"))
    handle_mapping (self, msg);
  else if (!(user = authenticate (self, msg, &error)))
    respond_gerror (msg, error);
  else if (g_str_equal (first, "logout") && g_str_equal (method, "POST"))
    handle_logout (self, msg);
  else if (g_str_equal (first, "config") && g_str_equal (method, "GET"))
    handle_config (self, msg);
  else if (g_str_equal (first, "accounts") && parts->len == 2 && g_str_equal (method, "GET"))
    handle_accounts (self, msg, user);
  else if (g_str_equal (first, "accounts") && parts->len >= 3)
    {
      is_stream = parts->len == 5 && g_str_equal (g_ptr_array_index (parts, 2), "stream");
      handled = handle_account_path (self, msg, method, user, (char **) parts->pdata, parts->len - 1, query, form);
    }
  else if (g_str_equal (first, "quotes") && g_str_equal (method, "GET"))
    handle_quotes (self, msg, query, user);
  else if (g_str_equal (first, "depth") && g_str_equal (method, "GET"))
    handle_depth (self, msg, query);
  else if (g_str_equal (first, "history") && g_str_equal (method, "GET"))
    handle_history (self, msg, query);
  else if (g_str_equal (first, "symbol_info") && g_str_equal (method, "GET"))
    handle_symbol_info (self, msg);
  else if (g_str_equal (first, "streaming") && g_str_equal (method, "GET"))
    {
      handle_streaming (self, msg, query);
      is_stream = TRUE;
    }
  else
    handled = FALSE;

  if (!handled)
    {
      g_autofree char *errmsg = g_strdup_printf ("No endpoint %s %s", method, path);

      respond_error (msg, SOUP_STATUS_NOT_FOUND, errmsg);
    }

out:
  if (self->faults[FAULT_LATENCY_MS] > 0 && !is_stream)
    {
      GSource *source = g_timeout_source_new ((guint) self->faults[FAULT_LATENCY_MS]);

      soup_server_message_pause (msg);
      g_source_set_callback (source, latency_elapsed_cb, g_object_ref (msg), g_object_unref);
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

/* -------------------------------------------------------------- overrides */

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
              reschedule_drop_timer (self);
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
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, token_free);
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, oauth_code_free);
  self->refresh_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->streams = g_ptr_array_new ();
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
}

/* ------------------------------------------------------------- public API */

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
  for (guint i = 0; i < G_N_ELEMENTS (demo_accounts); i++)
    bourse_matching_engine_add_account (self->engine, demo_accounts[i].id, demo_accounts[i].name,
                                        demo_accounts[i].currency, demo_accounts[i].balance);
  if (!load_state (self, error))
    {
      g_clear_object (&self->engine);
      return FALSE;
    }

  self->context = g_main_context_ref_thread_default ();
  self->simulator = bourse_price_simulator_new (self->seed, g_get_real_time ());
  g_signal_connect_object (self->engine, "entity-changed", G_CALLBACK (engine_entity_changed_cb), self, 0);
  g_signal_connect_object (self->simulator, "ticked", G_CALLBACK (simulator_ticked_cb), self, 0);
  simulator_ticked_cb (self->simulator, self);
  self->state_dirty = FALSE;

  self->server = soup_server_new ("server-header", "bourse-demo-broker ", NULL);
  soup_server_add_handler (self->server, NULL, server_request_cb, self, NULL);
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
  self->stream_timer = g_timeout_source_new (STREAM_INTERVAL_MS);
  g_source_set_callback (self->stream_timer, stream_timer_cb, self, NULL);
  g_source_set_name (self->stream_timer, "[bourse] streams");
  g_source_attach (self->stream_timer, self->context);
  self->running = TRUE;
  reschedule_drop_timer (self);

  g_debug ("Demo broker listening on %s", self->uri);
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

  self->thread = g_thread_new ("bourse-demo-broker", broker_thread_main, self);

  g_mutex_lock (&self->mutex);
  while (!self->thread_ready)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);

  if (self->thread_error != NULL)
    {
      g_thread_join (g_steal_pointer (&self->thread));
      g_propagate_error (error, g_steal_pointer (&self->thread_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * bourse_demo_broker_get_uri:
 *
 * Returns: (nullable): `http://127.0.0.1:PORT`, no trailing slash; %NULL before start
 */
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

gboolean
bourse_demo_broker_save_state (BourseDemoBroker  *self,
                               GError           **error)
{
  g_return_val_if_fail (BOURSE_IS_DEMO_BROKER (self), FALSE);

  if (self->engine == NULL)
    return TRUE;
  return save_state (self, error);
}

static void
stop_in_context (BourseDemoBroker *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->running)
    return;
  self->running = FALSE;

  while (self->streams->len > 0)
    stream_close (g_ptr_array_index (self->streams, 0), TRUE);

  if (self->engine != NULL && self->state_file != NULL && !save_state (self, &error))
    g_critical ("%s", error->message);

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  if (self->stream_timer != NULL)
    {
      g_source_destroy (self->stream_timer);
      g_clear_pointer (&self->stream_timer, g_source_unref);
    }
  if (self->drop_timer != NULL)
    {
      g_source_destroy (self->drop_timer);
      g_clear_pointer (&self->drop_timer, g_source_unref);
    }
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
