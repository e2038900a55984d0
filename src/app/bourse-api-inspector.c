/* bourse-api-inspector.c — every broker request, response and sampled stream message
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows the BourseApiExchange records the broker client and its streams
 * emit (already redacted, and sampled by the stream when messages are fast);
 * keeps the last MAX_ENTRIES. Failed requests and protocol violations are
 * drawn in red, with each violation's JSON path in the detail pane.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-api-inspector.h"

#include <json-glib/json-glib.h>

#define MAX_ENTRIES 2000

struct _BourseApiInspector
{
  GtkWidget          parent_instance;

  /* template widgets */
  GtkWidget         *paned;
  GtkColumnView     *column_view;
  GtkScrolledWindow *list_scroll;
  guint              scroll_to_newest_id;
  gboolean           following;           /* the view stays on the newest entry */
  GtkTextView       *text_view;
  GtkToggleButton   *problems_button;
  GtkToggleButton   *stream_button;
  GtkLabel          *count_label;

  /* owned */
  GListStore        *entries;
  GtkCustomFilter   *filter;
  GtkSingleSelection *selection;
  guint              n_problems;
};

G_DEFINE_FINAL_TYPE (BourseApiInspector, bourse_api_inspector, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_PROBLEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_count (BourseApiInspector *self)
{
  g_autofree char *text = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

  if (self->n_problems > 0)
    text = g_strdup_printf (ngettext ("%u entries · %u problem", "%u entries · %u problems", self->n_problems),
                            n, self->n_problems);
  else
    text = g_strdup_printf (ngettext ("%u entry", "%u entries", n), n);
  gtk_label_set_text (self->count_label, text);
}

static char *
pretty_json (const char *text)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonGenerator) generator = NULL;

  if (text == NULL || *text == '\0')
    return g_strdup ("");

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, -1, NULL) || json_parser_get_root (parser) == NULL)
    return g_strdup (text);

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

/**
 * bourse_api_inspector_exchange_has_problem:
 *
 * Returns: %TRUE for failed requests, HTTP errors and protocol violations
 */
gboolean
bourse_api_inspector_exchange_has_problem (BourseApiExchange *exchange)
{
  g_return_val_if_fail (BOURSE_IS_API_EXCHANGE (exchange), FALSE);

  if (bourse_api_exchange_get_violations (exchange)->len > 0 ||
      bourse_api_exchange_get_error (exchange) != NULL)
    return TRUE;
  return bourse_api_exchange_get_kind (exchange) != BOURSE_API_EXCHANGE_STREAM_MESSAGE &&
         bourse_api_exchange_get_status (exchange) != 200;
}

/**
 * bourse_api_inspector_format_exchange:
 *
 * Returns: (transfer full): the text of the detail pane
 */
char *
bourse_api_inspector_format_exchange (BourseApiExchange *exchange)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (bourse_api_exchange_get_start_time (exchange) / G_USEC_PER_SEC);
  g_autofree char *when = dt ? g_date_time_format (dt, "%H:%M:%S") : g_strdup ("");
  g_autofree char *response = pretty_json (bourse_api_exchange_get_response_body (exchange));
  GPtrArray *violations = bourse_api_exchange_get_violations (exchange);
  const GError *error = bourse_api_exchange_get_error (exchange);
  const char *request_body = bourse_api_exchange_get_request_body (exchange);

  g_string_append_printf (text, "%s  %s %s\n", when,
                          bourse_api_exchange_get_method (exchange),
                          bourse_api_exchange_get_path (exchange));

  if (bourse_api_exchange_get_kind (exchange) == BOURSE_API_EXCHANGE_STREAM_MESSAGE)
    {
      guint count = bourse_api_exchange_get_sample_count (exchange);

      if (count > 1)
        g_string_append_printf (text, ngettext ("Stream message (stands for %u message)\n",
                                                "Stream message (stands for %u messages)\n", count), count);
      else
        g_string_append_printf (text, "%s\n", _("Stream message"));
    }
  else
    g_string_append_printf (text, _("Status %u · %.1f ms · %lu bytes sent · %lu bytes received\n"),
                            bourse_api_exchange_get_status (exchange),
                            bourse_api_exchange_get_latency_ms (exchange),
                            (unsigned long) bourse_api_exchange_get_request_size (exchange),
                            (unsigned long) bourse_api_exchange_get_response_size (exchange));

  if (error != NULL)
    g_string_append_printf (text, "\n%s %s\n", _("Error:"), error->message);
  if (violations->len > 0)
    {
      g_string_append_printf (text, "\n%s\n", _("Protocol violations:"));
      for (guint i = 0; i < violations->len; i++)
        {
          const BourseSchemaViolation *violation = g_ptr_array_index (violations, i);
          g_string_append_printf (text, "  • %s: %s\n", violation->path, violation->message);
        }
    }
  if (request_body && *request_body)
    g_string_append_printf (text, "\n%s\n%s\n", _("Request body:"), request_body);
  if (*response)
    g_string_append_printf (text, "\n%s\n%s\n", _("Response body:"), response);

  return g_string_free (text, FALSE);
}

