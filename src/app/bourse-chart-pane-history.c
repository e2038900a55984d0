/* bourse-chart-pane-history.c — the chart pane's undo/redo: drawings, studies, chart type
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pane records each settled change of one of its parts into its
 * BourseChartHistory as a pair of snapshots:
 *   drawings  "(ss)": the symbol and its drawings as a JSON array. A change
 *             settles at the release of a drag (the layer's "editing" goes
 *             FALSE) or, for changes made outside a drag (delete, lock,
 *             style…), in an idle, so a burst (remove all) is one entry;
 *   studies   "a(sss)": every study's spec, colour and style text, in order;
 *   chart type "s".
 * Restoring a snapshot replaces the part wholesale; the selection follows the
 * drawing ids. A drawings snapshot of another symbol than the shown one is
 * written to that symbol's file instead of the chart.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "bourse-chart-pane-private.h"
#include "bourse-settings.h"

/* -- drawings ------------------------------------------------------------ */

static char *
drawings_to_json (GListModel *drawings)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonArray) array = json_array_new ();
  guint n = g_list_model_get_n_items (drawings);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseDrawing) d = g_list_model_get_item (drawings, i);
      json_array_add_element (array, bourse_drawing_to_json (d));
    }
  json_node_set_array (root, array);
  return json_to_string (root, FALSE);
}

static GPtrArray *
drawings_from_json (const char *json)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonNode) root = json_from_string (json, NULL);
  JsonArray *array;

  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return g_steal_pointer (&items);
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GError) error = NULL;
      BourseDrawing *d = bourse_drawing_new_from_json (json_array_get_element (array, i), &error);

      if (d != NULL)
        g_ptr_array_add (items, d);
      else
        g_warning ("Drawing not restored: %s", error->message);
    }
  return g_steal_pointer (&items);
}

static void
restore_drawings (gpointer  target,
                  GVariant *state)
{
  BourseChartPane *self = target;
  GListStore *drawings = bourse_drawing_layer_get_drawings (self->drawing_layer);
  BourseDrawing *selected = bourse_drawing_layer_get_selected (self->drawing_layer);
  g_autofree char *selected_id = selected ? g_strdup (bourse_drawing_get_id (selected)) : NULL;
  const char *symbol, *json;
  g_autoptr(GPtrArray) items = NULL;

  g_variant_get (state, "(&s&s)", &symbol, &json);
  items = drawings_from_json (json);

  if (g_strcmp0 (symbol, self->drawings_symbol) != 0)
    {
      /* Another symbol's drawings: put its file back as it was. */
      g_autoptr(GListStore) other = g_list_store_new (BOURSE_TYPE_DRAWING);
      g_autoptr(GError) error = NULL;

      g_list_store_splice (other, 0, 0, items->pdata, items->len);
      if (!bourse_drawing_store_save (self->drawing_store, symbol, G_LIST_MODEL (other), &error))
        _bourse_chart_pane_report_error (self, _("Drawings not restored"), error);
      return;
    }

  /* Drawings that stay keep their objects (the selection, an open style
   * dialog, the object tree hold them); only the list's order may change. */
  {
    guint n = g_list_model_get_n_items (G_LIST_MODEL (drawings));
    gboolean same_list = n == items->len;

    for (guint i = 0; i < items->len; i++)
      {
        BourseDrawing *restored = g_ptr_array_index (items, i);
        gboolean kept = FALSE;

        for (guint k = 0; k < n; k++)
          {
            g_autoptr(BourseDrawing) d = g_list_model_get_item (G_LIST_MODEL (drawings), k);

            if (g_str_equal (bourse_drawing_get_id (d), bourse_drawing_get_id (restored)) &&
                bourse_drawing_get_kind (d) == bourse_drawing_get_kind (restored))
              {
                bourse_drawing_assign (d, restored);
                same_list = same_list && k == i;
                g_ptr_array_index (items, i) = g_object_ref (d);
                g_object_unref (restored);
                kept = TRUE;
                break;
              }
          }
        same_list = same_list && kept;
      }
    if (!same_list)
      g_list_store_splice (drawings, 0, n, items->pdata, items->len);
  }
  for (guint i = 0; i < items->len && selected_id != NULL; i++)
    if (g_str_equal (bourse_drawing_get_id (g_ptr_array_index (items, i)), selected_id))
      bourse_drawing_layer_set_selected (self->drawing_layer, g_ptr_array_index (items, i));
  g_free (self->drawings_snapshot);
  self->drawings_snapshot = g_strdup (json);
  _bourse_chart_pane_queue_save_drawings (self);
}

