/* bourse-alert.c — one price/indicator/drawing alert: condition, frequency, expiry,
 * evaluation on bar updates
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bourse-alert.h"
#include "bourse-indicator.h"
#include "bourse-webhook.h"

#define DEFAULT_MESSAGE "{{ticker}} alert: close {{close}} at {{time}}"

typedef struct
{
  double v;   /* source */
  double a;   /* target, or the channel's upper bound */
  double b;   /* the channel's lower bound */
} Sample;

struct _BourseAlert
{
  GObject parent_instance;

  /* owned configuration */
  char                 *id;
  char                 *name;
  char                 *symbol;
  char                 *exchange;
  char                 *interval;
  char                 *source_study;
  char                 *source_output;
  char                 *target_study;
  char                 *target_output;
  char                 *target_output2;
  char                 *message;
  char                 *webhook_url;
  BourseDrawing        *drawing;
  BourseAlertCondition  condition;
  BourseAlertFrequency  frequency;
  BourseAlertState      state;
  double                value;
  double                value2;
  guint                 bars;
  gint64                expires;
  guint                 trigger_count;
  gint64                last_triggered;
  guint                 webhook_retry : 1;

  /* runtime, not persisted: cleared whenever the condition changes */
  BourseIndicator      *source_ind;
  BourseIndicator      *target_ind;
  int                   source_out;
  int                   target_out;
  int                   target_out2;
  Sample                prev;
  gint64                last_fired_bar;
  gint64                closed_mark;
  guint                 have_prev : 1;
  guint                 have_closed_mark : 1;
  guint                 studies_failed : 1;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_SYMBOL,
  PROP_EXCHANGE,
  PROP_INTERVAL,
  PROP_SOURCE_STUDY,
  PROP_SOURCE_OUTPUT,
  PROP_CONDITION,
  PROP_VALUE,
  PROP_VALUE2,
  PROP_TARGET_STUDY,
  PROP_TARGET_OUTPUT,
  PROP_TARGET_OUTPUT2,
  PROP_DRAWING,
  PROP_BARS,
  PROP_FREQUENCY,
  PROP_EXPIRES,
  PROP_MESSAGE,
  PROP_WEBHOOK_URL,
  PROP_WEBHOOK_RETRY,
  PROP_STATE,
  PROP_TRIGGER_COUNT,
  PROP_LAST_TRIGGERED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BourseAlert, bourse_alert, G_TYPE_OBJECT)

G_DEFINE_QUARK (bourse-alert-error-quark, bourse_alert_error)

G_DEFINE_ENUM_TYPE (BourseAlertCondition, bourse_alert_condition,
  G_DEFINE_ENUM_VALUE (BOURSE_ALERT_CROSSING, "crossing"),
  G_DEFINE_ENUM_VALUE (BOURSE_ALERT_CROSSING_UP, "crossing-up"),
  G_DEFINE_ENUM_VALUE (BOURSE_ALERT_CROSSING_DOWN, "crossing-down"),
  G_DEFINE_ENUM_VALUE (BOURSE_ALERT_GREATER_THAN, "greater-than"),
  G_DEFINE_ENUM_VALUE (BOURSE_ALERT_LESS_THAN, "less-than"),
  G_DEFINE_ENUM_VALUE (BOURSE_ALERT_ENTERING_CHANNEL, "entering-channel"),
  G_DEFINE_ENUM_VALUE (BOURSE_ALERT_EXITING_CHANNEL, "exiting-channel"),
  G_DEFINE_ENUM_VALUE (BOURSE_ALERT_INSIDE_CHANNEL, "inside-channel"),
  G_DEFINE_ENUM_VALUE (BOURSE_ALERT_OUTSIDE_CHANNEL, "outside-channel"),
  G_DEFINE_ENUM_VALUE (BOURSE_ALERT_MOVING_UP, "moving-up"),
  G_DEFINE_ENUM_VALUE (BOURSE_ALERT_MOVING_DOWN, "moving-down"),
  G_DEFINE_ENUM_VALUE (BOURSE_ALERT_MOVING_UP_PERCENT, "moving-up-percent"),
  G_DEFINE_ENUM_VALUE (BOURSE_ALERT_MOVING_DOWN_PERCENT, "moving-down-percent"))

G_DEFINE_ENUM_TYPE (BourseAlertFrequency, bourse_alert_frequency,
  G_DEFINE_ENUM_VALUE (BOURSE_ALERT_ONCE, "once"),
  G_DEFINE_ENUM_VALUE (BOURSE_ALERT_ONCE_PER_BAR, "once-per-bar"),
  G_DEFINE_ENUM_VALUE (BOURSE_ALERT_ONCE_PER_BAR_CLOSE, "once-per-bar-close"))

