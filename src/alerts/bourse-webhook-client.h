/* bourse-webhook-client.h — POSTs alert messages the way TradingView does
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One attempt with a 3 s budget by default, like TradingView. Retries are opt-in
 * (max-attempts > 1, bounded to 5): then every attempt of one delivery carries the
 * same "Idempotency-Key" header so a receiver can drop duplicates, and only
 * timeouts, network errors, 408, 429 and 5xx are retried, after retry-delay-ms
 * doubling each time. HTTPS certificates are always verified (libsoup's default,
 * never overridden); plain http:// goes only to loopback unless
 * allow-insecure-http is set. Each delivery ends as one BourseWebhookDelivery.
 */
#pragma once

#include <gio/gio.h>

#include "bourse-webhook.h"
#include "bourse-webhook-delivery.h"

G_BEGIN_DECLS

#define BOURSE_WEBHOOK_DEFAULT_TIMEOUT_MS 3000
#define BOURSE_WEBHOOK_MAX_ATTEMPTS       5

#define BOURSE_TYPE_WEBHOOK_CLIENT (bourse_webhook_client_get_type ())

G_DECLARE_FINAL_TYPE (BourseWebhookClient, bourse_webhook_client, BOURSE, WEBHOOK_CLIENT, GObject)

BourseWebhookClient   *bourse_webhook_client_new                     (void);

guint                  bourse_webhook_client_get_timeout_ms          (BourseWebhookClient *self);
void                   bourse_webhook_client_set_timeout_ms          (BourseWebhookClient *self,
                                                                      guint                timeout_ms);
guint                  bourse_webhook_client_get_max_attempts        (BourseWebhookClient *self);
void                   bourse_webhook_client_set_max_attempts        (BourseWebhookClient *self,
                                                                      guint                max_attempts);
guint                  bourse_webhook_client_get_retry_delay_ms      (BourseWebhookClient *self);
void                   bourse_webhook_client_set_retry_delay_ms      (BourseWebhookClient *self,
                                                                      guint                delay_ms);
gboolean               bourse_webhook_client_get_allow_insecure_http (BourseWebhookClient *self);
void                   bourse_webhook_client_set_allow_insecure_http (BourseWebhookClient *self,
                                                                      gboolean             allow);

/* POSTs @body to @url with the content type bourse_webhook_content_type_for() picks.
 * @idempotency_key is used when retries are on (NULL → a random UUID). The result is
 * a delivery record whatever happened (refused URL, timeout, HTTP error…); the finish
 * function only fails (G_IO_ERROR_CANCELLED) when @cancellable was cancelled. */
void                   bourse_webhook_client_send_async              (BourseWebhookClient *self,
                                                                      const char          *url,
                                                                      const char          *body,
                                                                      const char          *idempotency_key,
                                                                      GCancellable        *cancellable,
                                                                      GAsyncReadyCallback  callback,
                                                                      gpointer             user_data);
BourseWebhookDelivery *bourse_webhook_client_send_finish             (BourseWebhookClient *self,
                                                                      GAsyncResult        *result,
                                                                      GError             **error);

/* Sends the same URL, body and idempotency key again (the log's "Resend"); finish
 * with bourse_webhook_client_send_finish(). */
void                   bourse_webhook_client_resend_async            (BourseWebhookClient   *self,
                                                                      BourseWebhookDelivery *previous,
                                                                      GCancellable          *cancellable,
                                                                      GAsyncReadyCallback    callback,
                                                                      gpointer               user_data);

G_END_DECLS
