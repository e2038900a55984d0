/* bourse-schema.h — validation of broker responses against the REST API for Brokers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One validator per response kind checks the envelope, member types, required
 * members and enums, and returns every violation with the JSON path where it
 * happened ("$.d[2].side"). Unknown extra members are always tolerated. The
 * client uses the lenient mode (ids given as integers and numbers given as
 * numeric strings are accepted, unknown enum values too); `bourse-cli check`
 * uses BOURSE_SCHEMA_FLAGS_STRICT, which reports them.
 *
 * An envelope {"s":"error","errmsg":"…"} is not a violation: it is the broker's
 * answer, which the caller turns into a REJECTED error.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  BOURSE_SCHEMA_AUTHORIZE,        /* POST /authorize */
  BOURSE_SCHEMA_OAUTH_TOKEN,      /* POST /oauth/token (bare, no envelope) */
  BOURSE_SCHEMA_ACTION,           /* {"s":"ok"} with an optional d: logout, modify, cancel, close */
  BOURSE_SCHEMA_CONFIG,
  BOURSE_SCHEMA_ACCOUNTS,
  BOURSE_SCHEMA_INSTRUMENTS,
  BOURSE_SCHEMA_ACCOUNT_STATE,
  BOURSE_SCHEMA_ORDERS,
  BOURSE_SCHEMA_ORDER,
  BOURSE_SCHEMA_ORDERS_HISTORY,
  BOURSE_SCHEMA_PLACE_ORDER,
  BOURSE_SCHEMA_PREVIEW_ORDER,
  BOURSE_SCHEMA_POSITIONS,
  BOURSE_SCHEMA_POSITION,
  BOURSE_SCHEMA_EXECUTIONS,
  BOURSE_SCHEMA_BALANCES,
  BOURSE_SCHEMA_QUOTES,
  BOURSE_SCHEMA_DEPTH,
  BOURSE_SCHEMA_HISTORY,          /* bare {s, t, o, h, l, c, v} */
  BOURSE_SCHEMA_SYMBOL_INFO,      /* bare, UDF column arrays */
  BOURSE_SCHEMA_MAPPING,          /* bare {symbols, fields} */
  BOURSE_SCHEMA_STREAM_PRICES,    /* one line of GET /streaming */
  BOURSE_SCHEMA_STREAM_ORDERS,    /* one line of …/stream/orders: snapshot, update, ping, error */
  BOURSE_SCHEMA_STREAM_POSITIONS,
  BOURSE_SCHEMA_STREAM_EXECUTIONS,
  BOURSE_SCHEMA_STREAM_STATE,
  BOURSE_SCHEMA_N_KINDS
} BourseSchema;

typedef enum
{
  BOURSE_SCHEMA_FLAGS_NONE   = 0,
  BOURSE_SCHEMA_FLAGS_STRICT = 1 << 0,
} BourseSchemaFlags;

typedef struct
{
  char *path;     /* "$.d[0].qty" */
  char *message;  /* "expected a number, got a string" */
} BourseSchemaViolation;

void        bourse_schema_violation_free (BourseSchemaViolation *violation);

/**
 * bourse_schema_validate:
 * @schema: what @root should be
 * @root: (nullable): the parsed response or stream line
 * @flags: strictness
 *
 * Returns: (transfer full) (element-type BourseSchemaViolation): the violations,
 *   an empty array when @root conforms
 */
GPtrArray  *bourse_schema_validate       (BourseSchema       schema,
                                          JsonNode          *root,
                                          BourseSchemaFlags  flags);

/* Whether @root conforms, without collecting violations (the fast path). */
gboolean    bourse_schema_conforms       (BourseSchema       schema,
                                          JsonNode          *root,
                                          BourseSchemaFlags  flags);

/* TRUE and the message when @root is {"s":"error","errmsg":…} (any kind). */
gboolean    bourse_schema_is_rejection   (JsonNode          *root,
                                          const char       **errmsg);

const char *bourse_schema_get_name       (BourseSchema       schema);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BourseSchemaViolation, bourse_schema_violation_free)

G_END_DECLS