static void
show_entry (BourseApiInspector *self,
            BourseApiExchange  *entry)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (entry == NULL)
    {
      gtk_text_buffer_set_text (buffer, _("Select a request to see its bodies."), -1);
      return;
    }

  text = bourse_api_inspector_format_exchange (entry);
  gtk_text_buffer_set_text (buffer, text, -1);

  /* Highlight errors and violations so a broker sees them at once. */
  gtk_text_buffer_get_start_iter (buffer, &start);
  while (!gtk_text_iter_is_end (&start))
    {
      g_autofree char *line = NULL;

      end = start;
      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);
      line = gtk_text_iter_get_text (&start, &end);
      if (g_str_has_prefix (line, "  • ") || g_str_has_prefix (line, _("Error:")) ||
          g_str_has_prefix (line, _("Protocol violations:")))
        gtk_text_buffer_apply_tag_by_name (buffer, "violation", &start, &end);
      if (!gtk_text_iter_forward_line (&start))
        break;
    }
}

static void list_value_changed_cb (BourseApiInspector *self,
                                   GtkAdjustment      *adjustment);

static void
selection_changed_cb (BourseApiInspector *self)
{
  show_entry (self, gtk_single_selection_get_selected_item (self->selection));
}

static gboolean
filter_entry (gpointer item,
              gpointer user_data)
{
  BourseApiInspector *self = user_data;

  if (bourse_api_inspector_exchange_has_problem (item))
    return TRUE;
  if (gtk_toggle_button_get_active (self->problems_button))
    return FALSE;
  /* "Stream Messages" off hides the ones already recorded too */
  return bourse_api_exchange_get_kind (item) != BOURSE_API_EXCHANGE_STREAM_MESSAGE ||
         gtk_toggle_button_get_active (self->stream_button);
}

static void
problems_toggled_cb (BourseApiInspector *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* -- columns ------------------------------------------------------------- */

typedef enum
{
  COLUMN_TIME,
  COLUMN_METHOD,
  COLUMN_PATH,
  COLUMN_STATUS,
  COLUMN_LATENCY,
  COLUMN_SIZE,
} Column;

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column >= COLUMN_STATUS ? 1.0 : 0.0);
  /* In a narrow sidebar the path gives way; times, sizes and codes are
   * short and read whole or not at all. */
  if (column == COLUMN_PATH)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  else
    gtk_widget_add_css_class (label, "tabular");
  gtk_list_item_set_child (list_item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  BourseApiExchange *entry = gtk_list_item_get_item (list_item);
  g_autofree char *text = NULL;
  gboolean stream = bourse_api_exchange_get_kind (entry) == BOURSE_API_EXCHANGE_STREAM_MESSAGE;

  switch (column)
    {
    case COLUMN_TIME:
      {
        g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (bourse_api_exchange_get_start_time (entry) / G_USEC_PER_SEC);
        text = dt ? g_date_time_format (dt, "%H:%M:%S") : g_strdup ("");
      }
      break;
    case COLUMN_METHOD:
      text = g_strdup (stream ? C_("inspector", "STREAM") : bourse_api_exchange_get_method (entry));
      break;
    case COLUMN_PATH:
      text = g_strdup (bourse_api_exchange_get_path (entry));
      break;
    case COLUMN_STATUS:
      text = stream ? g_strdup ("") :
             bourse_api_exchange_get_status (entry) ? g_strdup_printf ("%u", bourse_api_exchange_get_status (entry)) :
             g_strdup (C_("http status", "failed"));
      break;
    case COLUMN_LATENCY:
      text = stream ? g_strdup ("") : g_strdup_printf ("%.1f ms", bourse_api_exchange_get_latency_ms (entry));
      break;
    case COLUMN_SIZE:
    default:
      text = g_format_size (bourse_api_exchange_get_response_size (entry));
      break;
    }

  gtk_label_set_text (GTK_LABEL (label), text);
  if (bourse_api_inspector_exchange_has_problem (entry))
    gtk_widget_add_css_class (label, "inspector-violation");
  else
    gtk_widget_remove_css_class (label, "inspector-violation");
}

