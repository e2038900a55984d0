/* bourse-window-panels.c — the window's layout around the chart: sidebar panels, bottom panel, drawing toolbar, size
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chart is the centre of the window, as on TradingView: a drawing
 * toolbar on its left, a right sidebar (one panel at a time, chosen on a
 * strip of toggles, foldable to the strip) and the account manager under
 * it, foldable to its tab row. Which panel is open, what is folded and the
 * panels' sizes live in GSettings.
 *
 * GtkPaned keeps a position from the start edge, but a trader sizes the
 * sidebar and the bottom panel, not the chart: we store the panel's own
 * width or height and turn it into a position once the paned knows its size
 * (its max-position changes on the first allocation), and again whenever a
 * folded panel unfolds. After that GtkPaned keeps the panel's size itself
 * when the window is resized (resize-end-child is false).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-window-private.h"

/* The separator GtkPaned draws between its children (Adwaita: 1 px). */
#define PANED_HANDLE 1
/* The share of its monitor a window takes on first start, and the largest
 * size worth having on very big screens. */
#define DEFAULT_SHARE      0.9
#define DEFAULT_MAX_WIDTH  2560
#define DEFAULT_MAX_HEIGHT 1600
/* The most of the window's width the sidebar takes before the trader sizes it. */
#define DEFAULT_SIDEBAR_SHARE 0.22

/* -- default size -------------------------------------------------------- */

/* 90 % of the monitor: the chart gets most of a large screen and the window
 * still fits beside the desktop's panels on a small one. */
void
_bourse_window_default_size_for_monitor (const GdkRectangle *monitor,
                                         int                *width,
                                         int                *height)
{
  *width = CLAMP ((int) (monitor->width * DEFAULT_SHARE), 360, DEFAULT_MAX_WIDTH);
  *height = CLAMP ((int) (monitor->height * DEFAULT_SHARE), 300, DEFAULT_MAX_HEIGHT);
}

/* Restores the saved size (at construction, as any saved state). */
void
_bourse_window_restore_size (BourseWindow *self)
{
  GSettings *settings = bourse_settings_get_gsettings (self->settings);
  g_autoptr(GVariant) saved = g_settings_get_user_value (settings, BOURSE_SETTINGS_KEY_WINDOW_WIDTH);

  if (saved != NULL)
    gtk_window_set_default_size (GTK_WINDOW (self),
                                 g_settings_get_int (settings, BOURSE_SETTINGS_KEY_WINDOW_WIDTH),
                                 g_settings_get_int (settings, BOURSE_SETTINGS_KEY_WINDOW_HEIGHT));
  else
    self->size_from_monitor = TRUE;
}

/* On first start, sizes the window after the monitor of its display (when
 * realized, so a window moved to another display before it shows follows
 * that display). */
void
_bourse_window_apply_default_size (BourseWindow *self)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  g_autoptr(GdkMonitor) monitor = NULL;
  GdkRectangle geometry;
  int width, height;

  if (!self->size_from_monitor || g_list_model_get_n_items (monitors) == 0)
    return;
  self->size_from_monitor = FALSE;
  monitor = g_list_model_get_item (monitors, 0);
  gdk_monitor_get_geometry (monitor, &geometry);
  _bourse_window_default_size_for_monitor (&geometry, &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
}

/* -- sizes of the panels ------------------------------------------------- */

static gboolean
sidebar_open (BourseWindow *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->sidebar_stack));
}

/* Turns the saved panel sizes into paned positions, once the paneds have a size. */
static void
apply_panel_sizes (BourseWindow *self)
{
  GSettings *settings = bourse_settings_get_gsettings (self->settings);
  int total;

  total = gtk_widget_get_width (GTK_WIDGET (self->sidebar_paned));
  if (self->sidebar_needs_size && sidebar_open (self) && total > 0)
    {
      g_autoptr(GVariant) saved = g_settings_get_user_value (settings, BOURSE_SETTINGS_KEY_SIDEBAR_WIDTH);
      int width = g_settings_get_int (settings, BOURSE_SETTINGS_KEY_SIDEBAR_WIDTH);

      /* Until the trader sizes it, a small screen's sidebar leaves the chart its share. */
      if (saved == NULL)
        width = MIN (width, (int) (total * DEFAULT_SIDEBAR_SHARE));
      self->sidebar_needs_size = FALSE;
      gtk_paned_set_position (self->sidebar_paned, total - PANED_HANDLE - width);
    }

  total = gtk_widget_get_height (GTK_WIDGET (self->vertical_paned));
  if (self->bottom_needs_size && total > 0)
    {
      self->bottom_needs_size = FALSE;
      self->applying_bottom_size = TRUE;
      if (bourse_account_manager_get_collapsed (self->account_manager))
        {
          int tab_row;

          /* folded: the tab row's own height */
          gtk_widget_measure (GTK_WIDGET (self->account_manager), GTK_ORIENTATION_VERTICAL, -1,
                              &tab_row, NULL, NULL, NULL);
          gtk_paned_set_position (self->vertical_paned, total - PANED_HANDLE - tab_row);
        }
      else
        gtk_paned_set_position (self->vertical_paned,
                                total - PANED_HANDLE - g_settings_get_int (settings, BOURSE_SETTINGS_KEY_BOTTOM_PANEL_HEIGHT));
      self->applying_bottom_size = FALSE;
    }
}

