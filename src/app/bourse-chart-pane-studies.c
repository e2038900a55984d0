/* bourse-chart-pane-studies.c — the chart pane's studies: indicators kept in the settings, the Indicators menu
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The studies on the chart are kept in the settings as three parallel
 * lists: each study's spec ("sma:20"), the colour of its first output and
 * its whole style in text form (settings from before styles existed have
 * colours only). They are put back on the chart once, with the pane's first
 * settings, and written again after each add, edit or remove, each of which
 * is also an undo step (bourse-chart-pane-history.c). The Indicators menu and
 * a double-click on a study's legend line lead to the same "win." actions.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-chart-pane-private.h"

static void rebuild_indicators_menu (BourseChartPane *self);

/* The settings keep what a studies snapshot holds, as three parallel lists. */
static void
save_indicator_specs (BourseChartPane *self)
{
  g_autoptr(GVariant) kept = NULL;
  g_autoptr(GStrvBuilder) specs_builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) colors_builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) styles_builder = g_strv_builder_new ();
  g_auto(GStrv) specs = NULL;
  g_auto(GStrv) colors = NULL;
  g_auto(GStrv) styles = NULL;
  GVariantIter iter;
  const char *spec, *color, *style;

  if (self->settings == NULL)
    return;
  kept = _bourse_chart_pane_studies_snapshot (self);
  g_variant_iter_init (&iter, kept);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &spec, &color, &style))
    {
      g_strv_builder_add (specs_builder, spec);
      g_strv_builder_add (colors_builder, color);
      g_strv_builder_add (styles_builder, style);
    }
  specs = g_strv_builder_end (specs_builder);
  colors = g_strv_builder_end (colors_builder);
  styles = g_strv_builder_end (styles_builder);
  bourse_settings_set_chart_indicators (self->settings, (const char * const *) specs);
  bourse_settings_set_chart_indicator_colors (self->settings, (const char * const *) colors);
  bourse_settings_set_chart_indicator_styles (self->settings, (const char * const *) styles);
}

void
_bourse_chart_pane_apply_indicator_color (BourseChartPane *self,
                                          const char      *id,
                                          const GdkRGBA   *rgba)
{
  BourseRgba color = { rgba->red, rgba->green, rgba->blue, rgba->alpha };

  bourse_chart_studies_set_color (self->studies, id, 0, &color);
  g_hash_table_replace (self->indicator_colors, g_strdup (id), gdk_rgba_to_string (rgba));
}

/* A style from the settings' text on top of the study's current one. */
static void
apply_indicator_style_text (BourseChartPane *self,
                            const char      *id,
                            const char      *spec,
                            const char      *text)
{
  g_autoptr(GError) error = NULL;
  BourseStudyStyle style;

  if (!bourse_chart_studies_get_style (self->studies, id, &style))
    return;
  if (!bourse_study_style_parse (&style, text, &error))
    {
      g_message ("Style of indicator “%s” not restored: %s", spec, error->message);
      return;
    }
  bourse_chart_studies_set_style (self->studies, id, &style);
  g_hash_table_replace (self->indicator_styles, g_strdup (id), bourse_study_style_to_string (&style));
}

/* Puts @spec on the chart with the colour and style text kept for it (""
 * for none); returns its id (owned by the studies) or NULL. */
const char *
_bourse_chart_pane_add_kept_study (BourseChartPane  *self,
                                   const char       *spec,
                                   const char       *color,
                                   const char       *style,
                                   GError          **error)
{
  const char *id = bourse_chart_studies_add_default (self->studies, spec, error);
  GdkRGBA rgba;

  if (id == NULL)
    return NULL;
  if (color[0] != '\0')
    {
      if (gdk_rgba_parse (&rgba, color))
        _bourse_chart_pane_apply_indicator_color (self, id, &rgba);
      else
        g_message ("Colour “%s” of indicator “%s” not restored: not a colour", color, spec);
    }
  if (style[0] != '\0')
    apply_indicator_style_text (self, id, spec, style);
  return id;
}

/* The studies, colours and styles the settings keep, put back on the chart
 * (settings from before styles existed have colours only). */