static void
add_column (BourseApiInspector *self,
            const char         *title,
            Column              column,
            const char         *property)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_expand (view_column, column == COLUMN_PATH);
  if (property)
    {
      GtkExpression *expression = gtk_property_expression_new (BOURSE_TYPE_API_EXCHANGE, NULL, property);
      g_autoptr(GtkSorter) sorter = NULL;

      if (column == COLUMN_METHOD || column == COLUMN_PATH)
        sorter = GTK_SORTER (gtk_string_sorter_new (expression));
      else
        sorter = GTK_SORTER (gtk_numeric_sorter_new (expression));
      gtk_column_view_column_set_sorter (view_column, sorter);
    }
  gtk_column_view_append_column (self->column_view, view_column);
}

/* -- actions ------------------------------------------------------------- */

static void
bourse_api_inspector_copy_curl_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  BourseApiInspector *self = BOURSE_API_INSPECTOR (widget);
  BourseApiExchange *entry = gtk_single_selection_get_selected_item (self->selection);
  g_autofree char *curl = entry ? bourse_api_exchange_to_curl (entry) : NULL;

  if (curl)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), curl);
}

static void
bourse_api_inspector_clear_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  bourse_api_inspector_clear (BOURSE_API_INSPECTOR (widget));
}

/* -- GObject ------------------------------------------------------------- */

static void
bourse_api_inspector_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  BourseApiInspector *self = BOURSE_API_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_N_PROBLEMS:
      g_value_set_uint (value, self->n_problems);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_api_inspector_dispose (GObject *object)
{
  BourseApiInspector *self = BOURSE_API_INSPECTOR (object);

  g_clear_handle_id (&self->scroll_to_newest_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), BOURSE_TYPE_API_INSPECTOR);
  g_clear_object (&self->selection);
  g_clear_object (&self->entries);

  G_OBJECT_CLASS (bourse_api_inspector_parent_class)->dispose (object);
}

static void
bourse_api_inspector_class_init (BourseApiInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bourse_api_inspector_dispose;
  object_class->get_property = bourse_api_inspector_get_property;

  properties[PROP_N_PROBLEMS] =
    g_param_spec_uint ("n-problems", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bourse-api-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, BourseApiInspector, paned);
  gtk_widget_class_bind_template_child (widget_class, BourseApiInspector, column_view);
  gtk_widget_class_bind_template_child (widget_class, BourseApiInspector, list_scroll);
  gtk_widget_class_bind_template_child (widget_class, BourseApiInspector, text_view);
  gtk_widget_class_bind_template_child (widget_class, BourseApiInspector, problems_button);
  gtk_widget_class_bind_template_child (widget_class, BourseApiInspector, stream_button);
  gtk_widget_class_bind_template_child (widget_class, BourseApiInspector, count_label);

  gtk_widget_class_install_action (widget_class, "inspector.copy-curl", NULL, bourse_api_inspector_copy_curl_action);
  gtk_widget_class_install_action (widget_class, "inspector.clear", NULL, bourse_api_inspector_clear_action);
}

static void
bourse_api_inspector_init (BourseApiInspector *self)
{
  g_autoptr(GtkFilterListModel) filtered = NULL;
  g_autoptr(GtkSortListModel) sorted = NULL;
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->following = TRUE;

  self->entries = g_list_store_new (BOURSE_TYPE_API_EXCHANGE);

  add_column (self, _("Time"), COLUMN_TIME, NULL);
  add_column (self, _("Method"), COLUMN_METHOD, "method");
  add_column (self, _("Path"), COLUMN_PATH, "path");
  add_column (self, _("Status"), COLUMN_STATUS, "status");
  add_column (self, _("Latency"), COLUMN_LATENCY, "latency-ms");
  add_column (self, _("Size"), COLUMN_SIZE, NULL);

  self->filter = gtk_custom_filter_new (filter_entry, self, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->entries)), GTK_FILTER (self->filter));
  sorter = gtk_column_view_get_sorter (self->column_view);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_steal_pointer (&filtered)), sorter ? g_object_ref (sorter) : NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_steal_pointer (&sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  gtk_text_buffer_create_tag (gtk_text_view_get_buffer (self->text_view), "violation",
                              "foreground", "#e01b24", "weight", PANGO_WEIGHT_BOLD, NULL);

  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->problems_button, "toggled",
                           G_CALLBACK (problems_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->list_scroll), "value-changed",
                           G_CALLBACK (list_value_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stream_button, "toggled",
                           G_CALLBACK (problems_toggled_cb), self, G_CONNECT_SWAPPED);
  show_entry (self, NULL);
  update_count (self);
}

/* -- public API ---------------------------------------------------------- */

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);

      if (found)
        return found;
    }
  return NULL;
}