/* Remembers the sizes the trader gave the open panels. */
void
_bourse_window_save_panel_sizes (BourseWindow *self)
{
  GSettings *settings = bourse_settings_get_gsettings (self->settings);
  int width = gtk_widget_get_width (GTK_WIDGET (self->sidebar_stack));
  int height = gtk_widget_get_height (GTK_WIDGET (self->account_manager));

  if (sidebar_open (self) && !self->sidebar_needs_size && width >= 160)
    g_settings_set_int (settings, BOURSE_SETTINGS_KEY_SIDEBAR_WIDTH, width);
  if (!bourse_account_manager_get_collapsed (self->account_manager) && !self->bottom_needs_size && height >= 80)
    g_settings_set_int (settings, BOURSE_SETTINGS_KEY_BOTTOM_PANEL_HEIGHT, height);
}

static void
paned_max_position_cb (BourseWindow *self)
{
  apply_panel_sizes (self);
}

/* Dragging the handle of the folded bottom panel up unfolds it. */
static void
vertical_position_cb (BourseWindow *self)
{
  if (self->applying_bottom_size || self->bottom_needs_size ||
      !bourse_account_manager_get_collapsed (self->account_manager))
    return;
  if (gtk_paned_get_position (self->vertical_paned) < gtk_widget_get_height (GTK_WIDGET (self->vertical_paned)) - 160)
    {
      self->bottom_dragged_open = TRUE;
      bourse_account_manager_set_collapsed (self->account_manager, FALSE);
      self->bottom_dragged_open = FALSE;
    }
}

static void
bottom_collapsed_cb (BourseWindow *self)
{
  GSettings *settings = bourse_settings_get_gsettings (self->settings);
  gboolean collapsed = bourse_account_manager_get_collapsed (self->account_manager);
  int height = gtk_widget_get_height (GTK_WIDGET (self->account_manager));

  if (collapsed && !self->bottom_needs_size && height >= 80)
    g_settings_set_int (settings, BOURSE_SETTINGS_KEY_BOTTOM_PANEL_HEIGHT, height);
  g_settings_set_boolean (settings, BOURSE_SETTINGS_KEY_BOTTOM_PANEL_COLLAPSED, collapsed);
  /* a drag that unfolds it already gave it its size */
  if (!self->bottom_dragged_open)
    {
      self->bottom_needs_size = TRUE;
      apply_panel_sizes (self);
    }
}

/* -- sidebar ------------------------------------------------------------- */

/* Shows @panel in the sidebar, or folds the sidebar to its strip (NULL). */
static void
set_sidebar_panel (BourseWindow *self,
                   const char   *panel)
{
  GSettings *settings = bourse_settings_get_gsettings (self->settings);
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "sidebar-panel");
  GAction *inspector = g_action_map_lookup_action (G_ACTION_MAP (self), "show-inspector");
  gboolean open = panel != NULL && gtk_stack_get_child_by_name (self->sidebar_stack, panel) != NULL;

  if (!open && sidebar_open (self))
    _bourse_window_save_panel_sizes (self);
  if (open)
    {
      gtk_stack_set_visible_child_name (self->sidebar_stack, panel);
      g_settings_set_string (settings, BOURSE_SETTINGS_KEY_SIDEBAR_PANEL, panel);
      if (!sidebar_open (self))
        self->sidebar_needs_size = TRUE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_stack), open);
  g_settings_set_boolean (settings, BOURSE_SETTINGS_KEY_SIDEBAR_COLLAPSED, !open);
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (open ? panel : ""));
  if (inspector)
    g_simple_action_set_state (G_SIMPLE_ACTION (inspector),
                               g_variant_new_boolean (open && g_str_equal (panel, "inspector")));
  apply_panel_sizes (self);
}

/* win.sidebar-panel: the strip's toggles. The open panel's toggle folds the
 * sidebar; any other shows its panel. */