void
_bourse_chart_pane_restore_indicators (BourseChartPane *self)
{
  g_auto(GStrv) specs = bourse_settings_dup_chart_indicators (self->settings);
  g_auto(GStrv) colors = bourse_settings_dup_chart_indicator_colors (self->settings);
  g_auto(GStrv) styles = bourse_settings_dup_chart_indicator_styles (self->settings);
  guint n_colors = g_strv_length (colors);
  guint n_styles = g_strv_length (styles);

  for (guint i = 0; specs[i]; i++)
    {
      g_autoptr(GError) error = NULL;

      if (_bourse_chart_pane_add_kept_study (self, specs[i],
                                             i < n_colors ? colors[i] : "",
                                             i < n_styles ? styles[i] : "", &error) == NULL)
        g_message ("Indicator “%s” not restored: %s", specs[i], error->message);
    }
  rebuild_indicators_menu (self);
  _bourse_chart_pane_emit_studies_changed (self);
}

/* The colour of a study's first output, kept in the settings with its spec. */
gboolean
bourse_chart_pane_set_indicator_color (BourseChartPane *self,
                                       const char      *id,
                                       const GdkRGBA   *rgba)
{
  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), FALSE);

  g_autoptr(GVariant) before = NULL;
  g_autofree char *key = NULL;

  if (bourse_chart_studies_get_indicator (self->studies, id) == NULL)
    return FALSE;
  before = _bourse_chart_pane_studies_snapshot (self);
  key = g_strconcat ("study:", id, NULL);
  _bourse_chart_pane_apply_indicator_color (self, id, rgba);
  save_indicator_specs (self);
  _bourse_chart_pane_record_studies (self, _("Edit Indicator"), key, before);
  return TRUE;
}

/* Everything the settings form sets: kept in the settings with the spec. The
 * first output's colour also goes to the colours key older versions read. */
gboolean
bourse_chart_pane_set_indicator_style (BourseChartPane        *self,
                                       const char             *id,
                                       const BourseStudyStyle *style)
{
  g_autoptr(GVariant) before = NULL;
  g_autofree char *key = NULL;
  const BourseRgba *c;
  GdkRGBA rgba;

  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);

  before = _bourse_chart_pane_studies_snapshot (self);
  if (!bourse_chart_studies_set_style (self->studies, id, style))
    return FALSE;
  c = &style->colors[0];
  rgba = (GdkRGBA) { c->red, c->green, c->blue, c->alpha };
  g_hash_table_replace (self->indicator_colors, g_strdup (id), gdk_rgba_to_string (&rgba));
  g_hash_table_replace (self->indicator_styles, g_strdup (id), bourse_study_style_to_string (style));
  _bourse_chart_pane_studies_changed (self);
  /* the spec set by the same dialog just before joins this entry */
  key = g_strconcat ("study:", id, NULL);
  _bourse_chart_pane_record_studies (self, _("Edit Indicator"), key, before);
  return TRUE;
}

/* Adds @spec with its defaults; returns its id (owned by the studies) or NULL. */
const char *
bourse_chart_pane_add_indicator_full (BourseChartPane  *self,
                                      const char       *spec,
                                      GError          **error)
{
  const char *id;

  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), NULL);

  id = bourse_chart_studies_add_default (self->studies, spec, error);
  if (id == NULL)
    return NULL;
  save_indicator_specs (self);
  rebuild_indicators_menu (self);
  return id;
}

gboolean
bourse_chart_pane_add_indicator (BourseChartPane  *self,
                                 const char       *spec,
                                 GError          **error)
{
  g_autoptr(GVariant) before = NULL;

  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), FALSE);

  before = _bourse_chart_pane_studies_snapshot (self);
  if (bourse_chart_studies_add_default (self->studies, spec, error) == NULL)
    return FALSE;
  _bourse_chart_pane_studies_changed (self);
  _bourse_chart_pane_record_studies (self, _("Add Indicator"), NULL, before);
  return TRUE;
}

/* New parameters ("sma:20") for a study on the chart, kept in the settings. */
gboolean
bourse_chart_pane_set_indicator_spec (BourseChartPane  *self,
                                      const char       *id,
                                      const char       *spec,
                                      GError          **error)
{
  g_autoptr(GVariant) before = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), FALSE);

  before = _bourse_chart_pane_studies_snapshot (self);
  if (!bourse_chart_studies_set_spec (self->studies, id, spec, error))
    return FALSE;
  _bourse_chart_pane_studies_changed (self);
  /* The colour set right after (the same dialog) joins this entry. */
  key = g_strconcat ("study:", id, NULL);
  _bourse_chart_pane_record_studies (self, _("Edit Indicator"), key, before);
  return TRUE;
}

