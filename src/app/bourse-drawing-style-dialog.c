/* bourse-drawing-style-dialog.c — a drawing's colour, line, fill and text, applied as they change
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-drawing-style-dialog.h"

struct _BourseDrawingStyleDialog
{
  AdwWindow        parent_instance;

  /* template widgets */
  AdwWindowTitle  *window_title;
  GtkColorButton  *line_color;
  GtkSpinButton   *line_width;
  GtkDropDown     *line_style;
  GtkCheckButton  *fill_check;
  GtkColorButton  *fill_color;
  GtkLabel        *text_label;
  GtkEntry        *text_entry;
  GtkCheckButton  *locked_check;

  /* owned */
  BourseChartPane *pane;
  BourseDrawing   *drawing;
  char            *merge_key;     /* this dialog's edits are one undo step */
  guint32          last_fill;     /* the fill to restore when "Fill" is ticked again */
  guint            loading : 1;
};

G_DEFINE_FINAL_TYPE (BourseDrawingStyleDialog, bourse_drawing_style_dialog, ADW_TYPE_WINDOW)

static void
rgba_from_u32 (guint32  v,
               GdkRGBA *rgba)
{
  rgba->red = ((v >> 24) & 0xff) / 255.0f;
  rgba->green = ((v >> 16) & 0xff) / 255.0f;
  rgba->blue = ((v >> 8) & 0xff) / 255.0f;
  rgba->alpha = (v & 0xff) / 255.0f;
}

static guint32
u32_from_rgba (const GdkRGBA *rgba)
{
  return ((guint32) (CLAMP (rgba->red, 0, 1) * 255 + 0.5) << 24) |
         ((guint32) (CLAMP (rgba->green, 0, 1) * 255 + 0.5) << 16) |
         ((guint32) (CLAMP (rgba->blue, 0, 1) * 255 + 0.5) << 8) |
         (guint32) (CLAMP (rgba->alpha, 0, 1) * 255 + 0.5);
}

static void
commit (BourseDrawingStyleDialog *self)
{
  if (!self->loading && self->pane != NULL)
    bourse_chart_pane_commit_drawings (self->pane, _("Change Drawing Style"), self->merge_key);
}

static void
line_color_set_cb (BourseDrawingStyleDialog *self)
{
  GdkRGBA rgba;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->line_color), &rgba);
  bourse_drawing_set_color (self->drawing, u32_from_rgba (&rgba));
  commit (self);
}

static void
line_width_changed_cb (BourseDrawingStyleDialog *self)
{
  bourse_drawing_set_line_width (self->drawing, gtk_spin_button_get_value (self->line_width));
  commit (self);
}

static void
line_style_changed_cb (BourseDrawingStyleDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->line_style);

  if (selected <= BOURSE_LINE_STYLE_DOTTED)
    bourse_drawing_set_line_style (self->drawing, selected);
  commit (self);
}

static void
fill_changed_cb (BourseDrawingStyleDialog *self)
{
  GdkRGBA rgba;
  guint32 fill;

  if (self->loading)
    return;
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->fill_color), &rgba);
  fill = u32_from_rgba (&rgba);
  /* No fill is a transparent one; ticking "Fill" again brings the colour back. */
  if (!gtk_check_button_get_active (self->fill_check))
    fill &= 0xffffff00;
  else if ((fill & 0xff) == 0)
    fill = self->last_fill;
  if (fill & 0xff)
    self->last_fill = fill;
  bourse_drawing_set_fill_color (self->drawing, fill);
  commit (self);
}

static void
text_changed_cb (BourseDrawingStyleDialog *self)
{
  if (self->loading)
    return;
  bourse_drawing_set_text (self->drawing, gtk_editable_get_text (GTK_EDITABLE (self->text_entry)));
  commit (self);
}

static void
locked_changed_cb (BourseDrawingStyleDialog *self)
{
  if (self->loading)
    return;
  bourse_drawing_set_locked (self->drawing, gtk_check_button_get_active (self->locked_check));
  commit (self);
}