/* The drawings as they are now become the state undo goes back to. */
void
_bourse_chart_pane_reset_drawings_snapshot (BourseChartPane *self)
{
  g_clear_handle_id (&self->drawings_commit_id, g_source_remove);
  g_free (self->drawings_snapshot);
  self->drawings_snapshot = drawings_to_json (G_LIST_MODEL (bourse_drawing_layer_get_drawings (self->drawing_layer)));
}

/**
 * bourse_chart_pane_commit_drawings:
 * @merge_key: (nullable): entries committed in a row with the same key become one
 * @label: what the entry undoes ("Change Drawing Style")
 *
 * Records the drawings' change since the last commit as one undo entry.
 */
void
bourse_chart_pane_commit_drawings (BourseChartPane *self,
                                   const char      *label,
                                   const char      *merge_key)
{
  g_autofree char *now = NULL;
  const char *symbol;

  g_return_if_fail (BOURSE_IS_CHART_PANE (self));

  g_clear_handle_id (&self->drawings_commit_id, g_source_remove);
  if (bourse_chart_history_is_restoring (self->history) || self->drawings_snapshot == NULL)
    return;
  now = drawings_to_json (G_LIST_MODEL (bourse_drawing_layer_get_drawings (self->drawing_layer)));
  if (g_str_equal (now, self->drawings_snapshot))
    return;
  symbol = self->drawings_symbol ? self->drawings_symbol : "";
  bourse_chart_history_push (self->history, label ? label : _("Edit Drawings"), merge_key,
                             restore_drawings, self,
                             g_variant_new ("(ss)", symbol, self->drawings_snapshot),
                             g_variant_new ("(ss)", symbol, now));
  g_free (self->drawings_snapshot);
  self->drawings_snapshot = g_steal_pointer (&now);
  _bourse_chart_pane_queue_save_drawings (self);
}

static gboolean
commit_drawings_cb (gpointer user_data)
{
  BourseChartPane *self = user_data;

  self->drawings_commit_id = 0;
  /* A drag began since (a new drawing is added before its drag): its release commits. */
  if (!bourse_drawing_layer_get_editing (self->drawing_layer))
    bourse_chart_pane_commit_drawings (self, NULL, NULL);
  return G_SOURCE_REMOVE;
}

/* Something in the drawings changed (or just the selection): commit once
 * things settle, never in the middle of a drag. */
static void
drawing_layer_changed_cb (BourseChartPane *self)
{
  if (bourse_chart_history_is_restoring (self->history) || bourse_drawing_layer_get_editing (self->drawing_layer) ||
      self->drawings_commit_id != 0)
    return;
  self->drawings_commit_id = g_idle_add (commit_drawings_cb, self);
}

static void
drawing_layer_editing_cb (BourseChartPane *self)
{
  if (!bourse_drawing_layer_get_editing (self->drawing_layer))
    bourse_chart_pane_commit_drawings (self, NULL, NULL);
}

/* -- studies ------------------------------------------------------------- */

