/* bourse-models-private.h — constructors and in-place updates of the model objects, for the client and store
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "bourse-account.h"
#include "bourse-instrument.h"
#include "bourse-order.h"
#include "bourse-position.h"
#include "bourse-execution.h"
#include "bourse-quote.h"
#include "bourse-account-state.h"

G_BEGIN_DECLS

/* A model's "present" mask has one bit per property: the members the broker
 * sent, so that to_json() writes back exactly those. */
#define BOURSE_PRESENT_BIT(prop) (G_GUINT64_CONSTANT (1) << (prop))

/* bourse-model-fields.c: a model's members described once, read, diffed and
 * written by one loop for all models. */
typedef enum
{
  BOURSE_MODEL_FIELD_ID,       /* char *: a string or integer id */
  BOURSE_MODEL_FIELD_STRING,   /* char * */
  BOURSE_MODEL_FIELD_NUMBER,   /* double */
  BOURSE_MODEL_FIELD_INT64,    /* gint64 */
  BOURSE_MODEL_FIELD_BOOLEAN,  /* gboolean */
  BOURSE_MODEL_FIELD_ENUM,     /* a registered enum; wire strings are its nicks */
  BOURSE_MODEL_FIELD_JSON,     /* JsonNode *, kept as sent */
} BourseModelFieldKind;

typedef struct
{
  guint                 prop;     /* property id: notify and "present" bit */
  const char           *member;   /* JSON member */
  BourseModelFieldKind  kind;
  gsize                 offset;   /* G_STRUCT_OFFSET in the instance struct */
} BourseModelField;

/* Returns the "present" mask of the members found in @object. */
guint64   _bourse_model_fields_read   (gpointer                instance,
                                       const BourseModelField *fields,
                                       guint                   n_fields,
                                       GParamSpec            **pspecs,
                                       JsonObject             *object);
/* Copies @other's fields into @self, one notify per changed property (frozen
 * until all are copied). Returns: TRUE when anything changed */
gboolean  _bourse_model_fields_update (gpointer                self,
                                       gpointer                other,
                                       const BourseModelField *fields,
                                       guint                   n_fields,
                                       GParamSpec            **pspecs);
/* Returns: (transfer full): an object with the members in @present */
JsonNode *_bourse_model_fields_write  (gpointer                instance,
                                       guint64                 present,
                                       const BourseModelField *fields,
                                       guint                   n_fields,
                                       GParamSpec            **pspecs);

BourseAccount *_bourse_account_new_from_json (JsonObject *object);
gboolean _bourse_account_update_from (BourseAccount *self,
                                      BourseAccount *other);
BourseInstrument *_bourse_instrument_new_from_json (JsonObject *object);
gboolean _bourse_instrument_update_from (BourseInstrument *self,
                                         BourseInstrument *other);
BourseOrder *_bourse_order_new_from_json (JsonObject *object);
gboolean _bourse_order_update_from (BourseOrder *self,
                                    BourseOrder *other);
BoursePosition *_bourse_position_new_from_json (JsonObject *object);
gboolean _bourse_position_update_from (BoursePosition *self,
                                       BoursePosition *other);
BourseExecution *_bourse_execution_new_from_json (JsonObject *object);
gboolean _bourse_execution_update_from (BourseExecution *self,
                                        BourseExecution *other);
BourseQuote *_bourse_quote_new_from_json (JsonObject *object);
void     _bourse_quote_fill_reference_from (BourseQuote *self,
                                            BourseQuote *other);
gboolean _bourse_quote_update_from (BourseQuote *self,
                                    BourseQuote *other);
BourseAccountState *_bourse_account_state_new_from_json (JsonObject *object);
gboolean _bourse_account_state_update_from (BourseAccountState *self,
                                            BourseAccountState *other);

BourseQuote *_bourse_quote_new (const char *symbol);
BourseQuote *_bourse_quote_new_from_entry (JsonObject *entry);
gboolean _bourse_quote_apply_stream (BourseQuote *self,
                                     JsonObject  *line,
                                     const char  *f);

G_END_DECLS