G_DEFINE_ENUM_TYPE (BourseAlertState, bourse_alert_state,
  G_DEFINE_ENUM_VALUE (BOURSE_ALERT_STATE_ACTIVE, "active"),
  G_DEFINE_ENUM_VALUE (BOURSE_ALERT_STATE_TRIGGERED, "triggered"),
  G_DEFINE_ENUM_VALUE (BOURSE_ALERT_STATE_EXPIRED, "expired"),
  G_DEFINE_ENUM_VALUE (BOURSE_ALERT_STATE_PAUSED, "paused"))

void
bourse_alert_firing_free (BourseAlertFiring *firing)
{
  if (firing == NULL)
    return;
  g_free (firing->message);
  g_free (firing->fire_id);
  g_free (firing);
}

static gboolean
is_channel_condition (BourseAlertCondition c)
{
  return c >= BOURSE_ALERT_ENTERING_CHANNEL && c <= BOURSE_ALERT_OUTSIDE_CHANNEL;
}

static gboolean
is_moving_condition (BourseAlertCondition c)
{
  return c >= BOURSE_ALERT_MOVING_UP;
}

/* Forget samples and studies: the next evaluation arms the alert again. */
static void
rearm (BourseAlert *self)
{
  g_clear_object (&self->source_ind);
  g_clear_object (&self->target_ind);
  self->have_prev = FALSE;
  self->have_closed_mark = FALSE;
  self->studies_failed = FALSE;
  self->last_fired_bar = G_MININT64;
}

static void
drawing_changed_cb (BourseAlert   *self,
                    BourseDrawing *drawing)
{
  /* The line moved under the price: an old sample would fake a cross. */
  self->have_prev = FALSE;
  self->have_closed_mark = FALSE;
}

static gboolean
ensure_studies (BourseAlert  *self,
                GError      **error)
{
  if (self->source_study != NULL && self->source_ind == NULL)
    {
      g_autoptr(BourseIndicator) ind = bourse_indicator_new_from_spec (self->source_study, error);

      if (ind == NULL)
        return FALSE;
      self->source_out = self->source_output ? bourse_indicator_find_output (ind, self->source_output) : 0;
      if (self->source_out < 0)
        {
          g_set_error (error, BOURSE_ALERT_ERROR, BOURSE_ALERT_ERROR_INVALID,
                       "Study %s has no output “%s”", self->source_study, self->source_output);
          return FALSE;
        }
      self->source_ind = g_steal_pointer (&ind);
    }
  if (self->drawing == NULL && self->target_study != NULL && self->target_ind == NULL)
    {
      g_autoptr(BourseIndicator) ind = bourse_indicator_new_from_spec (self->target_study, error);
      const char *second = self->target_output2;

      if (ind == NULL)
        return FALSE;
      self->target_out = self->target_output ? bourse_indicator_find_output (ind, self->target_output) : 0;
      /* Channel conditions on a band study default to its first and last outputs. */
      self->target_out2 = second ? bourse_indicator_find_output (ind, second)
                                 : (int) bourse_indicator_get_n_outputs (ind) - 1;
      if (self->target_out < 0 || self->target_out2 < 0)
        {
          g_set_error (error, BOURSE_ALERT_ERROR, BOURSE_ALERT_ERROR_INVALID,
                       "Study %s has no output “%s”", self->target_study,
                       self->target_out < 0 ? self->target_output : second);
          return FALSE;
        }
      self->target_ind = g_steal_pointer (&ind);
    }
  return TRUE;
}

static double
source_value (BourseAlert      *self,
              const BourseBars *bars,
              gsize             i)
{
  if (self->source_ind != NULL)
    return bourse_indicator_get_value (self->source_ind, self->source_out, i);
  return bars->close[i];
}

static gboolean
sample_at (BourseAlert      *self,
           const BourseBars *bars,
           gsize             i,
           Sample           *s)
{
  s->v = source_value (self, bars, i);
  s->a = s->b = 0;

  if (is_channel_condition (self->condition))
    {
      if (self->drawing != NULL)
        {
          if (!bourse_drawing_channel_at (self->drawing, bars->time[i], &s->a, &s->b))
            return FALSE;
        }
      else if (self->target_ind != NULL)
        {
          s->a = bourse_indicator_get_value (self->target_ind, self->target_out, i);
          s->b = bourse_indicator_get_value (self->target_ind, self->target_out2, i);
        }
      else
        {
          s->a = self->value;
          s->b = self->value2;
        }
      if (s->a < s->b)
        {
          double t = s->a;
          s->a = s->b;
          s->b = t;
        }
    }
  else if (!is_moving_condition (self->condition))
    {
      if (self->drawing != NULL)
        {
          if (!bourse_drawing_value_at (self->drawing, bars->time[i], &s->a))
            return FALSE;
        }
      else if (self->target_ind != NULL)
        s->a = bourse_indicator_get_value (self->target_ind, self->target_out, i);
      else
        s->a = self->value;
    }
  return isfinite (s->v) && isfinite (s->a) && isfinite (s->b);
}

static gboolean
inside (const Sample *s)
{
  return s->v >= s->b && s->v <= s->a;
}