/* The widgets show the drawing as it is (also after an undo while open). */
static void
load (BourseDrawingStyleDialog *self)
{
  BourseDrawingKind kind = bourse_drawing_get_kind (self->drawing);
  guint32 fill = bourse_drawing_get_fill_color (self->drawing);
  gboolean has_text = kind == BOURSE_DRAWING_TEXT_NOTE;
  GdkRGBA rgba;

  self->loading = TRUE;
  adw_window_title_set_subtitle (self->window_title, bourse_drawing_kind_get_title (kind));
  rgba_from_u32 (bourse_drawing_get_color (self->drawing), &rgba);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->line_color), &rgba);
  gtk_spin_button_set_value (self->line_width, bourse_drawing_get_line_width (self->drawing));
  gtk_drop_down_set_selected (self->line_style, bourse_drawing_get_line_style (self->drawing));
  if (fill & 0xff)
    self->last_fill = fill;
  rgba_from_u32 (self->last_fill, &rgba);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->fill_color), &rgba);
  gtk_check_button_set_active (self->fill_check, (fill & 0xff) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->fill_check), bourse_drawing_kind_has_fill (kind));
  gtk_widget_set_visible (GTK_WIDGET (self->fill_color), bourse_drawing_kind_has_fill (kind));
  gtk_widget_set_visible (GTK_WIDGET (self->text_label), has_text);
  gtk_widget_set_visible (GTK_WIDGET (self->text_entry), has_text);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->text_entry)), bourse_drawing_get_text (self->drawing)) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->text_entry), bourse_drawing_get_text (self->drawing) ? bourse_drawing_get_text (self->drawing) : "");
  gtk_check_button_set_active (self->locked_check, bourse_drawing_get_locked (self->drawing));
  self->loading = FALSE;
}

static void
bourse_drawing_style_dialog_dispose (GObject *object)
{
  BourseDrawingStyleDialog *self = BOURSE_DRAWING_STYLE_DIALOG (object);

  if (self->pane != NULL)
    bourse_chart_history_seal (bourse_chart_pane_get_history (self->pane));
  gtk_widget_dispose_template (GTK_WIDGET (self), BOURSE_TYPE_DRAWING_STYLE_DIALOG);
  g_clear_object (&self->pane);
  g_clear_object (&self->drawing);
  g_clear_pointer (&self->merge_key, g_free);

  G_OBJECT_CLASS (bourse_drawing_style_dialog_parent_class)->dispose (object);
}

static void
bourse_drawing_style_dialog_class_init (BourseDrawingStyleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bourse_drawing_style_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bourse-drawing-style-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BourseDrawingStyleDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, BourseDrawingStyleDialog, line_color);
  gtk_widget_class_bind_template_child (widget_class, BourseDrawingStyleDialog, line_width);
  gtk_widget_class_bind_template_child (widget_class, BourseDrawingStyleDialog, line_style);
  gtk_widget_class_bind_template_child (widget_class, BourseDrawingStyleDialog, fill_check);
  gtk_widget_class_bind_template_child (widget_class, BourseDrawingStyleDialog, fill_color);
  gtk_widget_class_bind_template_child (widget_class, BourseDrawingStyleDialog, text_label);
  gtk_widget_class_bind_template_child (widget_class, BourseDrawingStyleDialog, text_entry);
  gtk_widget_class_bind_template_child (widget_class, BourseDrawingStyleDialog, locked_check);
  gtk_widget_class_bind_template_callback (widget_class, line_color_set_cb);
  gtk_widget_class_bind_template_callback (widget_class, line_width_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, line_style_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, fill_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, locked_changed_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bourse_drawing_style_dialog_init (BourseDrawingStyleDialog *self)
{
  /* Template signals fire while it is built: nothing to apply them to yet. */
  self->loading = TRUE;
  self->last_fill = 0x2962ff26;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->loading = FALSE;
}

BourseDrawingStyleDialog *
bourse_drawing_style_dialog_new (GtkWindow       *parent,
                                 BourseChartPane *pane,
                                 BourseDrawing   *drawing)
{
  BourseDrawingStyleDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BOURSE_IS_CHART_PANE (pane), NULL);
  g_return_val_if_fail (BOURSE_IS_DRAWING (drawing), NULL);

  self = g_object_new (BOURSE_TYPE_DRAWING_STYLE_DIALOG, "transient-for", parent, NULL);
  self->pane = g_object_ref (pane);
  self->drawing = g_object_ref (drawing);
  self->merge_key = g_strdup_printf ("style:%p:%s", (void *) self, bourse_drawing_get_id (drawing));
  /* Edits outside (an undo, the chart) show here; ours are one step from now on. */
  bourse_chart_history_seal (bourse_chart_pane_get_history (pane));
  g_signal_connect_object (drawing, "changed", G_CALLBACK (load), self, G_CONNECT_SWAPPED);
  load (self);
  return self;
}

BourseDrawing *
bourse_drawing_style_dialog_get_drawing (BourseDrawingStyleDialog *self)
{
  g_return_val_if_fail (BOURSE_IS_DRAWING_STYLE_DIALOG (self), NULL);
  return self->drawing;
}
