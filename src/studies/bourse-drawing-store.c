/* bourse-drawing-store.c — drawings kept per symbol as JSON files in one directory
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bourse-drawing-store.h"
#include "bourse-json.h"

struct _BourseDrawingStore
{
  GObject parent_instance;

  /* owned */
  GFile        *directory;
  GHashTable   *autosaves;     /* symbol → Autosave */
  GHashTable   *saving;        /* symbols with an autosave write in flight */
};

typedef struct
{
  BourseDrawingStore *store;   /* borrowed: the store owns the entry */
  char               *symbol;
  GListStore         *drawings;
  GPtrArray          *connected;   /* every BourseDrawing we listen to, removed ones too */
  guint               idle_id;
  guint               dirty : 1;   /* changed while a write was in flight */
} Autosave;

enum {
  PROP_0,
  PROP_DIRECTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BourseDrawingStore, bourse_drawing_store, G_TYPE_OBJECT)

static char *
serialize (const char  *symbol,
           GListModel  *drawings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n = g_list_model_get_n_items (drawings);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "symbol");
  json_builder_add_string_value (builder, symbol);
  json_builder_set_member_name (builder, "drawings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseDrawing) drawing = g_list_model_get_item (drawings, i);

      json_builder_add_value (builder, bourse_drawing_to_json (drawing));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

static gboolean
check_symbol (const char  *symbol,
              GError     **error)
{
  if (symbol == NULL || *symbol == '\0' || !g_utf8_validate (symbol, -1, NULL))
    {
      g_set_error (error, BOURSE_DRAWING_ERROR, BOURSE_DRAWING_ERROR_INVALID,
                   "Drawings need a symbol");
      return FALSE;
    }
  return TRUE;
}

static void autosave_queue (Autosave *entry);

static void
autosave_disconnect (Autosave *entry)
{
  for (guint i = 0; i < entry->connected->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (entry->connected, i), entry);
  g_signal_handlers_disconnect_by_data (entry->drawings, entry);
}

static void
autosave_watch (Autosave      *entry,
                BourseDrawing *drawing)
{
  if (g_ptr_array_find (entry->connected, drawing, NULL))
    return;
  g_ptr_array_add (entry->connected, g_object_ref (drawing));
  g_signal_connect_swapped (drawing, "changed", G_CALLBACK (autosave_queue), entry);
}

static void
autosave_free (Autosave *entry)
{
  g_clear_handle_id (&entry->idle_id, g_source_remove);
  autosave_disconnect (entry);
  g_clear_object (&entry->drawings);
  g_clear_pointer (&entry->connected, g_ptr_array_unref);
  g_free (entry->symbol);
  g_free (entry);
}

static void
autosave_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  BourseDrawingStore *self = BOURSE_DRAWING_STORE (object);
  g_autofree char *symbol = user_data;
  g_autoptr(GError) error = NULL;
  Autosave *entry;

  if (!bourse_drawing_store_save_finish (self, result, &error))
    g_warning ("%s", error->message);
  if (self->saving == NULL)
    return;
  g_hash_table_remove (self->saving, symbol);
  /* Writes of one symbol never overlap, so an older snapshot cannot land last. */
  entry = self->autosaves ? g_hash_table_lookup (self->autosaves, symbol) : NULL;
  if (entry != NULL && entry->dirty)
    {
      entry->dirty = FALSE;
      autosave_queue (entry);
    }
}

static gboolean
autosave_idle_cb (gpointer user_data)
{
  Autosave *entry = user_data;
  BourseDrawingStore *self = entry->store;

  entry->idle_id = 0;
  if (g_hash_table_contains (self->saving, entry->symbol))
    {
      entry->dirty = TRUE;
      return G_SOURCE_REMOVE;
    }
  g_hash_table_add (self->saving, g_strdup (entry->symbol));
  bourse_drawing_store_save_async (self, entry->symbol, G_LIST_MODEL (entry->drawings),
                                   NULL, autosave_saved_cb, g_strdup (entry->symbol));
  return G_SOURCE_REMOVE;
}

static void
autosave_queue (Autosave *entry)
{
  if (entry->idle_id == 0)
    entry->idle_id = g_idle_add (autosave_idle_cb, entry);
}

