/* bourse-schema-private.h — what the schema's files share: paths, the validation context, the member checks and the trading validators
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "bourse-schema.h"

G_BEGIN_DECLS

typedef struct _Path Path;
struct _Path
{
  const Path *parent;
  const char *member;  /* NULL for an array index */
  guint       index;
};

#define PATH_MEMBER(parent_, name_) { (parent_), (name_), 0 }
#define PATH_INDEX(parent_, i_) { (parent_), NULL, (i_) }

typedef struct
{
  GPtrArray *violations;  /* NULL: only whether it conforms is wanted */
  gboolean   strict;
  gboolean   failed;
} Ctx;

typedef enum { OPTIONAL, REQUIRED } Need;

typedef enum
{
  NUM_ANY,
  NUM_POSITIVE,      /* > 0 */
  NUM_NON_NEGATIVE,  /* >= 0 */
} NumRange;

typedef void (*ValidateFunc) (Ctx *ctx, JsonNode *node, const Path *path);

/* A member rule: rule tables describe the plain members of an object, in the
 * order they are checked, ended by a rule with a NULL name. Cross-field rules
 * stay code beside the tables. */
typedef enum
{
  RULE_STRING,
  RULE_ID,       /* a string (or, when lenient, an integer) */
  RULE_NUMBER,   /* @range */
  RULE_TIME,     /* integer seconds */
  RULE_BOOLEAN,
  RULE_ENUM,     /* one of @values */
  RULE_ARRAY,    /* of objects, each checked against @members */
  RULE_OBJECT,   /* checked against @members */
} RuleKind;

typedef struct _Rule Rule;
struct _Rule
{
  const char         *name;
  RuleKind            kind;
  Need                need;
  NumRange            range;
  const char * const *values;
  const Rule         *members;
};

/* bourse-schema.c: the member checks every validator is built from */
JsonArray *_bourse_schema_check_array_member (Ctx        *ctx,
                                              JsonObject *object,
                                              const Path *parent,
                                              const char *name,
                                              Need        need);
void _bourse_schema_check_boolean (Ctx        *ctx,
                                   JsonObject *object,
                                   const Path *parent,
                                   const char *name,
                                   Need        need);
const char *_bourse_schema_check_enum (Ctx               *ctx,
                                       JsonObject        *object,
                                       const Path        *parent,
                                       const char        *name,
                                       Need               need,
                                       const char * const *values);
void _bourse_schema_check_id (Ctx        *ctx,
                              JsonObject *object,
                              const Path *parent,
                              const char *name,
                              Need        need);
gboolean _bourse_schema_check_number (Ctx        *ctx,
                                      JsonObject *object,
                                      const Path *parent,
                                      const char *name,
                                      Need        need,
                                      NumRange    range,
                                      double     *out);
JsonObject *_bourse_schema_check_object_member (Ctx        *ctx,
                                                JsonObject *object,
                                                const Path *parent,
                                                const char *name,
                                                Need        need);
const char *_bourse_schema_check_string (Ctx        *ctx,
                                         JsonObject *object,
                                         const Path *parent,
                                         const char *name,
                                         Need        need);
void _bourse_schema_check_string_array (Ctx        *ctx,
                                        JsonArray  *array,
                                        const Path *path);
gboolean _bourse_schema_check_time (Ctx        *ctx,
                                    JsonObject *object,
                                    const Path *parent,
                                    const char *name,
                                    Need        need,
                                    gint64     *out);
void _bourse_schema_each_element (Ctx          *ctx,
                                  JsonNode     *node,
                                  const Path   *path,
                                  ValidateFunc  func);
JsonArray *_bourse_schema_expect_array (Ctx        *ctx,
                                        JsonNode   *node,
                                        const Path *path);
JsonObject *_bourse_schema_expect_object (Ctx        *ctx,
                                          JsonNode   *node,
                                          const Path *path);
void _bourse_schema_violation (Ctx        *ctx,
                               const Path *path,
                               const char *format,
                               ...) G_GNUC_PRINTF (3, 4);

void _bourse_schema_check_rules (Ctx        *ctx,
                                 JsonObject *object,
                                 const Path *path,
                                 const Rule *rules);
/* An object whose members are all described by @rules. */
void _bourse_schema_validate_object (Ctx        *ctx,
                                     JsonNode   *node,
                                     const Path *path,
                                     const Rule *rules);

/* bourse-schema-trading.c: accounts, orders, positions, executions, state, config */
void _bourse_schema_validate_account (Ctx        *ctx,
                                      JsonNode   *node,
                                      const Path *path);
void _bourse_schema_validate_account_state (Ctx        *ctx,
                                            JsonNode   *node,
                                            const Path *path);
void _bourse_schema_validate_authorize (Ctx        *ctx,
                                        JsonNode   *node,
                                        const Path *path);
void _bourse_schema_validate_balance (Ctx        *ctx,
                                      JsonNode   *node,
                                      const Path *path);
void _bourse_schema_validate_config (Ctx        *ctx,
                                     JsonNode   *node,
                                     const Path *path);
void _bourse_schema_validate_execution (Ctx        *ctx,
                                        JsonNode   *node,
                                        const Path *path);
void _bourse_schema_validate_history_order (Ctx        *ctx,
                                            JsonNode   *node,
                                            const Path *path);
void _bourse_schema_validate_instrument (Ctx        *ctx,
                                         JsonNode   *node,
                                         const Path *path);
void _bourse_schema_validate_order (Ctx        *ctx,
                                    JsonNode   *node,
                                    const Path *path);
void _bourse_schema_validate_place_order (Ctx        *ctx,
                                          JsonNode   *node,
                                          const Path *path);
void _bourse_schema_validate_position (Ctx        *ctx,
                                       JsonNode   *node,
                                       const Path *path);
void _bourse_schema_validate_preview_order (Ctx        *ctx,
                                            JsonNode   *node,
                                            const Path *path);
void _bourse_schema_validate_streamed_position (Ctx        *ctx,
                                                JsonNode   *node,
                                                const Path *path);

G_END_DECLS
