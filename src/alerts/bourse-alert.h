/* bourse-alert.h — one price/indicator/drawing alert: condition, frequency, expiry,
 * evaluation on bar updates
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An alert watches a SOURCE series against a TARGET on one symbol and interval:
 *   source  "source-study" NULL → the bar close; else a study spec ("rsi:14") and its
 *           "source-output" (NULL = first output).
 *   target  "drawing" set → that drawing (a line's value, or a channel/rectangle's
 *           bounds, at the bar's time); else "target-study" set → that study's
 *           "target-output" (and "target-output2" for channel conditions, e.g.
 *           bb:20,2 upper/lower); else the constants "value" (and "value2").
 *
 * Conditions (TradingView's): crossing / crossing-up / crossing-down compare with the
 * previous sample and need a fresh cross (never fire on the first sample);
 * greater-than / less-than are states, true → fire; entering-channel /
 * exiting-channel need a fresh transition, inside-channel / outside-channel are
 * states; moving-up / moving-down (by "value" price units) and moving-up-percent /
 * moving-down-percent (by "value" percent) compare the source with its lowest /
 * highest value over the previous "bars" bars.
 *
 * Frequency: once (then the alert stops: state triggered); once-per-bar (evaluates
 * every update of the forming bar, fires at most once per bar); once-per-bar-close
 * (evaluates only closed bars: a bar is closed once a newer bar exists).
 * Expiry: "expires" (UNIX seconds, 0 = never); past it the alert stops (state
 * expired). Samples whose values do not exist yet (NaN) are skipped.
 *
 * The message is a webhook template (see bourse-webhook.h); {{plot_N}} are the
 * source study's outputs. Editing any condition property re-arms the alert.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "bourse-bars.h"
#include "bourse-drawing.h"

G_BEGIN_DECLS

#define BOURSE_ALERT_ERROR (bourse_alert_error_quark ())

typedef enum
{
  BOURSE_ALERT_ERROR_INVALID,   /* inconsistent alert (bad study spec, missing drawing…) */
  BOURSE_ALERT_ERROR_IO,
} BourseAlertError;

GQuark bourse_alert_error_quark (void);

typedef enum
{
  BOURSE_ALERT_CROSSING,
  BOURSE_ALERT_CROSSING_UP,
  BOURSE_ALERT_CROSSING_DOWN,
  BOURSE_ALERT_GREATER_THAN,
  BOURSE_ALERT_LESS_THAN,
  BOURSE_ALERT_ENTERING_CHANNEL,
  BOURSE_ALERT_EXITING_CHANNEL,
  BOURSE_ALERT_INSIDE_CHANNEL,
  BOURSE_ALERT_OUTSIDE_CHANNEL,
  BOURSE_ALERT_MOVING_UP,
  BOURSE_ALERT_MOVING_DOWN,
  BOURSE_ALERT_MOVING_UP_PERCENT,
  BOURSE_ALERT_MOVING_DOWN_PERCENT,
} BourseAlertCondition;

typedef enum
{
  BOURSE_ALERT_ONCE,
  BOURSE_ALERT_ONCE_PER_BAR,
  BOURSE_ALERT_ONCE_PER_BAR_CLOSE,
} BourseAlertFrequency;

typedef enum
{
  BOURSE_ALERT_STATE_ACTIVE,
  BOURSE_ALERT_STATE_TRIGGERED,   /* a "once" alert that fired */
  BOURSE_ALERT_STATE_EXPIRED,
  BOURSE_ALERT_STATE_PAUSED,      /* stopped by the user */
} BourseAlertState;

#define BOURSE_TYPE_ALERT_CONDITION (bourse_alert_condition_get_type ())
#define BOURSE_TYPE_ALERT_FREQUENCY (bourse_alert_frequency_get_type ())
#define BOURSE_TYPE_ALERT_STATE     (bourse_alert_state_get_type ())
GType bourse_alert_condition_get_type (void) G_GNUC_CONST;
GType bourse_alert_frequency_get_type (void) G_GNUC_CONST;
GType bourse_alert_state_get_type     (void) G_GNUC_CONST;

