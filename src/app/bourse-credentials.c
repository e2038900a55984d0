/* bourse-credentials.c — broker passwords in the keyring (libsecret), asynchronously
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "bourse-credentials.h"

G_DEFINE_QUARK (bourse-credentials-error-quark, bourse_credentials_error)

/* ISO C has no function → data pointer conversion; go through an integer. */
#define SOURCE_TAG(func) ((gpointer) (guintptr) (func))

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.bourse.Bourse.BrokerPassword", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "login", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };
  return &schema;
}

/* libsecret's errors ("Cannot autolaunch D-Bus…") mean "no keyring" to the
 * user; keep the original text for the log, give the UI one code to match. */
static GError *
translate_error (GError *error)
{
  GError *translated;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  translated = g_error_new (BOURSE_CREDENTIALS_ERROR, BOURSE_CREDENTIALS_ERROR_NO_KEYRING,
                            _("No keyring is available to remember the password (%s)"),
                            error->message);
  g_error_free (error);
  return translated;
}

static gboolean
check_arguments (GTask      *task,
                 const char *base_url,
                 const char *login)
{
  if (base_url == NULL || *base_url == '\0' || login == NULL || *login == '\0')
    {
      g_task_return_new_error (task, BOURSE_CREDENTIALS_ERROR, BOURSE_CREDENTIALS_ERROR_INVALID,
                               _("A server and a login are needed to find a password"));
      return FALSE;
    }
  return TRUE;
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, translate_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
bourse_credentials_store_async (const char          *base_url,
                                const char          *login,
                                const char          *password,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *label = NULL;

  g_task_set_source_tag (task, SOURCE_TAG (bourse_credentials_store_async));

  if (!check_arguments (task, base_url, login))
    return;
  if (password == NULL)
    {
      g_task_return_new_error (task, BOURSE_CREDENTIALS_ERROR, BOURSE_CREDENTIALS_ERROR_INVALID,
                               _("There is no password to remember"));
      return;
    }

  /* Translators: the keyring item's label; %s is the login, then the server */
  label = g_strdup_printf (_("Bourse broker password for %s at %s"), login, base_url);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                         cancellable, store_cb, g_steal_pointer (&task),
                         "server", base_url, "login", login, NULL);
}

gboolean
bourse_credentials_store_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *password;

  password = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, translate_error (error));
  else
    g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
}

void
bourse_credentials_lookup_async (const char          *base_url,
                                 const char          *login,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, SOURCE_TAG (bourse_credentials_lookup_async));

  if (!check_arguments (task, base_url, login))
    return;

  secret_password_lookup (get_schema (), cancellable, lookup_cb, g_steal_pointer (&task),
                          "server", base_url, "login", login, NULL);
}

char *
bourse_credentials_lookup_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without error: nothing was stored, which is what the caller wants. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, translate_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
bourse_credentials_clear_async (const char          *base_url,
                                const char          *login,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, SOURCE_TAG (bourse_credentials_clear_async));

  if (!check_arguments (task, base_url, login))
    return;

  secret_password_clear (get_schema (), cancellable, clear_cb, g_steal_pointer (&task),
                         "server", base_url, "login", login, NULL);
}

gboolean
bourse_credentials_clear_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
bourse_credentials_free_password (char *password)
{
  if (password != NULL)
    secret_password_free (password);
}
