/* bourse-chart-settings-dialog.c — the chart settings dialog: symbol style, status line, scales, canvas
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Switches and the watermark text are g_settings_bind()ed; combo rows map
 * a row to an enum nick (or zone id, or precision) through one table; the
 * legend switches each own one bit of the "chart-legend" flags; colour
 * buttons write a CSS colour and show the chart's colour while the key is
 * empty (the theme's). Nothing is kept here: the settings are the state.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-chart-settings-dialog.h"

struct _BourseChartSettingsDialog
{
  AdwPreferencesWindow  parent_instance;

  /* template widgets */
  AdwComboRow          *chart_type_row;
  GtkColorButton       *up_color;
  GtkColorButton       *down_color;
  GtkColorButton       *up_border_color;
  GtkColorButton       *down_border_color;
  GtkColorButton       *up_wick_color;
  GtkColorButton       *down_wick_color;
  GtkColorButton       *line_color;
  GtkSwitch            *legend_title;
  GtkSwitch            *legend_ohlc;
  GtkSwitch            *legend_change;
  GtkSwitch            *legend_volume;
  GtkSwitch            *legend_studies;
  AdwComboRow          *scale_mode_row;
  GtkSwitch            *autoscale_switch;
  GtkSwitch            *inverted_switch;
  AdwComboRow          *axis_side_row;
  AdwComboRow          *precision_row;
  GtkSwitch            *last_price_switch;
  GtkSwitch            *countdown_switch;
  AdwComboRow          *time_zone_row;
  GtkColorButton       *background_color;
  GtkSwitch            *grid_vertical_switch;
  GtkSwitch            *grid_horizontal_switch;
  GtkColorButton       *grid_color;
  AdwComboRow          *crosshair_row;
  GtkSwitch            *watermark_switch;
  AdwEntryRow          *watermark_entry;
  GtkSwitch            *session_breaks_switch;

  /* owned */
  BourseSettings       *settings;
  BourseChartView      *chart_view;
  gboolean              syncing;    /* setting widgets from the state: no writes back */
};

G_DEFINE_FINAL_TYPE (BourseChartSettingsDialog, bourse_chart_settings_dialog, ADW_TYPE_PREFERENCES_WINDOW)

/* Combo rows: row i is nicks[i] of the key (enum nicks are strings). */
static const char * const scale_mode_nicks[] = { "regular", "logarithmic", "percent", "indexed", NULL };
static const char * const axis_side_nicks[] = { "right", "left", NULL };
static const char * const crosshair_nicks[] = { "normal", "magnet", "magnet-ohlc", "hidden", NULL };
/* The time zones offered: the three relative ones, then the markets' cities. */
static const char * const time_zone_ids[] = {
  "UTC", "exchange", "local",
  "America/New_York", "America/Chicago", "America/Los_Angeles", "America/Toronto", "America/Sao_Paulo",
  "Europe/London", "Europe/Paris", "Europe/Berlin", "Europe/Zurich", "Europe/Moscow",
  "Africa/Johannesburg", "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore", "Asia/Hong_Kong",
  "Asia/Shanghai", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland", NULL
};
/* In the order of the chart-type combo rows in the template. */
static const char * const chart_type_nicks[] = {
  "candles", "hollow-candles", "heikin-ashi", "bars", "line", "step-line", "area", "baseline", "histogram", NULL
};

static gboolean
nick_to_row (GValue   *value,
             GVariant *variant,
             gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i]; i++)
    if (g_str_equal (nicks[i], nick))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  /* A value this dialog does not list (a zone typed into dconf): the first row. */
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
row_to_nick (const GValue       *value,
             const GVariantType *expected_type,
             gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint row = g_value_get_uint (value);

  if (row >= g_strv_length ((char **) nicks))
    return NULL;
  return g_variant_new_string (nicks[row]);
}

/* Precision: row 0 is "from the symbol" (-1), row n is n - 1 decimals. */
static gboolean
precision_to_row (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  g_value_set_uint (value, (guint) (g_variant_get_int32 (variant) + 1));
  return TRUE;
}

