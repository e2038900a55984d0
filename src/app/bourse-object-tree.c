/* bourse-object-tree.c — the chart's drawings and studies in a list, each to show, lock or remove
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows are brought up to date in an idle after any change of the
 * drawings, their flags or the studies (one update per burst). While the
 * same drawings and studies are listed in the same order, each row is
 * updated in place: the button just clicked stays, with the keyboard focus
 * and the pointer's hover, so Space toggles it back and a second click lands.
 * Only when items come, go or move are the rows made anew (the lists are
 * short, tens of rows). Each row carries its drawing (object data "drawing")
 * or study id ("study-id"), and its label and buttons ("label", "visible",
 * "lock").
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-object-tree.h"

struct _BourseObjectTree
{
  GtkWidget        parent_instance;

  /* template widgets */
  GtkWidget       *box;
  GtkListBox      *list;

  /* owned */
  BourseChartPane *pane;
  GSignalGroup    *drawings_signals;
  GSignalGroup    *layer_signals;
  GSignalGroup    *pane_signals;
  guint            rebuild_id;
  guint            syncing : 1;
};

enum {
  PROP_0,
  PROP_CHART_PANE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BourseObjectTree, bourse_object_tree, GTK_TYPE_WIDGET)

static void queue_rebuild (BourseObjectTree *self);

/* "rsi:14" → "RSI 14", "bb:20,2" → "BB 20 2": the legend's words. */
static char *
study_label (BourseIndicator *indicator)
{
  GString *label = g_string_new (NULL);
  const BourseIndicatorInfo *info = bourse_indicator_get_info (indicator);
  g_autofree char *name = g_ascii_strup (info->name, -1);

  g_string_append (label, name);
  for (guint i = 0; i < bourse_indicator_get_n_params (indicator); i++)
    g_string_append_printf (label, " %g", bourse_indicator_get_param (indicator, i));
  return g_string_free (label, FALSE);
}

static GtkWidget *
row_button (const char *name,
            const char *icon,
            const char *tooltip,
            gboolean    toggle,
            gboolean    active)
{
  GtkWidget *button = toggle ? gtk_toggle_button_new () : gtk_button_new ();

  gtk_widget_set_name (button, name);
  gtk_button_set_icon_name (GTK_BUTTON (button), icon);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (toggle)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), active);
  return button;
}

/* -- drawing rows ---------------------------------------------------------- */

static void
drawing_visible_toggled_cb (GtkToggleButton *button,
                            BourseObjectTree *self)
{
  BourseDrawing *drawing = g_object_get_data (G_OBJECT (button), "drawing");

  if (self->syncing)
    return;
  bourse_drawing_set_hidden (drawing, !gtk_toggle_button_get_active (button));
  bourse_chart_pane_commit_drawings (self->pane, gtk_toggle_button_get_active (button) ? _("Show Drawing") : _("Hide Drawing"), NULL);
}

static void
drawing_lock_toggled_cb (GtkToggleButton *button,
                         BourseObjectTree *self)
{
  BourseDrawing *drawing = g_object_get_data (G_OBJECT (button), "drawing");

  if (self->syncing)
    return;
  bourse_drawing_set_locked (drawing, gtk_toggle_button_get_active (button));
  bourse_chart_pane_commit_drawings (self->pane, gtk_toggle_button_get_active (button) ? _("Lock Drawing") : _("Unlock Drawing"), NULL);
}

static void
drawing_remove_clicked_cb (GtkButton        *button,
                           BourseObjectTree *self)
{
  BourseDrawing *drawing = g_object_get_data (G_OBJECT (button), "drawing");
  GListStore *drawings = bourse_drawing_layer_get_drawings (bourse_chart_pane_get_drawing_layer (self->pane));
  guint position;

  if (g_list_store_find (drawings, drawing, &position))
    g_list_store_remove (drawings, position);
  bourse_chart_pane_commit_drawings (self->pane, _("Remove Drawing"), NULL);
}

