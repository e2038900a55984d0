/* bourse-demo-broker-private.h — what the files of BourseDemoBroker share
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * BourseDemoBroker is one class in three files: bourse-demo-broker.c (life
 * cycle, properties, persistence), bourse-demo-broker-routes.c (the HTTP
 * endpoints and authentication) and bourse-demo-broker-streams.c (price and
 * entity streams). Everything here runs in the broker's main context.
 */
#pragma once

#include <libsoup/soup.h>

#include "bourse-demo-broker.h"
#include "bourse-matching-engine.h"
#include "bourse-price-simulator.h"

G_BEGIN_DECLS

#define TICK_INTERVAL_MS       100
#define STREAM_INTERVAL_MS     20
#define STREAM_MAX_PENDING     (4 * 1024 * 1024)
#define STREAM_MAX_BATCH       20000   /* messages per stream per timer tick: 1 M/s at 20 ms */
#define STREAM_IDLE_US         (5 * G_USEC_PER_SEC)
#define STATE_STREAM_PERIOD_US (G_USEC_PER_SEC)
#define DEFAULT_TOKEN_TTL      (24 * 3600)
#define MAX_REQUEST_BODY       (1024 * 1024)  /* bytes; a form is a few hundred */
#define DEFAULT_RATE_PER_SYMBOL 20.0
#define MAX_RATE               1000000.0
#define DEPTH_LEVELS           10
#define OAUTH_CLIENT_ID        "bourse"
#define OAUTH_CLIENT_SECRET    "demo-secret"

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

struct _BourseDemoBroker
{
  GObject parent_instance;

  /* construction */
  guint64               seed;
  char                 *state_file;

  /* AccountFlags the tests turned away from the demo's own (flag → "true"/"false"); set before start */
  GHashTable           *account_flags;

  /* faults (0 = off), indexed by Fault */
  double                faults[N_FAULTS];
  GRand                *fault_rand;

  /* running */
  SoupServer           *server;
  BoursePriceSimulator *simulator;
  BourseMatchingEngine *engine;
  GHashTable           *tokens;          /* access token → Token* */
  GHashTable           *codes;           /* OAuth code → OAuthCode* */
  GHashTable           *refresh_tokens;  /* refresh token → login "\n" access token it came with */
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
  gboolean              starting_in_thread;  /* notify ::uri from the caller's thread */
};

/* bourse-demo-broker.c */
void     _bourse_demo_broker_token_free       (gpointer                data);
void     _bourse_demo_broker_oauth_code_free  (gpointer                data);
gboolean _bourse_demo_broker_save             (BourseDemoBroker       *self,
                                               GError                **error);

/* bourse-demo-broker-routes.c */
gboolean _bourse_demo_broker_is_account_flag  (const char             *flag);
void     _bourse_demo_broker_add_demo_accounts (BourseMatchingEngine  *engine);
void     _bourse_demo_broker_check_request_size (SoupServer           *server,
                                               SoupServerMessage      *msg,
                                               const char             *path,
                                               GHashTable             *query,
                                               gpointer                user_data);
void     _bourse_demo_broker_handle_request   (SoupServer             *server,
                                               SoupServerMessage      *msg,
                                               const char             *path,
                                               GHashTable             *query,
                                               gpointer                user_data);
void     _bourse_demo_broker_respond_error    (SoupServerMessage      *msg,
                                               guint                   status,
                                               const char             *errmsg);
void     _bourse_demo_broker_respond_gerror   (SoupServerMessage      *msg,
                                               const GError           *error);
gboolean _bourse_demo_broker_token_is_live   (BourseDemoBroker       *self,
                                               const char             *secret,
                                               GError                **error);

/* bourse-demo-broker-streams.c */
void     _bourse_demo_broker_start_streams    (BourseDemoBroker       *self);
void     _bourse_demo_broker_stop_streams     (BourseDemoBroker       *self);
void     _bourse_demo_broker_reschedule_drop_timer (BourseDemoBroker *self);
void     _bourse_demo_broker_serve_prices     (BourseDemoBroker       *self,
                                               SoupServerMessage      *msg,
                                               GHashTable             *query);
void     _bourse_demo_broker_serve_entities   (BourseDemoBroker       *self,
                                               SoupServerMessage      *msg,
                                               const char             *account_id,
                                               const char             *kind_name);
void     _bourse_demo_broker_entity_changed_cb (BourseMatchingEngine  *engine,
                                               const char             *account_id,
                                               const char             *kind,
                                               JsonNode               *entity,
                                               BourseDemoBroker       *self);
void     _bourse_demo_broker_format_price     (GString                *out,
                                               const BourseInstrumentSpec *spec,
                                               double                  value);
void     _bourse_demo_broker_format_number    (GString                *out,
                                               double                  value);

G_END_DECLS
