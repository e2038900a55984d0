/* bourse-symbol-search.c — a popover that searches the broker's instruments
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Matches the query against the instrument's name and description, case
 * insensitively (two string filters in the template); Enter takes the first
 * match. Emits ::symbol-activated with the broker's instrument name and pops
 * down.
 */
#include "config.h"

#include "bourse-instrument.h"
#include "bourse-symbol-search.h"

struct _BourseSymbolSearch
{
  GtkPopover          parent_instance;

  /* template widgets */
  GtkSearchEntry     *entry;
  GtkListView        *list_view;
  GtkFilterListModel *filtered;
  GtkStringFilter    *name_filter;
  GtkStringFilter    *description_filter;

  /* owned */
  GListModel         *instruments;
  char               *initial_text;  /* what the next popup starts with (typed on the chart) */
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
bourse_symbol_search_show (GtkWidget *widget)
{
  BourseSymbolSearch *self = BOURSE_SYMBOL_SEARCH (widget);

  g_autofree char *text = g_steal_pointer (&self->initial_text);

  GTK_WIDGET_CLASS (bourse_symbol_search_parent_class)->show (widget);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text ? text : "");
  /* at once, not after the entry's search delay: the list matches what shows */
  bourse_symbol_search_set_query (self, text ? text : "");
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  /* Focus selects all; keep typing after what was typed on the chart instead. */
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
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

  gtk_widget_dispose_template (GTK_WIDGET (self), BOURSE_TYPE_SYMBOL_SEARCH);
  g_clear_object (&self->instruments);
  g_clear_pointer (&self->initial_text, g_free);

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

  g_type_ensure (BOURSE_TYPE_INSTRUMENT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bourse-symbol-search.ui");
  gtk_widget_class_bind_template_child (widget_class, BourseSymbolSearch, entry);
  gtk_widget_class_bind_template_child (widget_class, BourseSymbolSearch, list_view);
  gtk_widget_class_bind_template_child (widget_class, BourseSymbolSearch, filtered);
  gtk_widget_class_bind_template_child (widget_class, BourseSymbolSearch, name_filter);
  gtk_widget_class_bind_template_child (widget_class, BourseSymbolSearch, description_filter);
  gtk_widget_class_bind_template_callback (widget_class, entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_view_activate_cb);
}

static void
bourse_symbol_search_init (BourseSymbolSearch *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* typing anywhere in the popover goes to the search */
  gtk_search_entry_set_key_capture_widget (self->entry, GTK_WIDGET (self));
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

  /* an empty query matches everything */
  gtk_string_filter_set_search (self->name_filter, query);
  gtk_string_filter_set_search (self->description_filter, query);
}

/**
 * bourse_symbol_search_set_initial_text:
 * @text: (nullable): what the search starts with the next time it pops up
 *   (what the trader began typing on the chart); %NULL for an empty search
 */
void
bourse_symbol_search_set_initial_text (BourseSymbolSearch *self,
                                       const char         *text)
{
  g_return_if_fail (BOURSE_IS_SYMBOL_SEARCH (self));

  g_free (self->initial_text);
  self->initial_text = g_strdup (text);
}

/* What the search entry holds now. */
const char *
bourse_symbol_search_get_text (BourseSymbolSearch *self)
{
  g_return_val_if_fail (BOURSE_IS_SYMBOL_SEARCH (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
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
