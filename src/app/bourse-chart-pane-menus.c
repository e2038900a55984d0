/* bourse-chart-pane-menus.c — the chart pane's right-click menus and the pointer they open at
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A secondary click on the chart view opens, at the pointer, the menu of what
 * is under it, with the items TradingView puts there:
 *   a drawing     settings, clone, lock, hide, bring to front, send to back, remove
 *                 (the drawing is selected first: the "win." drawing actions act on
 *                 the selection);
 *   an order line modify, cancel;  a position line  close, reverse, edit brackets;
 *   the price axis auto scale, normal / log / percent / indexed, invert, reset,
 *                 alert at the price ("pane." actions on that pane's scale);
 *   anywhere else reset the view, alert, buy / sell limit at the price, add an
 *                 indicator, remove all drawings, chart settings, copy the price.
 * Every menu opens with its top-left corner at the pointer (flipped near the
 * screen's edge), as desktop context menus do; so does the axis "+" menu.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "bourse-chart-pane-private.h"
#include "bourse-price.h"

static const char *scale_modes[] = { "normal", "log", "percent", "indexed" };

/* -- pointer ------------------------------------------------------------- */

static void
pointer_motion_cb (BourseChartPane          *self,
                   double                    x,
                   double                    y,
                   GtkEventControllerMotion *controller)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

void
_bourse_chart_pane_popup_at_pointer (BourseChartPane *self,
                                     GtkPopover      *popover)
{
  GdkRectangle rect = { (int) self->pointer_x, (int) self->pointer_y, 1, 1 };

  gtk_popover_set_pointing_to (popover, &rect);
  gtk_popover_popup (popover);
}

/* -- menus --------------------------------------------------------------- */

static void
append_item (GMenu      *menu,
             const char *label,
             const char *action,
             GVariant   *target)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, target);
  g_menu_append_item (menu, item);
}

static GMenu *
drawing_menu (BourseChartPane *self,
              BourseDrawing   *drawing)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) order = g_menu_new ();
  g_autoptr(GMenu) remove = g_menu_new ();

  append_item (edit, _("Settings…"), "win.drawing-settings", NULL);
  append_item (edit, _("Clone"), "win.clone-drawing", NULL);
  append_item (edit, bourse_drawing_get_locked (drawing) ? _("Unlock") : _("Lock"), "win.lock-drawing", NULL);
  append_item (edit, _("Hide"), "win.hide-drawing", NULL);
  append_item (order, _("Bring to Front"), "win.drawing-to-front", NULL);
  append_item (order, _("Send to Back"), "win.drawing-to-back", NULL);
  append_item (remove, _("Remove"), "win.delete-drawing", NULL);
  g_menu_append_section (menu, bourse_drawing_kind_get_title (bourse_drawing_get_kind (drawing)), G_MENU_MODEL (edit));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (order));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (remove));
  return menu;
}

static GMenu *
line_menu (const char *line_id)
{
  GMenu *menu = g_menu_new ();

  if (g_str_has_prefix (line_id, "order:"))
    {
      GVariant *id = g_variant_new_string (line_id + strlen ("order:"));

      g_variant_ref_sink (id);
      append_item (menu, _("Modify Order…"), "win.modify-order", id);
      append_item (menu, _("Cancel Order"), "win.cancel-order", id);
      g_variant_unref (id);
    }
  else if (g_str_has_prefix (line_id, "position:"))
    {
      GVariant *id = g_variant_ref_sink (g_variant_new_string (line_id + strlen ("position:")));

      append_item (menu, _("Close Position"), "win.close-position", id);
      append_item (menu, _("Reverse Position"), "win.reverse-position", id);
      append_item (menu, _("Edit Brackets…"), "win.edit-brackets", id);
      g_variant_unref (id);
    }
  else
    g_clear_object (&menu);
  return menu;
}

static GMenu *
axis_menu (BourseChartPane *self,
           double           price)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) scale = g_menu_new ();
  g_autoptr(GMenu) modes = g_menu_new ();
  g_autoptr(GMenu) other = g_menu_new ();
  const char *labels[] = { N_("Regular"), N_("Logarithmic"), N_("Percent"), N_("Indexed to 100") };
  g_autofree char *price_text = bourse_format_price (price, _bourse_chart_pane_tick (self));
  g_autofree char *alert = g_strdup_printf (_("Add Alert at %s…"), price_text);

  append_item (scale, _("Auto (Fits Data to Screen)"), "pane.price-scale-auto", NULL);
  append_item (scale, _("Reset Price Scale"), "pane.reset-price-scale", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (scale_modes); i++)
    append_item (modes, _(labels[i]), "pane.price-scale-mode", g_variant_new_string (scale_modes[i]));
  append_item (modes, _("Invert Scale"), "pane.price-scale-inverted", NULL);
  append_item (other, alert, "win.add-alert-at", g_variant_new_double (price));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (scale));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (modes));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (other));
  return menu;
}

