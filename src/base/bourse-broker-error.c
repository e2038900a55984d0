/* bourse-broker-error.c — the error domain of the broker client
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "bourse-broker-error.h"

typedef struct
{
  char  *endpoint;
  char  *json_path;
  char  *expectation;
  char  *errmsg;
  guint  http_status;
} BourseBrokerErrorPrivate;

static void
bourse_broker_error_private_init (BourseBrokerErrorPrivate *priv)
{
}

static void
bourse_broker_error_private_copy (const BourseBrokerErrorPrivate *src,
                                  BourseBrokerErrorPrivate       *dest)
{
  dest->endpoint = g_strdup (src->endpoint);
  dest->json_path = g_strdup (src->json_path);
  dest->expectation = g_strdup (src->expectation);
  dest->errmsg = g_strdup (src->errmsg);
  dest->http_status = src->http_status;
}

static void
bourse_broker_error_private_clear (BourseBrokerErrorPrivate *priv)
{
  g_clear_pointer (&priv->endpoint, g_free);
  g_clear_pointer (&priv->json_path, g_free);
  g_clear_pointer (&priv->expectation, g_free);
  g_clear_pointer (&priv->errmsg, g_free);
}

G_DEFINE_EXTENDED_ERROR (BourseBrokerError, bourse_broker_error)

static BourseBrokerErrorPrivate *
get_private (const GError *error)
{
  if (error == NULL || error->domain != BOURSE_BROKER_ERROR)
    return NULL;
  return bourse_broker_error_get_private (error);
}

GError *
bourse_broker_error_new_full (BourseBrokerError  code,
                              const char        *endpoint,
                              const char        *message)
{
  GError *error;

  if (endpoint != NULL)
    error = g_error_new (BOURSE_BROKER_ERROR, code, "%s: %s", endpoint, message);
  else
    error = g_error_new_literal (BOURSE_BROKER_ERROR, code, message);
  get_private (error)->endpoint = g_strdup (endpoint);
  return error;
}

/**
 * bourse_broker_error_new_protocol:
 * @endpoint: (nullable): e.g. "GET /accounts/D1/orders"
 * @json_path: e.g. "$.d[2].qty"
 * @expectation: e.g. "expected a number, got a string"
 *
 * Returns: (transfer full): a BOURSE_BROKER_ERROR_PROTOCOL error
 */
GError *
bourse_broker_error_new_protocol (const char *endpoint,
                                  const char *json_path,
                                  const char *expectation)
{
  g_autofree char *message = g_strdup_printf ("%s: %s", json_path, expectation);
  GError *error = bourse_broker_error_new_full (BOURSE_BROKER_ERROR_PROTOCOL, endpoint, message);
  BourseBrokerErrorPrivate *priv = get_private (error);

  priv->json_path = g_strdup (json_path);
  priv->expectation = g_strdup (expectation);
  return error;
}

GError *
bourse_broker_error_new_rejected (const char *endpoint,
                                  const char *errmsg)
{
  /* The message is the broker's text alone: it is meant to be shown to the user. */
  GError *error = g_error_new_literal (BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_REJECTED,
                                       errmsg != NULL && *errmsg != '\0' ? errmsg : "Rejected by the broker");
  BourseBrokerErrorPrivate *priv = get_private (error);

  priv->endpoint = g_strdup (endpoint);
  priv->errmsg = g_strdup (errmsg);
  priv->http_status = 200;
  return error;
}

GError *
bourse_broker_error_new_http_status (const char *endpoint,
                                     guint       status,
                                     const char *reason)
{
  g_autofree char *message = g_strdup_printf ("HTTP %u %s", status, reason != NULL ? reason : "");
  GError *error;

  g_strchomp (message);
  error = bourse_broker_error_new_full (status == 401 ? BOURSE_BROKER_ERROR_AUTH
                                                      : BOURSE_BROKER_ERROR_HTTP_STATUS,
                                        endpoint, message);
  get_private (error)->http_status = status;
  return error;
}

const char *
bourse_broker_error_get_endpoint (const GError *error)
{
  BourseBrokerErrorPrivate *priv = get_private (error);
  return priv != NULL ? priv->endpoint : NULL;
}

const char *
bourse_broker_error_get_json_path (const GError *error)
{
  BourseBrokerErrorPrivate *priv = get_private (error);
  return priv != NULL ? priv->json_path : NULL;
}

const char *
bourse_broker_error_get_expectation (const GError *error)
{
  BourseBrokerErrorPrivate *priv = get_private (error);
  return priv != NULL ? priv->expectation : NULL;
}

const char *
bourse_broker_error_get_errmsg (const GError *error)
{
  BourseBrokerErrorPrivate *priv = get_private (error);
  return priv != NULL ? priv->errmsg : NULL;
}

guint
bourse_broker_error_get_http_status (const GError *error)
{
  BourseBrokerErrorPrivate *priv = get_private (error);
  return priv != NULL ? priv->http_status : 0;
}

gboolean
bourse_broker_error_is_cancelled (const GError *error)
{
  return g_error_matches (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_CANCELLED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}
