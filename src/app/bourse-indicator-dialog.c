/* bourse-indicator-dialog.c — the settings form of one study on the chart
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built from the study's metadata (bourse-indicator.h): one spin button per
 * input within its range and step, per output its visibility, colour and line
 * width, the levels with their values and visibility (and the shading between
 * them), the precision and the visibility of the whole study. Inputs the
 * parser refuses (MACD's fast period not below the slow one) show the parser's
 * message under the form and disable Apply, so nothing invalid is applied.
 * The dialog only collects: whoever opened it applies spec and style on the
 * "apply" response. Every field has a widget name ("input-0", "color-1",
 * "level-0" …) so tests and themes can find it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-indicator-dialog.h"

#define MAX_PRECISION 8

struct _BourseIndicatorDialog
{
  AdwMessageDialog  parent_instance;

  /* template widgets */
  GtkBox           *form_box;
  GtkLabel         *error_label;

  /* built from the metadata (owned by the form box) */
  GtkSpinButton    *inputs[BOURSE_INDICATOR_MAX_INPUTS];
  GtkCheckButton   *output_visible[BOURSE_INDICATOR_MAX_OUTPUTS];
  GtkColorButton   *colors[BOURSE_INDICATOR_MAX_OUTPUTS];
  GtkSpinButton    *widths[BOURSE_INDICATOR_MAX_OUTPUTS];
  GtkCheckButton   *level_visible[BOURSE_INDICATOR_MAX_LEVELS];
  GtkSpinButton    *levels[BOURSE_INDICATOR_MAX_LEVELS];
  GtkCheckButton   *level_fill;
  GtkDropDown      *precision;
  GtkCheckButton   *visible;

  /* owned */
  char             *study_id;
  char             *spec;        /* the inputs' canonical spec, NULL when invalid */
  BourseIndicator  *indicator;
  BourseStudyStyle  style;       /* as given; fields without a widget pass through */
};

G_DEFINE_FINAL_TYPE (BourseIndicatorDialog, bourse_indicator_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
rgba_from_bourse (GdkRGBA          *out,
                  const BourseRgba *in)
{
  out->red = in->red;
  out->green = in->green;
  out->blue = in->blue;
  out->alpha = in->alpha;
}

static GtkWidget *
section (BourseIndicatorDialog *self,
         const char            *title)
{
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *grid = gtk_grid_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_box_append (self->form_box, label);
  gtk_box_append (self->form_box, grid);
  return grid;
}

static GtkSpinButton *
spin (const char *name,
      double      min,
      double      max,
      double      step,
      guint       digits,
      double      value)
{
  GtkAdjustment *adj = gtk_adjustment_new (value, min, max, step, step * 10, 0);
  GtkWidget *button = gtk_spin_button_new (adj, step, digits);

  gtk_widget_set_name (button, name);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (button), TRUE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (button), GTK_UPDATE_IF_VALID);
  gtk_widget_set_hexpand (button, TRUE);
  return GTK_SPIN_BUTTON (button);
}

static void
attach_labelled (GtkWidget  *grid,
                 int         row,
                 const char *text,
                 GtkWidget  *widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), widget, 1, row, 2, 1);
}

/* The parser judges the inputs; its message is the inline error. */
static void
validate (BourseIndicatorDialog *self)
{
  const BourseIndicatorInfo *info = bourse_indicator_get_info (self->indicator);
  guint n = bourse_indicator_info_get_n_inputs (info);
  double params[BOURSE_INDICATOR_MAX_INPUTS];
  g_autoptr(GError) error = NULL;

  for (guint p = 0; p < n; p++)
    params[p] = gtk_spin_button_get_value (self->inputs[p]);
  g_clear_pointer (&self->spec, g_free);
  self->spec = bourse_indicator_info_build_spec (info, params, n, &error);
  gtk_label_set_label (self->error_label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "apply", self->spec != NULL);
}

static void
input_changed_cb (BourseIndicatorDialog *self)
{
  validate (self);
}

/* Typed text counts before focus leaves the field: Enter in a spin button
 * applies at once, with what was typed. */
static void
input_text_changed_cb (GtkEditable           *editable,
                       BourseIndicatorDialog *self)
{
  GtkSpinButton *button = GTK_SPIN_BUTTON (gtk_widget_get_ancestor (GTK_WIDGET (editable), GTK_TYPE_SPIN_BUTTON));
  const char *text = gtk_editable_get_text (editable);
  char *end = NULL;
  double v = g_strtod (text, &end);
  double min, max;

  if (button == NULL)
    return;
  gtk_spin_button_get_range (button, &min, &max);
  if (*text == '\0' || end == NULL || *end != '\0')
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” is not a number"), text);

      g_clear_pointer (&self->spec, g_free);
      gtk_label_set_label (self->error_label, msg);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "apply", FALSE);
      return;
    }
  if (v < min || v > max)
    {
      g_autofree char *msg = g_strdup_printf (_("%s must be between %g and %g"),
                                              gtk_widget_get_tooltip_text (GTK_WIDGET (button)), min, max);

      g_clear_pointer (&self->spec, g_free);
      gtk_label_set_label (self->error_label, msg);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "apply", FALSE);
      return;
    }
  if (v != gtk_spin_button_get_value (button))
    gtk_spin_button_set_value (button, v);
  else
    validate (self);
}