static GMenu *
chart_menu (BourseChartPane *self,
            double           price)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) view = g_menu_new ();
  g_autoptr(GMenu) trade = g_menu_new ();
  g_autoptr(GMenu) chart = g_menu_new ();
  g_autoptr(GMenu) studies = g_menu_new ();
  const BourseIndicatorInfo *infos = bourse_indicator_list_studies ();
  BourseQuote *quote = self->store ? bourse_broker_store_lookup_quote (self->store, self->symbol) : NULL;
  double market = quote ? bourse_quote_get_last (quote) : NAN;
  double tick = _bourse_chart_pane_tick (self);
  g_autofree char *price_text = NULL;
  g_autofree char *alert = NULL;
  g_autofree char *buy = NULL;
  g_autofree char *sell = NULL;
  g_autofree char *copy = NULL;
  gboolean below;

  price = bourse_round_to_tick (price, tick);
  price_text = bourse_format_price (price, tick);
  below = !(market > 0) || price < market;
  alert = g_strdup_printf (_("Add Alert at %s…"), price_text);
  buy = g_strdup_printf (below ? _("Buy Limit @ %s") : _("Buy Stop @ %s"), price_text);
  sell = g_strdup_printf (below ? _("Sell Stop @ %s") : _("Sell Limit @ %s"), price_text);
  copy = g_strdup_printf (_("Copy Price %s"), price_text);

  append_item (view, _("Reset Chart View"), "win.zoom-reset", NULL);
  append_item (view, copy, "win.copy-price", g_variant_new_double (price));
  append_item (trade, alert, "win.add-alert-at", g_variant_new_double (price));
  append_item (trade, buy, "win.prepare-order", g_variant_new ("(ssd)", "buy", below ? "limit" : "stop", price));
  append_item (trade, sell, "win.prepare-order", g_variant_new ("(ssd)", "sell", below ? "stop" : "limit", price));
  for (guint i = 0; infos[i].name != NULL; i++)
    append_item (studies, infos[i].title, "win.add-indicator", g_variant_new_string (infos[i].name));
  g_menu_append_submenu (chart, _("Add Indicator"), G_MENU_MODEL (studies));
  append_item (chart, _("Remove All Drawings"), "win.drawings-remove-all", NULL);
  append_item (chart, _("Chart Settings…"), "win.chart-settings", NULL);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (view));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (trade));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (chart));
  return menu;
}

static void
set_menu_pane (BourseChartPane *self,
               guint            pane_id)
{
  self->menu_pane = pane_id;
  /* The "pane." scale actions now show that pane's state. */
  g_object_notify (G_OBJECT (self), "price-scale-mode");
  g_object_notify (G_OBJECT (self), "price-scale-inverted");
  g_object_notify (G_OBJECT (self), "price-scale-auto");
}

void
bourse_chart_pane_popup_context_menu (BourseChartPane *self,
                                      double           x,
                                      double           y)
{
  BourseChartRenderer *renderer;
  g_autoptr(GMenu) menu = NULL;
  BourseChartPaneGeometry g;
  BourseChartHit hit;

  g_return_if_fail (BOURSE_IS_CHART_PANE (self));

  renderer = bourse_chart_view_get_renderer (self->chart_view);
  self->pointer_x = x;
  self->pointer_y = y;
  bourse_chart_renderer_hit_test (renderer, x, y, &hit);
  switch (hit.kind)
    {
    case BOURSE_CHART_HIT_PRICE_LINE:
    case BOURSE_CHART_HIT_PRICE_LINE_CLOSE:
      menu = line_menu (hit.price_line_id);
      break;
    case BOURSE_CHART_HIT_PRICE_AXIS:
    case BOURSE_CHART_HIT_ORDER_BUTTON:
      set_menu_pane (self, hit.pane_id);
      menu = axis_menu (self, hit.price);
      break;
    case BOURSE_CHART_HIT_PANE:
      if (hit.pane_id == BOURSE_CHART_MAIN_PANE &&
          bourse_chart_renderer_get_pane_geometry (renderer, hit.pane_id, &g))
        {
          BourseDrawing *drawing = bourse_drawing_layer_pick (self->drawing_layer, &g, x - g.x, y - g.y, 6);

          if (drawing != NULL)
            {
              bourse_drawing_layer_set_selected (self->drawing_layer, drawing);
              menu = drawing_menu (self, drawing);
              break;
            }
        }
      menu = chart_menu (self, hit.price);
      break;
    case BOURSE_CHART_HIT_TIME_AXIS:
    case BOURSE_CHART_HIT_SEPARATOR:
    case BOURSE_CHART_HIT_NONE:
    default:
      break;
    }
  if (menu == NULL)
    return;
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_popover), G_MENU_MODEL (menu));
  _bourse_chart_pane_popup_at_pointer (self, self->context_popover);
}

