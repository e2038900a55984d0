/* bourse-preferences-window.c — appearance, trading and broker connections
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each saved broker server is a BourseConnectionRow bound to its relocatable
 * GSettings. The password is never bound to settings: on "Connect" it goes
 * to the keyring (when "remember" is on) and to the session in memory.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-connection-row.h"
#include "bourse-credentials.h"
#include "bourse-preferences-window.h"

struct _BoursePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template widgets */
  AdwPreferencesGroup  *connections_group;
  AdwComboRow          *color_scheme_row;
  GtkSwitch            *confirm_switch;
  GtkSwitch            *http1_switch;

  /* owned */
  BourseSettings       *settings;
  BourseSession        *session;
  GCancellable         *cancellable;
  GPtrArray            *connection_rows;
};

G_DEFINE_FINAL_TYPE (BoursePreferencesWindow, bourse_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild_connections (BoursePreferencesWindow *self);

static void
credentials_stored_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  BoursePreferencesWindow *self = user_data;

  if (!bourse_credentials_store_finish (result, &error))
    {
      if (bourse_broker_error_is_cancelled (error))
        return;
      /* No keyring: the session still has the password in memory. */
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("The password could not be remembered: no keyring is available")));
    }
}

static void
connection_row_connect_requested_cb (BoursePreferencesWindow *self,
                                     const char              *password,
                                     BourseConnectionRow     *row)
{
  const char *id = bourse_connection_row_get_connection_id (row);

  bourse_settings_set_active_connection (self->settings, id);

  if (password != NULL && bourse_connection_row_get_remember (row))
    bourse_credentials_store_async (bourse_connection_row_get_url (row), bourse_connection_row_get_login (row),
                                    password, self->cancellable, credentials_stored_cb, self);

  if (self->session != NULL)
    bourse_session_connect_saved (self->session, id, password);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "app.connect", "s", id);
}

static void
connection_row_remove_requested_cb (BoursePreferencesWindow *self,
                                    BourseConnectionRow     *row)
{
  g_autofree char *id = g_strdup (bourse_connection_row_get_connection_id (row));

  bourse_settings_remove_connection (self->settings, id);
  rebuild_connections (self);
}

static void
add_connection_row (BoursePreferencesWindow *self,
                    const char              *id)
{
  GSettings *settings = bourse_settings_get_connection (self->settings, id);
  BourseConnectionRow *row;

  if (settings == NULL)
    return;

  row = bourse_connection_row_new (id, settings);
  g_signal_connect_object (row, "connect-requested", G_CALLBACK (connection_row_connect_requested_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove-requested", G_CALLBACK (connection_row_remove_requested_cb),
                           self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->connections_group, GTK_WIDGET (row));
  g_ptr_array_add (self->connection_rows, row);
}

static void
rebuild_connections (BoursePreferencesWindow *self)
{
  g_auto(GStrv) ids = bourse_settings_dup_connections (self->settings);

  for (guint i = 0; i < self->connection_rows->len; i++)
    adw_preferences_group_remove (self->connections_group, g_ptr_array_index (self->connection_rows, i));
  g_ptr_array_set_size (self->connection_rows, 0);

  for (guint i = 0; ids[i]; i++)
    add_connection_row (self, ids[i]);
}

static void
bourse_preferences_window_add_connection_action (GtkWidget  *widget,
                                                 const char *action_name,
                                                 GVariant   *parameter)
{
  BoursePreferencesWindow *self = BOURSE_PREFERENCES_WINDOW (widget);
  g_autofree char *id = bourse_settings_add_connection (self->settings);
  AdwExpanderRow *row;

  rebuild_connections (self);
  if (self->connection_rows->len > 0)
    {
      row = g_ptr_array_index (self->connection_rows, self->connection_rows->len - 1);
      adw_expander_row_set_expanded (row, TRUE);
    }
}

static gboolean
color_scheme_to_index (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, g_str_equal (nick, "light") ? 1 : g_str_equal (nick, "dark") ? 2 : 0);
  return TRUE;
}

static GVariant *
index_to_color_scheme (const GValue       *value,
                       const GVariantType *expected_type,
                       gpointer            user_data)
{
  static const char *nicks[] = { "default", "light", "dark" };
  guint index = g_value_get_uint (value);

  return g_variant_new_string (nicks[MIN (index, 2u)]);
}

static void
bourse_preferences_window_constructed (GObject *object)
{
  BoursePreferencesWindow *self = BOURSE_PREFERENCES_WINDOW (object);
  GSettings *settings = bourse_settings_get_gsettings (self->settings);

  G_OBJECT_CLASS (bourse_preferences_window_parent_class)->constructed (object);

  g_settings_bind_with_mapping (settings, BOURSE_SETTINGS_KEY_COLOR_SCHEME,
                                self->color_scheme_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                color_scheme_to_index, index_to_color_scheme, NULL, NULL);
  g_settings_bind (settings, BOURSE_SETTINGS_KEY_CONFIRM_ORDERS,
                   self->confirm_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, BOURSE_SETTINGS_KEY_FORCE_HTTP1,
                   self->http1_switch, "active", G_SETTINGS_BIND_DEFAULT);

  rebuild_connections (self);
}

static void
bourse_preferences_window_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  BoursePreferencesWindow *self = BOURSE_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_preferences_window_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  BoursePreferencesWindow *self = BOURSE_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_preferences_window_dispose (GObject *object)
{
  BoursePreferencesWindow *self = BOURSE_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BOURSE_TYPE_PREFERENCES_WINDOW);
  g_clear_pointer (&self->connection_rows, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bourse_preferences_window_parent_class)->dispose (object);
}

static void
bourse_preferences_window_class_init (BoursePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bourse_preferences_window_constructed;
  object_class->dispose = bourse_preferences_window_dispose;
  object_class->get_property = bourse_preferences_window_get_property;
  object_class->set_property = bourse_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, BOURSE_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, BOURSE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bourse-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BoursePreferencesWindow, connections_group);
  gtk_widget_class_bind_template_child (widget_class, BoursePreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, BoursePreferencesWindow, confirm_switch);
  gtk_widget_class_bind_template_child (widget_class, BoursePreferencesWindow, http1_switch);

  gtk_widget_class_install_action (widget_class, "prefs.add-connection", NULL,
                                   bourse_preferences_window_add_connection_action);
}

static void
bourse_preferences_window_init (BoursePreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->connection_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

BoursePreferencesWindow *
bourse_preferences_window_new (BourseSettings *settings,
                               BourseSession  *session)
{
  g_return_val_if_fail (BOURSE_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (session == NULL || BOURSE_IS_SESSION (session), NULL);

  return g_object_new (BOURSE_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       "session", session,
                       NULL);
}