/* The row shows @drawing's flags as they are now (toggles set while syncing). */
static void
drawing_row_update (GtkWidget     *row,
                    BourseDrawing *drawing)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (row), "label");
  GtkWidget *visible = g_object_get_data (G_OBJECT (row), "visible");
  GtkWidget *lock = g_object_get_data (G_OBJECT (row), "lock");
  gboolean hidden = bourse_drawing_get_hidden (drawing);
  gboolean locked = bourse_drawing_get_locked (drawing);

  gtk_label_set_text (GTK_LABEL (label), bourse_drawing_kind_get_title (bourse_drawing_get_kind (drawing)));
  if (hidden)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
  gtk_button_set_icon_name (GTK_BUTTON (visible), hidden ? "view-conceal-symbolic" : "view-reveal-symbolic");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (visible), !hidden);
  gtk_button_set_icon_name (GTK_BUTTON (lock), locked ? "changes-prevent-symbolic" : "changes-allow-symbolic");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (lock), locked);
}

static GtkWidget *
drawing_row (BourseObjectTree *self,
             BourseDrawing    *drawing)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *visible = row_button ("visible", "view-reveal-symbolic", _("Show or hide"), TRUE, FALSE);
  GtkWidget *lock = row_button ("lock", "changes-allow-symbolic", _("Lock or unlock"), TRUE, FALSE);
  GtkWidget *remove = row_button ("remove", "user-trash-symbolic", _("Remove"), FALSE, FALSE);

  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), visible);
  gtk_box_append (GTK_BOX (box), lock);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_widget_set_margin_start (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  for (GtkWidget *w = visible; w != NULL; w = w == visible ? lock : w == lock ? remove : NULL)
    g_object_set_data_full (G_OBJECT (w), "drawing", g_object_ref (drawing), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "drawing", g_object_ref (drawing), g_object_unref);
  g_object_set_data (G_OBJECT (row), "label", label);
  g_object_set_data (G_OBJECT (row), "visible", visible);
  g_object_set_data (G_OBJECT (row), "lock", lock);
  drawing_row_update (row, drawing);
  g_signal_connect (visible, "toggled", G_CALLBACK (drawing_visible_toggled_cb), self);
  g_signal_connect (lock, "toggled", G_CALLBACK (drawing_lock_toggled_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (drawing_remove_clicked_cb), self);
  return row;
}

/* -- study rows -------------------------------------------------------------- */

static void
study_visible_toggled_cb (GtkToggleButton  *button,
                          BourseObjectTree *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "study-id");
  g_autoptr(GPtrArray) series = NULL;

  if (self->syncing)
    return;
  series = bourse_chart_studies_get_series (bourse_chart_pane_get_studies (self->pane), id);
  for (guint i = 0; i < series->len; i++)
    bourse_chart_series_set_visible (g_ptr_array_index (series, i), gtk_toggle_button_get_active (button));
}

static void
study_remove_clicked_cb (GtkButton        *button,
                         BourseObjectTree *self)
{
  g_autofree char *id = g_strdup (g_object_get_data (G_OBJECT (button), "study-id"));

  bourse_chart_pane_remove_indicator (self->pane, id);
}

/* The row shows study @id's words and visibility as they are now. */
static void
study_row_update (BourseObjectTree *self,
                  GtkWidget        *row,
                  const char       *id)
{
  BourseChartStudies *studies = bourse_chart_pane_get_studies (self->pane);
  g_autoptr(GPtrArray) series = bourse_chart_studies_get_series (studies, id);
  g_autofree char *text = study_label (bourse_chart_studies_get_indicator (studies, id));
  gboolean shown = series->len == 0 || bourse_chart_series_get_visible (g_ptr_array_index (series, 0));
  GtkWidget *visible = g_object_get_data (G_OBJECT (row), "visible");

  gtk_label_set_text (GTK_LABEL (g_object_get_data (G_OBJECT (row), "label")), text);
  gtk_button_set_icon_name (GTK_BUTTON (visible), shown ? "view-reveal-symbolic" : "view-conceal-symbolic");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (visible), shown);
}

