/* bourse-api-exchange-private.h — filling in a BourseApiExchange, for the client and streams
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bourse-api-exchange.h"

G_BEGIN_DECLS

BourseApiExchange *_bourse_api_exchange_new      (BourseApiExchangeKind  kind,
                                                  const char            *method,
                                                  const char            *uri,
                                                  const char            *path,
                                                  const char            *request_body,
                                                  gboolean               authorized);
void               _bourse_api_exchange_complete (BourseApiExchange     *self,
                                                  guint                  status,
                                                  const char            *response_body,
                                                  gsize                  response_size,
                                                  GPtrArray             *violations,
                                                  const GError          *error);
void               _bourse_api_exchange_set_sample_count (BourseApiExchange *self,
                                                  guint                  count);

/* Form body / JSON text with secret fields replaced by REDACTED. */
char              *_bourse_redact_form           (const char            *form);
char              *_bourse_redact_json_text      (const char            *text,
                                                  gsize                  length);

G_END_DECLS
