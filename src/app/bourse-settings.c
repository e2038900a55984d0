/* bourse-settings.c — typed wrapper around the application's GSettings
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every key is read and written here so that a typo in a key name is a
 * compile error, not a runtime critical. Connections are relocatable
 * schemas under the main schema's path: /io/github/bourse/Bourse/connections/<id>/
 * (/io/github/bourse/Bourse/Devel/connections/<id>/ for the Devel build).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-resolution.h"
#include "bourse-settings.h"

struct _BourseSettings
{
  GObject     parent_instance;

  /* owned */
  GSettings  *settings;
  GHashTable *connections;   /* id → GSettings, created on demand */
};

G_DEFINE_FINAL_TYPE (BourseSettings, bourse_settings, G_TYPE_OBJECT)

static gboolean
is_valid_connection_id (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > 64)
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static void
bourse_settings_dispose (GObject *object)
{
  BourseSettings *self = BOURSE_SETTINGS (object);

  g_clear_pointer (&self->connections, g_hash_table_unref);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bourse_settings_parent_class)->dispose (object);
}

static void
bourse_settings_class_init (BourseSettingsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = bourse_settings_dispose;
}

static void
bourse_settings_init (BourseSettings *self)
{
  self->settings = g_settings_new (BOURSE_SETTINGS_SCHEMA_ID);
  self->connections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/**
 * bourse_settings_check_schemas:
 *
 * Whether the schemas bourse_settings_new() needs are installed: GSettings
 * aborts the program on a missing schema, so check before creating one.
 * Returns: %TRUE when they are, else %FALSE with a %G_IO_ERROR_NOT_FOUND
 * error saying which schema is missing and how to provide it
 */
gboolean
bourse_settings_check_schemas (GError **error)
{
  static const char * const ids[] = { BOURSE_SETTINGS_SCHEMA_ID, BOURSE_SETTINGS_CONNECTION_SCHEMA_ID };
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(GSettingsSchema) schema = NULL;

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, ids[i], TRUE);
      if (schema == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("The settings schema “%s” is not installed. Install Bourse, or point "
                         "GSETTINGS_SCHEMA_DIR at the directory of the compiled schema "
                         "(the build directory’s “data” directory)."),
                       ids[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * bourse_settings_new:
 *
 * The schemas must be installed: see bourse_settings_check_schemas().
 */
BourseSettings *
bourse_settings_new (void)
{
  return g_object_new (BOURSE_TYPE_SETTINGS, NULL);
}

/**
 * bourse_settings_get_gsettings:
 *
 * The underlying #GSettings, for g_settings_bind() and "changed::" signals.
 * Returns: (transfer none)
 */
GSettings *
bourse_settings_get_gsettings (BourseSettings *self)
{
  g_return_val_if_fail (BOURSE_IS_SETTINGS (self), NULL);
  return self->settings;
}

#define STRING_ACCESSORS(name, KEY)                                             \
  char *                                                                        \
  bourse_settings_dup_##name (BourseSettings *self)                             \
  {                                                                             \
    g_return_val_if_fail (BOURSE_IS_SETTINGS (self), NULL);                     \
    return g_settings_get_string (self->settings, KEY);                         \
  }                                                                             \
  void                                                                          \
  bourse_settings_set_##name (BourseSettings *self, const char *value)          \
  {                                                                             \
    g_return_if_fail (BOURSE_IS_SETTINGS (self));                               \
    g_return_if_fail (value != NULL);                                           \
    g_settings_set_string (self->settings, KEY, value);                         \
  }

STRING_ACCESSORS (chart_symbol, BOURSE_SETTINGS_KEY_CHART_SYMBOL)
STRING_ACCESSORS (active_connection, BOURSE_SETTINGS_KEY_ACTIVE_CONNECTION)

static gboolean
is_valid_choice (GSettings  *settings,
                 const char *key,
                 const char *value)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) variant = g_variant_ref_sink (g_variant_new_string (value));

  g_object_get (settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  return g_settings_schema_key_range_check (schema_key, variant);
}

char *
bourse_settings_dup_chart_resolution (BourseSettings *self)
{
  g_return_val_if_fail (BOURSE_IS_SETTINGS (self), NULL);
  return g_settings_get_string (self->settings, BOURSE_SETTINGS_KEY_CHART_RESOLUTION);
}

void
bourse_settings_set_chart_resolution (BourseSettings *self,
                                      const char     *resolution)
{
  BourseResolution parsed;

  g_return_if_fail (BOURSE_IS_SETTINGS (self));
  g_return_if_fail (resolution != NULL);

  /* Only resolutions are storable; anything else is ignored. */
  if (bourse_resolution_parse (resolution, &parsed, NULL))
    g_settings_set_string (self->settings, BOURSE_SETTINGS_KEY_CHART_RESOLUTION, resolution);
}

char *
bourse_settings_dup_chart_type (BourseSettings *self)
{
  g_return_val_if_fail (BOURSE_IS_SETTINGS (self), NULL);
  return g_settings_get_string (self->settings, BOURSE_SETTINGS_KEY_CHART_TYPE);
}

void
bourse_settings_set_chart_type (BourseSettings *self,
                                 const char     *type)
{
  g_return_if_fail (BOURSE_IS_SETTINGS (self));
  g_return_if_fail (type != NULL);

  if (is_valid_choice (self->settings, BOURSE_SETTINGS_KEY_CHART_TYPE, type))
    g_settings_set_string (self->settings, BOURSE_SETTINGS_KEY_CHART_TYPE, type);
}

char **
bourse_settings_dup_chart_indicators (BourseSettings *self)
{
  g_return_val_if_fail (BOURSE_IS_SETTINGS (self), NULL);
  return g_settings_get_strv (self->settings, BOURSE_SETTINGS_KEY_CHART_INDICATORS);
}

void
bourse_settings_set_chart_indicators (BourseSettings     *self,
                                      const char * const *indicators)
{
  g_return_if_fail (BOURSE_IS_SETTINGS (self));
  g_settings_set_strv (self->settings, BOURSE_SETTINGS_KEY_CHART_INDICATORS, indicators);
}

/* Parallel to the chart indicators: a CSS colour, or "" for the default. */
char **
bourse_settings_dup_chart_indicator_colors (BourseSettings *self)
{
  g_return_val_if_fail (BOURSE_IS_SETTINGS (self), NULL);
  return g_settings_get_strv (self->settings, BOURSE_SETTINGS_KEY_CHART_INDICATOR_COLORS);
}

void
bourse_settings_set_chart_indicator_colors (BourseSettings     *self,
                                            const char * const *colors)
{
  g_return_if_fail (BOURSE_IS_SETTINGS (self));
  g_settings_set_strv (self->settings, BOURSE_SETTINGS_KEY_CHART_INDICATOR_COLORS, colors);
}

char **
bourse_settings_dup_chart_indicator_styles (BourseSettings *self)
{
  g_return_val_if_fail (BOURSE_IS_SETTINGS (self), NULL);
  return g_settings_get_strv (self->settings, BOURSE_SETTINGS_KEY_CHART_INDICATOR_STYLES);
}

void
bourse_settings_set_chart_indicator_styles (BourseSettings     *self,
                                            const char * const *styles)
{
  g_return_if_fail (BOURSE_IS_SETTINGS (self));
  g_settings_set_strv (self->settings, BOURSE_SETTINGS_KEY_CHART_INDICATOR_STYLES, styles);
}

char **
bourse_settings_dup_watchlist (BourseSettings *self)
{
  g_return_val_if_fail (BOURSE_IS_SETTINGS (self), NULL);
  return g_settings_get_strv (self->settings, BOURSE_SETTINGS_KEY_WATCHLIST);
}

void
bourse_settings_set_watchlist (BourseSettings     *self,
                               const char * const *symbols)
{
  g_return_if_fail (BOURSE_IS_SETTINGS (self));
  g_settings_set_strv (self->settings, BOURSE_SETTINGS_KEY_WATCHLIST, symbols);
}

gboolean
bourse_settings_get_confirm_orders (BourseSettings *self)
{
  g_return_val_if_fail (BOURSE_IS_SETTINGS (self), TRUE);
  return g_settings_get_boolean (self->settings, BOURSE_SETTINGS_KEY_CONFIRM_ORDERS);
}

void
bourse_settings_set_confirm_orders (BourseSettings *self,
                                    gboolean        confirm)
{
  g_return_if_fail (BOURSE_IS_SETTINGS (self));
  g_settings_set_boolean (self->settings, BOURSE_SETTINGS_KEY_CONFIRM_ORDERS, !!confirm);
}

BourseColorScheme
bourse_settings_get_color_scheme (BourseSettings *self)
{
  g_return_val_if_fail (BOURSE_IS_SETTINGS (self), BOURSE_COLOR_SCHEME_DEFAULT);
  return g_settings_get_enum (self->settings, BOURSE_SETTINGS_KEY_COLOR_SCHEME);
}

void
bourse_settings_set_color_scheme (BourseSettings    *self,
                                  BourseColorScheme  scheme)
{
  g_return_if_fail (BOURSE_IS_SETTINGS (self));
  g_return_if_fail (scheme <= BOURSE_COLOR_SCHEME_DARK);
  g_settings_set_enum (self->settings, BOURSE_SETTINGS_KEY_COLOR_SCHEME, scheme);
}

void
bourse_settings_reset_chart_appearance (BourseSettings *self)
{
  static const char * const keys[] = {
    BOURSE_SETTINGS_KEY_CHART_UP_COLOR, BOURSE_SETTINGS_KEY_CHART_DOWN_COLOR,
    BOURSE_SETTINGS_KEY_CHART_UP_BORDER_COLOR, BOURSE_SETTINGS_KEY_CHART_DOWN_BORDER_COLOR,
    BOURSE_SETTINGS_KEY_CHART_UP_WICK_COLOR, BOURSE_SETTINGS_KEY_CHART_DOWN_WICK_COLOR,
    BOURSE_SETTINGS_KEY_CHART_LINE_COLOR, BOURSE_SETTINGS_KEY_CHART_LEGEND,
    BOURSE_SETTINGS_KEY_CHART_SCALE_MODE, BOURSE_SETTINGS_KEY_CHART_INVERTED,
    BOURSE_SETTINGS_KEY_CHART_PRICE_AXIS_SIDE, BOURSE_SETTINGS_KEY_CHART_PRECISION,
    BOURSE_SETTINGS_KEY_CHART_LAST_PRICE_LABEL, BOURSE_SETTINGS_KEY_CHART_COUNTDOWN,
    BOURSE_SETTINGS_KEY_CHART_BACKGROUND_COLOR,
    BOURSE_SETTINGS_KEY_CHART_GRID_VERTICAL, BOURSE_SETTINGS_KEY_CHART_GRID_HORIZONTAL,
    BOURSE_SETTINGS_KEY_CHART_GRID_COLOR, BOURSE_SETTINGS_KEY_CHART_CROSSHAIR_MODE,
    BOURSE_SETTINGS_KEY_CHART_WATERMARK, BOURSE_SETTINGS_KEY_CHART_WATERMARK_TEXT,
    BOURSE_SETTINGS_KEY_CHART_SESSION_BREAKS, BOURSE_SETTINGS_KEY_CHART_TIME_ZONE,
  };

  g_return_if_fail (BOURSE_IS_SETTINGS (self));

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (self->settings, keys[i]);
}

char **
bourse_settings_dup_connections (BourseSettings *self)
{
  g_return_val_if_fail (BOURSE_IS_SETTINGS (self), NULL);
  return g_settings_get_strv (self->settings, BOURSE_SETTINGS_KEY_CONNECTIONS);
}

/**
 * bourse_settings_get_connection:
 * @connection_id: an id from bourse_settings_dup_connections()
 *
 * Returns: (transfer none) (nullable): the connection's settings, or %NULL
 *   if @connection_id is not a saved connection.
 */
GSettings *
bourse_settings_get_connection (BourseSettings *self,
                                const char     *connection_id)
{
  g_auto(GStrv) ids = NULL;
  GSettings *settings;

  g_return_val_if_fail (BOURSE_IS_SETTINGS (self), NULL);

  if (!is_valid_connection_id (connection_id))
    return NULL;

  if ((settings = g_hash_table_lookup (self->connections, connection_id)))
    return settings;

  ids = bourse_settings_dup_connections (self);
  if (!g_strv_contains ((const char * const *) ids, connection_id))
    return NULL;

  {
    g_autofree char *base = NULL;
    g_autofree char *path = NULL;

    g_object_get (self->settings, "path", &base, NULL);
    path = g_strconcat (base, "connections/", connection_id, "/", NULL);
    settings = g_settings_new_with_path (BOURSE_SETTINGS_CONNECTION_SCHEMA_ID, path);
  }
  g_hash_table_insert (self->connections, g_strdup (connection_id), settings);
  return settings;
}

/**
 * bourse_settings_add_connection:
 *
 * Adds an empty connection to the list.
 * Returns: (transfer full): the new connection's id
 */
char *
bourse_settings_add_connection (BourseSettings *self)
{
  g_auto(GStrv) ids = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) new_ids = NULL;
  char *id;

  g_return_val_if_fail (BOURSE_IS_SETTINGS (self), NULL);

  ids = bourse_settings_dup_connections (self);
  id = g_uuid_string_random ();
  g_strv_builder_addv (builder, (const char **) ids);
  g_strv_builder_add (builder, id);
  new_ids = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, BOURSE_SETTINGS_KEY_CONNECTIONS, (const char * const *) new_ids);
  return id;
}

void
bourse_settings_remove_connection (BourseSettings *self,
                                   const char     *connection_id)
{
  g_auto(GStrv) ids = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) new_ids = NULL;
  GSettings *connection;

  g_return_if_fail (BOURSE_IS_SETTINGS (self));

  if ((connection = bourse_settings_get_connection (self, connection_id)))
    {
      /* Reset every key so nothing of the removed connection stays in dconf. */
      g_autoptr(GSettingsSchema) schema = NULL;
      g_auto(GStrv) keys = NULL;

      g_object_get (connection, "settings-schema", &schema, NULL);
      keys = g_settings_schema_list_keys (schema);
      for (guint i = 0; keys[i]; i++)
        g_settings_reset (connection, keys[i]);
      g_hash_table_remove (self->connections, connection_id);
    }

  ids = bourse_settings_dup_connections (self);
  for (guint i = 0; ids[i]; i++)
    if (g_strcmp0 (ids[i], connection_id) != 0)
      g_strv_builder_add (builder, ids[i]);
  new_ids = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, BOURSE_SETTINGS_KEY_CONNECTIONS, (const char * const *) new_ids);
}
