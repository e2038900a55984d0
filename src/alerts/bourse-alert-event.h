/* bourse-alert-event.h — one entry of the alert log: an alert that fired
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "bourse-webhook-delivery.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_ALERT_EVENT (bourse_alert_event_get_type ())

G_DECLARE_FINAL_TYPE (BourseAlertEvent, bourse_alert_event, BOURSE, ALERT_EVENT, GObject)

BourseAlertEvent      *bourse_alert_event_new            (const char *alert_id,
                                                          const char *alert_name,
                                                          const char *symbol,
                                                          gint64      bar_time,
                                                          gint64      fired_at,
                                                          const char *message,
                                                          const char *fire_id);
const char            *bourse_alert_event_get_alert_id   (BourseAlertEvent *self);
const char            *bourse_alert_event_get_alert_name (BourseAlertEvent *self);
const char            *bourse_alert_event_get_symbol     (BourseAlertEvent *self);
/* Open time of the bar it fired on and the firing time, UNIX seconds. */
gint64                 bourse_alert_event_get_bar_time   (BourseAlertEvent *self);
gint64                 bourse_alert_event_get_fired_at   (BourseAlertEvent *self);
/* The expanded message: notification text and webhook body. */
const char            *bourse_alert_event_get_message    (BourseAlertEvent *self);
const char            *bourse_alert_event_get_fire_id    (BourseAlertEvent *self);
/* The latest webhook delivery for this firing (NULL before it finished or without a
 * webhook); "notify::delivery" tells when it arrives or a resend replaces it. */
BourseWebhookDelivery *bourse_alert_event_get_delivery   (BourseAlertEvent *self);
void                   bourse_alert_event_set_delivery   (BourseAlertEvent      *self,
                                                          BourseWebhookDelivery *delivery);

/* For the persisted alert log (errors in BOURSE_ALERT_ERROR). */
JsonNode              *bourse_alert_event_to_json        (BourseAlertEvent      *self);
BourseAlertEvent      *bourse_alert_event_new_from_json  (JsonNode              *node,
                                                          GError               **error);

G_END_DECLS
