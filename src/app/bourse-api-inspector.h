/* bourse-api-inspector.h — every broker request, response and sampled stream message
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "bourse-api-exchange.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_API_INSPECTOR (bourse_api_inspector_get_type ())

G_DECLARE_FINAL_TYPE (BourseApiInspector, bourse_api_inspector, BOURSE, API_INSPECTOR, GtkWidget)

void        bourse_api_inspector_add_exchange       (BourseApiInspector *self,
                                                     BourseApiExchange  *exchange);
GListModel *bourse_api_inspector_get_entries        (BourseApiInspector *self);
guint       bourse_api_inspector_get_n_problems     (BourseApiInspector *self);
void        bourse_api_inspector_select             (BourseApiInspector *self,
                                                     BourseApiExchange  *exchange);
char       *bourse_api_inspector_dup_details        (BourseApiInspector *self);
void        bourse_api_inspector_clear              (BourseApiInspector *self);

gboolean    bourse_api_inspector_exchange_has_problem (BourseApiExchange *exchange);
char       *bourse_api_inspector_format_exchange    (BourseApiExchange  *exchange);

G_END_DECLS