/* Enter in a field applies, as the default response would (spin buttons do
 * not activate the default in GTK 4.8). */
static void
field_activate_cb (BourseIndicatorDialog *self)
{
  if (!adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), "apply"))
    return;
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "apply");
  gtk_window_close (GTK_WINDOW (self));
}

static void
build_inputs (BourseIndicatorDialog *self)
{
  const BourseIndicatorInfo *info = bourse_indicator_get_info (self->indicator);
  guint n = bourse_indicator_info_get_n_inputs (info);
  GtkWidget *grid;

  if (n == 0)
    return;
  grid = section (self, _("Inputs"));
  for (guint p = 0; p < n; p++)
    {
      const BourseIndicatorInput *in = bourse_indicator_info_get_input (info, p);
      g_autofree char *name = g_strdup_printf ("input-%u", p);
      GtkSpinButton *button = spin (name, in->min, in->max, in->step, in->digits,
                                    bourse_indicator_get_param (self->indicator, p));

      gtk_widget_set_tooltip_text (GTK_WIDGET (button), in->label);
      self->inputs[p] = button;
      g_signal_connect_object (button, "value-changed", G_CALLBACK (input_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (gtk_editable_get_delegate (GTK_EDITABLE (button)), "changed",
                               G_CALLBACK (input_text_changed_cb), self, 0);
      g_signal_connect_object (gtk_editable_get_delegate (GTK_EDITABLE (button)), "activate",
                               G_CALLBACK (field_activate_cb), self, G_CONNECT_SWAPPED);
      attach_labelled (grid, (int) p, in->label, GTK_WIDGET (button));
    }
}

static void
build_style (BourseIndicatorDialog *self)
{
  const BourseIndicatorInfo *info = bourse_indicator_get_info (self->indicator);
  guint n = bourse_indicator_get_n_outputs (self->indicator);
  GtkWidget *grid = section (self, _("Style"));
  int row = 0;

  for (guint o = 0; o < n; o++)
    {
      g_autofree char *vis_name = g_strdup_printf ("output-visible-%u", o);
      g_autofree char *color_name = g_strdup_printf ("color-%u", o);
      g_autofree char *width_name = g_strdup_printf ("width-%u", o);
      GtkWidget *check, *color;
      GtkSpinButton *width;
      GdkRGBA rgba;

      if (info->plots[o].style == BOURSE_INDICATOR_PLOT_HIDDEN)
        continue;
      check = gtk_check_button_new_with_label (info->plots[o].label);
      gtk_widget_set_name (check, vis_name);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), self->style.outputs_visible[o]);
      rgba_from_bourse (&rgba, &self->style.colors[o]);
      color = gtk_color_button_new_with_rgba (&rgba);
      gtk_widget_set_name (color, color_name);
      gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (color), TRUE);
      width = spin (width_name, 0.5, 10, 0.5, 1, self->style.line_widths[o]);
      gtk_widget_set_tooltip_text (GTK_WIDGET (width), _("Line width"));
      self->output_visible[o] = GTK_CHECK_BUTTON (check);
      self->colors[o] = GTK_COLOR_BUTTON (color);
      self->widths[o] = width;
      gtk_grid_attach (GTK_GRID (grid), check, 0, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), color, 1, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (width), 2, row, 1, 1);
      row++;
    }
}

static void
build_levels (BourseIndicatorDialog *self)
{
  GtkWidget *grid;

  if (self->style.n_levels == 0)
    return;
  grid = section (self, _("Levels"));
  for (guint k = 0; k < self->style.n_levels; k++)
    {
      g_autofree char *vis_name = g_strdup_printf ("level-visible-%u", k);
      g_autofree char *value_name = g_strdup_printf ("level-%u", k);
      g_autofree char *label = g_strdup_printf (_("Level %u"), k + 1);
      GtkWidget *check = gtk_check_button_new_with_label (label);
      GtkSpinButton *value = spin (value_name, -1e9, 1e9, 1, 2, self->style.levels[k].value);

      gtk_widget_set_name (check, vis_name);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), self->style.levels[k].visible);
      self->level_visible[k] = GTK_CHECK_BUTTON (check);
      self->levels[k] = value;
      gtk_grid_attach (GTK_GRID (grid), check, 0, (int) k, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (value), 1, (int) k, 2, 1);
    }
  self->level_fill = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (_("Shade between levels")));
  gtk_widget_set_name (GTK_WIDGET (self->level_fill), "level-fill");
  gtk_check_button_set_active (self->level_fill, self->style.level_fill);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->level_fill), 0, (int) self->style.n_levels, 3, 1);
}