GtkPopover *
bourse_chart_pane_get_context_popover (BourseChartPane *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_PANE (self), NULL);
  return self->context_popover;
}

static void
secondary_pressed_cb (BourseChartPane *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->chart_view));
  bourse_chart_pane_popup_context_menu (self, x, y);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* -- price scale of the menu's pane ----------------------------------------- */

const char *
_bourse_chart_pane_get_scale_mode (BourseChartPane *self)
{
  BoursePriceScaleMode mode = bourse_chart_get_pane_scale_mode (self->chart, self->menu_pane);

  return mode < G_N_ELEMENTS (scale_modes) ? scale_modes[mode] : scale_modes[0];
}

void
_bourse_chart_pane_set_scale_mode (BourseChartPane *self,
                                   const char      *mode)
{
  for (guint i = 0; mode != NULL && i < G_N_ELEMENTS (scale_modes); i++)
    if (g_str_equal (mode, scale_modes[i]))
      bourse_chart_set_pane_scale_mode (self->chart, self->menu_pane, i);
}

static void
reset_price_scale_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  BourseChartPane *self = BOURSE_CHART_PANE (widget);

  bourse_chart_reset_pane_scale (self->chart, self->menu_pane);
  g_object_notify (G_OBJECT (self), "price-scale-auto");
}

void
_bourse_chart_pane_class_init_menus (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_property_action (widget_class, "pane.price-scale-mode", "price-scale-mode");
  gtk_widget_class_install_property_action (widget_class, "pane.price-scale-inverted", "price-scale-inverted");
  gtk_widget_class_install_property_action (widget_class, "pane.price-scale-auto", "price-scale-auto");
  gtk_widget_class_install_action (widget_class, "pane.reset-price-scale", NULL, reset_price_scale_action);
}

void
_bourse_chart_pane_init_menus (BourseChartPane *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->menu_pane = BOURSE_CHART_MAIN_PANE;
  /* Nested: the "Add Indicator" submenu opens beside, and the menu is sized to its own items. */
  self->context_popover = GTK_POPOVER (gtk_popover_menu_new_from_model_full (NULL, GTK_POPOVER_MENU_NESTED));
  gtk_popover_set_has_arrow (self->context_popover, FALSE);
  gtk_popover_set_position (self->context_popover, GTK_POS_BOTTOM);
  gtk_widget_set_halign (GTK_WIDGET (self->context_popover), GTK_ALIGN_START);
  gtk_widget_set_parent (GTK_WIDGET (self->context_popover), GTK_WIDGET (self->chart_view));

  /* The "+" menu too opens where it was clicked. */
  gtk_popover_set_has_arrow (self->order_popover, FALSE);
  gtk_popover_set_position (self->order_popover, GTK_POS_BOTTOM);
  gtk_widget_set_halign (GTK_WIDGET (self->order_popover), GTK_ALIGN_START);

  controller = gtk_event_controller_motion_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "motion", G_CALLBACK (pointer_motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "enter", G_CALLBACK (pointer_motion_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->chart_view), controller);

  /* Delete and BackSpace remove the selected drawing while the chart has the focus. */
  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                                                       gtk_keyval_trigger_new (GDK_KEY_BackSpace, 0)),
                                                          gtk_named_action_new ("win.delete-drawing")));
  gtk_widget_add_controller (GTK_WIDGET (self->chart_view), controller);

  /* Undo and redo wherever the focus is in the window (text fields keep their own). */
  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("win.undo")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                                                       gtk_keyval_trigger_new (GDK_KEY_y, GDK_CONTROL_MASK)),
                                                          gtk_named_action_new ("win.redo")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (secondary_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->chart_view), GTK_EVENT_CONTROLLER (gesture));
}

void
_bourse_chart_pane_dispose_menus (BourseChartPane *self)
{
  if (self->context_popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->context_popover));
  self->context_popover = NULL;
}
