/* bourse-model-fields.c — the one reader, differ and writer behind every model's fields (order, position, execution…)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each model describes its members once, as a table of BourseModelField
 * (property, JSON member, kind, offset in the instance struct). Reading a
 * validated object, diffing against a fresh copy with one notify per changed
 * property, and writing back exactly the members the broker sent are then the
 * same loop for all seven models instead of seven hand-written copies that
 * could drift apart. An enum's wire strings are its GEnumValue nicks, taken
 * from the property's GParamSpecEnum.
 */
#include "config.h"

#include "bourse-json.h"
#include "bourse-models-private.h"

#define FIELD(instance, field, type) ((type *) (gpointer) ((guint8 *) (instance) + (field)->offset))

static GEnumClass *
enum_class_of (GParamSpec **pspecs,
               guint        prop)
{
  return G_PARAM_SPEC_ENUM (pspecs[prop])->enum_class;
}

static gboolean
read_one (gpointer                instance,
          const BourseModelField *field,
          GParamSpec            **pspecs,
          JsonObject             *object)
{
  JsonNode *node;
  const char *str;

  switch (field->kind)
    {
    case BOURSE_MODEL_FIELD_ID:
      return (*FIELD (instance, field, char *) = _bourse_json_dup_id (object, field->member)) != NULL;
    case BOURSE_MODEL_FIELD_STRING:
      return (*FIELD (instance, field, char *) = g_strdup (_bourse_json_get_string (object, field->member))) != NULL;
    case BOURSE_MODEL_FIELD_NUMBER:
      return _bourse_json_get_number (object, field->member, FIELD (instance, field, double));
    case BOURSE_MODEL_FIELD_INT64:
      return _bourse_json_get_int64 (object, field->member, FIELD (instance, field, gint64));
    case BOURSE_MODEL_FIELD_BOOLEAN:
      return _bourse_json_get_boolean (object, field->member, FIELD (instance, field, gboolean));
    case BOURSE_MODEL_FIELD_ENUM:
      if ((str = _bourse_json_get_string (object, field->member)) == NULL)
        return FALSE;
      {
        const GEnumValue *value = g_enum_get_value_by_nick (enum_class_of (pspecs, field->prop), str);
        *FIELD (instance, field, int) = value != NULL ? value->value : 0;
      }
      return TRUE;
    case BOURSE_MODEL_FIELD_JSON:
      node = _bourse_json_get_member (object, field->member);
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        return FALSE;
      *FIELD (instance, field, JsonNode *) = json_node_copy (node);
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

guint64
_bourse_model_fields_read (gpointer                instance,
                           const BourseModelField *fields,
                           guint                   n_fields,
                           GParamSpec            **pspecs,
                           JsonObject             *object)
{
  guint64 present = 0;

  for (guint i = 0; i < n_fields; i++)
    if (read_one (instance, &fields[i], pspecs, object))
      present |= BOURSE_PRESENT_BIT (fields[i].prop);
  return present;
}

/* Copies one field of @other into @self; returns TRUE when it was different. */
static gboolean
update_one (gpointer                self,
            gpointer                other,
            const BourseModelField *field)
{
  switch (field->kind)
    {
    case BOURSE_MODEL_FIELD_ID:
    case BOURSE_MODEL_FIELD_STRING:
      {
        char **mine = FIELD (self, field, char *), *theirs = *FIELD (other, field, char *);
        if (g_strcmp0 (*mine, theirs) == 0)
          return FALSE;
        g_free (*mine);
        *mine = g_strdup (theirs);
        return TRUE;
      }
    case BOURSE_MODEL_FIELD_NUMBER:
      if (*FIELD (self, field, double) == *FIELD (other, field, double))
        return FALSE;
      *FIELD (self, field, double) = *FIELD (other, field, double);
      return TRUE;
    case BOURSE_MODEL_FIELD_INT64:
      if (*FIELD (self, field, gint64) == *FIELD (other, field, gint64))
        return FALSE;
      *FIELD (self, field, gint64) = *FIELD (other, field, gint64);
      return TRUE;
    case BOURSE_MODEL_FIELD_BOOLEAN:
      if (*FIELD (self, field, gboolean) == *FIELD (other, field, gboolean))
        return FALSE;
      *FIELD (self, field, gboolean) = *FIELD (other, field, gboolean);
      return TRUE;
    case BOURSE_MODEL_FIELD_ENUM:
      if (*FIELD (self, field, int) == *FIELD (other, field, int))
        return FALSE;
      *FIELD (self, field, int) = *FIELD (other, field, int);
      return TRUE;
    case BOURSE_MODEL_FIELD_JSON:
      {
        JsonNode **mine = FIELD (self, field, JsonNode *), *theirs = *FIELD (other, field, JsonNode *);
        if ((*mine == NULL) == (theirs == NULL) && (*mine == NULL || json_node_equal (*mine, theirs)))
          return FALSE;
        g_clear_pointer (mine, json_node_unref);
        *mine = theirs != NULL ? json_node_copy (theirs) : NULL;
        return TRUE;
      }
    default:
      g_assert_not_reached ();
    }
}

gboolean
_bourse_model_fields_update (gpointer                self,
                             gpointer                other,
                             const BourseModelField *fields,
                             guint                   n_fields,
                             GParamSpec            **pspecs)
{
  gboolean changed = FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < n_fields; i++)
    {
      if (update_one (self, other, &fields[i]))
        {
          g_object_notify_by_pspec (G_OBJECT (self), pspecs[fields[i].prop]);
          changed = TRUE;
        }
    }
  g_object_thaw_notify (G_OBJECT (self));
  return changed;
}

JsonNode *
_bourse_model_fields_write (gpointer                instance,
                            guint64                 present,
                            const BourseModelField *fields,
                            guint                   n_fields,
                            GParamSpec            **pspecs)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  for (guint i = 0; i < n_fields; i++)
    {
      const BourseModelField *field = &fields[i];
      const GEnumValue *value;

      if ((present & BOURSE_PRESENT_BIT (field->prop)) == 0)
        continue;
      switch (field->kind)
        {
        case BOURSE_MODEL_FIELD_ID:
        case BOURSE_MODEL_FIELD_STRING:
          _bourse_json_builder_add_string_member (builder, field->member, *FIELD (instance, field, char *));
          break;
        case BOURSE_MODEL_FIELD_NUMBER:
          _bourse_json_builder_add_number_member (builder, field->member, *FIELD (instance, field, double));
          break;
        case BOURSE_MODEL_FIELD_INT64:
          _bourse_json_builder_add_int_member (builder, field->member, *FIELD (instance, field, gint64));
          break;
        case BOURSE_MODEL_FIELD_BOOLEAN:
          _bourse_json_builder_add_boolean_member (builder, field->member, *FIELD (instance, field, gboolean));
          break;
        case BOURSE_MODEL_FIELD_ENUM:
          value = g_enum_get_value (enum_class_of (pspecs, field->prop), *FIELD (instance, field, int));
          _bourse_json_builder_add_string_member (builder, field->member, value != NULL ? value->value_nick : "unknown");
          break;
        case BOURSE_MODEL_FIELD_JSON:
          _bourse_json_builder_add_value_member (builder, field->member, json_node_copy (*FIELD (instance, field, JsonNode *)));
          break;
        default:
          g_assert_not_reached ();
        }
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