GVariant *
_bourse_chart_pane_studies_snapshot (BourseChartPane *self)
{
  g_autoptr(GPtrArray) ids = bourse_chart_studies_list (self->studies);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sss)"));
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      const char *color = g_hash_table_lookup (self->indicator_colors, id);
      const char *style = g_hash_table_lookup (self->indicator_styles, id);

      g_variant_builder_add (&builder, "(sss)",
                             bourse_indicator_get_spec (bourse_chart_studies_get_indicator (self->studies, id)),
                             color ? color : "", style ? style : "");
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static void
restore_studies (gpointer  target,
                 GVariant *state)
{
  BourseChartPane *self = target;
  g_autoptr(GPtrArray) ids = bourse_chart_studies_list (self->studies);
  GVariantIter iter;
  const char *spec, *color, *style;

  for (guint i = 0; i < ids->len; i++)
    bourse_chart_studies_remove (self->studies, g_ptr_array_index (ids, i));
  g_hash_table_remove_all (self->indicator_colors);
  g_hash_table_remove_all (self->indicator_styles);

  g_variant_iter_init (&iter, state);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &spec, &color, &style))
    {
      g_autoptr(GError) error = NULL;

      if (_bourse_chart_pane_add_kept_study (self, spec, color, style, &error) == NULL)
        g_warning ("Indicator “%s” not restored: %s", spec, error->message);
    }
  _bourse_chart_pane_studies_changed (self);
}

/* Records the studies' change from @before (a snapshot) to now. */
void
_bourse_chart_pane_record_studies (BourseChartPane *self,
                                   const char      *label,
                                   const char      *merge_key,
                                   GVariant        *before)
{
  g_autoptr(GVariant) after = _bourse_chart_pane_studies_snapshot (self);

  bourse_chart_history_push (self->history, label, merge_key, restore_studies, self, before, after);
}

/* -- chart type ---------------------------------------------------------- */

static void
restore_chart_type (gpointer  target,
                    GVariant *state)
{
  /* Through the window, so its button, action state and settings follow. */
  if (!gtk_widget_activate_action (GTK_WIDGET (target), "win.set-chart-type", "s", g_variant_get_string (state, NULL)))
    bourse_chart_pane_set_chart_type (target, g_variant_get_string (state, NULL));
}

void
_bourse_chart_pane_record_chart_type (BourseChartPane *self,
                                      const char      *before,
                                      const char      *after)
{
  bourse_chart_history_push (self->history, _("Change Chart Type"), NULL, restore_chart_type, self,
                             g_variant_new_string (before), g_variant_new_string (after));
}

/* -- price scale --------------------------------------------------------- */

GVariant *
_bourse_chart_pane_scale_snapshot (BourseChartPane *self,
                                   guint            pane_id)
{
  return g_variant_ref_sink (g_variant_new ("(uub)", pane_id,
                                            (guint32) bourse_chart_get_pane_scale_mode (self->chart, pane_id),
                                            bourse_chart_get_pane_inverted (self->chart, pane_id)));
}

static void
restore_scale (gpointer  target,
               GVariant *state)
{
  BourseChartPane *self = target;
  guint32 pane_id, mode;
  gboolean inverted;

  g_variant_get (state, "(uub)", &pane_id, &mode, &inverted);
  bourse_chart_set_pane_scale_mode (self->chart, pane_id, mode);
  bourse_chart_set_pane_inverted (self->chart, pane_id, inverted);
  g_object_notify (G_OBJECT (self), "price-scale-mode");
  g_object_notify (G_OBJECT (self), "price-scale-inverted");
}

/* Records a change of @pane_id's scale mode or inversion from @before. */
void
_bourse_chart_pane_record_scale (BourseChartPane *self,
                                 guint            pane_id,
                                 GVariant        *before)
{
  g_autoptr(GVariant) after = _bourse_chart_pane_scale_snapshot (self, pane_id);

  bourse_chart_history_push (self->history, _("Change Price Scale"), NULL, restore_scale, self, before, after);
}

#define CLONE_OFFSET_PX 24.0