static GtkWidget *
study_row (BourseObjectTree *self,
           const char       *id)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *visible = row_button ("visible", "view-reveal-symbolic", _("Show or hide"), TRUE, FALSE);
  GtkWidget *remove = row_button ("remove", "user-trash-symbolic", _("Remove"), FALSE, FALSE);
  /* Studies have no lock: an empty cell keeps the columns of both kinds of rows aligned. */
  GtkWidget *no_lock = row_button ("no-lock", "changes-allow-symbolic", NULL, FALSE, FALSE);

  gtk_widget_set_opacity (no_lock, 0);
  gtk_widget_set_can_target (no_lock, FALSE);
  gtk_widget_set_focusable (no_lock, FALSE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), visible);
  gtk_box_append (GTK_BOX (box), no_lock);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_widget_set_margin_start (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);

  g_object_set_data_full (G_OBJECT (row), "study-id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (row), "label", label);
  g_object_set_data (G_OBJECT (row), "visible", visible);
  study_row_update (self, row, id);
  g_object_set_data_full (G_OBJECT (visible), "study-id", g_strdup (id), g_free);
  g_object_set_data_full (G_OBJECT (remove), "study-id", g_strdup (id), g_free);
  g_signal_connect (visible, "toggled", G_CALLBACK (study_visible_toggled_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (study_remove_clicked_cb), self);
  return row;
}

/* -- rebuilding ----------------------------------------------------------- */

static void
sync_selection (BourseObjectTree *self)
{
  BourseDrawing *selected;
  GtkListBoxRow *row;

  if (self->pane == NULL)
    return;
  selected = bourse_drawing_layer_get_selected (bourse_chart_pane_get_drawing_layer (self->pane));
  self->syncing = TRUE;
  gtk_list_box_unselect_all (self->list);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    if (selected != NULL && g_object_get_data (G_OBJECT (row), "drawing") == (gpointer) selected)
      gtk_list_box_select_row (self->list, row);
  self->syncing = FALSE;
}

/* Whether the rows list exactly the studies @ids, then @drawings topmost
 * first, in that order: then they can be updated in place. */
static gboolean
rows_match (BourseObjectTree *self,
            GPtrArray        *ids,
            GListModel       *drawings)
{
  guint n_drawings = g_list_model_get_n_items (drawings);
  GtkListBoxRow *row;
  guint i = 0;

  for (; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    {
      if (i < ids->len)
        {
          if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "study-id"), g_ptr_array_index (ids, i)) != 0)
            return FALSE;
        }
      else if (i < ids->len + n_drawings)
        {
          g_autoptr(BourseDrawing) d = g_list_model_get_item (drawings, n_drawings - 1 - (i - ids->len));

          if (g_object_get_data (G_OBJECT (row), "drawing") != (gpointer) d)
            return FALSE;
        }
      else
        return FALSE;
    }
  return i == ids->len + n_drawings;
}

