/* bourse-connection-row.c — one saved broker server in the preferences
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An expander row bound to the connection's relocatable GSettings. The
 * password row is never bound: on "Connect" the password goes with
 * ::connect-requested to whoever keeps the keyring and the session, and the
 * field is emptied. The URL is checked as it is typed, with the reason shown
 * under the fields.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-connection-row.h"
#include "bourse-credentials.h"
#include "bourse-session.h"
#include "bourse-settings.h"

struct _BourseConnectionRow
{
  AdwExpanderRow       parent_instance;

  /* template widgets */
  AdwEntryRow         *title_row;
  AdwEntryRow         *url_row;
  AdwEntryRow         *login_row;
  AdwPasswordEntryRow *password_row;
  AdwEntryRow         *account_row;
  GtkSwitch           *remember_switch;
  GtkSwitch           *insecure_switch;
  GtkLabel            *error_label;

  /* owned */
  char                *connection_id;
  GSettings           *settings;
};

G_DEFINE_FINAL_TYPE (BourseConnectionRow, bourse_connection_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_CONNECTION_ID,
  PROP_SETTINGS,
  N_PROPS
};

enum {
  CONNECT_REQUESTED,
  REMOVE_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_error (BourseConnectionRow *self,
            const char          *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
}

static gboolean
validate (BourseConnectionRow *self)
{
  g_autoptr(GError) error = NULL;

  if (!bourse_session_check_base_url (bourse_connection_row_get_url (self),
                                      gtk_switch_get_active (self->insecure_switch), &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  show_error (self, NULL);
  return TRUE;
}

/* Titled by its name, else its URL; the URL under a name. */
static void
update_title (BourseConnectionRow *self)
{
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  const char *url = bourse_connection_row_get_url (self);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), *title ? title : *url ? url : _("New Broker Server"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), *title ? url : "");
}

static void
url_row_changed_cb (BourseConnectionRow *self)
{
  update_title (self);
  validate (self);
}

static void
insecure_switch_active_cb (BourseConnectionRow *self)
{
  validate (self);
}

static void
bourse_connection_row_connect_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  BourseConnectionRow *self = BOURSE_CONNECTION_ROW (widget);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (!validate (self))
    return;
  g_signal_emit (self, signals[CONNECT_REQUESTED], 0, *password ? password : NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
}

static void
bourse_connection_row_forget_password_action (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *parameter)
{
  BourseConnectionRow *self = BOURSE_CONNECTION_ROW (widget);
  const char *url = bourse_connection_row_get_url (self);
  const char *login = bourse_connection_row_get_login (self);

  if (*url && *login)
    bourse_credentials_clear_async (url, login, NULL, NULL, NULL);
}

/* A removed server leaves no password behind. */
static void
bourse_connection_row_remove_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  bourse_connection_row_forget_password_action (widget, action_name, parameter);
  g_signal_emit (widget, signals[REMOVE_REQUESTED], 0);
}

static void
bourse_connection_row_constructed (GObject *object)
{
  BourseConnectionRow *self = BOURSE_CONNECTION_ROW (object);

  G_OBJECT_CLASS (bourse_connection_row_parent_class)->constructed (object);

  g_settings_bind (self->settings, BOURSE_CONNECTION_KEY_TITLE, self->title_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, BOURSE_CONNECTION_KEY_BASE_URL, self->url_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, BOURSE_CONNECTION_KEY_LOGIN, self->login_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, BOURSE_CONNECTION_KEY_ACCOUNT_ID, self->account_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, BOURSE_CONNECTION_KEY_REMEMBER_PASSWORD,
                   self->remember_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, BOURSE_CONNECTION_KEY_ALLOW_INSECURE,
                   self->insecure_switch, "active", G_SETTINGS_BIND_DEFAULT);

  update_title (self);
  /* a new server is not wrong before anything is typed */
  if (*bourse_connection_row_get_url (self))
    validate (self);
  else
    show_error (self, NULL);
}

