/* bourse-indicator-dialog.c — parameters and colour of one study on the chart
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Edit indicator…" turns "sma:50" into "sma:20" and picks a colour. The
 * dialog only collects: whoever opened it applies the answer on the "apply"
 * response, so a refused spec is reported where the chart is. The colour
 * counts only once the user has chosen one, so a study keeps its default
 * colour (which follows the theme) when only its parameters change.
 */
#include "config.h"

#include "bourse-indicator-dialog.h"

struct _BourseIndicatorDialog
{
  AdwMessageDialog  parent_instance;

  /* template widgets */
  GtkEntry         *spec_entry;
  GtkColorButton   *color_button;

  /* owned */
  char             *study_id;
  BourseIndicator  *indicator;

  guint             color_set : 1;
};

G_DEFINE_FINAL_TYPE (BourseIndicatorDialog, bourse_indicator_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_STUDY_ID,
  PROP_INDICATOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
color_button_color_set_cb (BourseIndicatorDialog *self)
{
  self->color_set = TRUE;
}

static void
bourse_indicator_dialog_constructed (GObject *object)
{
  BourseIndicatorDialog *self = BOURSE_INDICATOR_DIALOG (object);

  G_OBJECT_CLASS (bourse_indicator_dialog_parent_class)->constructed (object);

  if (self->indicator != NULL)
    {
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), bourse_indicator_get_info (self->indicator)->title);
      gtk_editable_set_text (GTK_EDITABLE (self->spec_entry), bourse_indicator_get_spec (self->indicator));
    }
}

static void
bourse_indicator_dialog_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  BourseIndicatorDialog *self = BOURSE_INDICATOR_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STUDY_ID:
      g_value_set_string (value, self->study_id);
      break;
    case PROP_INDICATOR:
      g_value_set_object (value, self->indicator);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_indicator_dialog_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  BourseIndicatorDialog *self = BOURSE_INDICATOR_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STUDY_ID:
      self->study_id = g_value_dup_string (value);
      break;
    case PROP_INDICATOR:
      self->indicator = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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

  G_OBJECT_CLASS (bourse_indicator_dialog_parent_class)->finalize (object);
}

static void
bourse_indicator_dialog_class_init (BourseIndicatorDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bourse_indicator_dialog_constructed;
  object_class->dispose = bourse_indicator_dialog_dispose;
  object_class->finalize = bourse_indicator_dialog_finalize;
  object_class->get_property = bourse_indicator_dialog_get_property;
  object_class->set_property = bourse_indicator_dialog_set_property;

  /* the chart's id of the study ("sma:50#1"), which stays when the spec changes */
  properties[PROP_STUDY_ID] =
    g_param_spec_string ("study-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INDICATOR] =
    g_param_spec_object ("indicator", NULL, NULL, BOURSE_TYPE_INDICATOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bourse-indicator-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BourseIndicatorDialog, spec_entry);
  gtk_widget_class_bind_template_child (widget_class, BourseIndicatorDialog, color_button);
  gtk_widget_class_bind_template_callback (widget_class, color_button_color_set_cb);
}

static void
bourse_indicator_dialog_init (BourseIndicatorDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

BourseIndicatorDialog *
bourse_indicator_dialog_new (GtkWindow       *parent,
                             const char      *study_id,
                             BourseIndicator *indicator)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (study_id != NULL, NULL);
  g_return_val_if_fail (BOURSE_IS_INDICATOR (indicator), NULL);

  return g_object_new (BOURSE_TYPE_INDICATOR_DIALOG,
                       "transient-for", parent,
                       "study-id", study_id,
                       "indicator", indicator,
                       NULL);
}

const char *
bourse_indicator_dialog_get_study_id (BourseIndicatorDialog *self)
{
  g_return_val_if_fail (BOURSE_IS_INDICATOR_DIALOG (self), NULL);
  return self->study_id;
}

/* The parameters as typed, not yet checked. */
const char *
bourse_indicator_dialog_get_spec (BourseIndicatorDialog *self)
{
  g_return_val_if_fail (BOURSE_IS_INDICATOR_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->spec_entry));
}

/**
 * bourse_indicator_dialog_get_color:
 * @rgba: (out): the chosen colour
 *
 * Returns: whether the user chose a colour
 */
gboolean
bourse_indicator_dialog_get_color (BourseIndicatorDialog *self,
                                   GdkRGBA               *rgba)
{
  g_return_val_if_fail (BOURSE_IS_INDICATOR_DIALOG (self), FALSE);
  g_return_val_if_fail (rgba != NULL, FALSE);

  if (!self->color_set)
    return FALSE;
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->color_button), rgba);
  return TRUE;
}