/* -- drawings commands ----------------------------------------------------- */

/**
 * bourse_chart_pane_clone_drawing:
 *
 * Returns: (transfer none) (nullable): the copy of @drawing, a few bars to the right, now selected
 */
BourseDrawing *
bourse_chart_pane_clone_drawing (BourseChartPane *self,
                                 BourseDrawing   *drawing)
{
  const BourseBars *bars = bourse_chart_get_bars (self->chart);
  double spacing = bourse_chart_viewport_get_bar_spacing (bourse_chart_get_viewport (self->chart));
  gint64 step = 60, n_bars = 3;
  g_autoptr(BourseDrawing) copy = NULL;

  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), NULL);
  g_return_val_if_fail (BOURSE_IS_DRAWING (drawing), NULL);

  /* At least three bars and CLONE_OFFSET_PX later, so the copy is seen
   * beside the original at any zoom, not on top of it. */
  if (bars != NULL && bars->len >= 2)
    step = bars->time[bars->len - 1] - bars->time[bars->len - 2];
  if (spacing > 0)
    n_bars = MAX (n_bars, (gint64) ceil (CLONE_OFFSET_PX / spacing));
  copy = bourse_drawing_clone (drawing, n_bars * step, 0);
  g_list_store_append (bourse_drawing_layer_get_drawings (self->drawing_layer), copy);
  bourse_drawing_layer_set_selected (self->drawing_layer, copy);
  bourse_chart_pane_commit_drawings (self, _("Clone Drawing"), NULL);
  return copy;
}

void
bourse_chart_pane_remove_all_drawings (BourseChartPane *self)
{
  GListStore *drawings;

  g_return_if_fail (BOURSE_IS_CHART_PANE (self));

  drawings = bourse_drawing_layer_get_drawings (self->drawing_layer);
  g_list_store_remove_all (drawings);
  bourse_chart_pane_commit_drawings (self, _("Remove All Drawings"), NULL);
}

/* -- public -------------------------------------------------------------- */

/**
 * bourse_chart_pane_get_history:
 *
 * Returns: (transfer none): the chart's undo/redo history; other parts of
 *   the app push their own changes onto it (see bourse-chart-history.h)
 */
BourseChartHistory *
bourse_chart_pane_get_history (BourseChartPane *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), NULL);
  return self->history;
}

gboolean
bourse_chart_pane_undo (BourseChartPane *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), FALSE);

  /* A change still waiting for its idle is the newest: record it first. */
  if (self->drawings_commit_id != 0)
    bourse_chart_pane_commit_drawings (self, NULL, NULL);
  return bourse_chart_history_undo (self->history);
}

gboolean
bourse_chart_pane_redo (BourseChartPane *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), FALSE);

  if (self->drawings_commit_id != 0)
    bourse_chart_pane_commit_drawings (self, NULL, NULL);
  return bourse_chart_history_redo (self->history);
}

/* -- chart settings ------------------------------------------------------ */

/* The chart settings dialog's keys: each change is a step, consecutive
 * changes of one key (a colour being picked, a watermark typed) one step. */