static void
bourse_connection_row_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BourseConnectionRow *self = BOURSE_CONNECTION_ROW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION_ID:
      g_value_set_string (value, self->connection_id);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_connection_row_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  BourseConnectionRow *self = BOURSE_CONNECTION_ROW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION_ID:
      self->connection_id = g_value_dup_string (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_connection_row_dispose (GObject *object)
{
  BourseConnectionRow *self = BOURSE_CONNECTION_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BOURSE_TYPE_CONNECTION_ROW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bourse_connection_row_parent_class)->dispose (object);
}

static void
bourse_connection_row_finalize (GObject *object)
{
  BourseConnectionRow *self = BOURSE_CONNECTION_ROW (object);

  g_free (self->connection_id);

  G_OBJECT_CLASS (bourse_connection_row_parent_class)->finalize (object);
}

static void
bourse_connection_row_class_init (BourseConnectionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bourse_connection_row_constructed;
  object_class->dispose = bourse_connection_row_dispose;
  object_class->finalize = bourse_connection_row_finalize;
  object_class->get_property = bourse_connection_row_get_property;
  object_class->set_property = bourse_connection_row_set_property;

  properties[PROP_CONNECTION_ID] =
    g_param_spec_string ("connection-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BourseConnectionRow::connect-requested:
   * @password: (nullable): the password typed, %NULL when none was
   *
   * "Connect" with a URL that passed the check.
   */
  signals[CONNECT_REQUESTED] =
    g_signal_new ("connect-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * BourseConnectionRow::remove-requested:
   *
   * "Remove": the keyring entry is already being cleared.
   */
  signals[REMOVE_REQUESTED] =
    g_signal_new ("remove-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bourse-connection-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BourseConnectionRow, title_row);
  gtk_widget_class_bind_template_child (widget_class, BourseConnectionRow, url_row);
  gtk_widget_class_bind_template_child (widget_class, BourseConnectionRow, login_row);
  gtk_widget_class_bind_template_child (widget_class, BourseConnectionRow, password_row);
  gtk_widget_class_bind_template_child (widget_class, BourseConnectionRow, account_row);
  gtk_widget_class_bind_template_child (widget_class, BourseConnectionRow, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, BourseConnectionRow, insecure_switch);
  gtk_widget_class_bind_template_child (widget_class, BourseConnectionRow, error_label);
  gtk_widget_class_bind_template_callback (widget_class, update_title);
  gtk_widget_class_bind_template_callback (widget_class, url_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, insecure_switch_active_cb);

  gtk_widget_class_install_action (widget_class, "connection.connect", NULL,
                                   bourse_connection_row_connect_action);
  gtk_widget_class_install_action (widget_class, "connection.forget-password", NULL,
                                   bourse_connection_row_forget_password_action);
  gtk_widget_class_install_action (widget_class, "connection.remove", NULL,
                                   bourse_connection_row_remove_action);
}

static void
bourse_connection_row_init (BourseConnectionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * bourse_connection_row_new:
 * @settings: the connection's relocatable settings (BourseSettings keeps them)
 */
BourseConnectionRow *
bourse_connection_row_new (const char *connection_id,
                           GSettings  *settings)
{
  g_return_val_if_fail (connection_id != NULL, NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (BOURSE_TYPE_CONNECTION_ROW,
                       "connection-id", connection_id,
                       "settings", settings,
                       NULL);
}

const char *
bourse_connection_row_get_connection_id (BourseConnectionRow *self)
{
  g_return_val_if_fail (BOURSE_IS_CONNECTION_ROW (self), NULL);
  return self->connection_id;
}

const char *
bourse_connection_row_get_url (BourseConnectionRow *self)
{
  g_return_val_if_fail (BOURSE_IS_CONNECTION_ROW (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->url_row));
}

const char *
bourse_connection_row_get_login (BourseConnectionRow *self)
{
  g_return_val_if_fail (BOURSE_IS_CONNECTION_ROW (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->login_row));
}

/* Whether a password typed here should go to the keyring. */
gboolean
bourse_connection_row_get_remember (BourseConnectionRow *self)
{
  g_return_val_if_fail (BOURSE_IS_CONNECTION_ROW (self), FALSE);
  return gtk_switch_get_active (self->remember_switch);
}
