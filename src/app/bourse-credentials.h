/* bourse-credentials.h — broker passwords in the keyring (libsecret), asynchronously
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A secret is keyed by the broker's base URL and the login. Nothing here
 * ever writes a secret to a file or a log: when no keyring is available the
 * store fails with BOURSE_CREDENTIALS_ERROR_NO_KEYRING and the UI offers
 * "don't remember" instead.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BOURSE_CREDENTIALS_ERROR (bourse_credentials_error_quark ())

typedef enum
{
  BOURSE_CREDENTIALS_ERROR_NO_KEYRING,
  BOURSE_CREDENTIALS_ERROR_INVALID,
} BourseCredentialsError;

GQuark   bourse_credentials_error_quark  (void);

void     bourse_credentials_store_async  (const char          *base_url,
                                          const char          *login,
                                          const char          *password,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean bourse_credentials_store_finish (GAsyncResult        *result,
                                          GError             **error);
void     bourse_credentials_lookup_async (const char          *base_url,
                                          const char          *login,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* (transfer full) (nullable): the password, NULL without error when none is stored;
 * free with bourse_credentials_free_password() */
char    *bourse_credentials_lookup_finish (GAsyncResult       *result,
                                           GError            **error);
void     bourse_credentials_clear_async  (const char          *base_url,
                                          const char          *login,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean bourse_credentials_clear_finish (GAsyncResult        *result,
                                          GError             **error);
void     bourse_credentials_free_password (char               *password);

G_END_DECLS
