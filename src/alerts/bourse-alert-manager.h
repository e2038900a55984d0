/* bourse-alert-manager.h — the display-free alert engine: holds alerts, evaluates
 * them on bar and quote updates, fires webhooks, keeps the log, persists the list
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lives as long as the application, not the window, so alerts keep running in the
 * background: the app holds itself alive while "n-active" > 0 and feeds the manager
 * from its broker stream.
 *
 * Feeding:
 *   bourse_alert_manager_process_quote()  each trade/quote price; the manager builds
 *       1-minute bars per symbol (TradingView evaluates price alerts on 1-minute bars)
 *       and evaluates the symbol's alerts whose interval is "1".
 *   bourse_alert_manager_process_bars()   a bar series of some interval (e.g. the
 *       chart's), evaluates the alerts of that symbol and interval.
 * Reacting:
 *   ::alert-triggered (BourseAlert *alert, BourseAlertEvent *event) for each firing,
 *       event's message already expanded: the app shows a GNotification from it.
 *   The log (get_log(), newest last, at most 1000 entries, the last 200 saved with
 *   the alerts) lists BourseAlertEvents;
 *   an alert with a webhook-url gets its POST sent (retries when "webhook-retry"),
 *   and the event's "delivery" is set when it finishes. resend() sends again.
 * Editing (the alert editor):
 *   create a BourseAlert, bourse_alert_validate() it and show the error, check the
 *   webhook with bourse_webhook_lint(), then add_alert(); edit properties in place
 *   (they re-arm it); remove_alert(). The list is saved to "file" shortly after every
 *   change (and by save()); load() at start-up.
 */
#pragma once

#include <gio/gio.h>

#include "bourse-alert.h"
#include "bourse-alert-event.h"
#include "bourse-bars.h"
#include "bourse-market-data.h"
#include "bourse-webhook-client.h"

G_BEGIN_DECLS

#define BOURSE_ALERT_LOG_MAX 1000

#define BOURSE_TYPE_ALERT_MANAGER (bourse_alert_manager_get_type ())

G_DECLARE_FINAL_TYPE (BourseAlertManager, bourse_alert_manager, BOURSE, ALERT_MANAGER, GObject)

/* @file: where the alert list is kept (NULL: not persisted). */
BourseAlertManager  *bourse_alert_manager_new                (GFile              *file);
GFile               *bourse_alert_manager_get_file           (BourseAlertManager *self);
/* The client for single-attempt webhooks (@retrying FALSE) or for alerts that
 * opted into retries (TRUE, 3 attempts); configure timeouts etc. on them. */
BourseWebhookClient *bourse_alert_manager_get_webhook_client (BourseAlertManager *self,
                                                              gboolean            retrying);

GListModel          *bourse_alert_manager_get_alerts         (BourseAlertManager *self);
GListModel          *bourse_alert_manager_get_log            (BourseAlertManager *self);
guint                bourse_alert_manager_get_n_active       (BourseAlertManager *self);
BourseAlert         *bourse_alert_manager_find_alert         (BourseAlertManager *self,
                                                              const char         *id);

gboolean             bourse_alert_manager_add_alert          (BourseAlertManager *self,
                                                              BourseAlert        *alert,
                                                              GError            **error);
void                 bourse_alert_manager_remove_alert       (BourseAlertManager *self,
                                                              BourseAlert        *alert);

/* Both return the number of firings. @now is UNIX seconds (the firing time). */
guint                bourse_alert_manager_process_bars       (BourseAlertManager *self,
                                                              const char         *symbol,
                                                              const char         *interval,
                                                              const BourseBars   *bars,
                                                              gint64              now);
guint                bourse_alert_manager_process_quote      (BourseAlertManager *self,
                                                              const char         *symbol,
                                                              gint64              time,
                                                              double              price,
                                                              double              volume);
/* Gives @symbol's 1-minute bars (the ones process_quote() builds) a history, e.g.
 * the chart's 1-minute bars or a REST history fetch, so indicator alerts on quotes
 * (an RSI(14) needs 15 bars) work from the first quote instead of after a warm-up.
 * Bars of @history must be 1-minute bars in ascending time; bars already built
 * from quotes that are newer than @history's last bar are kept after it. */
void                 bourse_alert_manager_set_history        (BourseAlertManager *self,
                                                              const char         *symbol,
                                                              const BourseBars   *history);
void                 bourse_alert_manager_set_market_data    (BourseAlertManager *self,
                                                              BourseMarketData   *market_data);
/* What {{exchange}} becomes for alerts on @symbol (every symbol without one
 * when @symbol is NULL) that name no exchange themselves. */
void                 bourse_alert_manager_set_exchange       (BourseAlertManager *self,
                                                              const char         *symbol,
                                                              const char         *exchange);
const char          *bourse_alert_manager_lookup_exchange    (BourseAlertManager *self,
                                                              const char         *symbol);
/* Expires what is due at @now (also done by a timer at the earliest expiry). */
void                 bourse_alert_manager_check_expiry       (BourseAlertManager *self,
                                                              gint64              now);

/* Sends @event's message again to its alert's webhook; updates its "delivery". */
void                 bourse_alert_manager_resend             (BourseAlertManager *self,
                                                              BourseAlertEvent   *event);

gboolean             bourse_alert_manager_load               (BourseAlertManager *self,
                                                              GError            **error);
gboolean             bourse_alert_manager_save               (BourseAlertManager *self,
                                                              GError            **error);

G_END_DECLS