static GVariant *
row_to_precision (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  guint row = g_value_get_uint (value);

  return row <= 11 ? g_variant_new_int32 ((gint32) row - 1) : NULL;
}

static void
bind_combo (BourseChartSettingsDialog *self,
            AdwComboRow               *row,
            const char                *key,
            const char * const        *nicks)
{
  g_settings_bind_with_mapping (bourse_settings_get_gsettings (self->settings), key, row, "selected",
                                G_SETTINGS_BIND_DEFAULT, nick_to_row, row_to_nick, (gpointer) nicks, NULL);
}

/* -- colours --------------------------------------------------------------- */

typedef struct
{
  const char *key;
  gsize       offset;   /* of the GtkColorButton in the dialog */
} ColorKey;

static const ColorKey color_keys[] = {
  { BOURSE_SETTINGS_KEY_CHART_UP_COLOR, G_STRUCT_OFFSET (BourseChartSettingsDialog, up_color) },
  { BOURSE_SETTINGS_KEY_CHART_DOWN_COLOR, G_STRUCT_OFFSET (BourseChartSettingsDialog, down_color) },
  { BOURSE_SETTINGS_KEY_CHART_UP_BORDER_COLOR, G_STRUCT_OFFSET (BourseChartSettingsDialog, up_border_color) },
  { BOURSE_SETTINGS_KEY_CHART_DOWN_BORDER_COLOR, G_STRUCT_OFFSET (BourseChartSettingsDialog, down_border_color) },
  { BOURSE_SETTINGS_KEY_CHART_UP_WICK_COLOR, G_STRUCT_OFFSET (BourseChartSettingsDialog, up_wick_color) },
  { BOURSE_SETTINGS_KEY_CHART_DOWN_WICK_COLOR, G_STRUCT_OFFSET (BourseChartSettingsDialog, down_wick_color) },
  { BOURSE_SETTINGS_KEY_CHART_LINE_COLOR, G_STRUCT_OFFSET (BourseChartSettingsDialog, line_color) },
  { BOURSE_SETTINGS_KEY_CHART_BACKGROUND_COLOR, G_STRUCT_OFFSET (BourseChartSettingsDialog, background_color) },
  { BOURSE_SETTINGS_KEY_CHART_GRID_COLOR, G_STRUCT_OFFSET (BourseChartSettingsDialog, grid_color) },
};

static GtkColorButton *
color_button (BourseChartSettingsDialog *self,
              const ColorKey            *ck)
{
  return G_STRUCT_MEMBER (GtkColorButton *, self, ck->offset);
}

static gboolean
read_color (BourseChartSettingsDialog *self,
            const char                *key,
            GdkRGBA                   *rgba)
{
  g_autofree char *text = g_settings_get_string (bourse_settings_get_gsettings (self->settings), key);

  return *text != '\0' && gdk_rgba_parse (rgba, text);
}

static GdkRGBA
to_gdk (const BourseRgba *c)
{
  return (GdkRGBA) { c->red, c->green, c->blue, c->alpha };
}

/* What the chart shows for an empty key: the theme's colour, or for
 * borders and wicks the body's. */
static GdkRGBA
default_color (BourseChartSettingsDialog *self,
               const char                *key)
{
  const BourseChartPalette *pal = bourse_chart_get_palette (bourse_chart_view_get_chart (self->chart_view));
  gboolean up = g_str_has_prefix (key, "chart-up-");
  GdkRGBA rgba;

  if (g_str_equal (key, BOURSE_SETTINGS_KEY_CHART_BACKGROUND_COLOR))
    return to_gdk (&pal->background);
  if (g_str_equal (key, BOURSE_SETTINGS_KEY_CHART_GRID_COLOR))
    return to_gdk (&pal->grid);
  if (g_str_equal (key, BOURSE_SETTINGS_KEY_CHART_LINE_COLOR))
    return to_gdk (&pal->line);
  if (read_color (self, up ? BOURSE_SETTINGS_KEY_CHART_UP_COLOR : BOURSE_SETTINGS_KEY_CHART_DOWN_COLOR, &rgba))
    return rgba;
  return to_gdk (up ? &pal->up : &pal->down);
}

