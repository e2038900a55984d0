/* bourse-application.c — the Bourse application: actions, style, background alerts
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-application.h"
#include "bourse-preferences-window.h"
#include "bourse-session.h"
#include "bourse-window.h"

struct _BourseApplication
{
  AdwApplication  parent_instance;

  /* owned */
  BourseSettings *settings;
};

G_DEFINE_FINAL_TYPE (BourseApplication, bourse_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
apply_color_scheme (BourseApplication *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  switch (bourse_settings_get_color_scheme (self->settings))
    {
    case BOURSE_COLOR_SCHEME_LIGHT:
      adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
      break;
    case BOURSE_COLOR_SCHEME_DARK:
      adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
      break;
    case BOURSE_COLOR_SCHEME_DEFAULT:
    default:
      /* Trading terminals are dark by habit, but the system's wish wins. */
      adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_PREFER_LIGHT);
      break;
    }
}

static void
settings_color_scheme_changed_cb (BourseApplication *self,
                                  const char        *key,
                                  GSettings         *settings)
{
  apply_color_scheme (self);
}

static GtkWindow *
get_or_create_window (BourseApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      g_autoptr(BourseSession) session = bourse_session_new (self->settings);

      window = GTK_WINDOW (bourse_window_new (self, session));
      bourse_session_connect_active (session);
    }

  return window;
}

static void
bourse_application_quit_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  BourseApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing the windows first lets each save its size and layout. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);

  g_application_quit (G_APPLICATION (self));
}

static void
bourse_application_preferences_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  BourseApplication *self = user_data;
  GtkWindow *parent = get_or_create_window (self);
  BoursePreferencesWindow *preferences;

  preferences = bourse_preferences_window_new (self->settings, bourse_window_get_session (BOURSE_WINDOW (parent)));
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
bourse_application_about_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  BourseApplication *self = user_data;
  static const char *developers[] = { "The Bourse developers", NULL };
  GtkWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-icon", APP_ID,
                        "application-name", _("Bourse"),
                        "developer-name", _("The Bourse developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("A trading terminal for brokers that speak the TradingView REST API"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (about);
}

static void
bourse_application_connect_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  BourseApplication *self = user_data;
  const char *connection_id = g_variant_get_string (parameter, NULL);
  BourseWindow *window;

  bourse_settings_set_active_connection (self->settings, connection_id);
  window = BOURSE_WINDOW (get_or_create_window (self));
  bourse_session_connect_active (bourse_window_get_session (window));
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "quit", bourse_application_quit_action },
  { "preferences", bourse_application_preferences_action },
  { "about", bourse_application_about_action },
  { "connect", bourse_application_connect_action, "s" },
};

static void
bourse_application_startup (GApplication *application)
{
  BourseApplication *self = BOURSE_APPLICATION (application);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.buy", { "<Shift>b", NULL } },
    { "win.sell", { "<Shift>s", NULL } },
    { "win.cancel-all", { "<Control><Shift>x", NULL } },
    { "win.set-resolution('1')", { "<Alt>1", NULL } },
    { "win.set-resolution('5')", { "<Alt>2", NULL } },
    { "win.set-resolution('15')", { "<Alt>3", NULL } },
    { "win.set-resolution('60')", { "<Alt>4", NULL } },
    { "win.set-resolution('1D')", { "<Alt>5", NULL } },
    { "win.set-resolution('1W')", { "<Alt>6", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", NULL } },
    { "win.zoom-out", { "<Control>minus", NULL } },
    { "win.zoom-reset", { "<Control>0", NULL } },
    { "win.symbol-search", { "<Control>k", NULL } },
    { "win.show-inspector", { "<Control><Shift>i", NULL } },
  };

  G_APPLICATION_CLASS (bourse_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);

  g_signal_connect_object (bourse_settings_get_gsettings (self->settings),
                           "changed::" BOURSE_SETTINGS_KEY_COLOR_SCHEME,
                           G_CALLBACK (settings_color_scheme_changed_cb),
                           self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);
}

static void
bourse_application_activate (GApplication *application)
{
  gtk_window_present (get_or_create_window (BOURSE_APPLICATION (application)));
}

static void
bourse_application_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BourseApplication *self = BOURSE_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_application_dispose (GObject *object)
{
  BourseApplication *self = BOURSE_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bourse_application_parent_class)->dispose (object);
}

static void
bourse_application_class_init (BourseApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = bourse_application_dispose;
  object_class->get_property = bourse_application_get_property;

  app_class->startup = bourse_application_startup;
  app_class->activate = bourse_application_activate;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         BOURSE_TYPE_SETTINGS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bourse_application_init (BourseApplication *self)
{
  self->settings = bourse_settings_new ();
}

BourseApplication *
bourse_application_new (void)
{
  return g_object_new (BOURSE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

/**
 * bourse_application_get_settings:
 * Returns: (transfer none): the application's settings
 */
BourseSettings *
bourse_application_get_settings (BourseApplication *self)
{
  g_return_val_if_fail (BOURSE_IS_APPLICATION (self), NULL);
  return self->settings;
}
