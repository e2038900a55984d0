/* bourse-indicators-dialog.c — the searchable list of studies, by category
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What TradingView's "Indicators" dialog is: every study the studies library
 * knows, in words, under its category, filtered as the user types (name,
 * short title, spec name or category, case-insensitively; typing anywhere in
 * the dialog goes to the search field). Enter in the search field adds the
 * first match; double-click or Enter on a row adds that study with its
 * defaults; the row's gear adds it and opens its settings. The dialog only
 * says what was chosen (::study-chosen): the window adds it to its chart,
 * and the dialog stays open for more, as TradingView's does.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bourse-indicator.h"
#include "bourse-indicators-dialog.h"

struct _BourseIndicatorsDialog
{
  AdwWindow       parent_instance;

  /* template widgets */
  GtkSearchEntry *search_entry;
  GtkListBox     *list_box;
  GtkStack       *stack;
  GtkLabel       *status_label;

  /* owned */
  char           *query;   /* casefolded, NULL when empty */
};

G_DEFINE_FINAL_TYPE (BourseIndicatorsDialog, bourse_indicators_dialog, ADW_TYPE_WINDOW)

enum {
  STUDY_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const BourseIndicatorInfo *
row_info (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "bourse-study");
}

static gboolean
contains_folded (const char *haystack,
                 const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, folded_needle) != NULL;
}

static gboolean
row_matches (const BourseIndicatorInfo *info,
             const char                *query)
{
  return query == NULL ||
         contains_folded (info->title, query) ||
         contains_folded (info->short_title, query) ||
         contains_folded (info->name, query) ||
         contains_folded (bourse_indicator_category_get_title (info->category), query);
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  BourseIndicatorsDialog *self = user_data;

  return row_matches (row_info (row), self->query);
}

/* Rows are sorted by category, then title; a header opens each category. */
static int
sort_rows (GtkListBoxRow *a,
           GtkListBoxRow *b,
           gpointer       user_data)
{
  const BourseIndicatorInfo *ia = row_info (a), *ib = row_info (b);

  if (ia->category != ib->category)
    return ia->category < ib->category ? -1 : 1;
  return g_utf8_collate (ia->title, ib->title);
}

static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  const BourseIndicatorInfo *info = row_info (row);
  GtkWidget *header;

  if (before != NULL && row_info (before)->category == info->category)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = gtk_label_new (_(bourse_indicator_category_get_title (info->category)));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_top (header, 10);
  gtk_widget_set_margin_bottom (header, 4);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_list_box_row_set_header (row, header);
}

static GtkListBoxRow *
first_visible_row (BourseIndicatorsDialog *self)
{
  GtkListBoxRow *row;

  /* In sorted order, as shown. */
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    if (row_matches (row_info (row), self->query))
      return row;
  return NULL;
}

static void
choose (BourseIndicatorsDialog    *self,
        const BourseIndicatorInfo *info,
        gboolean                   with_settings)
{
  g_autofree char *status = g_strdup_printf (_("Added %s"), info->title);

  gtk_label_set_label (self->status_label, status);
  g_signal_emit (self, signals[STUDY_CHOSEN], 0, info->name, with_settings);
}

static void
settings_button_clicked_cb (GtkButton *button,
                            gpointer   user_data)
{
  BourseIndicatorsDialog *self = user_data;
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  if (row != NULL)
    choose (self, row_info (GTK_LIST_BOX_ROW (row)), TRUE);
}

static GtkWidget *
make_row (BourseIndicatorsDialog    *self,
          const BourseIndicatorInfo *info)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (info->title);
  GtkWidget *settings = gtk_button_new_from_icon_name ("emblem-system-symbolic");
  g_autofree char *name = g_strconcat ("study-", info->name, NULL);
  g_autofree char *settings_name = g_strconcat ("settings-", info->name, NULL);

  gtk_widget_set_name (row, name);
  g_object_set_data (G_OBJECT (row), "bourse-study", (gpointer) info);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_set_name (settings, settings_name);
  gtk_widget_set_tooltip_text (settings, _("Add with Settings…"));
  gtk_widget_add_css_class (settings, "flat");
  gtk_widget_set_focus_on_click (settings, FALSE);
  g_signal_connect_object (settings, "clicked", G_CALLBACK (settings_button_clicked_cb), self, 0);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 2);
  gtk_box_append (GTK_BOX (box), title);
  if (g_strcmp0 (info->short_title, info->title) != 0)
    {
      GtkWidget *short_title = gtk_label_new (info->short_title);

      gtk_widget_add_css_class (short_title, "dim-label");
      gtk_box_append (GTK_BOX (box), short_title);
    }
  gtk_box_append (GTK_BOX (box), settings);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
