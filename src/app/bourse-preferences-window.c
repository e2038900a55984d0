/* bourse-preferences-window.c — appearance, trading and broker connections
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each saved broker server is an expander row bound to its relocatable
 * GSettings. The password field is never bound to settings: on "Connect" it
 * goes to the keyring (when "remember" is on) and to the session in memory.
 */
#include "config.h"

#include <glib/gi18n.h>

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

/* The widgets of one connection's expander row, kept on the row. */
typedef struct
{
  BoursePreferencesWindow *self;   /* borrowed */
  char                    *id;
  GSettings               *settings;  /* borrowed from BourseSettings */
  AdwExpanderRow          *row;
  AdwEntryRow             *url_row;
  AdwEntryRow             *login_row;
  AdwPasswordEntryRow     *password_row;
  GtkSwitch               *insecure_switch;
  GtkSwitch               *remember_switch;
  GtkLabel                *error_label;
} ConnectionRow;

static void
connection_row_free (ConnectionRow *row)
{
  g_free (row->id);
  g_free (row);
}

static void rebuild_connections (BoursePreferencesWindow *self);

static void
show_connection_error (ConnectionRow *row,
                       const char    *message)
{
  gtk_label_set_text (row->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (row->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (row->url_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row->url_row), "error");
}

static gboolean
validate_connection_row (ConnectionRow *row)
{
  g_autoptr(GError) error = NULL;
  const char *url = gtk_editable_get_text (GTK_EDITABLE (row->url_row));

  if (!bourse_session_check_base_url (url, gtk_switch_get_active (row->insecure_switch), &error))
    {
      show_connection_error (row, error->message);
      return FALSE;
    }
  show_connection_error (row, NULL);
  return TRUE;
}

static void
update_row_title (ConnectionRow *row)
{
  g_autofree char *title = g_settings_get_string (row->settings, BOURSE_CONNECTION_KEY_TITLE);
  g_autofree char *url = g_settings_get_string (row->settings, BOURSE_CONNECTION_KEY_BASE_URL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row),
                                 *title ? title : *url ? url : _("New Broker Server"));
  adw_expander_row_set_subtitle (row->row, *title ? url : "");
}

static void
connection_url_changed_cb (ConnectionRow *row)
{
  update_row_title (row);
  validate_connection_row (row);
}

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
connection_connect_clicked_cb (ConnectionRow *row)
{
  BoursePreferencesWindow *self = row->self;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (row->password_row));
  const char *url = gtk_editable_get_text (GTK_EDITABLE (row->url_row));
  const char *login = gtk_editable_get_text (GTK_EDITABLE (row->login_row));

  if (!validate_connection_row (row))
    return;

  bourse_settings_set_active_connection (self->settings, row->id);

  if (*password != '\0' && gtk_switch_get_active (row->remember_switch))
    bourse_credentials_store_async (url, login, password, self->cancellable,
                                    credentials_stored_cb, self);

  if (self->session != NULL)
    bourse_session_connect_saved (self->session, row->id, *password ? password : NULL);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "app.connect", "s", row->id);

  gtk_editable_set_text (GTK_EDITABLE (row->password_row), "");
}

static void
connection_forget_clicked_cb (ConnectionRow *row)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (row->url_row));
  const char *login = gtk_editable_get_text (GTK_EDITABLE (row->login_row));

  if (*url && *login)
    bourse_credentials_clear_async (url, login, NULL, NULL, NULL);
}

static void
connection_remove_clicked_cb (ConnectionRow *row)
{
  BoursePreferencesWindow *self = row->self;
  g_autofree char *id = g_strdup (row->id);

  connection_forget_clicked_cb (row);
  bourse_settings_remove_connection (self->settings, id);
  rebuild_connections (self);
}

static GtkWidget *
add_switch_row (AdwExpanderRow *expander,
                const char     *title,
                const char     *subtitle,
                GtkSwitch     **out_switch)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  adw_expander_row_add_row (expander, row);
  *out_switch = GTK_SWITCH (sw);
  return row;
}