static gboolean
condition_holds (BourseAlert      *self,
                 const Sample     *prev,
                 const Sample     *cur,
                 const BourseBars *bars,
                 gsize             i)
{
  double d = cur->v - cur->a;
  double pd = prev ? prev->v - prev->a : 0;

  switch (self->condition)
    {
    case BOURSE_ALERT_CROSSING:
      return prev && ((pd <= 0 && d > 0) || (pd >= 0 && d < 0));
    case BOURSE_ALERT_CROSSING_UP:
      return prev && pd <= 0 && d > 0;
    case BOURSE_ALERT_CROSSING_DOWN:
      return prev && pd >= 0 && d < 0;
    case BOURSE_ALERT_GREATER_THAN:
      return d > 0;
    case BOURSE_ALERT_LESS_THAN:
      return d < 0;
    case BOURSE_ALERT_ENTERING_CHANNEL:
      return prev && !inside (prev) && inside (cur);
    case BOURSE_ALERT_EXITING_CHANNEL:
      return prev && inside (prev) && !inside (cur);
    case BOURSE_ALERT_INSIDE_CHANNEL:
      return inside (cur);
    case BOURSE_ALERT_OUTSIDE_CHANNEL:
      return !inside (cur);
    case BOURSE_ALERT_MOVING_UP:
    case BOURSE_ALERT_MOVING_DOWN:
    case BOURSE_ALERT_MOVING_UP_PERCENT:
    case BOURSE_ALERT_MOVING_DOWN_PERCENT:
      {
        double lo = INFINITY, hi = -INFINITY;

        if (self->bars == 0 || i < self->bars)
          return FALSE;
        for (gsize k = i - self->bars; k < i; k++)
          {
            double v = source_value (self, bars, k);
            if (!isfinite (v))
              return FALSE;
            lo = MIN (lo, v);
            hi = MAX (hi, v);
          }
        switch (self->condition)
          {
          case BOURSE_ALERT_MOVING_UP:
            return cur->v - lo >= self->value;
          case BOURSE_ALERT_MOVING_DOWN:
            return hi - cur->v >= self->value;
          case BOURSE_ALERT_MOVING_UP_PERCENT:
            return lo > 0 && (cur->v - lo) / lo * 100 >= self->value;
          default:
            return hi > 0 && (hi - cur->v) / hi * 100 >= self->value;
          }
      }
    default:
      return FALSE;
    }
}

static BourseAlertFiring *
make_firing (BourseAlert      *self,
             const BourseBars *bars,
             gsize             i,
             gint64            now)
{
  BourseAlertFiring *firing = g_new0 (BourseAlertFiring, 1);
  double plots[BOURSE_WEBHOOK_MAX_PLOTS];
  guint n_plots = 0;
  g_autofree char *exchange = NULL;
  const char *ticker = self->symbol;
  const char *colon = strchr (self->symbol, ':');
  BourseWebhookContext ctx = { 0 };

  if (colon != NULL)
    {
      exchange = g_strndup (self->symbol, colon - self->symbol);
      ticker = colon + 1;
    }
  if (self->source_ind != NULL)
    {
      n_plots = MIN (bourse_indicator_get_n_outputs (self->source_ind), BOURSE_WEBHOOK_MAX_PLOTS);
      for (guint o = 0; o < n_plots; o++)
        plots[o] = bourse_indicator_get_value (self->source_ind, o, i);
    }

  firing->bar_index = i;
  firing->fired_at = now;
  firing->fire_id = g_uuid_string_random ();

  ctx.ticker = ticker;
  ctx.exchange = self->exchange ? self->exchange : exchange;
  ctx.interval = self->interval;
  ctx.open = bars->open[i];
  ctx.high = bars->high[i];
  ctx.low = bars->low[i];
  ctx.close = bars->close[i];
  ctx.volume = bars->volume[i];
  ctx.time = bars->time[i];
  ctx.timenow = now;
  ctx.plots = plots;
  ctx.n_plots = n_plots;
  ctx.alert_id = self->id;
  ctx.fire_id = firing->fire_id;
  firing->message = bourse_webhook_expand (self->message ? self->message : DEFAULT_MESSAGE, &ctx, NULL);
  return firing;
}

static void
set_state (BourseAlert      *self,
           BourseAlertState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
fire (BourseAlert      *self,
      const BourseBars *bars,
      gsize             i,
      gint64            now,
      GPtrArray        *firings)
{
  self->trigger_count++;
  self->last_triggered = now;
  self->last_fired_bar = bars->time[i];
  if (firings != NULL)
    g_ptr_array_add (firings, make_firing (self, bars, i, now));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRIGGER_COUNT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_TRIGGERED]);
  if (self->frequency == BOURSE_ALERT_ONCE)
    set_state (self, BOURSE_ALERT_STATE_TRIGGERED);
}

static void
bourse_alert_dispose (GObject *object)
{
  BourseAlert *self = BOURSE_ALERT (object);

  rearm (self);
  g_clear_object (&self->drawing);

  G_OBJECT_CLASS (bourse_alert_parent_class)->dispose (object);
}