gboolean
bourse_chart_pane_remove_indicator (BourseChartPane *self,
                                    const char      *id)
{
  g_autoptr(GVariant) before = NULL;

  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), FALSE);

  before = _bourse_chart_pane_studies_snapshot (self);
  if (!bourse_chart_studies_remove (self->studies, id))
    return FALSE;
  g_hash_table_remove (self->indicator_colors, id);
  g_hash_table_remove (self->indicator_styles, id);
  _bourse_chart_pane_studies_changed (self);
  _bourse_chart_pane_record_studies (self, _("Remove Indicator"), NULL, before);
  return TRUE;
}

/* The Indicators menu: studies to add, the ones on the chart (drawing tools are on the window's toolbar). */
static void
rebuild_indicators_menu (BourseChartPane *self)
{
  const BourseIndicatorInfo *studies = bourse_indicator_list_studies ();
  g_autoptr(GMenu) add_menu = g_menu_new ();
  g_autoptr(GMenu) active = g_menu_new ();
  g_autoptr(GPtrArray) ids = bourse_chart_studies_list (self->studies);

  g_menu_remove_all (self->indicators_menu);

  for (guint i = 0; studies[i].name != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (studies[i].title, NULL);

      g_menu_item_set_action_and_target (item, "win.add-indicator", "s", studies[i].name);
      g_menu_append_item (add_menu, item);
    }
  g_menu_append (self->indicators_menu, _("Indicators…"), "win.indicators");
  g_menu_append_submenu (self->indicators_menu, _("Add Indicator"), G_MENU_MODEL (add_menu));

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      BourseIndicator *indicator = bourse_chart_studies_get_indicator (self->studies, id);
      g_autofree char *words = bourse_indicator_format_label (indicator);
      g_autofree char *label = g_strdup_printf (_("Remove %s"), words);
      /* Translators: menu item, e.g. "Edit sma:50…" */
      g_autofree char *edit_label = g_strdup_printf (_("Settings of %s…"), words);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);
      g_autoptr(GMenuItem) edit_item = g_menu_item_new (edit_label, NULL);

      g_menu_item_set_action_and_target (edit_item, "win.edit-indicator", "s", id);
      g_menu_append_item (active, edit_item);
      g_menu_item_set_action_and_target (item, "win.remove-indicator", "s", id);
      g_menu_append_item (active, item);
    }
  if (ids->len > 0)
    g_menu_append_section (self->indicators_menu, _("On the Chart"), G_MENU_MODEL (active));

}

/* The studies changed: keep them in the settings, the menu and the object tree current. */
void
_bourse_chart_pane_studies_changed (BourseChartPane *self)
{
  save_indicator_specs (self);
  rebuild_indicators_menu (self);
  _bourse_chart_pane_emit_studies_changed (self);
}

/**
 * bourse_chart_pane_get_indicators_menu:
 *
 * Returns: (transfer none): the Indicators menu, kept current with the studies
 */
GMenuModel *
bourse_chart_pane_get_indicators_menu (BourseChartPane *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), NULL);
  return G_MENU_MODEL (self->indicators_menu);
}

/* A double-click on a study's legend line opens its settings, as on TradingView. */
static void
legend_pressed_cb (BourseChartPane *self,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkGestureClick *gesture)
{
  const char *id;

  if (n_press != 2 || (id = bourse_chart_pane_get_study_at (self, x, y)) == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-indicator", "s", id);
}

/**
 * bourse_chart_pane_get_study_at:
 * @x: @y: chart view coordinates
 *
 * Returns: (nullable): the id of the study whose legend line is at (@x, @y)
 */
const char *
bourse_chart_pane_get_study_at (BourseChartPane *self,
                                double           x,
                                double           y)
{
  BourseChartRenderer *renderer;

  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), NULL);

  renderer = bourse_chart_view_get_renderer (self->chart_view);
  for (guint i = 0; i < bourse_chart_renderer_get_n_legend_items (renderer); i++)
    {
      BourseChartLegendItem item;

      if (bourse_chart_renderer_get_legend_item (renderer, i, &item) &&
          x >= item.x && x < item.x + item.width && y >= item.y && y < item.y + item.height)
        return bourse_chart_studies_find_series (self->studies, item.series);
    }
  return NULL;
}

void
_bourse_chart_pane_init_studies (BourseChartPane *self)
{
  GtkGesture *legend_click;

  self->indicator_colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->indicator_styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->studies = bourse_chart_studies_new (self->chart);
  self->indicators_menu = g_menu_new ();
  rebuild_indicators_menu (self);

  legend_click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (legend_click), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (legend_click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (legend_click, "pressed", G_CALLBACK (legend_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->chart_view), GTK_EVENT_CONTROLLER (legend_click));
}
