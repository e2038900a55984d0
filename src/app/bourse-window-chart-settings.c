/* bourse-window-chart-settings.c — the window's chart settings: the settings dialog, one-click trading
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * win.chart-settings opens the chart settings dialog on the window's
 * settings and chart view. win.one-click-trading is a stateful action whose
 * state follows the "one-click-trading" setting; the first time it is turned
 * on it asks for consent, as orders then go out without a confirmation.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-chart-settings-dialog.h"
#include "bourse-window-private.h"

static void
bourse_window_chart_settings_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  BourseWindow *self = user_data;
  BourseChartSettingsDialog *dialog = bourse_chart_settings_dialog_new (self->settings, self->chart_view);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  /* As TradingView's: one at a time, the chart behind shows each change. */
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
one_click_consent_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      BourseWindow     *self)
{
  GSettings *settings = bourse_settings_get_gsettings (self->settings);

  if (g_strcmp0 (response, "enable") != 0)
    return;
  g_settings_set_boolean (settings, BOURSE_SETTINGS_KEY_ONE_CLICK_CONSENTED, TRUE);
  g_settings_set_boolean (settings, BOURSE_SETTINGS_KEY_ONE_CLICK_TRADING, TRUE);
}

/* The state is the "one-click-trading" setting; turning it on the first
 * time asks first, as the orders then go out without a confirmation. */
static void
bourse_window_one_click_trading_change_state (GSimpleAction *action,
                                              GVariant      *value,
                                              gpointer       user_data)
{
  BourseWindow *self = user_data;
  GSettings *settings = bourse_settings_get_gsettings (self->settings);
  gboolean on = g_variant_get_boolean (value);
  GtkWidget *dialog;

  if (!on || g_settings_get_boolean (settings, BOURSE_SETTINGS_KEY_ONE_CLICK_CONSENTED))
    {
      g_settings_set_boolean (settings, BOURSE_SETTINGS_KEY_ONE_CLICK_TRADING, on);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Turn On One-Click Trading?"),
                                   _("Buy and Sell buttons appear on the chart. A click on one sends a market "
                                     "order at once, without asking for confirmation. Market orders fill at the "
                                     "broker’s price, which can differ from the price shown.\n\n"
                                     "Turn it off again with the 1-Click button on the chart."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "enable", _("_Turn On"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "enable", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (one_click_consent_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
one_click_setting_changed_cb (BourseWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "one-click-trading");
  gboolean on = g_settings_get_boolean (bourse_settings_get_gsettings (self->settings),
                                        BOURSE_SETTINGS_KEY_ONE_CLICK_TRADING);

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (on));
}

static const GActionEntry chart_settings_actions[] = {
  { "chart-settings", bourse_window_chart_settings_action },
  { "one-click-trading", NULL, NULL, "false", bourse_window_one_click_trading_change_state },
};

void
_bourse_window_add_chart_settings_actions (BourseWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), chart_settings_actions, G_N_ELEMENTS (chart_settings_actions),
                                   self);
  g_signal_connect_object (bourse_settings_get_gsettings (self->settings), "changed::" BOURSE_SETTINGS_KEY_ONE_CLICK_TRADING,
                           G_CALLBACK (one_click_setting_changed_cb), self, G_CONNECT_SWAPPED);
  one_click_setting_changed_cb (self);
}