static void
sync_colors (BourseChartSettingsDialog *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (color_keys); i++)
    {
      GdkRGBA rgba;

      if (!read_color (self, color_keys[i].key, &rgba))
        rgba = default_color (self, color_keys[i].key);
      gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (color_button (self, &color_keys[i])), &rgba);
    }
}

static void
color_set_cb (GtkColorButton            *button,
              BourseChartSettingsDialog *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (color_keys); i++)
    if (color_button (self, &color_keys[i]) == button)
      {
        GdkRGBA rgba;
        g_autofree char *text = NULL;

        gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
        text = gdk_rgba_to_string (&rgba);
        g_settings_set_string (bourse_settings_get_gsettings (self->settings), color_keys[i].key, text);
      }
}

/* -- legend flags ---------------------------------------------------------- */

typedef struct
{
  BourseChartLegendFlags flag;
  gsize                  offset;   /* of the GtkSwitch */
} LegendSwitch;

static const LegendSwitch legend_switches[] = {
  { BOURSE_CHART_LEGEND_TITLE, G_STRUCT_OFFSET (BourseChartSettingsDialog, legend_title) },
  { BOURSE_CHART_LEGEND_OHLC, G_STRUCT_OFFSET (BourseChartSettingsDialog, legend_ohlc) },
  { BOURSE_CHART_LEGEND_CHANGE, G_STRUCT_OFFSET (BourseChartSettingsDialog, legend_change) },
  { BOURSE_CHART_LEGEND_VOLUME, G_STRUCT_OFFSET (BourseChartSettingsDialog, legend_volume) },
  { BOURSE_CHART_LEGEND_STUDIES, G_STRUCT_OFFSET (BourseChartSettingsDialog, legend_studies) },
};

static void
sync_legend (BourseChartSettingsDialog *self)
{
  guint flags = g_settings_get_flags (bourse_settings_get_gsettings (self->settings), BOURSE_SETTINGS_KEY_CHART_LEGEND);

  for (guint i = 0; i < G_N_ELEMENTS (legend_switches); i++)
    gtk_switch_set_active (G_STRUCT_MEMBER (GtkSwitch *, self, legend_switches[i].offset),
                           (flags & legend_switches[i].flag) != 0);
}

static void
legend_switch_cb (BourseChartSettingsDialog *self)
{
  guint flags = 0;

  if (self->syncing)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (legend_switches); i++)
    if (gtk_switch_get_active (G_STRUCT_MEMBER (GtkSwitch *, self, legend_switches[i].offset)))
      flags |= legend_switches[i].flag;
  g_settings_set_flags (bourse_settings_get_gsettings (self->settings), BOURSE_SETTINGS_KEY_CHART_LEGEND, flags);
}

/* -- what is not a setting: chart type, auto scale ------------------------- */

static void
sync_chart_state (BourseChartSettingsDialog *self)
{
  BourseChart *chart = bourse_chart_view_get_chart (self->chart_view);

  adw_combo_row_set_selected (self->chart_type_row, bourse_chart_get_chart_type (chart));
  gtk_switch_set_active (self->autoscale_switch, bourse_chart_get_pane_autoscale (chart, BOURSE_CHART_MAIN_PANE));
}

/* The chart type and auto scale also change outside the dialog (toolbar,
 * dragging the price axis). */
static void
sync_chart_state_on_change (BourseChartSettingsDialog *self,
                            guint                      change)
{
  if (!(change & (BOURSE_CHART_CHANGE_STYLE | BOURSE_CHART_CHANGE_VIEW)) || self->syncing)
    return;
  self->syncing = TRUE;
  sync_chart_state (self);
  self->syncing = FALSE;
}

