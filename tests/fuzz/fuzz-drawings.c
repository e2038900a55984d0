/* fuzz-drawings.c — libFuzzer harness: a drawings file (bourse-drawing-store) and each drawing in it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is written as the symbol's drawings file and loaded by the real
 * store: drawings or an error, never both. What loads is saved and loaded
 * again, and must give the same number of drawings.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "bourse-drawing-store.h"
#include "bourse-drawing.h"
#include "fuzz-common.h"

static BourseDrawingStore *store;
static GFile *file;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) directory = NULL;

  fuzz_init_glib ();
  dir = g_dir_make_tmp ("bourse-fuzz-drawings-XXXXXX", NULL);
  g_assert (dir != NULL);
  directory = g_file_new_for_path (dir);
  store = bourse_drawing_store_new (directory);
  file = bourse_drawing_store_get_file (store, "FUZZ");
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) drawings = NULL;
  g_autoptr(GListStore) again = NULL;
  g_autofree char *path = g_file_get_path (file);

  g_assert (g_file_set_contents (path, (const char *) data, size, NULL));
  drawings = bourse_drawing_store_load (store, "FUZZ", &error);
  g_assert ((drawings == NULL) != (error == NULL));
  if (drawings == NULL)
    return 0;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (drawings)); i++)
    {
      g_autoptr(BourseDrawing) drawing = g_list_model_get_item (G_LIST_MODEL (drawings), i);
      g_autoptr(JsonNode) json = bourse_drawing_to_json (drawing);
      g_autoptr(GError) copy_error = NULL;
      g_autoptr(BourseDrawing) copy = bourse_drawing_new_from_json (json, &copy_error);
      g_assert_no_error (copy_error);
      g_assert (copy != NULL);
    }
  g_assert (bourse_drawing_store_save (store, "FUZZ", G_LIST_MODEL (drawings), NULL));
  again = bourse_drawing_store_load (store, "FUZZ", NULL);
  g_assert (again != NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (drawings)));
  return 0;
}