static void
sidebar_panel_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  BourseWindow *self = user_data;
  g_autoptr(GVariant) state = g_action_get_state (G_ACTION (action));
  const char *panel = g_variant_get_string (parameter, NULL);

  set_sidebar_panel (self, g_str_equal (panel, g_variant_get_string (state, NULL)) ? NULL : panel);
}

void
_bourse_window_show_panel (BourseWindow *self,
                           const char   *panel)
{
  set_sidebar_panel (self, panel);
}

const char *
_bourse_window_get_panel (BourseWindow *self)
{
  return sidebar_open (self) ? gtk_stack_get_visible_child_name (self->sidebar_stack) : NULL;
}

/* -- drawing toolbar ----------------------------------------------------- */

typedef struct
{
  const char *tooltip;
  const char *tools[8];
} ToolGroup;

/* TradingView's groups, with the tools the chart has (win.set-drawing-tool
 * targets: "none" or a BourseDrawingKind nick). */
static const ToolGroup tool_groups[] = {
  { N_("Cursors"), { "none", NULL } },
  { N_("Lines"), { "trend-line", "ray", "extended-line", "horizontal-line", "horizontal-ray", "vertical-line",
                   "parallel-channel", NULL } },
  { N_("Fibonacci"), { "fib-retracement", NULL } },
  { N_("Shapes"), { "rectangle", NULL } },
  { N_("Annotations"), { "text-note", NULL } },
  { N_("Measure"), { "price-range", NULL } },
  { N_("Positions"), { "long-position", "short-position", NULL } },
};

G_STATIC_ASSERT (G_N_ELEMENTS (tool_groups) == G_N_ELEMENTS (((BourseWindow *) NULL)->tool_group_buttons));

static const char *
tool_label (const char *tool)
{
  static const struct { const char *tool; const char *label; } labels[] = {
    { "none", N_("Cross") }, { "trend-line", N_("Trend Line") }, { "ray", N_("Ray") },
    { "extended-line", N_("Extended Line") }, { "horizontal-line", N_("Horizontal Line") },
    { "horizontal-ray", N_("Horizontal Ray") }, { "vertical-line", N_("Vertical Line") },
    { "parallel-channel", N_("Parallel Channel") }, { "fib-retracement", N_("Fib Retracement") },
    { "rectangle", N_("Rectangle") }, { "text-note", N_("Text Note") }, { "price-range", N_("Price Range") },
    { "long-position", N_("Long Position") }, { "short-position", N_("Short Position") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].tool, tool))
      return _(labels[i].label);
  return tool;
}

static char *
tool_icon (const char *tool)
{
  return g_strdup_printf ("bourse-%s-symbolic", g_str_equal (tool, "none") ? "cursor-cross" : tool);
}

/* The group's button shows and activates its last used tool. */
static void
show_group_tool (GtkWidget  *button,
                 const char *tool)
{
  g_autofree char *icon = tool_icon (tool);

  gtk_button_set_icon_name (GTK_BUTTON (button), icon);
  gtk_widget_set_tooltip_text (button, tool_label (tool));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", tool);
}

static void
drawing_tool_changed_cb (BourseWindow *self,
                         GParamSpec   *pspec,
                         GAction      *action)
{
  g_autoptr(GVariant) state = g_action_get_state (action);
  const char *tool = g_variant_get_string (state, NULL);

  for (guint g = 0; g < G_N_ELEMENTS (tool_groups); g++)
    for (guint i = 0; tool_groups[g].tools[i]; i++)
      if (g_str_equal (tool_groups[g].tools[i], tool))
        show_group_tool (self->tool_group_buttons[g], tool);
}

/* The group's button with, as on TradingView, a small arrow in its corner
 * that lists the group's tools. */
static GtkWidget *
build_tool_group (BourseWindow    *self,
                  const ToolGroup *group,
                  guint            index)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *button = gtk_toggle_button_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *more;

  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.set-drawing-tool");
  show_group_tool (button, group->tools[0]);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), button);
  self->tool_group_buttons[index] = button;
  if (group->tools[1] == NULL)
    return overlay;

  for (guint i = 0; group->tools[i]; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (tool_label (group->tools[i]), NULL);

      g_menu_item_set_action_and_target (item, "win.set-drawing-tool", "s", group->tools[i]);
      g_menu_append_item (menu, item);
    }
  more = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (more), "pan-end-symbolic");
  gtk_menu_button_set_direction (GTK_MENU_BUTTON (more), GTK_ARROW_RIGHT);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (more), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (more, _(group->tooltip));
  gtk_widget_set_halign (more, GTK_ALIGN_END);
  gtk_widget_set_valign (more, GTK_ALIGN_END);
  gtk_widget_add_css_class (more, "tool-group-more");
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), more);
  return overlay;
}