static void
bourse_alert_finalize (GObject *object)
{
  BourseAlert *self = BOURSE_ALERT (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->symbol);
  g_free (self->exchange);
  g_free (self->interval);
  g_free (self->source_study);
  g_free (self->source_output);
  g_free (self->target_study);
  g_free (self->target_output);
  g_free (self->target_output2);
  g_free (self->message);
  g_free (self->webhook_url);

  G_OBJECT_CLASS (bourse_alert_parent_class)->finalize (object);
}

static char **
string_field (BourseAlert *self,
              guint        prop_id)
{
  switch (prop_id)
    {
    case PROP_ID: return &self->id;
    case PROP_NAME: return &self->name;
    case PROP_SYMBOL: return &self->symbol;
    case PROP_EXCHANGE: return &self->exchange;
    case PROP_INTERVAL: return &self->interval;
    case PROP_SOURCE_STUDY: return &self->source_study;
    case PROP_SOURCE_OUTPUT: return &self->source_output;
    case PROP_TARGET_STUDY: return &self->target_study;
    case PROP_TARGET_OUTPUT: return &self->target_output;
    case PROP_TARGET_OUTPUT2: return &self->target_output2;
    case PROP_MESSAGE: return &self->message;
    case PROP_WEBHOOK_URL: return &self->webhook_url;
    default: return NULL;
    }
}