static AdwEntryRow *
add_entry_row (AdwExpanderRow *expander,
               GSettings      *settings,
               const char     *key,
               const char     *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_settings_bind (settings, key, row, "text", G_SETTINGS_BIND_DEFAULT);
  adw_expander_row_add_row (expander, row);
  return ADW_ENTRY_ROW (row);
}

static void
add_connection_row (BoursePreferencesWindow *self,
                    const char              *id)
{
  GSettings *settings = bourse_settings_get_connection (self->settings, id);
  g_autofree char *url = NULL;
  ConnectionRow *row;
  GtkWidget *buttons_row, *box, *button;

  if (settings == NULL)
    return;

  row = g_new0 (ConnectionRow, 1);
  row->self = self;
  row->id = g_strdup (id);
  row->settings = settings;
  row->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  url = g_settings_get_string (settings, BOURSE_CONNECTION_KEY_BASE_URL);
  update_row_title (row);
  g_object_set_data_full (G_OBJECT (row->row), "connection-row", row, (GDestroyNotify) connection_row_free);

  g_signal_connect_swapped (add_entry_row (row->row, settings, BOURSE_CONNECTION_KEY_TITLE, _("Name")),
                            "changed", G_CALLBACK (update_row_title), row);
  row->url_row = add_entry_row (row->row, settings, BOURSE_CONNECTION_KEY_BASE_URL, _("Base URL"));
  row->login_row = add_entry_row (row->row, settings, BOURSE_CONNECTION_KEY_LOGIN, _("Login"));
  row->password_row = ADW_PASSWORD_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->password_row), _("Password"));
  adw_expander_row_add_row (row->row, GTK_WIDGET (row->password_row));
  add_entry_row (row->row, settings, BOURSE_CONNECTION_KEY_ACCOUNT_ID, _("Account (empty for the first)"));

  add_switch_row (row->row, _("Remember Password"), _("In the keyring"), &row->remember_switch);
  g_settings_bind (settings, BOURSE_CONNECTION_KEY_REMEMBER_PASSWORD,
                   row->remember_switch, "active", G_SETTINGS_BIND_DEFAULT);
  add_switch_row (row->row, _("Allow Plain HTTP"),
                  _("Only for servers you trust on your network: the password travels unencrypted"),
                  &row->insecure_switch);
  g_settings_bind (settings, BOURSE_CONNECTION_KEY_ALLOW_INSECURE,
                   row->insecure_switch, "active", G_SETTINGS_BIND_DEFAULT);

  row->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (row->error_label, TRUE);
  gtk_label_set_xalign (row->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (row->error_label), "field-error");
  gtk_widget_set_margin_start (GTK_WIDGET (row->error_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (row->error_label), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (row->error_label), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (row->error_label), 6);
  gtk_widget_set_visible (GTK_WIDGET (row->error_label), FALSE);
  adw_expander_row_add_row (row->row, GTK_WIDGET (row->error_label));

  buttons_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (buttons_row), FALSE);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (buttons_row), box);

  button = gtk_button_new_with_label (_("Remove"));
  gtk_widget_add_css_class (button, "destructive-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (connection_remove_clicked_cb), row);
  gtk_box_append (GTK_BOX (box), button);
  button = gtk_button_new_with_label (_("Forget Password"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (connection_forget_clicked_cb), row);
  gtk_box_append (GTK_BOX (box), button);
  button = gtk_button_new_with_label (_("Connect"));
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (connection_connect_clicked_cb), row);
  gtk_box_append (GTK_BOX (box), button);
  adw_expander_row_add_row (row->row, buttons_row);

  g_signal_connect_swapped (row->url_row, "changed", G_CALLBACK (connection_url_changed_cb), row);
  g_signal_connect_swapped (row->insecure_switch, "notify::active", G_CALLBACK (validate_connection_row), row);
  if (*url)
    validate_connection_row (row);

  adw_preferences_group_add (self->connections_group, GTK_WIDGET (row->row));
  g_ptr_array_add (self->connection_rows, row->row);
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
