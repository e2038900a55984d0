/* bourse-connection-row.h — one saved broker server in the preferences
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Actions (group "connection"): connection.connect,
 * connection.forget-password, connection.remove.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BOURSE_TYPE_CONNECTION_ROW (bourse_connection_row_get_type ())

G_DECLARE_FINAL_TYPE (BourseConnectionRow, bourse_connection_row, BOURSE, CONNECTION_ROW, AdwExpanderRow)

BourseConnectionRow *bourse_connection_row_new               (const char          *connection_id,
                                                              GSettings           *settings);
const char          *bourse_connection_row_get_connection_id (BourseConnectionRow *self);
const char          *bourse_connection_row_get_url           (BourseConnectionRow *self);
const char          *bourse_connection_row_get_login         (BourseConnectionRow *self);
gboolean             bourse_connection_row_get_remember      (BourseConnectionRow *self);

G_END_DECLS
