/* bourse-table-columns.c — column view parts the account manager and the alerts panel share
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both panels list GObjects in GtkColumnViews whose columns sort by the
 * item property they show and end with a column of row buttons; the views
 * sort through the column view's own sorter, so a click on a header sorts.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-table-columns-private.h"

/* -- sorting ------------------------------------------------------------- */

static int
compare_enum_property (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  const char *property = user_data;
  int va = 0, vb = 0;

  g_object_get ((gpointer) a, property, &va, NULL);
  g_object_get ((gpointer) b, property, &vb, NULL);
  return (va > vb) - (va < vb);
}

/* Enums sort by value, strings as text, the rest as numbers; NULL for a
 * column without a property of @item_type. */
GtkSorter *
_bourse_table_property_sorter (GType       item_type,
                               const char *property)
{
  GParamSpec *pspec;
  g_autoptr(GTypeClass) klass = g_type_class_ref (item_type);

  if (property == NULL)
    return NULL;
  pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), property);
  if (pspec == NULL)
    return NULL;
  if (G_IS_PARAM_SPEC_ENUM (pspec))
    return GTK_SORTER (gtk_custom_sorter_new (compare_enum_property, (gpointer) property, NULL));
  if (pspec->value_type == G_TYPE_STRING)
    return GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (item_type, NULL, property)));
  return GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (item_type, NULL, property)));
}

/* @model sorted by the view's columns, without selection; NULL empties the view. */
void
_bourse_table_set_model (GtkColumnView *view,
                         GListModel    *model)
{
  g_autoptr(GtkSortListModel) sorted = NULL;
  GtkSorter *sorter = gtk_column_view_get_sorter (view);

  if (model == NULL)
    {
      gtk_column_view_set_model (view, NULL);
      return;
    }
  sorted = gtk_sort_list_model_new (g_object_ref (model), sorter ? g_object_ref (sorter) : NULL);
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&sorted)))));
}

/* -- row buttons --------------------------------------------------------- */

static void
actions_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  const BourseRowAction    *actions)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);

  for (guint i = 0; actions[i].action; i++)
    {
      GtkWidget *button = gtk_button_new_from_icon_name (actions[i].icon_name);

      gtk_widget_set_tooltip_text (button, _(actions[i].tooltip));
      gtk_widget_add_css_class (button, "flat");
      if (actions[i].css_class)
        gtk_widget_add_css_class (button, actions[i].css_class);
      /* The action name is set at bind time, together with the row's id. */
      g_object_set_data (G_OBJECT (button), "row-action", (gpointer) actions[i].action);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_list_item_set_child (list_item, box);
}

static void
actions_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 const BourseRowAction    *actions)
{
  GObject *item = gtk_list_item_get_item (list_item);
  const char *id_property = g_object_get_data (G_OBJECT (factory), "id-property");
  g_autofree char *id = NULL;

  g_object_get (item, id_property, &id, NULL);
  for (GtkWidget *child = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (child), "s", id ? id : "");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (child), g_object_get_data (G_OBJECT (child), "row-action"));
    }
}

/* A last column of @actions' buttons, targeted at each row's @id_property
 * (a string property of the items). */
void
_bourse_table_add_actions_column (GtkColumnView         *view,
                                  const BourseRowAction *actions,
                                  const char            *id_property)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_return_if_fail (id_property != NULL);

  g_object_set_data (G_OBJECT (factory), "id-property", (gpointer) id_property);
  g_signal_connect (factory, "setup", G_CALLBACK (actions_setup_cb), (gpointer) actions);
  g_signal_connect (factory, "bind", G_CALLBACK (actions_bind_cb), (gpointer) actions);
  column = gtk_column_view_column_new (NULL, factory);
  gtk_column_view_append_column (view, column);
}