#define BOURSE_TYPE_ALERT (bourse_alert_get_type ())

G_DECLARE_FINAL_TYPE (BourseAlert, bourse_alert, BOURSE, ALERT, GObject)

/* One firing, handed out by bourse_alert_evaluate(). */
typedef struct
{
  gsize  bar_index;   /* the bar the alert fired on */
  gint64 fired_at;    /* @now of the evaluation */
  char  *message;     /* the expanded message */
  char  *fire_id;     /* unique per firing ({{fire.id}}, idempotency key) */
} BourseAlertFiring;

void                 bourse_alert_firing_free      (BourseAlertFiring *firing);

/* A price alert on @symbol against the constant @value; further properties (target,
 * frequency, message, webhook…) through g_object_set() or the setters. */
BourseAlert         *bourse_alert_new              (const char           *symbol,
                                                    BourseAlertCondition  condition,
                                                    double                value);

const char          *bourse_alert_get_id           (BourseAlert *self);
const char          *bourse_alert_get_name         (BourseAlert *self);
const char          *bourse_alert_get_symbol       (BourseAlert *self);
/* Bar interval the alert evaluates on, TradingView-style ("1" minute by default). */
const char          *bourse_alert_get_interval     (BourseAlert *self);
BourseAlertCondition bourse_alert_get_condition    (BourseAlert *self);
BourseAlertFrequency bourse_alert_get_frequency    (BourseAlert *self);
void                 bourse_alert_set_frequency    (BourseAlert *self,
                                                    BourseAlertFrequency frequency);
gint64               bourse_alert_get_expires      (BourseAlert *self);
void                 bourse_alert_set_expires      (BourseAlert *self,
                                                    gint64       expires);
BourseAlertState     bourse_alert_get_state        (BourseAlert *self);
/* Pause (PAUSED) or re-arm (ACTIVE) from the editor; re-arming clears the samples. */
void                 bourse_alert_set_state        (BourseAlert *self,
                                                    BourseAlertState state);
const char          *bourse_alert_get_message      (BourseAlert *self);
void                 bourse_alert_set_message      (BourseAlert *self,
                                                    const char  *message);
const char          *bourse_alert_get_webhook_url  (BourseAlert *self);
void                 bourse_alert_set_webhook_url  (BourseAlert *self,
                                                    const char  *url);
gboolean             bourse_alert_get_webhook_retry (BourseAlert *self);
BourseDrawing       *bourse_alert_get_drawing      (BourseAlert *self);
void                 bourse_alert_set_drawing      (BourseAlert   *self,
                                                    BourseDrawing *drawing);
guint                bourse_alert_get_trigger_count (BourseAlert *self);
gint64               bourse_alert_get_last_triggered (BourseAlert *self);

/* What the alert watches, for lists and notification titles: "BTCUSD close crossing
 * up 100", "AAPL rsi:14 less than 30", "X close entering channel 90 … 110",
 * "X close moving up 5 % within 3 bars", "X close crossing trend-line". */
char                *bourse_alert_dup_description  (BourseAlert *self);

/* Checks that studies parse and outputs and the drawing fit the condition. */
gboolean             bourse_alert_validate         (BourseAlert  *self,
                                                    GError      **error);

/* Evaluates the alert on @bars (its symbol and interval) at time @now (UNIX seconds).
 * Appends a BourseAlertFiring to @firings for each firing and returns how many.
 * Updates state (expired, triggered), trigger-count and last-triggered. */
guint                bourse_alert_evaluate         (BourseAlert      *self,
                                                    const BourseBars *bars,
                                                    gint64            now,
                                                    GPtrArray        *firings);
/* Checks only the expiry; TRUE when it just expired. */
gboolean             bourse_alert_check_expiry     (BourseAlert *self,
                                                    gint64       now);

JsonNode            *bourse_alert_to_json          (BourseAlert *self);
BourseAlert         *bourse_alert_new_from_json    (JsonNode    *node,
                                                    GError     **error);

G_END_DECLS