static GtkWidget *
build_tool_toggle (const char *icon,
                   const char *tooltip,
                   const char *action,
                   gboolean    toggle)
{
  GtkWidget *button = toggle ? gtk_toggle_button_new () : gtk_button_new ();

  gtk_button_set_icon_name (GTK_BUTTON (button), icon);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

/* The layer drops its tool by itself once a drawing is placed (unless "keep
 * drawing" is on): the action's state, and so the toolbar's pressed tool,
 * follow it back to the cursor. */
static void
layer_tool_changed_cb (BourseWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "set-drawing-tool");
  g_autoptr(GVariant) state = NULL;

  if (action == NULL || bourse_drawing_layer_get_tool (self->drawing_layer) != BOURSE_DRAWING_LAYER_NO_TOOL)
    return;
  state = g_action_get_state (action);
  if (!g_str_equal (g_variant_get_string (state, NULL), "none"))
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string ("none"));
}

static void
build_drawing_toolbar (BourseWindow *self)
{
  GtkBox *bar = GTK_BOX (self->drawing_toolbar);
  GAction *tool_action = g_action_map_lookup_action (G_ACTION_MAP (self), "set-drawing-tool");

  for (guint g = 0; g < G_N_ELEMENTS (tool_groups); g++)
    gtk_box_append (bar, build_tool_group (self, &tool_groups[g], g));
  gtk_box_append (bar, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (bar, build_tool_toggle ("bourse-magnet-symbolic", _("Magnet: Snap to Open, High, Low, Close"),
                                          "win.drawing-magnet", TRUE));
  gtk_box_append (bar, build_tool_toggle ("view-pin-symbolic", _("Keep Drawing"), "win.drawing-keep", TRUE));
  gtk_box_append (bar, build_tool_toggle ("system-lock-screen-symbolic", _("Lock All Drawings"),
                                          "win.drawings-lock-all", TRUE));
  gtk_box_append (bar, build_tool_toggle ("view-conceal-symbolic", _("Hide All Drawings"),
                                          "win.drawings-hide-all", TRUE));
  gtk_box_append (bar, build_tool_toggle ("user-trash-symbolic", _("Remove All Drawings"),
                                          "win.drawings-remove-all", FALSE));
  if (tool_action)
    g_signal_connect_object (tool_action, "notify::state", G_CALLBACK (drawing_tool_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->drawing_layer, "notify::tool", G_CALLBACK (layer_tool_changed_cb), self, G_CONNECT_SWAPPED);
}

/* -- setup --------------------------------------------------------------- */

static const GActionEntry panel_actions[] = {
  { "sidebar-panel", sidebar_panel_action, "s", "''", NULL, { 0 } },
};

/* Builds the drawing toolbar and restores the panels; after the window's actions exist. */
void
_bourse_window_setup_panels (BourseWindow *self)
{
  GSettings *settings = bourse_settings_get_gsettings (self->settings);
  g_autofree char *panel = g_settings_get_string (settings, BOURSE_SETTINGS_KEY_SIDEBAR_PANEL);

  g_action_map_add_action_entries (G_ACTION_MAP (self), panel_actions, G_N_ELEMENTS (panel_actions), self);
  build_drawing_toolbar (self);

  self->sidebar_needs_size = TRUE;
  self->bottom_needs_size = TRUE;
  /* "page" first: showing a page unfolds the panel, the saved fold wins. */
  g_settings_bind (settings, BOURSE_SETTINGS_KEY_ACCOUNT_MANAGER_PAGE, self->account_manager, "page", G_SETTINGS_BIND_DEFAULT);
  bourse_account_manager_set_collapsed (self->account_manager,
                                        g_settings_get_boolean (settings, BOURSE_SETTINGS_KEY_BOTTOM_PANEL_COLLAPSED));
  set_sidebar_panel (self, g_settings_get_boolean (settings, BOURSE_SETTINGS_KEY_SIDEBAR_COLLAPSED) ? NULL : panel);

  g_signal_connect_object (self->account_manager, "notify::collapsed", G_CALLBACK (bottom_collapsed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar_paned, "notify::max-position", G_CALLBACK (paned_max_position_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->vertical_paned, "notify::max-position", G_CALLBACK (paned_max_position_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->vertical_paned, "notify::position", G_CALLBACK (vertical_position_cb), self, G_CONNECT_SWAPPED);
}

/* The first fill of the session shows the position it opened. */
void
_bourse_window_panels_fill_seen (BourseWindow *self)
{
  if (self->fill_seen)
    return;
  self->fill_seen = TRUE;
  if (bourse_account_manager_get_collapsed (self->account_manager))
    bourse_account_manager_set_page (self->account_manager, "positions");
}
