/* bourse-webhook-delivery.h — one webhook delivery, as kept in the alert log
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Immutable record of a POST (all its attempts): what was sent where, what came
 * back, how long it took. The alert log lists these; "resend" hands one back to
 * bourse_webhook_client_resend_async().
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define BOURSE_TYPE_WEBHOOK_DELIVERY (bourse_webhook_delivery_get_type ())

G_DECLARE_FINAL_TYPE (BourseWebhookDelivery, bourse_webhook_delivery, BOURSE, WEBHOOK_DELIVERY, GObject)

const char *bourse_webhook_delivery_get_url             (BourseWebhookDelivery *self);
const char *bourse_webhook_delivery_get_body            (BourseWebhookDelivery *self);
const char *bourse_webhook_delivery_get_content_type    (BourseWebhookDelivery *self);
/* NULL unless the delivery was sent with retries (the Idempotency-Key header). */
const char *bourse_webhook_delivery_get_idempotency_key (BourseWebhookDelivery *self);
/* UNIX microseconds of the first attempt. */
gint64      bourse_webhook_delivery_get_sent_at         (BourseWebhookDelivery *self);
/* HTTP status of the last attempt, 0 when none arrived. */
guint       bourse_webhook_delivery_get_status          (BourseWebhookDelivery *self);
/* Duration of the last attempt in microseconds. */
gint64      bourse_webhook_delivery_get_latency         (BourseWebhookDelivery *self);
guint       bourse_webhook_delivery_get_attempts        (BourseWebhookDelivery *self);
/* NULL on success, else why the last attempt failed. */
const char *bourse_webhook_delivery_get_error_message   (BourseWebhookDelivery *self);
/* The error code (BOURSE_WEBHOOK_ERROR_*) when it failed, -1 on success. */
int         bourse_webhook_delivery_get_error_code      (BourseWebhookDelivery *self);
gboolean    bourse_webhook_delivery_get_succeeded       (BourseWebhookDelivery *self);

/* For the persisted alert log. */
JsonNode              *bourse_webhook_delivery_to_json       (BourseWebhookDelivery  *self);
BourseWebhookDelivery *bourse_webhook_delivery_new_from_json (JsonNode               *node,
                                                              GError                **error);

G_END_DECLS
