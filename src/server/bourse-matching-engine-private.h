/* bourse-matching-engine-private.h — the matching engine's state, shared by its parts
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * BourseMatchingEngine is one object written in four files:
 *   bourse-matching-engine.c        the object, the API's operations (place, modify,
 *                                   cancel, close) and the validation of their fields
 *   bourse-matching-engine-rules.c  how orders match and fill, brackets (one-cancels-
 *                                   other), positions, margin and valuation
 *   bourse-matching-engine-json.c   entities as the API's JSON
 *   bourse-matching-engine-state.c  the state as JSON: whole (serialize) or what
 *                                   changed since the last call (take_changes),
 *                                   and restore, which adds or replaces by id
 */
#pragma once

#include "bourse-matching-engine.h"

G_BEGIN_DECLS

#define QTY_EPSILON 1e-9
#define STATE_VERSION 1

typedef enum { ORDER_MARKET, ORDER_LIMIT, ORDER_STOP, ORDER_STOPLIMIT } OrderType;
typedef enum { STATUS_INACTIVE, STATUS_WORKING, STATUS_FILLED, STATUS_CANCELLED, STATUS_REJECTED } OrderStatus;
typedef enum { PARENT_NONE, PARENT_ORDER, PARENT_POSITION } ParentType;
typedef enum { ROLE_NONE, ROLE_STOP_LOSS, ROLE_TAKE_PROFIT } BracketRole;
typedef enum { DURATION_NONE, DURATION_DAY, DURATION_GTC, DURATION_GTT } DurationType;

static const char * const order_type_names[] = { "market", "limit", "stop", "stoplimit" };
static const char * const status_names[] = { "inactive", "working", "filled", "cancelled", "rejected" };
static const char * const parent_type_names[] = { NULL, "order", "position" };
static const char * const role_names[] = { "none", "stopLoss", "takeProfit" };
static const char * const duration_names[] = { NULL, "DAY", "GTC", "GTT" };

typedef struct
{
  char        *id;
  guint        instrument;       /* index in the spec table */
  double       qty;
  int          side;             /* +1 buy, -1 sell */
  OrderType    type;
  OrderStatus  status;
  double       limit_price;      /* NAN when absent */
  double       stop_price;
  double       stop_loss;        /* brackets requested on a parent order, NAN when none */
  double       take_profit;
  double       filled_qty;
  double       avg_price;
  char        *parent_id;
  ParentType   parent_type;
  BracketRole  role;
  DurationType duration;
  gint64       duration_datetime;
  gint64       created;
  gint64       last_modified;
  char        *message;
  gboolean     triggered;        /* a stop-limit whose stop was hit */
  guint64      seq;              /* creation rank: journal records keep the order of account->orders */
  gboolean     journal_pending;  /* in account->changed_orders */
} Order;

typedef struct
{
  char   *id;
  guint   instrument;
  double  qty;                   /* signed: > 0 long, < 0 short, 0 closed */
  double  avg_price;
  guint64 seq;
  gboolean journal_pending;      /* in account->changed_positions */
} Position;

typedef struct
{
  char   *id;
  guint   instrument;
  double  price;
  double  qty;
  int     side;
  gint64  time;
  char   *order_id;
  char   *position_id;
  gboolean is_close;
} Execution;

typedef struct
{
  char       *id;
  char       *name;
  char       *currency;
  double      balance;
  double      realized;
  GPtrArray  *orders;            /* Order*, in creation order */
  GHashTable *orders_by_id;      /* borrowed Order* */
  GHashTable *live_orders;       /* instrument + 1 → LiveSet of its non-final orders */
  GHashTable *expiring_orders;   /* set of the borrowed non-final Order* with a DAY or GTT duration */
  GPtrArray  *positions;         /* Position*, open and closed */
  GPtrArray  *executions;        /* Execution* */
  GHashTable *request_ids;       /* requestId → order id */
  gboolean    state_dirty;

  /* what changed since the last journal record (see take_changes) */
  GPtrArray  *changed_orders;    /* borrowed Order* */
  GPtrArray  *changed_positions; /* borrowed Position* */
  guint       journaled_executions;
  GPtrArray  *new_request_ids;   /* requestId strings */
  double      journaled_balance;
  double      journaled_realized;
} Account;

typedef struct
{
  double   bid;
  double   ask;
  double   last;
  gboolean valid;
} Quote;

struct _BourseMatchingEngine
{
  GObject parent_instance;

  const BourseInstrumentSpec *specs;
  guint        n_specs;
  Quote       *quotes;
  GPtrArray   *accounts;         /* Account* */
  gint64       now;
  guint64      next_order_id;
  guint64      next_position_id;
  guint64      next_execution_id;
  guint64      next_seq;         /* Order and Position creation rank */
};