static void
build_display (BourseIndicatorDialog *self)
{
  const BourseIndicatorInfo *info = bourse_indicator_get_info (self->indicator);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) choices = NULL;
  g_autofree char *own = NULL;
  GtkWidget *grid = section (self, _("Display"));

  /* "Default (2)" for RSI, "Default (symbol)" for price-based studies */
  own = info->precision >= 0 ? g_strdup_printf (_("Default (%d)"), info->precision)
                             : g_strdup (_("Default (symbol)"));
  g_strv_builder_add (builder, own);
  for (int d = 0; d <= MAX_PRECISION; d++)
    {
      char digits[8];

      g_snprintf (digits, sizeof digits, "%d", d);
      g_strv_builder_add (builder, digits);
    }
  choices = g_strv_builder_end (builder);
  self->precision = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char * const *) choices));
  gtk_widget_set_name (GTK_WIDGET (self->precision), "precision");
  gtk_drop_down_set_selected (self->precision, (guint) (CLAMP (self->style.precision, -1, MAX_PRECISION) + 1));
  attach_labelled (grid, 0, _("_Precision"), GTK_WIDGET (self->precision));

  self->visible = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("Show on the _chart")));
  gtk_widget_set_name (GTK_WIDGET (self->visible), "visible");
  gtk_check_button_set_active (self->visible, self->style.visible);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->visible), 0, 1, 3, 1);
}

/* The form for the study and style given to new(). */
static void
populate (BourseIndicatorDialog *self)
{
  g_autofree char *label = NULL;

  label = bourse_indicator_format_label (self->indicator);
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), bourse_indicator_get_info (self->indicator)->title);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), label);
  build_inputs (self);
  build_style (self);
  build_levels (self);
  build_display (self);
  validate (self);
}

static void
bourse_indicator_dialog_dispose (GObject *object)
{
  BourseIndicatorDialog *self = BOURSE_INDICATOR_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BOURSE_TYPE_INDICATOR_DIALOG);
  g_clear_object (&self->indicator);

  G_OBJECT_CLASS (bourse_indicator_dialog_parent_class)->dispose (object);
}

static void
bourse_indicator_dialog_finalize (GObject *object)
{
  BourseIndicatorDialog *self = BOURSE_INDICATOR_DIALOG (object);

  g_free (self->study_id);
  g_free (self->spec);

  G_OBJECT_CLASS (bourse_indicator_dialog_parent_class)->finalize (object);
}

static void
bourse_indicator_dialog_class_init (BourseIndicatorDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bourse_indicator_dialog_dispose;
  object_class->finalize = bourse_indicator_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bourse-indicator-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BourseIndicatorDialog, form_box);
  gtk_widget_class_bind_template_child (widget_class, BourseIndicatorDialog, error_label);
}

static void
bourse_indicator_dialog_init (BourseIndicatorDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

BourseIndicatorDialog *
bourse_indicator_dialog_new (GtkWindow              *parent,
                             const char             *study_id,
                             BourseIndicator        *indicator,
                             const BourseStudyStyle *style)
{
  BourseIndicatorDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (study_id != NULL, NULL);
  g_return_val_if_fail (BOURSE_IS_INDICATOR (indicator), NULL);
  g_return_val_if_fail (style != NULL, NULL);

  self = g_object_new (BOURSE_TYPE_INDICATOR_DIALOG, "transient-for", parent, NULL);
  self->study_id = g_strdup (study_id);
  self->indicator = g_object_ref (indicator);
  self->style = *style;
  populate (self);
  return self;
}

const char *
bourse_indicator_dialog_get_study_id (BourseIndicatorDialog *self)
{
  g_return_val_if_fail (BOURSE_IS_INDICATOR_DIALOG (self), NULL);
  return self->study_id;
}

const char *
bourse_indicator_dialog_get_spec (BourseIndicatorDialog *self)
{
  g_return_val_if_fail (BOURSE_IS_INDICATOR_DIALOG (self), NULL);
  return self->spec;
}

void
bourse_indicator_dialog_get_style (BourseIndicatorDialog *self,
                                   BourseStudyStyle      *style)
{
  g_return_if_fail (BOURSE_IS_INDICATOR_DIALOG (self));
  g_return_if_fail (style != NULL);

  *style = self->style;
  for (guint o = 0; o < BOURSE_INDICATOR_MAX_OUTPUTS; o++)
    {
      GdkRGBA rgba;

      if (self->colors[o] == NULL)
        continue;
      gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->colors[o]), &rgba);
      style->colors[o] = (BourseRgba) { rgba.red, rgba.green, rgba.blue, rgba.alpha };
      style->outputs_visible[o] = gtk_check_button_get_active (self->output_visible[o]);
      style->line_widths[o] = gtk_spin_button_get_value (self->widths[o]);
    }
  for (guint k = 0; k < style->n_levels; k++)
    {
      style->levels[k].value = gtk_spin_button_get_value (self->levels[k]);
      style->levels[k].visible = gtk_check_button_get_active (self->level_visible[k]);
    }
  if (self->level_fill != NULL)
    style->level_fill = gtk_check_button_get_active (self->level_fill);
  style->precision = (int) gtk_drop_down_get_selected (self->precision) - 1;
  style->visible = gtk_check_button_get_active (self->visible);
}
