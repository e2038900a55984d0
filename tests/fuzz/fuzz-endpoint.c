/* fuzz-endpoint.c — libFuzzer harness: one REST answer through the client's own parsing
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built once per endpoint with -DFUZZ_ENDPOINT_<NAME>. The input is an answer
 * body; it takes the path call_sent_cb() gives every 200 answer (parse, lenient
 * schema, rejection), and when the client would accept it, goes into the real
 * bourse_broker_client_get_…_finish() through a GTask carrying the parsed root,
 * as the client's own endpoint_cb() returns it. The models that come out are then
 * updated from each other (as a stream update does) and written back to JSON.
 */
#include "config.h"

#include "bourse-account-state.h"
#include "bourse-account.h"
#include "bourse-broker-client.h"
#include "bourse-execution.h"
#include "bourse-instrument.h"
#include "bourse-json.h"
#include "bourse-models-private.h"
#include "bourse-order.h"
#include "bourse-position.h"
#include "bourse-quote.h"
#include "bourse-schema.h"
#include "fuzz-common.h"

/* A source tag is the _async function's address, as the client sets it. */
#define TAG(func) ((gpointer) (guintptr) (func))

static BourseBrokerClient *client;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init_glib ();
  client = bourse_broker_client_new ("http://127.0.0.1:9/");
  return 0;
}

/* The client's gate for a 200 answer: NULL when it would fail the call instead. */
static JsonNode *
accepted (BourseSchema   schema,
          const uint8_t *data,
          size_t         size)
{
  g_autoptr(JsonNode) root = _bourse_json_parse ((const char *) data, size, NULL);
  g_autoptr(GPtrArray) violations = NULL;
  const char *errmsg = NULL;

  if (root == NULL)
    return NULL;
  violations = bourse_schema_validate (schema, root, BOURSE_SCHEMA_FLAGS_NONE);
  if (violations->len > 0 || bourse_schema_is_rejection (root, &errmsg))
    return NULL;
  return g_steal_pointer (&root);
}

/* A finished task as endpoint_cb() leaves it for @async's _finish. */
static GTask *
answered (gpointer  async,
          JsonNode *root,
          gpointer  task_data)
{
  GTask *task = g_task_new (client, NULL, NULL, NULL);

  g_task_set_source_tag (task, async);
  if (task_data != NULL)
    g_task_set_task_data (task, task_data, g_free);
  g_task_return_pointer (task, root, (GDestroyNotify) json_node_unref);
  return task;
}

typedef JsonNode *(*ToJson) (gpointer item);
typedef gboolean (*UpdateFrom) (gpointer self, gpointer other);

/* Every item updated from the next (a stream update of the same entity), then serialised. */
G_GNUC_UNUSED static void
exercise_list (GPtrArray  *list,
               UpdateFrom  update_from,
               ToJson      to_json)
{
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      g_autoptr(JsonNode) json = to_json (g_ptr_array_index (list, i));
      g_autofree char *text = _bourse_json_to_string (json);
      g_assert (text != NULL);
      if (update_from != NULL && i + 1 < list->len)
        update_from (g_ptr_array_index (list, i), g_ptr_array_index (list, i + 1));
    }
}

#ifdef FUZZ_ENDPOINT_SYMBOL_INFO
#include "bourse-market-data.h"