/* bourse-matching-engine.c */
void _bourse_matching_engine_emit_order (BourseMatchingEngine *self,
                                         Account              *account,
                                         Order                *order);
void _bourse_matching_engine_emit_position (BourseMatchingEngine *self,
                                            Account              *account,
                                            Position             *position);
void _bourse_matching_engine_emit_execution (BourseMatchingEngine *self,
                                             Account              *account,
                                             Execution            *execution);

/* bourse-matching-engine-rules.c */
void _bourse_matching_engine_order_free (gpointer data);
void _bourse_matching_engine_account_free (gpointer data);
gboolean _bourse_matching_engine_is_final (const Order *order);
int _bourse_matching_engine_lookup_name (const char * const *names,
                                         guint               n_names,
                                         const char         *name,
                                         gboolean            ignore_case);
Account *_bourse_matching_engine_find_account (BourseMatchingEngine *self,
                                               const char           *account_id,
                                               GError              **error);
Order *_bourse_matching_engine_find_order (Account    *account,
                                           const char *order_id,
                                           GError    **error);
Position *_bourse_matching_engine_find_position (Account    *account,
                                                 const char *position_id,
                                                 GError    **error);
double _bourse_matching_engine_point_value (BourseMatchingEngine *self,
                                            Account              *account,
                                            guint                 instrument);
double _bourse_matching_engine_position_upl (BourseMatchingEngine *self,
                                             Account              *account,
                                             const Position       *position);
double _bourse_matching_engine_position_margin (BourseMatchingEngine *self,
                                                Account              *account,
                                                guint                 instrument,
                                                double               qty,
                                                double               price);
double _bourse_matching_engine_round_money (double value);
Order *_bourse_matching_engine_order_new (BourseMatchingEngine *self,
                                          guint                 instrument,
                                          int                   side,
                                          OrderType             type,
                                          double                qty);
void _bourse_matching_engine_account_add_order (Account *account,
                                                Order   *order);
void _bourse_matching_engine_update_live (Account *account,
                                          Order   *order);
void _bourse_matching_engine_finish_order (BourseMatchingEngine *self,
                                           Account              *account,
                                           Order                *order,
                                           OrderStatus           status,
                                           const char           *message);
void _bourse_matching_engine_cancel_children (BourseMatchingEngine *self,
                                              Account              *account,
                                              const char           *parent_id,
                                              ParentType            parent_type,
                                              const char           *message);
Order *_bourse_matching_engine_bracket_new (BourseMatchingEngine *self,
                                            Account              *account,
                                            guint                 instrument,
                                            int                   protected_side,
                                            double                qty,
                                            BracketRole           role,
                                            double                price,
                                            const char           *parent_id,
                                            ParentType            parent_type);
void _bourse_matching_engine_set_bracket (BourseMatchingEngine *self,
                                          Account              *account,
                                          guint                 instrument,
                                          int                   protected_side,
                                          double                qty,
                                          const char           *parent_id,
                                          ParentType            parent_type,
                                          BracketRole           role,
                                          double                price);
gboolean _bourse_matching_engine_has_margin_for (BourseMatchingEngine *self,
                                                 Account              *account,
                                                 guint                 instrument,
                                                 int                   side,
                                                 double                qty,
                                                 double                price);
void _bourse_matching_engine_fill_order (BourseMatchingEngine *self,
                                         Account              *account,
                                         Order                *order,
                                         double                price);
gboolean _bourse_matching_engine_order_executes (BourseMatchingEngine *self,
                                                 Order                *order,
                                                 double               *price);
void _bourse_matching_engine_match_instrument (BourseMatchingEngine *self,
                                               guint                 instrument);
void _bourse_matching_engine_expire_orders (BourseMatchingEngine *self);
Account *_bourse_matching_engine_account_new (const char *account_id,
                                              const char *name,
                                              const char *currency,
                                              double      balance);

void _bourse_matching_engine_mark_order (Account *account,
                                         Order   *order);
void _bourse_matching_engine_mark_position (Account  *account,
                                            Position *position);

/* bourse-matching-engine-json.c */
JsonNode *_bourse_matching_engine_order_to_json (BourseMatchingEngine *self,
                                                 const Order          *order,
                                                 gboolean              internal);
JsonNode *_bourse_matching_engine_position_to_json (BourseMatchingEngine *self,
                                                    Account              *account,
                                                    const Position       *position,
                                                    gboolean              internal);
JsonNode *_bourse_matching_engine_execution_to_json (BourseMatchingEngine *self,
                                                     const Execution      *execution);
JsonNode *_bourse_matching_engine_state_to_json (BourseMatchingEngine *self,
                                                 Account              *account);

G_END_DECLS