refilter (BourseIndicatorsDialog *self)
{
  GtkListBoxRow *first;

  gtk_list_box_invalidate_filter (self->list_box);
  gtk_list_box_invalidate_headers (self->list_box);
  first = first_visible_row (self);
  gtk_stack_set_visible_child_name (self->stack, first != NULL ? "list" : "empty");
  if (first != NULL)
    gtk_list_box_select_row (self->list_box, first);
}

static void
search_changed_cb (BourseIndicatorsDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->query, g_free);
  if (*stripped != '\0')
    self->query = g_utf8_casefold (stripped, -1);
  refilter (self);
}

/* Enter in the search field: the selected match, else the first. */
static void
search_activate_cb (BourseIndicatorsDialog *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);

  if (row == NULL || !row_matches (row_info (row), self->query))
    row = first_visible_row (self);
  if (row != NULL)
    choose (self, row_info (row), FALSE);
}

/* Down from the search field moves into the list. */
static void
search_next_match_cb (BourseIndicatorsDialog *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);

  if (row == NULL)
    row = first_visible_row (self);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* Down (as well as the entry's Ctrl+G) moves from the search into the list. */
static gboolean
search_key_pressed_cb (BourseIndicatorsDialog *self,
                       guint                   keyval,
                       guint                   keycode,
                       GdkModifierType         state)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) || (state & GDK_MODIFIER_MASK) != 0)
    return GDK_EVENT_PROPAGATE;
  search_next_match_cb (self);
  return GDK_EVENT_STOP;
}

static void
search_stop_cb (BourseIndicatorsDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
list_box_row_activated_cb (BourseIndicatorsDialog *self,
                           GtkListBoxRow          *row)
{
  choose (self, row_info (row), FALSE);
}

static void
bourse_indicators_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BOURSE_TYPE_INDICATORS_DIALOG);

  G_OBJECT_CLASS (bourse_indicators_dialog_parent_class)->dispose (object);
}

static void
bourse_indicators_dialog_finalize (GObject *object)
{
  BourseIndicatorsDialog *self = BOURSE_INDICATORS_DIALOG (object);

  g_free (self->query);

  G_OBJECT_CLASS (bourse_indicators_dialog_parent_class)->finalize (object);
}

static void
bourse_indicators_dialog_class_init (BourseIndicatorsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bourse_indicators_dialog_dispose;
  object_class->finalize = bourse_indicators_dialog_finalize;

  /**
   * BourseIndicatorsDialog::study-chosen:
   * @name: the study's spec name ("rsi")
   * @with_settings: the user asked for its settings form
   */
  signals[STUDY_CHOSEN] =
    g_signal_new ("study-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bourse-indicators-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BourseIndicatorsDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BourseIndicatorsDialog, list_box);
  gtk_widget_class_bind_template_child (widget_class, BourseIndicatorsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, BourseIndicatorsDialog, status_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_next_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_box_row_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bourse_indicators_dialog_init (BourseIndicatorsDialog *self)
{
  const BourseIndicatorInfo *studies = bourse_indicator_list_studies ();
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; studies[i].name != NULL; i++)
    gtk_list_box_append (self->list_box, make_row (self, &studies[i]));
  gtk_list_box_set_filter_func (self->list_box, filter_row, self, NULL);
  gtk_list_box_set_sort_func (self->list_box, sort_rows, NULL, NULL);
  gtk_list_box_set_header_func (self->list_box, update_header, NULL, NULL);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  refilter (self);
}

BourseIndicatorsDialog *
bourse_indicators_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (BOURSE_TYPE_INDICATORS_DIALOG, "transient-for", parent, NULL);
}

void
bourse_indicators_dialog_set_search (BourseIndicatorsDialog *self,
                                     const char             *text)
{
  g_return_if_fail (BOURSE_IS_INDICATORS_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  search_changed_cb (self);
}

GStrv
bourse_indicators_dialog_dup_visible (BourseIndicatorsDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GtkListBoxRow *row;

  g_return_val_if_fail (BOURSE_IS_INDICATORS_DIALOG (self), NULL);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    if (row_matches (row_info (row), self->query))
      g_strv_builder_add (builder, row_info (row)->name);
  return g_strv_builder_end (builder);
}