static const char * const chart_setting_keys[] = {
  BOURSE_SETTINGS_KEY_CHART_UP_COLOR, BOURSE_SETTINGS_KEY_CHART_DOWN_COLOR,
  BOURSE_SETTINGS_KEY_CHART_UP_BORDER_COLOR, BOURSE_SETTINGS_KEY_CHART_DOWN_BORDER_COLOR,
  BOURSE_SETTINGS_KEY_CHART_UP_WICK_COLOR, BOURSE_SETTINGS_KEY_CHART_DOWN_WICK_COLOR,
  BOURSE_SETTINGS_KEY_CHART_LINE_COLOR, BOURSE_SETTINGS_KEY_CHART_LEGEND,
  BOURSE_SETTINGS_KEY_CHART_SCALE_MODE, BOURSE_SETTINGS_KEY_CHART_INVERTED,
  BOURSE_SETTINGS_KEY_CHART_PRICE_AXIS_SIDE, BOURSE_SETTINGS_KEY_CHART_PRECISION,
  BOURSE_SETTINGS_KEY_CHART_LAST_PRICE_LABEL, BOURSE_SETTINGS_KEY_CHART_COUNTDOWN,
  BOURSE_SETTINGS_KEY_CHART_BACKGROUND_COLOR, BOURSE_SETTINGS_KEY_CHART_GRID_VERTICAL,
  BOURSE_SETTINGS_KEY_CHART_GRID_HORIZONTAL, BOURSE_SETTINGS_KEY_CHART_GRID_COLOR,
  BOURSE_SETTINGS_KEY_CHART_CROSSHAIR_MODE, BOURSE_SETTINGS_KEY_CHART_WATERMARK,
  BOURSE_SETTINGS_KEY_CHART_WATERMARK_TEXT, BOURSE_SETTINGS_KEY_CHART_SESSION_BREAKS,
  BOURSE_SETTINGS_KEY_CHART_TIME_ZONE,
};

static void
restore_chart_setting (gpointer  target,
                       GVariant *state)
{
  BourseChartPane *self = target;
  g_autoptr(GVariant) value = NULL;
  const char *key;

  if (self->chart_settings == NULL)
    return;
  g_variant_get (state, "(&sv)", &key, &value);
  g_settings_set_value (self->chart_settings, key, value);
}

static void
chart_setting_changed_cb (BourseChartPane *self,
                          const char      *key,
                          GSettings       *settings)
{
  GVariant *before;
  g_autoptr(GVariant) after = NULL;
  gpointer stored_key;

  if (!g_hash_table_lookup_extended (self->chart_settings_seen, key, &stored_key, (gpointer *) &before))
    return;   /* not a chart setting */
  after = g_settings_get_value (settings, key);
  if (!bourse_chart_history_is_restoring (self->history) && !g_variant_equal (before, after))
    {
      g_autofree char *merge_key = g_strconcat ("setting:", key, NULL);

      bourse_chart_history_push (self->history, _("Change Chart Settings"), merge_key, restore_chart_setting, self,
                                 g_variant_new ("(sv)", key, before), g_variant_new ("(sv)", key, after));
    }
  g_hash_table_replace (self->chart_settings_seen, stored_key, g_steal_pointer (&after));
}

/* Records the chart settings' changes in @settings (NULL: none) from now on. */
void
_bourse_chart_pane_follow_chart_settings (BourseChartPane *self,
                                          GSettings       *settings)
{
  if (self->chart_settings != NULL)
    g_clear_signal_handler (&self->chart_settings_changed_id, self->chart_settings);
  g_clear_object (&self->chart_settings);
  g_clear_pointer (&self->chart_settings_seen, g_hash_table_unref);
  if (settings == NULL)
    return;
  self->chart_settings = g_object_ref (settings);
  self->chart_settings_seen = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_variant_unref);
  for (guint i = 0; i < G_N_ELEMENTS (chart_setting_keys); i++)
    g_hash_table_insert (self->chart_settings_seen, (gpointer) chart_setting_keys[i],
                         g_settings_get_value (settings, chart_setting_keys[i]));
  self->chart_settings_changed_id = g_signal_connect_object (settings, "changed", G_CALLBACK (chart_setting_changed_cb),
                                                             self, G_CONNECT_SWAPPED);
}

void
_bourse_chart_pane_init_history (BourseChartPane *self)
{
  self->history = bourse_chart_history_new (200);
  g_signal_connect_object (self->drawing_layer, "changed", G_CALLBACK (drawing_layer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->drawing_layer, "notify::editing", G_CALLBACK (drawing_layer_editing_cb), self, G_CONNECT_SWAPPED);
  _bourse_chart_pane_reset_drawings_snapshot (self);
}