/* A list keeps its anchor row in place when rows are inserted above it: to
 * stay on the newest entry, move the anchor back to the first row. */
static gboolean
scroll_to_newest_cb (gpointer user_data)
{
  BourseApiInspector *self = user_data;
  GtkWidget *list_view = find_list_view (GTK_WIDGET (self->column_view));

  self->scroll_to_newest_id = 0;
  if (self->following && list_view != NULL &&
      g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", 0);
  return G_SOURCE_REMOVE;
}

/* Only the user moves the view while no scroll of ours is pending: scrolled
 * to the top, the view follows the newest entry again; away, it stays. */
static void
list_value_changed_cb (BourseApiInspector *self,
                       GtkAdjustment      *adjustment)
{
  if (self->scroll_to_newest_id == 0)
    self->following = gtk_adjustment_get_value (adjustment) <= gtk_adjustment_get_lower (adjustment) + 0.5;
}

/**
 * bourse_api_inspector_add_exchange:
 *
 * Records @exchange; stream messages only while "Stream Messages" is on.
 */
void
bourse_api_inspector_add_exchange (BourseApiInspector *self,
                                   BourseApiExchange  *exchange)
{
  gboolean problem;

  g_return_if_fail (BOURSE_IS_API_INSPECTOR (self));
  g_return_if_fail (BOURSE_IS_API_EXCHANGE (exchange));

  problem = bourse_api_inspector_exchange_has_problem (exchange);
  if (!problem && bourse_api_exchange_get_kind (exchange) == BOURSE_API_EXCHANGE_STREAM_MESSAGE &&
      !gtk_toggle_button_get_active (self->stream_button))
    return;

  /* Newest first: what a broker engineer is looking at is what just happened. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->entries)) >= MAX_ENTRIES)
    {
      guint last = g_list_model_get_n_items (G_LIST_MODEL (self->entries)) - 1;
      g_autoptr(BourseApiExchange) oldest = NULL;

      /* Stream messages come by the thousand: they make room first, so the
       * requests a broker engineer is checking (/config, /accounts…) stay. */
      for (guint i = last; i > 0; i--)
        {
          g_autoptr(BourseApiExchange) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);

          if (bourse_api_exchange_get_kind (entry) == BOURSE_API_EXCHANGE_STREAM_MESSAGE &&
              !bourse_api_inspector_exchange_has_problem (entry))
            {
              last = i;
              break;
            }
        }
      oldest = g_list_model_get_item (G_LIST_MODEL (self->entries), last);

      if (bourse_api_inspector_exchange_has_problem (oldest) && self->n_problems > 0)
        self->n_problems--;
      g_list_store_remove (self->entries, last);
    }

  {
    g_list_store_insert (self->entries, 0, exchange);
    /* Follow the newest entry unless the user scrolled away to read an older
     * one. The list keeps its anchor row in place at the next layout, so
     * scroll back up after it (a low-priority idle runs after the frame). */
    if (self->following && self->scroll_to_newest_id == 0)
      self->scroll_to_newest_id = g_idle_add_full (G_PRIORITY_LOW, scroll_to_newest_cb, self, NULL);
  }
  if (problem)
    {
      self->n_problems++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROBLEMS]);
    }
  update_count (self);
}

/**
 * bourse_api_inspector_get_entries:
 * Returns: (transfer none): every recorded entry, newest first
 */
GListModel *
bourse_api_inspector_get_entries (BourseApiInspector *self)
{
  g_return_val_if_fail (BOURSE_IS_API_INSPECTOR (self), NULL);
  return G_LIST_MODEL (self->entries);
}

guint
bourse_api_inspector_get_n_problems (BourseApiInspector *self)
{
  g_return_val_if_fail (BOURSE_IS_API_INSPECTOR (self), 0);
  return self->n_problems;
}

void
bourse_api_inspector_select (BourseApiInspector *self,
                             BourseApiExchange  *entry)
{
  GListModel *model;
  guint n;

  g_return_if_fail (BOURSE_IS_API_INSPECTOR (self));

  model = G_LIST_MODEL (self->selection);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseApiExchange) item = g_list_model_get_item (model, i);

      if (item == entry)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

/* (transfer full): the text of the detail pane */
char *
bourse_api_inspector_dup_details (BourseApiInspector *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (BOURSE_IS_API_INSPECTOR (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
bourse_api_inspector_clear (BourseApiInspector *self)
{
  g_return_if_fail (BOURSE_IS_API_INSPECTOR (self));

  g_list_store_remove_all (self->entries);
  if (self->n_problems != 0)
    {
      self->n_problems = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROBLEMS]);
    }
  update_count (self);
}