/* Column @name of symbol @i: an array's element, or a scalar shared by all (as the app reads it). */
static const char *
column (JsonObject *info,
        const char *name,
        guint       i)
{
  JsonNode *node = json_object_get_member (info, name);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    node = i < json_array_get_length (json_node_get_array (node)) ? json_array_get_element (json_node_get_array (node), i)
                                                                  : NULL;
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

/* What the app does with /symbol_info: each symbol's session and time zone go to the market data. */
static void
symbol_sessions (JsonObject *info)
{
  static BourseMarketData *market;
  JsonNode *symbols = json_object_get_member (info, "symbol");

  if (market == NULL)
    market = bourse_market_data_new ();
  for (guint i = 0; symbols != NULL && JSON_NODE_HOLDS_ARRAY (symbols) &&
                    i < json_array_get_length (json_node_get_array (symbols)); i++)
    {
      const char *name = column (info, "symbol", i);
      const char *session = column (info, "session-regular", i);
      g_autoptr(GError) error = NULL;

      if (name != NULL && session != NULL &&
          !bourse_market_data_set_session (market, name, session, column (info, "timezone", i), &error))
        g_assert (error != NULL);
    }
}
#endif

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  JsonNode *root;

#define ACCEPT(schema) G_STMT_START { if ((root = accepted (schema, data, size)) == NULL) return 0; } G_STMT_END

#if defined(FUZZ_ENDPOINT_ORDERS) || defined(FUZZ_ENDPOINT_ORDERS_HISTORY)
  {
    g_autoptr(GPtrArray) list = NULL;
# ifdef FUZZ_ENDPOINT_ORDERS
    ACCEPT (BOURSE_SCHEMA_ORDERS);
    task = answered (TAG (bourse_broker_client_get_orders_async), root, NULL);
    list = bourse_broker_client_get_orders_finish (client, G_ASYNC_RESULT (task), &error);
# else
    ACCEPT (BOURSE_SCHEMA_ORDERS_HISTORY);
    task = answered (TAG (bourse_broker_client_get_orders_history_async), root, NULL);
    list = bourse_broker_client_get_orders_history_finish (client, G_ASYNC_RESULT (task), &error);
# endif
    g_assert (list != NULL);
    exercise_list (list, (UpdateFrom) _bourse_order_update_from, (ToJson) bourse_order_to_json);
  }
#elif defined(FUZZ_ENDPOINT_POSITIONS)
  {
    g_autoptr(GPtrArray) list = NULL;
    ACCEPT (BOURSE_SCHEMA_POSITIONS);
    task = answered (TAG (bourse_broker_client_get_positions_async), root, NULL);
    list = bourse_broker_client_get_positions_finish (client, G_ASYNC_RESULT (task), &error);
    g_assert (list != NULL);
    exercise_list (list, (UpdateFrom) _bourse_position_update_from, (ToJson) bourse_position_to_json);
  }
#elif defined(FUZZ_ENDPOINT_EXECUTIONS)
  {
    g_autoptr(GPtrArray) list = NULL;
    ACCEPT (BOURSE_SCHEMA_EXECUTIONS);
    task = answered (TAG (bourse_broker_client_get_executions_async), root, NULL);
    list = bourse_broker_client_get_executions_finish (client, G_ASYNC_RESULT (task), &error);
    g_assert (list != NULL);
    exercise_list (list, (UpdateFrom) _bourse_execution_update_from, (ToJson) bourse_execution_to_json);
  }
#elif defined(FUZZ_ENDPOINT_INSTRUMENTS)
  {
    g_autoptr(GPtrArray) list = NULL;
    ACCEPT (BOURSE_SCHEMA_INSTRUMENTS);
    task = answered (TAG (bourse_broker_client_get_instruments_async), root, NULL);
    list = bourse_broker_client_get_instruments_finish (client, G_ASYNC_RESULT (task), &error);
    g_assert (list != NULL);
    exercise_list (list, (UpdateFrom) _bourse_instrument_update_from, (ToJson) bourse_instrument_to_json);
  }
#elif defined(FUZZ_ENDPOINT_ACCOUNTS)
  {
    g_autoptr(GPtrArray) list = NULL;
    ACCEPT (BOURSE_SCHEMA_ACCOUNTS);
    task = answered (TAG (bourse_broker_client_get_accounts_async), root, NULL);
    list = bourse_broker_client_get_accounts_finish (client, G_ASYNC_RESULT (task), &error);
    g_assert (list != NULL);
    exercise_list (list, (UpdateFrom) _bourse_account_update_from, (ToJson) bourse_account_to_json);
    for (guint i = 0; i < list->len; i++)
      (void) bourse_account_get_flag (g_ptr_array_index (list, i), "supportOrderBrackets");
  }
#elif defined(FUZZ_ENDPOINT_STATE)
  {
    g_autoptr(BourseAccountState) state = NULL;
    g_autoptr(BourseAccountState) again = NULL;
    g_autoptr(JsonNode) json = NULL;
    ACCEPT (BOURSE_SCHEMA_ACCOUNT_STATE);
    again = _bourse_account_state_new_from_json (json_node_get_object (_bourse_json_get_member (json_node_get_object (root), "d")));
    task = answered (TAG (bourse_broker_client_get_state_async), root, NULL);
    state = bourse_broker_client_get_state_finish (client, G_ASYNC_RESULT (task), &error);
    g_assert (state != NULL);
    _bourse_account_state_update_from (state, again);
    json = bourse_account_state_to_json (state);
  }
#elif defined(FUZZ_ENDPOINT_QUOTES)
  {
    g_autoptr(GPtrArray) list = NULL;
    ACCEPT (BOURSE_SCHEMA_QUOTES);
    task = answered (TAG (bourse_broker_client_get_quotes_async), root, NULL);
    list = bourse_broker_client_get_quotes_finish (client, G_ASYNC_RESULT (task), &error);
    g_assert (list != NULL);
    exercise_list (list, (UpdateFrom) _bourse_quote_update_from, (ToJson) bourse_quote_to_json);
  }
#elif defined(FUZZ_ENDPOINT_DEPTH)
  {
    g_autoptr(BourseDepth) depth = NULL;
    ACCEPT (BOURSE_SCHEMA_DEPTH);
    task = answered (TAG (bourse_broker_client_get_depth_async), root, g_strdup ("EURUSD"));
    depth = bourse_broker_client_get_depth_finish (client, G_ASYNC_RESULT (task), &error);
    g_assert (depth != NULL);
  }
#elif defined(FUZZ_ENDPOINT_CONFIG)
  {
    g_autoptr(JsonNode) config = NULL;
    static const char * const flags[] = { "supportOrderBrackets", "supportPartialClosePosition",
                                          "supportOrdersHistory", "supportLevel2Data", "supportDOM", NULL };
    ACCEPT (BOURSE_SCHEMA_CONFIG);
    task = answered (TAG (bourse_broker_client_get_config_async), root, NULL);
    config = bourse_broker_client_get_config_finish (client, G_ASYNC_RESULT (task), &error);
    g_assert (config != NULL);
    for (guint i = 0; flags[i] != NULL; i++)
      (void) bourse_account_flags_lookup (config, flags[i]);
  }
#elif defined(FUZZ_ENDPOINT_HISTORY)
  {
    g_autoptr(BourseBars) bars = NULL;
    gint64 next_time = 0;
    ACCEPT (BOURSE_SCHEMA_HISTORY);
    task = answered (TAG (bourse_broker_client_get_history_async), root, NULL);
    bars = bourse_broker_client_get_history_finish (client, G_ASYNC_RESULT (task), &next_time, &error);
    g_assert ((bars == NULL) != (error == NULL));
  }
#elif defined(FUZZ_ENDPOINT_SYMBOL_INFO)
  {
    g_autoptr(JsonNode) info = NULL;
    ACCEPT (BOURSE_SCHEMA_SYMBOL_INFO);
    task = answered (TAG (bourse_broker_client_get_symbol_info_async), root, NULL);
    info = bourse_broker_client_get_symbol_info_finish (client, G_ASYNC_RESULT (task), &error);
    g_assert (info != NULL);
    symbol_sessions (json_node_get_object (info));
  }
#else
# error "define FUZZ_ENDPOINT_<NAME>"
#endif
#undef ACCEPT
  return 0;
}
