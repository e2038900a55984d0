/* bourse-chart-pane-typing.c — BourseChartPane: typing on the chart, and the view after an interval switch
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As on TradingView, with the chart focused: "/" opens the Indicators
 * dialog, a letter opens the symbol
 * search with it (win.symbol-search-text), a digit opens the interval entry
 * over the chart with it; the interval chosen there goes to
 * win.set-resolution, so the toolbar, the settings and the feed follow.
 *
 * After an interval switch the chart shows a sensible number of bars, the
 * last one near the right edge: DEFAULT_VISIBLE_BARS, or all of them when
 * there are fewer (120 daily bars fill the chart instead of keeping the
 * 5-minute chart's spacing and leaving most of it empty).
 */
#include "config.h"

#include "bourse-chart-pane-private.h"

#define DEFAULT_VISIBLE_BARS 160

/* Sizes the view for the new interval once its bars are there. */
void
_bourse_chart_pane_show_default_range (BourseChartPane *self)
{
  BourseBars *bars = self->feed ? bourse_bar_feed_get_bars (self->feed) : NULL;
  BourseChartViewport *viewport = bourse_chart_get_viewport (self->chart);
  double visible;

  if (!self->default_range_pending || bars == NULL || bars->len == 0)
    return;
  self->default_range_pending = FALSE;
  visible = MIN ((double) bars->len, DEFAULT_VISIBLE_BARS);
  bourse_chart_viewport_set_visible_range (viewport, (double) bars->len - visible,
                                           (double) bars->len - 1 + bourse_chart_viewport_get_right_offset (viewport));
}

static void
interval_chosen_cb (BourseChartPane *self,
                    const char      *resolution)
{
  /* Through the window when there is one, so everything follows. */
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.set-resolution", "s", resolution))
    bourse_chart_pane_set_resolution (self, resolution);
  gtk_widget_grab_focus (GTK_WIDGET (self->chart_view));
}

/**
 * bourse_chart_pane_open_interval_entry:
 * @text: what the entry starts with (the digit typed on the chart, or "")
 */
void
bourse_chart_pane_open_interval_entry (BourseChartPane *self,
                                       const char      *text)
{
  const char * const *served = NULL;
  GdkRectangle rect;

  g_return_if_fail (BOURSE_IS_CHART_PANE (self));

  if (self->market_data != NULL && self->symbol != NULL)
    served = bourse_market_data_get_resolutions (self->market_data, self->symbol);
  bourse_interval_entry_set_resolutions (self->interval_entry, served);
  /* In the middle of the chart, a third down, as TradingView's box. */
  rect.x = gtk_widget_get_width (GTK_WIDGET (self->chart_view)) / 2;
  rect.y = gtk_widget_get_height (GTK_WIDGET (self->chart_view)) / 3;
  rect.width = rect.height = 1;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->interval_entry), &rect);
  bourse_interval_entry_popup_with_text (self->interval_entry, text);
}

BourseIntervalEntry *
bourse_chart_pane_get_interval_entry (BourseChartPane *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), NULL);
  return self->interval_entry;
}

static gboolean
chart_key_pressed_cb (BourseChartPane       *self,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkEventControllerKey *controller)
{
  gunichar ch = gdk_keyval_to_unicode (keyval);
  char text[8] = { 0 };

  /* Shortcuts with modifiers (Alt+1, Ctrl+K) are the window's. */
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK))
    return FALSE;
  /* "/" opens the Indicators dialog, as on TradingView */
  if (keyval == GDK_KEY_slash || keyval == GDK_KEY_KP_Divide)
    return gtk_widget_activate_action (GTK_WIDGET (self), "win.indicators", NULL);
  if (ch == 0 || !g_unichar_isalnum (ch))
    return FALSE;
  g_unichar_to_utf8 (ch, text);
  if (g_unichar_isdigit (ch))
    {
      bourse_chart_pane_open_interval_entry (self, text);
      return TRUE;
    }
  return gtk_widget_activate_action (GTK_WIDGET (self), "win.symbol-search-text", "s", text);
}

void
_bourse_chart_pane_init_typing (BourseChartPane *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (chart_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->chart_view), keys);

  self->interval_entry = BOURSE_INTERVAL_ENTRY (bourse_interval_entry_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->interval_entry), GTK_WIDGET (self->chart_view));
  g_signal_connect_object (self->interval_entry, "interval-chosen", G_CALLBACK (interval_chosen_cb),
                           self, G_CONNECT_SWAPPED);
}

void
_bourse_chart_pane_dispose_typing (BourseChartPane *self)
{
  if (self->interval_entry != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->interval_entry));
  self->interval_entry = NULL;
}
