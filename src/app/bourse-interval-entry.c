/* bourse-interval-entry.c — the box over the chart where a typed number becomes the interval
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As on TradingView: a digit typed on the chart opens this box with it;
 * the trader goes on typing ("4h", "2D", "7" for 7 minutes) and sees what it
 * means below; Enter emits ::interval-chosen with the Broker API's spelling
 * and closes, or shows inline why the text is no interval (or one the
 * broker cannot give); Escape closes without a change (GtkPopover's own).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-interval-entry.h"
#include "bourse-interval-picker.h"

struct _BourseIntervalEntry
{
  GtkPopover  parent_instance;

  /* template widgets */
  GtkEntry   *entry;
  GtkLabel   *message_label;

  /* owned */
  GStrv       resolutions;   /* what the broker serves for the symbol; NULL = unknown */
  guint       invalid : 1;
};

G_DEFINE_FINAL_TYPE (BourseIntervalEntry, bourse_interval_entry, GTK_TYPE_POPOVER)

enum {
  INTERVAL_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_message (BourseIntervalEntry *self,
             const char          *message,
             gboolean             invalid)
{
  self->invalid = !!invalid;
  gtk_label_set_text (self->message_label, message ? message : "");
  if (invalid)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "dim-label");
    }
  /* The chart view does not present its popovers on allocation: grow now. */
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    gtk_popover_present (GTK_POPOVER (self));
}

/* While typing: what the text means, no error until Enter. */
static void
entry_changed_cb (BourseIntervalEntry *self)
{
  g_autofree char *resolution = bourse_interval_check (gtk_editable_get_text (GTK_EDITABLE (self->entry)),
                                                       (const char * const *) self->resolutions, NULL);
  g_autofree char *meaning = resolution ? bourse_interval_describe (resolution) : NULL;

  set_message (self, meaning ? meaning : _("Press Enter to apply, Escape to cancel"), FALSE);
}

static void
entry_activate_cb (BourseIntervalEntry *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *resolution = bourse_interval_check (gtk_editable_get_text (GTK_EDITABLE (self->entry)),
                                                       (const char * const *) self->resolutions, &error);

  if (resolution == NULL)
    {
      set_message (self, error->message, TRUE);
      return;
    }
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[INTERVAL_CHOSEN], 0, resolution);
}

static void
bourse_interval_entry_dispose (GObject *object)
{
  BourseIntervalEntry *self = BOURSE_INTERVAL_ENTRY (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BOURSE_TYPE_INTERVAL_ENTRY);
  g_clear_pointer (&self->resolutions, g_strfreev);
  G_OBJECT_CLASS (bourse_interval_entry_parent_class)->dispose (object);
}

static void
bourse_interval_entry_class_init (BourseIntervalEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bourse_interval_entry_dispose;

  /**
   * BourseIntervalEntry::interval-chosen:
   * @resolution: the Broker API's spelling ("240" for "4h")
   */
  signals[INTERVAL_CHOSEN] =
    g_signal_new ("interval-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bourse-interval-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, BourseIntervalEntry, entry);
  gtk_widget_class_bind_template_child (widget_class, BourseIntervalEntry, message_label);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
}

static void
bourse_interval_entry_init (BourseIntervalEntry *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
bourse_interval_entry_new (void)
{
  return g_object_new (BOURSE_TYPE_INTERVAL_ENTRY, NULL);
}

/**
 * bourse_interval_entry_set_resolutions:
 * @resolutions: (nullable): what the broker serves for the chart's symbol,
 *   so that an interval it cannot give is refused before it is asked
 */
void
bourse_interval_entry_set_resolutions (BourseIntervalEntry *self,
                                       const char * const  *resolutions)
{
  g_return_if_fail (BOURSE_IS_INTERVAL_ENTRY (self));

  g_clear_pointer (&self->resolutions, g_strfreev);
  self->resolutions = g_strdupv ((char **) resolutions);
}

/* Opens with @text (the digit typed on the chart), the cursor after it. */
void
bourse_interval_entry_popup_with_text (BourseIntervalEntry *self,
                                       const char          *text)
{
  g_return_if_fail (BOURSE_IS_INTERVAL_ENTRY (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text ? text : "");
  entry_changed_cb (self);
  gtk_popover_popup (GTK_POPOVER (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
}

const char *
bourse_interval_entry_get_text (BourseIntervalEntry *self)
{
  g_return_val_if_fail (BOURSE_IS_INTERVAL_ENTRY (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

/* What the box says under the text: its meaning, or why it is refused. */
const char *
bourse_interval_entry_get_message (BourseIntervalEntry *self)
{
  g_return_val_if_fail (BOURSE_IS_INTERVAL_ENTRY (self), NULL);
  return gtk_label_get_text (self->message_label);
}

gboolean
bourse_interval_entry_get_invalid (BourseIntervalEntry *self)
{
  g_return_val_if_fail (BOURSE_IS_INTERVAL_ENTRY (self), FALSE);
  return self->invalid;
}