static void
autosave_items_changed_cb (Autosave   *entry,
                           guint       position,
                           guint       removed,
                           guint       added,
                           GListModel *model)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(BourseDrawing) d = g_list_model_get_item (model, i);
      autosave_watch (entry, d);
    }
  autosave_queue (entry);
}

static void
bourse_drawing_store_dispose (GObject *object)
{
  BourseDrawingStore *self = BOURSE_DRAWING_STORE (object);

  if (self->autosaves != NULL)
    {
      GHashTableIter iter;
      Autosave *entry;

      /* Flush what is pending, synchronously: nothing is lost at shutdown. */
      g_hash_table_iter_init (&iter, self->autosaves);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
        if (entry->idle_id != 0 || entry->dirty)
          {
            g_autoptr(GError) error = NULL;

            if (!bourse_drawing_store_save (self, entry->symbol, G_LIST_MODEL (entry->drawings), &error))
              g_warning ("%s", error->message);
          }
      g_clear_pointer (&self->autosaves, g_hash_table_unref);
    }
  g_clear_pointer (&self->saving, g_hash_table_unref);
  g_clear_object (&self->directory);

  G_OBJECT_CLASS (bourse_drawing_store_parent_class)->dispose (object);
}

static void
bourse_drawing_store_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  BourseDrawingStore *self = BOURSE_DRAWING_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY: g_value_set_object (value, self->directory); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_drawing_store_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  BourseDrawingStore *self = BOURSE_DRAWING_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY: self->directory = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_drawing_store_class_init (BourseDrawingStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bourse_drawing_store_dispose;
  object_class->get_property = bourse_drawing_store_get_property;
  object_class->set_property = bourse_drawing_store_set_property;

  /* Where the per-symbol files go; created on the first save. */
  properties[PROP_DIRECTORY] =
    g_param_spec_object ("directory", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bourse_drawing_store_init (BourseDrawingStore *self)
{
  self->autosaves = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) autosave_free);
  self->saving = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

BourseDrawingStore *
bourse_drawing_store_new (GFile *directory)
{
  g_return_val_if_fail (G_IS_FILE (directory), NULL);
  return g_object_new (BOURSE_TYPE_DRAWING_STORE, "directory", directory, NULL);
}

GFile *
bourse_drawing_store_get_directory (BourseDrawingStore *self)
{
  g_return_val_if_fail (BOURSE_IS_DRAWING_STORE (self), NULL);
  return self->directory;
}

GFile *
bourse_drawing_store_get_file (BourseDrawingStore *self,
                               const char         *symbol)
{
  g_autofree char *escaped = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (BOURSE_IS_DRAWING_STORE (self), NULL);
  g_return_val_if_fail (symbol != NULL, NULL);

  /* Percent-escaping keeps "/", ":" and ".." out of file names, reversibly. */
  escaped = g_uri_escape_string (symbol, NULL, TRUE);
  name = g_strconcat (escaped[0] == '.' ? "%2E" : "", escaped[0] == '.' ? escaped + 1 : escaped,
                      ".json", NULL);
  return g_file_get_child (self->directory, name);
}

GListStore *
bourse_drawing_store_load (BourseDrawingStore  *self,
                           const char          *symbol,
                           GError             **error)
{
  g_autoptr(GListStore) list = g_list_store_new (BOURSE_TYPE_DRAWING);
  g_autoptr(GFile) file = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  gsize length;
  JsonNode *root, *drawings;
  JsonArray *array;

  g_return_val_if_fail (BOURSE_IS_DRAWING_STORE (self), NULL);

  if (!check_symbol (symbol, error))
    return NULL;
  file = bourse_drawing_store_get_file (self, symbol);
  path = g_file_get_path (file);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return g_steal_pointer (&list);
      g_set_error (error, BOURSE_DRAWING_ERROR, BOURSE_DRAWING_ERROR_IO,
                   "Cannot read drawings of %s: %s", symbol, local_error->message);
      return NULL;
    }
  if (!_bourse_json_prescan (contents, length))
    {
      g_set_error (error, BOURSE_DRAWING_ERROR, BOURSE_DRAWING_ERROR_INVALID,
                   "Drawings file %s is damaged: more than one JSON value, or a broken \\u escape", path);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, contents, length, &local_error))
    {
      g_set_error (error, BOURSE_DRAWING_ERROR, BOURSE_DRAWING_ERROR_INVALID,
                   "Drawings file %s is damaged: %s", path, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (drawings = json_object_get_member (json_node_get_object (root), "drawings")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (drawings))
    {
      g_set_error (error, BOURSE_DRAWING_ERROR, BOURSE_DRAWING_ERROR_INVALID,
                   "Drawings file %s has no “drawings” list", path);
      return NULL;
    }
  array = json_node_get_array (drawings);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(BourseDrawing) drawing = bourse_drawing_new_from_json (json_array_get_element (array, i),
                                                                       &local_error);
      if (drawing == NULL)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      "Drawings file %s, drawing %u: ", path, i + 1);
          return NULL;
        }
      g_list_store_append (list, drawing);
    }
  return g_steal_pointer (&list);
}