static void
chart_type_selected_cb (BourseChartSettingsDialog *self)
{
  guint row = adw_combo_row_get_selected (self->chart_type_row);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (self->syncing || row >= G_N_ELEMENTS (chart_type_nicks) - 1 || parent == NULL)
    return;
  /* The window owns the chart type (toolbar, settings, action state). */
  gtk_widget_activate_action (GTK_WIDGET (parent), "win.set-chart-type", "s", chart_type_nicks[row]);
}

/* Off keeps the range the chart shows now; on fits the bars again. */
static void
autoscale_cb (BourseChartSettingsDialog *self)
{
  BourseChart *chart = bourse_chart_view_get_chart (self->chart_view);
  BourseChartPaneGeometry g;

  if (self->syncing)
    return;
  if (gtk_switch_get_active (self->autoscale_switch))
    bourse_chart_reset_pane_scale (chart, BOURSE_CHART_MAIN_PANE);
  else if (bourse_chart_renderer_get_pane_geometry (bourse_chart_view_get_renderer (self->chart_view),
                                                     BOURSE_CHART_MAIN_PANE, &g) && g.height > 0)
    {
      double a = bourse_chart_pane_geometry_y_to_price (&g, 0);
      double b = bourse_chart_pane_geometry_y_to_price (&g, g.height);

      bourse_chart_set_pane_price_range (chart, BOURSE_CHART_MAIN_PANE, MIN (a, b), MAX (a, b));
    }
}

static void
sync_all (BourseChartSettingsDialog *self)
{
  self->syncing = TRUE;
  sync_colors (self);
  sync_legend (self);
  sync_chart_state (self);
  self->syncing = FALSE;
}

static void
settings_changed_cb (BourseChartSettingsDialog *self,
                     const char                *key)
{
  if (g_str_has_prefix (key, "chart-"))
    sync_all (self);
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BourseChartSettingsDialog *self = BOURSE_CHART_SETTINGS_DIALOG (widget);

  bourse_settings_reset_chart_appearance (self->settings);
  bourse_chart_reset_pane_scale (bourse_chart_view_get_chart (self->chart_view), BOURSE_CHART_MAIN_PANE);
}