static gboolean
prop_rearms (guint prop_id)
{
  switch (prop_id)
    {
    case PROP_SYMBOL: case PROP_INTERVAL: case PROP_SOURCE_STUDY: case PROP_SOURCE_OUTPUT:
    case PROP_CONDITION: case PROP_VALUE: case PROP_VALUE2: case PROP_TARGET_STUDY:
    case PROP_TARGET_OUTPUT: case PROP_TARGET_OUTPUT2: case PROP_DRAWING: case PROP_BARS:
    case PROP_FREQUENCY:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
bourse_alert_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BourseAlert *self = BOURSE_ALERT (object);
  char **field = string_field (self, prop_id);

  if (field != NULL)
    {
      g_value_set_string (value, *field);
      return;
    }
  switch (prop_id)
    {
    case PROP_CONDITION: g_value_set_enum (value, self->condition); break;
    case PROP_VALUE: g_value_set_double (value, self->value); break;
    case PROP_VALUE2: g_value_set_double (value, self->value2); break;
    case PROP_DRAWING: g_value_set_object (value, self->drawing); break;
    case PROP_BARS: g_value_set_uint (value, self->bars); break;
    case PROP_FREQUENCY: g_value_set_enum (value, self->frequency); break;
    case PROP_EXPIRES: g_value_set_int64 (value, self->expires); break;
    case PROP_WEBHOOK_RETRY: g_value_set_boolean (value, self->webhook_retry); break;
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_TRIGGER_COUNT: g_value_set_uint (value, self->trigger_count); break;
    case PROP_LAST_TRIGGERED: g_value_set_int64 (value, self->last_triggered); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_alert_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BourseAlert *self = BOURSE_ALERT (object);
  char **field = string_field (self, prop_id);
  gboolean changed = FALSE;

  if (field != NULL)
    {
      const char *s = g_value_get_string (value);

      if (prop_id == PROP_ID)
        {
          if (s != NULL)
            {
              g_free (*field);
              *field = g_strdup (s);
            }
          return;
        }
      if (prop_id == PROP_SYMBOL && (s == NULL || *s == '\0'))
        s = "?";
      if (prop_id == PROP_INTERVAL && (s == NULL || *s == '\0'))
        s = "1";
      if (g_strcmp0 (*field, s) != 0)
        {
          g_free (*field);
          *field = g_strdup (s);
          changed = TRUE;
        }
    }
  else
    switch (prop_id)
      {
      case PROP_CONDITION:
        changed = self->condition != (BourseAlertCondition) g_value_get_enum (value);
        self->condition = g_value_get_enum (value);
        break;
      case PROP_VALUE:
        changed = self->value != g_value_get_double (value);
        self->value = g_value_get_double (value);
        break;
      case PROP_VALUE2:
        changed = self->value2 != g_value_get_double (value);
        self->value2 = g_value_get_double (value);
        break;
      case PROP_DRAWING:
        bourse_alert_set_drawing (self, g_value_get_object (value));
        return;
      case PROP_BARS:
        changed = self->bars != g_value_get_uint (value);
        self->bars = g_value_get_uint (value);
        break;
      case PROP_FREQUENCY:
        changed = self->frequency != (BourseAlertFrequency) g_value_get_enum (value);
        self->frequency = g_value_get_enum (value);
        break;
      case PROP_EXPIRES:
        changed = self->expires != g_value_get_int64 (value);
        self->expires = g_value_get_int64 (value);
        break;
      case PROP_WEBHOOK_RETRY:
        changed = self->webhook_retry != (guint) !!g_value_get_boolean (value);
        self->webhook_retry = !!g_value_get_boolean (value);
        break;
      case PROP_STATE:
        bourse_alert_set_state (self, g_value_get_enum (value));
        return;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
        return;
      }

  if (changed)
    {
      if (prop_rearms (prop_id))
        rearm (self);
      g_object_notify_by_pspec (object, pspec);
    }
}

static void
bourse_alert_class_init (BourseAlertClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = bourse_alert_dispose;
  object_class->finalize = bourse_alert_finalize;
  object_class->get_property = bourse_alert_get_property;
  object_class->set_property = bourse_alert_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL,
                                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  /* "BTCUSD" or "EXCHANGE:TICKER" ({{exchange}} comes from the prefix). */
  properties[PROP_SYMBOL] = g_param_spec_string ("symbol", NULL, NULL, "?", rw | G_PARAM_CONSTRUCT);
  properties[PROP_EXCHANGE] = g_param_spec_string ("exchange", NULL, NULL, NULL, rw);
  properties[PROP_INTERVAL] = g_param_spec_string ("interval", NULL, NULL, "1", rw | G_PARAM_CONSTRUCT);
  properties[PROP_SOURCE_STUDY] = g_param_spec_string ("source-study", NULL, NULL, NULL, rw);
  properties[PROP_SOURCE_OUTPUT] = g_param_spec_string ("source-output", NULL, NULL, NULL, rw);
  properties[PROP_CONDITION] = g_param_spec_enum ("condition", NULL, NULL, BOURSE_TYPE_ALERT_CONDITION,
                                                  BOURSE_ALERT_CROSSING, rw);
  properties[PROP_VALUE] = g_param_spec_double ("value", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, rw);
  properties[PROP_VALUE2] = g_param_spec_double ("value2", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, rw);
  properties[PROP_TARGET_STUDY] = g_param_spec_string ("target-study", NULL, NULL, NULL, rw);
  properties[PROP_TARGET_OUTPUT] = g_param_spec_string ("target-output", NULL, NULL, NULL, rw);
  properties[PROP_TARGET_OUTPUT2] = g_param_spec_string ("target-output2", NULL, NULL, NULL, rw);
  properties[PROP_DRAWING] = g_param_spec_object ("drawing", NULL, NULL, BOURSE_TYPE_DRAWING, rw);
  /* N of "moving … within N bars". */
  properties[PROP_BARS] = g_param_spec_uint ("bars", NULL, NULL, 0, 100000, 1, rw);
  properties[PROP_FREQUENCY] = g_param_spec_enum ("frequency", NULL, NULL, BOURSE_TYPE_ALERT_FREQUENCY,
                                                  BOURSE_ALERT_ONCE, rw);
  properties[PROP_EXPIRES] = g_param_spec_int64 ("expires", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, rw);
  properties[PROP_WEBHOOK_URL] = g_param_spec_string ("webhook-url", NULL, NULL, NULL, rw);
  /* Opt-in bounded retry with an Idempotency-Key (the manager's client decides how many). */
  properties[PROP_WEBHOOK_RETRY] = g_param_spec_boolean ("webhook-retry", NULL, NULL, FALSE, rw);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, BOURSE_TYPE_ALERT_STATE,
                                              BOURSE_ALERT_STATE_ACTIVE, rw);
  properties[PROP_TRIGGER_COUNT] = g_param_spec_uint ("trigger-count", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_LAST_TRIGGERED] = g_param_spec_int64 ("last-triggered", NULL, NULL, 0, G_MAXINT64, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bourse_alert_init (BourseAlert *self)
{
  self->id = g_uuid_string_random ();
  self->bars = 1;
  self->last_fired_bar = G_MININT64;
}

BourseAlert *
bourse_alert_new (const char           *symbol,
                  BourseAlertCondition  condition,
                  double                value)
{
  return g_object_new (BOURSE_TYPE_ALERT,
                       "symbol", symbol,
                       "condition", condition,
                       "value", value,
                       NULL);
}

#define GETTER(type, name, field, fallback)                       \
  type                                                            \
  bourse_alert_get_##name (BourseAlert *self)                     \
  {                                                               \
    g_return_val_if_fail (BOURSE_IS_ALERT (self), fallback);      \
    return self->field;                                           \
  }

GETTER (const char *, id, id, NULL)
GETTER (const char *, name, name, NULL)
GETTER (const char *, symbol, symbol, NULL)
GETTER (const char *, interval, interval, NULL)
GETTER (BourseAlertCondition, condition, condition, 0)
GETTER (BourseAlertFrequency, frequency, frequency, 0)
GETTER (gint64, expires, expires, 0)
GETTER (BourseAlertState, state, state, 0)
GETTER (const char *, message, message, NULL)
GETTER (const char *, webhook_url, webhook_url, NULL)
GETTER (gboolean, webhook_retry, webhook_retry, FALSE)
GETTER (BourseDrawing *, drawing, drawing, NULL)
GETTER (guint, trigger_count, trigger_count, 0)
GETTER (gint64, last_triggered, last_triggered, 0)

void
bourse_alert_set_frequency (BourseAlert          *self,
                            BourseAlertFrequency  frequency)
{
  g_return_if_fail (BOURSE_IS_ALERT (self));
  g_object_set (self, "frequency", frequency, NULL);
}

void
bourse_alert_set_expires (BourseAlert *self,
                          gint64       expires)
{
  g_return_if_fail (BOURSE_IS_ALERT (self));
  g_object_set (self, "expires", expires, NULL);
}

void
bourse_alert_set_message (BourseAlert *self,
                          const char  *message)
{
  g_return_if_fail (BOURSE_IS_ALERT (self));
  g_object_set (self, "message", message, NULL);
}

void
bourse_alert_set_webhook_url (BourseAlert *self,
                              const char  *url)
{
  g_return_if_fail (BOURSE_IS_ALERT (self));
  g_object_set (self, "webhook-url", url, NULL);
}

void
bourse_alert_set_state (BourseAlert      *self,
                        BourseAlertState  state)
{
  g_return_if_fail (BOURSE_IS_ALERT (self));

  if (self->state == state)
    return;
  if (state == BOURSE_ALERT_STATE_ACTIVE)
    rearm (self);
  set_state (self, state);
}

void
bourse_alert_set_drawing (BourseAlert   *self,
                          BourseDrawing *drawing)
{
  g_return_if_fail (BOURSE_IS_ALERT (self));
  g_return_if_fail (!drawing || BOURSE_IS_DRAWING (drawing));

  if (self->drawing == drawing)
    return;
  if (self->drawing != NULL)
    g_signal_handlers_disconnect_by_data (self->drawing, self);
  g_set_object (&self->drawing, drawing);
  if (drawing != NULL)
    g_signal_connect_object (drawing, "changed", G_CALLBACK (drawing_changed_cb), self,
                             G_CONNECT_SWAPPED);
  rearm (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAWING]);
}

char *
bourse_alert_dup_description (BourseAlert *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *condition = NULL;
  char a[BOURSE_FORMAT_NUMBER_BUF_SIZE], b[BOURSE_FORMAT_NUMBER_BUF_SIZE];

  g_return_val_if_fail (BOURSE_IS_ALERT (self), NULL);

  condition = g_strdup (g_enum_get_value (g_type_class_peek (BOURSE_TYPE_ALERT_CONDITION),
                                          self->condition)->value_nick);
  g_strdelimit (condition, "-", ' ');
  if (g_str_has_suffix (condition, " percent"))
    condition[strlen (condition) - strlen (" percent")] = '\0';

  g_string_append_printf (text, "%s ", self->symbol);
  if (self->source_study != NULL)
    g_string_append_printf (text, "%s%s%s ", self->source_study, self->source_output ? "." : "",
                            self->source_output ? self->source_output : "");
  else
    g_string_append (text, "close ");
  g_string_append (text, condition);

  if (is_moving_condition (self->condition))
    g_string_append_printf (text, " %s%s within %u bar%s", bourse_format_number (a, self->value, 10),
                            self->condition >= BOURSE_ALERT_MOVING_UP_PERCENT ? " %" : "",
                            self->bars, self->bars == 1 ? "" : "s");
  else if (self->drawing != NULL)
    g_string_append_printf (text, " %s", bourse_drawing_kind_to_string (bourse_drawing_get_kind (self->drawing)));
  else if (self->target_study != NULL)
    g_string_append_printf (text, " %s%s%s", self->target_study, self->target_output ? "." : "",
                            self->target_output ? self->target_output : "");
  else if (is_channel_condition (self->condition))
    g_string_append_printf (text, " %s … %s", bourse_format_number (a, MIN (self->value, self->value2), 10),
                            bourse_format_number (b, MAX (self->value, self->value2), 10));
  else
    g_string_append_printf (text, " %s", bourse_format_number (a, self->value, 10));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
bourse_alert_validate (BourseAlert  *self,
                       GError      **error)
{
  g_return_val_if_fail (BOURSE_IS_ALERT (self), FALSE);

  if (!ensure_studies (self, error))
    return FALSE;
  if (self->drawing != NULL)
    {
      BourseDrawingKind kind = bourse_drawing_get_kind (self->drawing);
      gboolean channel = kind == BOURSE_DRAWING_PARALLEL_CHANNEL || kind == BOURSE_DRAWING_RECTANGLE;
      gboolean line = kind <= BOURSE_DRAWING_HORIZONTAL_RAY;

      if (is_channel_condition (self->condition) ? !channel :
          (!is_moving_condition (self->condition) && !line))
        {
          g_set_error (error, BOURSE_ALERT_ERROR, BOURSE_ALERT_ERROR_INVALID,
                       "A %s cannot be used with the “%s” condition",
                       bourse_drawing_kind_to_string (kind),
                       g_enum_get_value (g_type_class_peek (BOURSE_TYPE_ALERT_CONDITION),
                                         self->condition)->value_nick);
          return FALSE;
        }
    }
  if (is_moving_condition (self->condition) && (self->bars == 0 || self->value < 0))
    {
      g_set_error (error, BOURSE_ALERT_ERROR, BOURSE_ALERT_ERROR_INVALID,
                   "“Moving” conditions need a positive amount and at least one bar");
      return FALSE;
    }
  return TRUE;
}

gboolean
bourse_alert_check_expiry (BourseAlert *self,
                           gint64       now)
{
  g_return_val_if_fail (BOURSE_IS_ALERT (self), FALSE);

  if (self->state == BOURSE_ALERT_STATE_ACTIVE && self->expires > 0 && now >= self->expires)
    {
      set_state (self, BOURSE_ALERT_STATE_EXPIRED);
      return TRUE;
    }
  return FALSE;
}

guint
bourse_alert_evaluate (BourseAlert      *self,
                       const BourseBars *bars,
                       gint64            now,
                       GPtrArray        *firings)
{
  guint before = self->trigger_count;
  Sample cur;

  g_return_val_if_fail (BOURSE_IS_ALERT (self), 0);
  g_return_val_if_fail (bars != NULL, 0);

  if (self->state != BOURSE_ALERT_STATE_ACTIVE || bourse_alert_check_expiry (self, now) ||
      bars->len == 0 || self->studies_failed)
    return 0;
  if (!ensure_studies (self, NULL))
    {
      /* bourse_alert_validate() reports why; don't retry every tick. */
      self->studies_failed = TRUE;
      return 0;
    }
  if (self->source_ind != NULL)
    bourse_indicator_update (self->source_ind, bars);
  if (self->target_ind != NULL)
    bourse_indicator_update (self->target_ind, bars);

  if (self->frequency == BOURSE_ALERT_ONCE_PER_BAR_CLOSE)
    {
      gsize last_closed, start;

      if (bars->len < 2)
        return 0;
      last_closed = bars->len - 2;
      if (!self->have_closed_mark)
        {
          /* Arm on the newest closed bar without firing on history. */
          self->have_prev = sample_at (self, bars, last_closed, &self->prev);
          self->closed_mark = bars->time[last_closed];
          self->have_closed_mark = TRUE;
          return 0;
        }
      start = bourse_bars_lower_bound (bars, self->closed_mark + 1);
      for (gsize i = start; i <= last_closed && self->state == BOURSE_ALERT_STATE_ACTIVE; i++)
        {
          self->closed_mark = bars->time[i];
          if (!sample_at (self, bars, i, &cur))
            continue;
          if (condition_holds (self, self->have_prev ? &self->prev : NULL, &cur, bars, i))
            fire (self, bars, i, now, firings);
          self->prev = cur;
          self->have_prev = TRUE;
        }
    }
  else
    {
      gsize i = bars->len - 1;
      gboolean holds;

      if (!sample_at (self, bars, i, &cur))
        return 0;
      holds = condition_holds (self, self->have_prev ? &self->prev : NULL, &cur, bars, i);
      self->prev = cur;
      self->have_prev = TRUE;
      if (holds && !(self->frequency == BOURSE_ALERT_ONCE_PER_BAR && self->last_fired_bar == bars->time[i]))
        fire (self, bars, i, now, firings);
    }
  return self->trigger_count - before;
}

/* ---- JSON ---- */

static const guint persisted_props[] = {
  PROP_ID, PROP_NAME, PROP_SYMBOL, PROP_EXCHANGE, PROP_INTERVAL, PROP_SOURCE_STUDY,
  PROP_SOURCE_OUTPUT, PROP_CONDITION, PROP_VALUE, PROP_VALUE2, PROP_TARGET_STUDY,
  PROP_TARGET_OUTPUT, PROP_TARGET_OUTPUT2, PROP_BARS, PROP_FREQUENCY, PROP_EXPIRES,
  PROP_MESSAGE, PROP_WEBHOOK_URL, PROP_WEBHOOK_RETRY, PROP_STATE, PROP_TRIGGER_COUNT,
  PROP_LAST_TRIGGERED,
};

JsonNode *
bourse_alert_to_json (BourseAlert *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (BOURSE_IS_ALERT (self), NULL);

  json_builder_begin_object (builder);
  for (guint k = 0; k < G_N_ELEMENTS (persisted_props); k++)
    {
      GParamSpec *pspec = properties[persisted_props[k]];
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, pspec->value_type);
      g_object_get_property (G_OBJECT (self), pspec->name, &value);
      if (G_VALUE_HOLDS_STRING (&value))
        {
          if (g_value_get_string (&value) == NULL)
            continue;
          json_builder_set_member_name (builder, pspec->name);
          json_builder_add_string_value (builder, g_value_get_string (&value));
        }
      else if (G_VALUE_HOLDS_ENUM (&value))
        {
          GEnumClass *klass = g_type_class_peek (pspec->value_type);
          json_builder_set_member_name (builder, pspec->name);
          json_builder_add_string_value (builder, g_enum_get_value (klass, g_value_get_enum (&value))->value_nick);
        }
      else if (G_VALUE_HOLDS_DOUBLE (&value))
        {
          json_builder_set_member_name (builder, pspec->name);
          json_builder_add_double_value (builder, g_value_get_double (&value));
        }
      else if (G_VALUE_HOLDS_BOOLEAN (&value))
        {
          json_builder_set_member_name (builder, pspec->name);
          json_builder_add_boolean_value (builder, g_value_get_boolean (&value));
        }
      else if (G_VALUE_HOLDS_UINT (&value))
        {
          json_builder_set_member_name (builder, pspec->name);
          json_builder_add_int_value (builder, g_value_get_uint (&value));
        }
      else if (G_VALUE_HOLDS_INT64 (&value))
        {
          json_builder_set_member_name (builder, pspec->name);
          json_builder_add_int_value (builder, g_value_get_int64 (&value));
        }
    }
  if (self->drawing != NULL)
    {
      json_builder_set_member_name (builder, "drawing");
      json_builder_add_value (builder, bourse_drawing_to_json (self->drawing));
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
json_to_value (JsonNode    *node,
               GParamSpec  *pspec,
               GValue      *value,
               GError     **error)
{
  GType vt = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  g_value_init (value, pspec->value_type);
  if (G_VALUE_HOLDS_STRING (value) && vt == G_TYPE_STRING)
    g_value_set_string (value, json_node_get_string (node));
  else if (G_VALUE_HOLDS_ENUM (value) && vt == G_TYPE_STRING)
    {
      GEnumValue *ev = g_enum_get_value_by_nick (g_type_class_peek (pspec->value_type),
                                                 json_node_get_string (node));
      if (ev == NULL)
        goto bad;
      g_value_set_enum (value, ev->value);
    }
  else if (G_VALUE_HOLDS_DOUBLE (value) && (vt == G_TYPE_DOUBLE || vt == G_TYPE_INT64))
    g_value_set_double (value, json_node_get_double (node));
  else if (G_VALUE_HOLDS_BOOLEAN (value) && vt == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, json_node_get_boolean (node));
  else if (G_VALUE_HOLDS_UINT (value) && vt == G_TYPE_INT64 &&
           json_node_get_int (node) >= 0 && json_node_get_int (node) <= G_MAXUINT)
    g_value_set_uint (value, (guint) json_node_get_int (node));
  else if (G_VALUE_HOLDS_INT64 (value) && vt == G_TYPE_INT64 && json_node_get_int (node) >= 0)
    g_value_set_int64 (value, json_node_get_int (node));
  else
    goto bad;
  return TRUE;

bad:
  g_set_error (error, BOURSE_ALERT_ERROR, BOURSE_ALERT_ERROR_INVALID,
               "Alert member “%s” has a wrong type or value", pspec->name);
  return FALSE;
}

BourseAlert *
bourse_alert_new_from_json (JsonNode  *node,
                            GError   **error)
{
  g_autoptr(BourseAlert) self = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  JsonNode *member;
  const char *id;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, BOURSE_ALERT_ERROR, BOURSE_ALERT_ERROR_INVALID, "An alert must be a JSON object");
      return NULL;
    }
  object = json_node_get_object (node);
  member = json_object_get_member (object, "id");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING)
    {
      g_set_error (error, BOURSE_ALERT_ERROR, BOURSE_ALERT_ERROR_INVALID, "An alert has no “id”");
      return NULL;
    }
  id = json_node_get_string (member);
  self = g_object_new (BOURSE_TYPE_ALERT, "id", id, NULL);

  for (guint k = 1; k < G_N_ELEMENTS (persisted_props); k++)
    {
      GParamSpec *pspec = properties[persisted_props[k]];
      g_auto(GValue) value = G_VALUE_INIT;

      member = json_object_get_member (object, pspec->name);
      if (member == NULL || JSON_NODE_HOLDS_NULL (member))
        continue;
      if (!json_to_value (member, pspec, &value, error))
        return NULL;
      if (persisted_props[k] == PROP_TRIGGER_COUNT)
        self->trigger_count = g_value_get_uint (&value);
      else if (persisted_props[k] == PROP_LAST_TRIGGERED)
        self->last_triggered = g_value_get_int64 (&value);
      else if (persisted_props[k] == PROP_STATE)
        self->state = g_value_get_enum (&value);
      else
        g_object_set_property (G_OBJECT (self), pspec->name, &value);
    }
  member = json_object_get_member (object, "drawing");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      g_autoptr(BourseDrawing) drawing = bourse_drawing_new_from_json (member, &local_error);

      if (drawing == NULL)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "Alert %s: ", id);
          return NULL;
        }
      bourse_alert_set_drawing (self, drawing);
    }
  return g_steal_pointer (&self);
}
