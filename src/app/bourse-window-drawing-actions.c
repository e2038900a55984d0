/* bourse-window-drawing-actions.c — the window's drawing actions: tools, the drawing toolbar and menu
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * win.set-drawing-tool picks the tool of the chart's drawing layer; the
 * drawing toolbar's toggles (magnet, keep tool, lock all, hide all) mirror
 * layer properties; the drawing's context menu clones, locks, hides,
 * restacks, styles or deletes the selected drawing. Each edit is committed
 * to the chart pane, which makes it one undo step and saves it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-drawing-style-dialog.h"
#include "bourse-window-private.h"

static void
bourse_window_set_drawing_tool_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  BourseWindow *self = user_data;
  const char *nick = g_variant_get_string (parameter, NULL);
  BourseDrawingKind kind;

  if (bourse_drawing_kind_from_string (nick, &kind))
    bourse_drawing_layer_set_tool (self->drawing_layer, kind);
  else
    bourse_drawing_layer_set_tool (self->drawing_layer, BOURSE_DRAWING_LAYER_NO_TOOL);
  g_simple_action_set_state (action, g_variant_new_string (bourse_drawing_layer_get_tool (self->drawing_layer) == BOURSE_DRAWING_LAYER_NO_TOOL
                                                           ? "none" : nick));
}

static void
bourse_window_delete_drawing_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  BourseWindow *self = user_data;

  if (!bourse_drawing_layer_delete_selected (self->drawing_layer))
    _bourse_window_toast (self, _("Select a drawing first"));
}

/* The stateful drawing toggles mirror a layer property ("magnet", "keep-tool"…). */
static const struct {
  const char *action;
  const char *property;
} drawing_toggles[] = {
  { "drawing-magnet", "magnet" },
  { "drawing-keep", "keep-tool" },
  { "drawings-lock-all", "all-locked" },
  { "drawings-hide-all", "all-hidden" },
};

static void
bourse_window_drawing_toggle_action (GSimpleAction *action,
                                     GVariant      *state,
                                     gpointer       user_data)
{
  BourseWindow *self = user_data;

  for (guint i = 0; i < G_N_ELEMENTS (drawing_toggles); i++)
    if (g_str_equal (g_action_get_name (G_ACTION (action)), drawing_toggles[i].action))
      g_object_set (self->drawing_layer, drawing_toggles[i].property, g_variant_get_boolean (state), NULL);
  g_simple_action_set_state (action, state);
}

static void
bourse_window_drawings_remove_all_action (GSimpleAction *action,
                                          GVariant      *parameter,
                                          gpointer       user_data)
{
  BourseWindow *self = user_data;

  bourse_chart_pane_remove_all_drawings (self->chart_pane);
}

static BourseDrawing *
selected_drawing (BourseWindow *self)
{
  BourseDrawing *drawing = bourse_drawing_layer_get_selected (self->drawing_layer);

  if (drawing == NULL)
    _bourse_window_toast (self, _("Select a drawing first"));
  return drawing;
}

static void
bourse_window_clone_drawing_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  BourseWindow *self = user_data;
  BourseDrawing *drawing = selected_drawing (self);

  if (drawing != NULL)
    bourse_chart_pane_clone_drawing (self->chart_pane, drawing);
}

static void
bourse_window_lock_drawing_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  BourseWindow *self = user_data;
  BourseDrawing *drawing = selected_drawing (self);

  if (drawing == NULL)
    return;
  bourse_drawing_set_locked (drawing, !bourse_drawing_get_locked (drawing));
  bourse_chart_pane_commit_drawings (self->chart_pane, bourse_drawing_get_locked (drawing) ? _("Lock Drawing")
                                                                                           : _("Unlock Drawing"), NULL);
}

static void
bourse_window_hide_drawing_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  BourseWindow *self = user_data;
  BourseDrawing *drawing = selected_drawing (self);

  if (drawing == NULL)
    return;
  bourse_drawing_set_hidden (drawing, TRUE);
  bourse_drawing_layer_set_selected (self->drawing_layer, NULL);
  bourse_chart_pane_commit_drawings (self->chart_pane, _("Hide Drawing"), NULL);
}

static void
bourse_window_restack_drawing_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  BourseWindow *self = user_data;
  BourseDrawing *drawing = selected_drawing (self);
  gboolean to_front = g_str_equal (g_action_get_name (G_ACTION (action)), "drawing-to-front");

  if (drawing == NULL)
    return;
  bourse_drawing_layer_restack (self->drawing_layer, drawing, to_front);
  bourse_chart_pane_commit_drawings (self->chart_pane, to_front ? _("Bring to Front") : _("Send to Back"), NULL);
}

static void
bourse_window_drawing_settings_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  BourseWindow *self = user_data;
  BourseDrawing *drawing = selected_drawing (self);

  if (drawing != NULL)
    gtk_window_present (GTK_WINDOW (bourse_drawing_style_dialog_new (GTK_WINDOW (self), self->chart_pane, drawing)));
}

static const GActionEntry drawing_actions[] = {
  { "set-drawing-tool", bourse_window_set_drawing_tool_action, "s", "'none'" },
  { "delete-drawing", bourse_window_delete_drawing_action },
  { "drawing-magnet", NULL, NULL, "false", bourse_window_drawing_toggle_action },
  { "drawing-keep", NULL, NULL, "false", bourse_window_drawing_toggle_action },
  { "drawings-lock-all", NULL, NULL, "false", bourse_window_drawing_toggle_action },
  { "drawings-hide-all", NULL, NULL, "false", bourse_window_drawing_toggle_action },
  { "drawings-remove-all", bourse_window_drawings_remove_all_action },
  { "clone-drawing", bourse_window_clone_drawing_action },
  { "lock-drawing", bourse_window_lock_drawing_action },
  { "hide-drawing", bourse_window_hide_drawing_action },
  { "drawing-to-front", bourse_window_restack_drawing_action },
  { "drawing-to-back", bourse_window_restack_drawing_action },
  { "drawing-settings", bourse_window_drawing_settings_action },
};

void
_bourse_window_add_drawing_actions (BourseWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), drawing_actions, G_N_ELEMENTS (drawing_actions), self);
}