static void
bind_settings (BourseChartSettingsDialog *self)
{
  GSettings *s = bourse_settings_get_gsettings (self->settings);
  const struct { const char *key; GtkSwitch *widget; } switches[] = {
    { BOURSE_SETTINGS_KEY_CHART_INVERTED, self->inverted_switch },
    { BOURSE_SETTINGS_KEY_CHART_LAST_PRICE_LABEL, self->last_price_switch },
    { BOURSE_SETTINGS_KEY_CHART_COUNTDOWN, self->countdown_switch },
    { BOURSE_SETTINGS_KEY_CHART_GRID_VERTICAL, self->grid_vertical_switch },
    { BOURSE_SETTINGS_KEY_CHART_GRID_HORIZONTAL, self->grid_horizontal_switch },
    { BOURSE_SETTINGS_KEY_CHART_WATERMARK, self->watermark_switch },
    { BOURSE_SETTINGS_KEY_CHART_SESSION_BREAKS, self->session_breaks_switch },
  };
  g_autoptr(GtkStringList) zones = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    g_settings_bind (s, switches[i].key, switches[i].widget, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (s, BOURSE_SETTINGS_KEY_CHART_WATERMARK_TEXT, self->watermark_entry, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (s, BOURSE_SETTINGS_KEY_CHART_WATERMARK, self->watermark_entry, "sensitive", G_SETTINGS_BIND_GET);

  for (guint i = 0; time_zone_ids[i]; i++)
    {
      if (i == 0)
        gtk_string_list_append (zones, _("UTC"));
      else if (i == 1)
        gtk_string_list_append (zones, _("Exchange"));
      else if (i == 2)
        gtk_string_list_append (zones, _("This Computer’s"));
      else
        {
          /* "America/New_York" reads "America/New York" */
          g_autofree char *label = g_strdelimit (g_strdup (time_zone_ids[i]), "_", ' ');
          gtk_string_list_append (zones, label);
        }
    }
  adw_combo_row_set_model (self->time_zone_row, G_LIST_MODEL (zones));

  bind_combo (self, self->scale_mode_row, BOURSE_SETTINGS_KEY_CHART_SCALE_MODE, scale_mode_nicks);
  bind_combo (self, self->axis_side_row, BOURSE_SETTINGS_KEY_CHART_PRICE_AXIS_SIDE, axis_side_nicks);
  bind_combo (self, self->crosshair_row, BOURSE_SETTINGS_KEY_CHART_CROSSHAIR_MODE, crosshair_nicks);
  bind_combo (self, self->time_zone_row, BOURSE_SETTINGS_KEY_CHART_TIME_ZONE, time_zone_ids);
  g_settings_bind_with_mapping (s, BOURSE_SETTINGS_KEY_CHART_PRECISION, self->precision_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, precision_to_row, row_to_precision, NULL, NULL);

  sync_all (self);
  g_signal_connect_object (s, "changed", G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (bourse_chart_view_get_chart (self->chart_view), "changed",
                           G_CALLBACK (sync_chart_state_on_change), self, G_CONNECT_SWAPPED);
}

static void
bourse_chart_settings_dialog_dispose (GObject *object)
{
  BourseChartSettingsDialog *self = BOURSE_CHART_SETTINGS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BOURSE_TYPE_CHART_SETTINGS_DIALOG);
  g_clear_object (&self->settings);
  g_clear_object (&self->chart_view);

  G_OBJECT_CLASS (bourse_chart_settings_dialog_parent_class)->dispose (object);
}

static void
bourse_chart_settings_dialog_class_init (BourseChartSettingsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bourse_chart_settings_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bourse-chart-settings-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, BourseChartSettingsDialog, name)
  BIND (chart_type_row);
  BIND (up_color);
  BIND (down_color);
  BIND (up_border_color);
  BIND (down_border_color);
  BIND (up_wick_color);
  BIND (down_wick_color);
  BIND (line_color);
  BIND (legend_title);
  BIND (legend_ohlc);
  BIND (legend_change);
  BIND (legend_volume);
  BIND (legend_studies);
  BIND (scale_mode_row);
  BIND (autoscale_switch);
  BIND (inverted_switch);
  BIND (axis_side_row);
  BIND (precision_row);
  BIND (last_price_switch);
  BIND (countdown_switch);
  BIND (time_zone_row);
  BIND (background_color);
  BIND (grid_vertical_switch);
  BIND (grid_horizontal_switch);
  BIND (grid_color);
  BIND (crosshair_row);
  BIND (watermark_switch);
  BIND (watermark_entry);
  BIND (session_breaks_switch);
#undef BIND

  gtk_widget_class_install_action (widget_class, "chart-settings.reset", NULL, reset_action);
}

static void
bourse_chart_settings_dialog_init (BourseChartSettingsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (color_keys); i++)
    g_signal_connect_object (color_button (self, &color_keys[i]), "color-set", G_CALLBACK (color_set_cb), self, 0);
  for (guint i = 0; i < G_N_ELEMENTS (legend_switches); i++)
    g_signal_connect_object (G_STRUCT_MEMBER (GtkSwitch *, self, legend_switches[i].offset), "notify::active",
                             G_CALLBACK (legend_switch_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart_type_row, "notify::selected", G_CALLBACK (chart_type_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->autoscale_switch, "notify::active", G_CALLBACK (autoscale_cb),
                           self, G_CONNECT_SWAPPED);
}

/**
 * bourse_chart_settings_dialog_new:
 * @settings: where the chart settings are kept
 * @chart_view: the chart the dialog is for (its type and auto scale)
 */
BourseChartSettingsDialog *
bourse_chart_settings_dialog_new (BourseSettings  *settings,
                                  BourseChartView *chart_view)
{
  BourseChartSettingsDialog *self;

  g_return_val_if_fail (BOURSE_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (BOURSE_IS_CHART_VIEW (chart_view), NULL);

  self = g_object_new (BOURSE_TYPE_CHART_SETTINGS_DIALOG, NULL);
  self->settings = g_object_ref (settings);
  self->chart_view = g_object_ref (chart_view);
  bind_settings (self);
  return self;
}
