/* bourse-ticket-durations.h — the order durations a broker offers (/config "durations") and expiry text
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "bourse-store.h"

G_BEGIN_DECLS

typedef struct
{
  char     *id;            /* "GTC", "GTT"… as the broker names it */
  char     *title;
  gboolean  has_date;      /* hasDatePicker or hasTimePicker: needs an expiry */
  gboolean  is_default;
  guint     order_types;   /* bit per BourseOrderType; 0 = limit, stop, stop-limit */
} BourseTicketDuration;

void        bourse_ticket_duration_free         (BourseTicketDuration       *duration);
gboolean    bourse_ticket_duration_applies      (const BourseTicketDuration *duration,
                                                 BourseOrderType             type);
GPtrArray  *bourse_ticket_durations_from_config (JsonNode                   *config,
                                                 guint                      *default_position);
gint64      bourse_ticket_parse_expiry          (const char                 *text);
char       *bourse_ticket_format_expiry         (gint64                      expiry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BourseTicketDuration, bourse_ticket_duration_free)

G_END_DECLS
