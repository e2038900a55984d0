/* bourse-demo-broker-private.h — what the files of BourseDemoBroker share
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * BourseDemoBroker is one class in seven files. Calls go one way, top to bottom:
 *
 *   bourse-demo-broker.c          life cycle, properties; wires the server,
 *     |                           the engine and the simulator together
 *     +-> bourse-demo-broker-routes.c    logins, accounts and orders, faults;
 *     |     |                            routes every request
 *     |     +-> bourse-demo-broker-market.c   quotes, depth, history, symbols
 *     |     +-> bourse-demo-broker-streams.c  price and entity streams
 *     +-> bourse-demo-broker-state.c     the --state file: load, migrate, recover,
 *                                        append what each request changed
 *                                        (routes save too), on BourseStateJournal
 *   and at the bottom, used by all above and calling none of them:
 *         bourse-demo-broker-auth.c      demo users and accounts, access tokens
 *         bourse-demo-broker-http.c      CORS, {s: ok|error} responses, parameters
 *
 * Everything here runs in the broker's main context.
 */
#pragma once

#include <libsoup/soup.h>

#include "bourse-demo-broker.h"
#include "bourse-matching-engine.h"
#include "bourse-price-simulator.h"
#include "bourse-state-journal.h"

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
  gboolean              recover;         /* start on the good prefix of a damaged state file */

  /* AccountFlags the tests turned away from the demo's own (flag → "true"/"false"); set before start */
  GHashTable           *account_flags;

  /* faults (0 = off), indexed by Fault */
  double                faults[N_FAULTS];
  GRand                *fault_rand;

  /* running */
  SoupServer           *server;
  BoursePriceSimulator *simulator;
  BourseMatchingEngine *engine;
  BourseStateJournal   *journal;         /* the open --state file, NULL without one */
  GHashTable           *tokens;          /* access token → Token* */
  GHashTable           *codes;           /* OAuth code → OAuthCode* */
  GHashTable           *refresh_tokens;  /* refresh token → login "\n" access token it came with */
  GPtrArray            *streams;         /* Stream* */
  gint                  stream_count;    /* streams->len, atomic: read from other threads */
  gint                  lines_split;     /* lines the split fault cut across chunks, atomic (tests) */
  GMainContext         *context;
  GSource              *stream_timer;
  GSource              *drop_timer;
  char                 *uri;
  guint                 port;
  guint64               token_counter;
  guint                 state_dirty : 1;
  guint                 journal_behind : 1;  /* a write failed: the next save writes a snapshot */
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

/* bourse-demo-broker-streams.c */
void     _bourse_demo_broker_start_streams    (BourseDemoBroker       *self);
void     _bourse_demo_broker_stop_streams     (BourseDemoBroker       *self);
void     _bourse_demo_broker_reschedule_drop_timer (BourseDemoBroker *self);
/* Tests: how many stream lines the split fault has cut so far; any thread. */
guint    _bourse_demo_broker_get_lines_split  (BourseDemoBroker       *self);
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

/* bourse-demo-broker-market.c */
void _bourse_demo_broker_handle_mapping (BourseDemoBroker  *self,
                                         SoupServerMessage *msg);
void _bourse_demo_broker_handle_symbol_info (BourseDemoBroker  *self,
                                             SoupServerMessage *msg);
void _bourse_demo_broker_handle_quotes (BourseDemoBroker  *self,
                                        SoupServerMessage *msg,
                                        GHashTable        *query,
                                        const DemoUser    *user);
void _bourse_demo_broker_handle_depth (BourseDemoBroker  *self,
                                       SoupServerMessage *msg,
                                       GHashTable        *query);
void _bourse_demo_broker_handle_history (BourseDemoBroker  *self,
                                         SoupServerMessage *msg,
                                         GHashTable        *query);

/* bourse-demo-broker-state.c */
gboolean _bourse_demo_broker_save             (BourseDemoBroker       *self,
                                               GError                **error);
gboolean _bourse_demo_broker_load_state (BourseDemoBroker  *self,
                                         GError           **error);
gboolean _bourse_demo_broker_compact_state (BourseDemoBroker  *self,
                                            GError           **error);

/* bourse-demo-broker-auth.c */
void     _bourse_demo_broker_add_demo_accounts (BourseMatchingEngine  *engine);
void     _bourse_demo_broker_token_free       (gpointer                data);
void     _bourse_demo_broker_oauth_code_free  (gpointer                data);
gboolean _bourse_demo_broker_token_is_live   (BourseDemoBroker       *self,
                                               const char             *secret,
                                               GError                **error);
const DemoUser *_bourse_demo_broker_find_user (const char *login);
const DemoAccount *_bourse_demo_broker_find_demo_account (const char *account_id);
gboolean _bourse_demo_broker_user_owns_account (const DemoUser *user,
                                                const char     *account_id);
char *_bourse_demo_broker_new_secret (BourseDemoBroker *self,
                                      const char       *prefix);
double _bourse_demo_broker_token_lifetime (BourseDemoBroker *self);
gint64 _bourse_demo_broker_token_expires (BourseDemoBroker *self,
                                          const Token      *token);
char *_bourse_demo_broker_issue_token (BourseDemoBroker *self,
                                       const char       *login,
                                       const char       *replaces);
const DemoUser *_bourse_demo_broker_authenticate (BourseDemoBroker  *self,
                                                  SoupServerMessage *msg,
                                                  GError           **error);

/* bourse-demo-broker-http.c */
void     _bourse_demo_broker_respond_error    (SoupServerMessage      *msg,
                                               guint                   status,
                                               const char             *errmsg);
void     _bourse_demo_broker_respond_gerror   (SoupServerMessage      *msg,
                                               const GError           *error);
void     _bourse_demo_broker_format_price     (GString                *out,
                                               const BourseInstrumentSpec *spec,
                                               double                  value);
void     _bourse_demo_broker_format_number    (GString                *out,
                                               double                  value);
void _bourse_demo_broker_add_cors (SoupServerMessage *msg);
void _bourse_demo_broker_respond_text (SoupServerMessage *msg,
                                       guint              status,
                                       char              *json);   /* transfer full */
void _bourse_demo_broker_respond_node (SoupServerMessage *msg,
                                       guint              status,
                                       JsonNode          *node);
void _bourse_demo_broker_respond_ok (SoupServerMessage *msg,
                                     JsonNode          *data);   /* nullable, transfer full */
void _bourse_demo_broker_respond_oauth_error (SoupServerMessage *msg,
                                              const char        *code,
                                              const char        *description);
gboolean _bourse_demo_broker_parse_uint_param (GHashTable  *params,
                                               const char  *key,
                                               guint64      max,
                                               guint64     *value,
                                               GError     **error);
gboolean _bourse_demo_broker_parse_int_param (GHashTable  *params,
                                              const char  *key,
                                              gint64      *value,
                                              GError     **error);

G_END_DECLS