static gboolean
rebuild_cb (gpointer user_data)
{
  BourseObjectTree *self = user_data;
  GListModel *drawings;
  g_autoptr(GPtrArray) ids = NULL;
  GtkListBoxRow *row;
  GtkWidget *child;

  self->rebuild_id = 0;
  if (self->pane == NULL)
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
        gtk_list_box_remove (self->list, child);
      return G_SOURCE_REMOVE;
    }

  ids = bourse_chart_studies_list (bourse_chart_pane_get_studies (self->pane));
  drawings = G_LIST_MODEL (bourse_drawing_layer_get_drawings (bourse_chart_pane_get_drawing_layer (self->pane)));
  self->syncing = TRUE;
  if (rows_match (self, ids, drawings))
    {
      for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
        if (i < ids->len)
          study_row_update (self, GTK_WIDGET (row), g_ptr_array_index (ids, i));
        else
          drawing_row_update (GTK_WIDGET (row), g_object_get_data (G_OBJECT (row), "drawing"));
      self->syncing = FALSE;
      sync_selection (self);
      return G_SOURCE_REMOVE;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->syncing = FALSE;
  for (guint i = 0; i < ids->len; i++)
    gtk_list_box_append (self->list, study_row (self, g_ptr_array_index (ids, i)));
  /* Topmost (painted last) first, as TradingView lists them. */
  for (guint i = g_list_model_get_n_items (drawings); i > 0; i--)
    {
      g_autoptr(BourseDrawing) d = g_list_model_get_item (drawings, i - 1);
      gtk_list_box_append (self->list, drawing_row (self, d));
    }
  sync_selection (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (BourseObjectTree *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_DEFAULT, rebuild_cb, self, NULL);
}

static void
row_selected_cb (BourseObjectTree *self,
                 GtkListBoxRow    *row)
{
  BourseDrawing *drawing;

  if (self->syncing || self->pane == NULL || row == NULL)
    return;
  drawing = g_object_get_data (G_OBJECT (row), "drawing");
  if (drawing != NULL)
    bourse_drawing_layer_set_selected (bourse_chart_pane_get_drawing_layer (self->pane), drawing);
}

/* -- GObject --------------------------------------------------------------- */

static void
bourse_object_tree_dispose (GObject *object)
{
  BourseObjectTree *self = BOURSE_OBJECT_TREE (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->drawings_signals != NULL)
    {
      g_signal_group_set_target (self->drawings_signals, NULL);
      g_signal_group_set_target (self->layer_signals, NULL);
      g_signal_group_set_target (self->pane_signals, NULL);
    }
  g_clear_object (&self->drawings_signals);
  g_clear_object (&self->layer_signals);
  g_clear_object (&self->pane_signals);
  g_clear_object (&self->pane);
  gtk_widget_dispose_template (GTK_WIDGET (self), BOURSE_TYPE_OBJECT_TREE);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (bourse_object_tree_parent_class)->dispose (object);
}

static void
bourse_object_tree_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BourseObjectTree *self = BOURSE_OBJECT_TREE (object);

  switch (prop_id)
    {
    case PROP_CHART_PANE: g_value_set_object (value, self->pane); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_object_tree_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BourseObjectTree *self = BOURSE_OBJECT_TREE (object);

  switch (prop_id)
    {
    case PROP_CHART_PANE: bourse_object_tree_set_chart_pane (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_object_tree_class_init (BourseObjectTreeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bourse_object_tree_dispose;
  object_class->get_property = bourse_object_tree_get_property;
  object_class->set_property = bourse_object_tree_set_property;

  properties[PROP_CHART_PANE] =
    g_param_spec_object ("chart-pane", NULL, NULL, BOURSE_TYPE_CHART_PANE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "objecttree");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bourse-object-tree.ui");
  gtk_widget_class_bind_template_child (widget_class, BourseObjectTree, box);
  gtk_widget_class_bind_template_child (widget_class, BourseObjectTree, list);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
}

static void
bourse_object_tree_init (BourseObjectTree *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->drawings_signals = g_signal_group_new (G_TYPE_LIST_STORE);
  g_signal_group_connect_swapped (self->drawings_signals, "items-changed", G_CALLBACK (queue_rebuild), self);
  self->layer_signals = g_signal_group_new (BOURSE_TYPE_DRAWING_LAYER);
  /* The layer's "changed" covers every drawing's anchors, style and flags. */
  g_signal_group_connect_swapped (self->layer_signals, "changed", G_CALLBACK (queue_rebuild), self);
  g_signal_group_connect_swapped (self->layer_signals, "notify::selected", G_CALLBACK (sync_selection), self);
  self->pane_signals = g_signal_group_new (BOURSE_TYPE_CHART_PANE);
  g_signal_group_connect_swapped (self->pane_signals, "studies-changed", G_CALLBACK (queue_rebuild), self);
}

GtkWidget *
bourse_object_tree_new (void)
{
  return g_object_new (BOURSE_TYPE_OBJECT_TREE, NULL);
}

BourseChartPane *
bourse_object_tree_get_chart_pane (BourseObjectTree *self)
{
  g_return_val_if_fail (BOURSE_IS_OBJECT_TREE (self), NULL);
  return self->pane;
}

/**
 * bourse_object_tree_set_chart_pane:
 * @pane: (nullable): whose drawings and studies to list
 */
void
bourse_object_tree_set_chart_pane (BourseObjectTree *self,
                                   BourseChartPane  *pane)
{
  BourseDrawingLayer *layer;

  g_return_if_fail (BOURSE_IS_OBJECT_TREE (self));
  g_return_if_fail (!pane || BOURSE_IS_CHART_PANE (pane));

  if (!g_set_object (&self->pane, pane))
    return;
  layer = pane ? bourse_chart_pane_get_drawing_layer (pane) : NULL;
  g_signal_group_set_target (self->drawings_signals, layer ? bourse_drawing_layer_get_drawings (layer) : NULL);
  g_signal_group_set_target (self->layer_signals, layer);
  g_signal_group_set_target (self->pane_signals, pane);
  queue_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART_PANE]);
}

GtkListBox *
bourse_object_tree_get_list (BourseObjectTree *self)
{
  g_return_val_if_fail (BOURSE_IS_OBJECT_TREE (self), NULL);
  return self->list;
}
