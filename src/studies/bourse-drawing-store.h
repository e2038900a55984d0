/* bourse-drawing-store.h — drawings kept per symbol as JSON files in one directory
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The directory is given by the caller (the app passes its data dir, tests a temp
 * dir); each symbol has one file "<escaped symbol>.json":
 *   {"version": 1, "symbol": "NASDAQ:AAPL", "drawings": [ <bourse_drawing_to_json()>… ]}
 * Files are replaced atomically. A missing file is an empty list; a damaged one is
 * an error (the file is left alone so nothing is lost).
 */
#pragma once

#include <gio/gio.h>

#include "bourse-drawing.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_DRAWING_STORE (bourse_drawing_store_get_type ())

G_DECLARE_FINAL_TYPE (BourseDrawingStore, bourse_drawing_store, BOURSE, DRAWING_STORE, GObject)

BourseDrawingStore *bourse_drawing_store_new           (GFile               *directory);
GFile              *bourse_drawing_store_get_directory (BourseDrawingStore  *self);
/* The file a symbol's drawings live in. */
GFile              *bourse_drawing_store_get_file      (BourseDrawingStore  *self,
                                                        const char          *symbol);
/* A new GListStore of BourseDrawing (empty when nothing was saved yet). */
GListStore         *bourse_drawing_store_load          (BourseDrawingStore  *self,
                                                        const char          *symbol,
                                                        GError             **error);
/* Writes every BourseDrawing of @drawings (synchronously; files are small). */
gboolean            bourse_drawing_store_save          (BourseDrawingStore  *self,
                                                        const char          *symbol,
                                                        GListModel          *drawings,
                                                        GError             **error);
/* Serialises now, writes in a worker thread. */
void                bourse_drawing_store_save_async    (BourseDrawingStore  *self,
                                                        const char          *symbol,
                                                        GListModel          *drawings,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean            bourse_drawing_store_save_finish   (BourseDrawingStore  *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
/* Keeps @symbol's file in step with @drawings: any drawing added, removed or
 * changed schedules one asynchronous save (coalesced in an idle). Replaces an
 * earlier autosave of the same symbol; @drawings NULL stops it. Pending saves are
 * flushed when the store is disposed. Write errors are logged with g_warning(). */
void                bourse_drawing_store_autosave      (BourseDrawingStore  *self,
                                                        const char          *symbol,
                                                        GListStore          *drawings);

G_END_DECLS
