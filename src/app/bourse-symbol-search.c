/* bourse-symbol-search.c — a popover that searches the broker's instruments
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Matches the query against the instrument's name and description, case
 * insensitively; Enter takes the first match. Emits ::symbol-activated with
 * the broker's instrument name and pops down.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-instrument.h"
#include "bourse-symbol-search.h"

struct _BourseSymbolSearch
{
  GtkPopover          parent_instance;

  /* owned */
  GListModel         *instruments;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  char               *query;

  /* children */
  GtkSearchEntry     *entry;
  GtkListView        *list_view;
};

G_DEFINE_FINAL_TYPE (BourseSymbolSearch, bourse_symbol_search, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_INSTRUMENTS,
  N_PROPS
};

enum {
  SYMBOL_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
match_instrument (gpointer item,
                  gpointer user_data)
{
  BourseSymbolSearch *self = user_data;
  BourseInstrument *instrument = item;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;

  if (self->query == NULL || *self->query == '\0')
    return TRUE;

  name = g_utf8_casefold (bourse_instrument_get_name (instrument) ? bourse_instrument_get_name (instrument) : "", -1);
  description = g_utf8_casefold (bourse_instrument_get_description (instrument) ? bourse_instrument_get_description (instrument) : "", -1);
  return strstr (name, self->query) != NULL || strstr (description, self->query) != NULL;
}

static void
activate_position (BourseSymbolSearch *self,
                   guint               position)
{
  g_autoptr(BourseInstrument) instrument = NULL;

  instrument = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  if (instrument == NULL)
    return;

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[SYMBOL_ACTIVATED], 0, bourse_instrument_get_name (instrument));
}

static void
list_view_activate_cb (BourseSymbolSearch *self,
                       guint               position)
{
  activate_position (self, position);
}

static void
entry_search_changed_cb (BourseSymbolSearch *self)
{
  bourse_symbol_search_set_query (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static void
entry_activate_cb (BourseSymbolSearch *self)
{
  bourse_symbol_search_activate_first (self);
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *description = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_add_css_class (name, "heading");
  gtk_widget_set_size_request (name, 80, -1);
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_label_set_ellipsize (GTK_LABEL (description), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (description, "dim-label");
  gtk_widget_set_hexpand (description, TRUE);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), description);
  gtk_list_item_set_child (list_item, box);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  BourseInstrument *instrument = gtk_list_item_get_item (list_item);
  GtkWidget *name = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));
  GtkWidget *description = gtk_widget_get_next_sibling (name);

  gtk_label_set_text (GTK_LABEL (name), bourse_instrument_get_name (instrument));
  gtk_label_set_text (GTK_LABEL (description), bourse_instrument_get_description (instrument));
}

static void
bourse_symbol_search_show (GtkWidget *widget)
{
  BourseSymbolSearch *self = BOURSE_SYMBOL_SEARCH (widget);

  GTK_WIDGET_CLASS (bourse_symbol_search_parent_class)->show (widget);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
bourse_symbol_search_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  BourseSymbolSearch *self = BOURSE_SYMBOL_SEARCH (object);

  switch (prop_id)
    {
    case PROP_INSTRUMENTS:
      g_value_set_object (value, self->instruments);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_symbol_search_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  BourseSymbolSearch *self = BOURSE_SYMBOL_SEARCH (object);

  switch (prop_id)
    {
    case PROP_INSTRUMENTS:
      bourse_symbol_search_set_instruments (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_symbol_search_dispose (GObject *object)
{
  BourseSymbolSearch *self = BOURSE_SYMBOL_SEARCH (object);

  g_clear_object (&self->instruments);
  g_clear_object (&self->filtered);
  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (bourse_symbol_search_parent_class)->dispose (object);
}

static void
bourse_symbol_search_class_init (BourseSymbolSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bourse_symbol_search_dispose;
  object_class->get_property = bourse_symbol_search_get_property;
  object_class->set_property = bourse_symbol_search_set_property;
  widget_class->show = bourse_symbol_search_show;

  properties[PROP_INSTRUMENTS] =
    g_param_spec_object ("instruments", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BourseSymbolSearch::symbol-activated:
   * @name: the broker's instrument name
   */
  signals[SYMBOL_ACTIVATED] =
    g_signal_new ("symbol-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
bourse_symbol_search_init (BourseSymbolSearch *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->filter = gtk_custom_filter_new (match_instrument, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));

  self->entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_search_entry_set_key_capture_widget (self->entry, GTK_WIDGET (self));
  g_object_set (self->entry, "placeholder-text", _("Search instruments"), NULL);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->entry));

  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), NULL);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)))),
                                                      factory));
  gtk_list_view_set_single_click_activate (self->list_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "navigation-sidebar");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list_view));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_widget_set_size_request (scrolled, 340, -1);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (GTK_POPOVER (self), box);

  g_signal_connect_object (self->entry, "search-changed", G_CALLBACK (entry_search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (entry_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (list_view_activate_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
bourse_symbol_search_new (void)
{
  return g_object_new (BOURSE_TYPE_SYMBOL_SEARCH, NULL);
}

GListModel *
bourse_symbol_search_get_instruments (BourseSymbolSearch *self)
{
  g_return_val_if_fail (BOURSE_IS_SYMBOL_SEARCH (self), NULL);
  return self->instruments;
}

void
bourse_symbol_search_set_instruments (BourseSymbolSearch *self,
                                      GListModel         *instruments)
{
  g_return_if_fail (BOURSE_IS_SYMBOL_SEARCH (self));
  g_return_if_fail (instruments == NULL || G_IS_LIST_MODEL (instruments));

  if (g_set_object (&self->instruments, instruments))
    {
      gtk_filter_list_model_set_model (self->filtered, instruments);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSTRUMENTS]);
    }
}

void
bourse_symbol_search_set_query (BourseSymbolSearch *self,
                                const char         *query)
{
  g_return_if_fail (BOURSE_IS_SYMBOL_SEARCH (self));

  g_free (self->query);
  self->query = query ? g_utf8_casefold (query, -1) : NULL;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

guint
bourse_symbol_search_get_n_results (BourseSymbolSearch *self)
{
  g_return_val_if_fail (BOURSE_IS_SYMBOL_SEARCH (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

gboolean
bourse_symbol_search_activate_first (BourseSymbolSearch *self)
{
  g_return_val_if_fail (BOURSE_IS_SYMBOL_SEARCH (self), FALSE);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0)
    return FALSE;
  activate_position (self, 0);
  return TRUE;
}
