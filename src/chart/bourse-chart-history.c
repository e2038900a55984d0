/* bourse-chart-history.c — one chart's undo/redo history of state snapshots
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two stacks in one GPtrArray: entries [0, position) can be undone, entries
 * [position, len) redone. Snapshots rather than inverse operations: each part
 * of the chart knows how to serialise itself, so undo cannot drift from what
 * redo did, and merging a burst of changes is keeping the outer snapshots.
 */
#include "config.h"

#include "bourse-chart-history.h"

typedef struct
{
  char                      *label;
  char                      *merge_key;
  BourseChartHistoryRestore  restore;
  gpointer                   target;
  GVariant                  *before;
  GVariant                  *after;
} Entry;

struct _BourseChartHistory
{
  GObject    parent_instance;

  GPtrArray *entries;      /* of Entry */
  guint      position;     /* entries before it are undoable */
  guint      limit;
  guint      restoring : 1;
  guint      sealed : 1;   /* the top entry takes no merge */
};

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BourseChartHistory, bourse_chart_history, G_TYPE_OBJECT)

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->label);
  g_free (entry->merge_key);
  g_clear_pointer (&entry->before, g_variant_unref);
  g_clear_pointer (&entry->after, g_variant_unref);
  g_free (entry);
}

static void
notify_state (BourseChartHistory *self,
              gboolean            could_undo,
              gboolean            could_redo)
{
  if (could_undo != bourse_chart_history_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != bourse_chart_history_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static void
bourse_chart_history_finalize (GObject *object)
{
  BourseChartHistory *self = BOURSE_CHART_HISTORY (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  G_OBJECT_CLASS (bourse_chart_history_parent_class)->finalize (object);
}

static void
bourse_chart_history_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  BourseChartHistory *self = BOURSE_CHART_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO: g_value_set_boolean (value, bourse_chart_history_can_undo (self)); break;
    case PROP_CAN_REDO: g_value_set_boolean (value, bourse_chart_history_can_redo (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_chart_history_class_init (BourseChartHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = bourse_chart_history_finalize;
  object_class->get_property = bourse_chart_history_get_property;

  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bourse_chart_history_init (BourseChartHistory *self)
{
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->sealed = TRUE;
}

/**
 * bourse_chart_history_new:
 * @limit: how many entries are kept (the oldest go first); 0 for 100
 */
BourseChartHistory *
bourse_chart_history_new (guint limit)
{
  BourseChartHistory *self = g_object_new (BOURSE_TYPE_CHART_HISTORY, NULL);

  self->limit = limit > 0 ? limit : 100;
  return self;
}

void
bourse_chart_history_push (BourseChartHistory        *self,
                           const char                *label,
                           const char                *merge_key,
                           BourseChartHistoryRestore  restore,
                           gpointer                   target,
                           GVariant                  *before,
                           GVariant                  *after)
{
  g_autoptr(GVariant) b = NULL;
  g_autoptr(GVariant) a = NULL;
  gboolean could_undo, could_redo;
  Entry *top;

  g_return_if_fail (BOURSE_IS_CHART_HISTORY (self));
  g_return_if_fail (restore != NULL);
  g_return_if_fail (before != NULL && after != NULL);

  b = g_variant_ref_sink (before);
  a = g_variant_ref_sink (after);
  if (self->restoring)
    return;

  could_undo = bourse_chart_history_can_undo (self);
  could_redo = bourse_chart_history_can_redo (self);
  top = self->position > 0 && self->position == self->entries->len
      ? g_ptr_array_index (self->entries, self->position - 1) : NULL;

  if (top != NULL && !self->sealed && merge_key != NULL && g_strcmp0 (top->merge_key, merge_key) == 0 &&
      top->restore == restore && top->target == target)
    {
      g_clear_pointer (&top->after, g_variant_unref);
      top->after = g_steal_pointer (&a);
      /* A burst that ends where it began is no change at all. */
      if (g_variant_equal (top->before, top->after))
        {
          g_ptr_array_remove_index (self->entries, --self->position);
          self->sealed = TRUE;
        }
      notify_state (self, could_undo, could_redo);
      return;
    }
  if (g_variant_equal (b, a))
    return;

  /* A new change forgets what could have been redone. */
  if (self->position < self->entries->len)
    g_ptr_array_remove_range (self->entries, self->position, self->entries->len - self->position);
  while (self->entries->len >= self->limit)
    g_ptr_array_remove_index (self->entries, 0);

  top = g_new0 (Entry, 1);
  top->label = g_strdup (label);
  top->merge_key = g_strdup (merge_key);
  top->restore = restore;
  top->target = target;
  top->before = g_steal_pointer (&b);
  top->after = g_steal_pointer (&a);
  g_ptr_array_add (self->entries, top);
  self->position = self->entries->len;
  self->sealed = FALSE;
  notify_state (self, could_undo, could_redo);
}

static void
restore (BourseChartHistory *self,
         Entry              *entry,
         GVariant           *state)
{
  self->restoring = TRUE;
  entry->restore (entry->target, state);
  self->restoring = FALSE;
}

gboolean
bourse_chart_history_undo (BourseChartHistory *self)
{
  gboolean could_redo;
  Entry *entry;

  g_return_val_if_fail (BOURSE_IS_CHART_HISTORY (self), FALSE);

  if (self->position == 0 || self->restoring)
    return FALSE;
  could_redo = bourse_chart_history_can_redo (self);
  entry = g_ptr_array_index (self->entries, --self->position);
  self->sealed = TRUE;
  restore (self, entry, entry->before);
  notify_state (self, TRUE, could_redo);
  return TRUE;
}

gboolean
bourse_chart_history_redo (BourseChartHistory *self)
{
  gboolean could_undo;
  Entry *entry;

  g_return_val_if_fail (BOURSE_IS_CHART_HISTORY (self), FALSE);

  if (self->position >= self->entries->len || self->restoring)
    return FALSE;
  could_undo = bourse_chart_history_can_undo (self);
  entry = g_ptr_array_index (self->entries, self->position++);
  self->sealed = TRUE;
  restore (self, entry, entry->after);
  notify_state (self, could_undo, TRUE);
  return TRUE;
}

gboolean
bourse_chart_history_can_undo (BourseChartHistory *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_HISTORY (self), FALSE);
  return self->position > 0;
}

gboolean
bourse_chart_history_can_redo (BourseChartHistory *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_HISTORY (self), FALSE);
  return self->position < self->entries->len;
}

const char *
bourse_chart_history_get_undo_label (BourseChartHistory *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_HISTORY (self), NULL);
  return self->position > 0 ? ((Entry *) g_ptr_array_index (self->entries, self->position - 1))->label : NULL;
}

const char *
bourse_chart_history_get_redo_label (BourseChartHistory *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_HISTORY (self), NULL);
  return self->position < self->entries->len
       ? ((Entry *) g_ptr_array_index (self->entries, self->position))->label : NULL;
}

gboolean
bourse_chart_history_is_restoring (BourseChartHistory *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_HISTORY (self), FALSE);
  return self->restoring;
}

void
bourse_chart_history_seal (BourseChartHistory *self)
{
  g_return_if_fail (BOURSE_IS_CHART_HISTORY (self));
  self->sealed = TRUE;
}

void
bourse_chart_history_clear (BourseChartHistory *self)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (BOURSE_IS_CHART_HISTORY (self));

  could_undo = bourse_chart_history_can_undo (self);
  could_redo = bourse_chart_history_can_redo (self);
  g_ptr_array_set_size (self->entries, 0);
  self->position = 0;
  self->sealed = TRUE;
  notify_state (self, could_undo, could_redo);
}