static gboolean
write_file (GFile       *directory,
            GFile       *file,
            const char  *contents,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = g_file_get_path (file);

  if (!g_file_make_directory_with_parents (directory, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_set_error (error, BOURSE_DRAWING_ERROR, BOURSE_DRAWING_ERROR_IO,
                   "Cannot create the drawings folder: %s", local_error->message);
      return FALSE;
    }
  g_clear_error (&local_error);
  if (!g_file_set_contents (path, contents, -1, &local_error))
    {
      g_set_error (error, BOURSE_DRAWING_ERROR, BOURSE_DRAWING_ERROR_IO,
                   "Cannot save drawings: %s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
bourse_drawing_store_save (BourseDrawingStore  *self,
                           const char          *symbol,
                           GListModel          *drawings,
                           GError             **error)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *contents = NULL;

  g_return_val_if_fail (BOURSE_IS_DRAWING_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (drawings), FALSE);

  if (!check_symbol (symbol, error))
    return FALSE;
  file = bourse_drawing_store_get_file (self, symbol);
  contents = serialize (symbol, drawings);
  return write_file (self->directory, file, contents, error);
}

typedef struct
{
  GFile *directory;
  GFile *file;
  char  *contents;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->directory);
  g_clear_object (&data->file);
  g_clear_pointer (&data->contents, g_free);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (write_file (data->directory, data->file, data->contents, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
bourse_drawing_store_save_async (BourseDrawingStore  *self,
                                 const char          *symbol,
                                 GListModel          *drawings,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  SaveData *data;

  g_return_if_fail (BOURSE_IS_DRAWING_STORE (self));
  g_return_if_fail (G_IS_LIST_MODEL (drawings));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) (guintptr) bourse_drawing_store_save_async);
  if (!check_symbol (symbol, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  data = g_new0 (SaveData, 1);
  data->directory = g_object_ref (self->directory);
  data->file = bourse_drawing_store_get_file (self, symbol);
  data->contents = serialize (symbol, drawings);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
bourse_drawing_store_save_finish (BourseDrawingStore  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
bourse_drawing_store_autosave (BourseDrawingStore *self,
                               const char         *symbol,
                               GListStore         *drawings)
{
  Autosave *entry;
  guint n;

  g_return_if_fail (BOURSE_IS_DRAWING_STORE (self));
  g_return_if_fail (symbol != NULL && *symbol != '\0');
  g_return_if_fail (!drawings || G_IS_LIST_STORE (drawings));

  g_hash_table_remove (self->autosaves, symbol);
  if (drawings == NULL)
    return;

  entry = g_new0 (Autosave, 1);
  entry->store = self;
  entry->symbol = g_strdup (symbol);
  entry->drawings = g_object_ref (drawings);
  entry->connected = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_insert (self->autosaves, entry->symbol, entry);
  g_signal_connect_swapped (drawings, "items-changed", G_CALLBACK (autosave_items_changed_cb), entry);
  n = g_list_model_get_n_items (G_LIST_MODEL (drawings));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseDrawing) d = g_list_model_get_item (G_LIST_MODEL (drawings), i);
      autosave_watch (entry, d);
    }
}
