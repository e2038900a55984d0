/* bourse-bar-feed.c — the one owner of a symbol's bars at one resolution
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A feed loads history from its BourseMarketSource, pages older history on
 * demand and folds live trades into the forming bar with
 * bourse_resolution_align(), the only bucketing rule in Bourse. The chart and
 * the alert manager observe it; neither touches bars itself.
 *
 * How history and live trades join: while the first history request is in
 * flight, trades are held back (bounded); when the answer lands, the held
 * trades at or after its last bar are replayed onto it, so nothing traded
 * during the load is lost and nothing is counted twice. Any new series
 * (history loaded, older history merged, another source) is a new BourseBars
 * with its own identity and is announced with ::reset; a trade changing the
 * forming bar or opening a new one is announced with ::updated.
 *
 * A resolution the broker does not serve (4 hours from a broker with hourly
 * bars) is built: the feed asks for its base resolution's history from the
 * opening of a target bar, so the first bar is whole, and groups the base
 * bars with bourse_resolution_align(); live trades are folded at the target
 * resolution as always, so chart, alerts and exports all see the same bars.
 * Base bars of days or longer are stamped with their trading day already
 * (00:00 UTC), so they are grouped by that date, not by the session again.
 *
 * A feed belongs to one symbol and one resolution for its whole life, so an
 * answer for another symbol or resolution can never land in it; switching is
 * taking another feed. Requests in flight are cancelled when the source
 * changes and when the feed is disposed.
 */
#include "config.h"

#include <math.h>

#include "bourse-bar-feed.h"

#define MAX_HELD_TRADES 100000

typedef struct
{
  gint64 time;
  double price;
  double size;
} Trade;

struct _BourseBarFeed
{
  GObject parent_instance;

  /* owned */
  char                 *symbol;
  char                 *resolution_text;
  BourseResolution      resolution;
  char                 *base_text;        /* what history is built from; NULL = the resolution itself */
  BourseResolution      base;
  BourseTradingSession  session;          /* its time_zone is owned here */
  BourseMarketSource   *source;
  BourseBars           *bars;
  GArray               *held;             /* Trade, while the first history loads */
  GError               *error;
  GCancellable         *history_cancellable;
  GCancellable         *older_cancellable;

  gint64                history_first;    /* bars before this are partial: dropped */
  gint64                older_first;
  guint                 wanted;           /* bars of history asked for; 0 = none yet */
  guint                 loading : 1;
  guint                 loading_older : 1;
  guint                 history_loaded : 1;
  guint                 exhausted : 1;
};

enum {
  PROP_0,
  PROP_SYMBOL,
  PROP_RESOLUTION,
  PROP_BARS,
  PROP_LOADING,
  PROP_ERROR,
  N_PROPS
};

enum {
  RESET,
  UPDATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BourseBarFeed, bourse_bar_feed, G_TYPE_OBJECT)

/* -- helpers ------------------------------------------------------------- */

static void
set_loading (BourseBarFeed *self,
             gboolean       loading)
{
  if (self->loading == !!loading)
    return;
  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_error (BourseBarFeed *self,
           const GError  *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* Takes @bars as the feed's series and tells the observers. */
static void
replace_bars (BourseBarFeed *self,
              BourseBars    *bars)
{
  g_clear_pointer (&self->bars, bourse_bars_unref);
  self->bars = bars;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BARS]);
  g_signal_emit (self, signals[RESET], 0);
}

/* Appends @src's bars [from, to) to @dst. */
static void
append_range (BourseBars       *dst,
              const BourseBars *src,
              gsize             from,
              gsize             to)
{
  for (gsize i = from; i < to; i++)
    bourse_bars_append (dst, src->time[i], src->open[i], src->high[i],
                        src->low[i], src->close[i], src->volume[i]);
}

/* Folds one trade into @series, bucketed by the feed's resolution and
 * session. A trade for a bar older than the forming one is refused: late
 * messages never rewrite history. */
static gboolean
apply_trade (BourseBarFeed *self,
             BourseBars    *series,
             gint64         time,
             double         price,
             double         size)
{
  gint64 bar_time = bourse_resolution_align (&self->resolution, time, &self->session);

  return bourse_bars_apply_tick (series, bar_time, price, size);
}

/* The resolution history is asked for, and how long its bars are. */
static const char *
history_resolution (BourseBarFeed *self)
{
  return self->base_text ? self->base_text : self->resolution_text;
}

/* Where a request for bars from @time on starts: the opening of @time's bar
 * (so the first bar is whole), which for days built from intraday bars lies
 * up to a day before the bar's date (FX's day opens the evening before);
 * *@first is the first bar's stamp. */
static gint64
history_start (BourseBarFeed *self,
               gint64         time,
               gint64        *first)
{
  *first = bourse_resolution_align (&self->resolution, time, &self->session);
  if (self->base_text != NULL &&
      (self->base.unit == BOURSE_RESOLUTION_UNIT_SECONDS || self->base.unit == BOURSE_RESOLUTION_UNIT_MINUTES) &&
      self->resolution.unit != BOURSE_RESOLUTION_UNIT_SECONDS && self->resolution.unit != BOURSE_RESOLUTION_UNIT_MINUTES)
    return *first - 86400;
  return *first;
}

/* @history as the feed's bars: itself, or its bars grouped by the target
 * resolution when it is the base's (see the top of this file). */
static BourseBars *
to_target (BourseBarFeed    *self,
           const BourseBars *history,
           gint64            first)
{
  const BourseTradingSession *session = &self->session;
  BourseBars *bars;

  if (self->base_text == NULL)
    return bourse_bars_ref ((BourseBars *) history);
  if (self->base.unit != BOURSE_RESOLUTION_UNIT_SECONDS && self->base.unit != BOURSE_RESOLUTION_UNIT_MINUTES)
    session = NULL;
  bars = bourse_bars_new (history->len / 2 + 16);
  for (gsize i = 0; i < history->len; i++)
    {
      gint64 time = bourse_resolution_align (&self->resolution, history->time[i], session);
      gsize last = bars->len - 1;

      if (time < first)
        continue;
      if (bars->len > 0 && bars->time[last] == time)
        bourse_bars_update_last (bars, bars->open[last], MAX (bars->high[last], history->high[i]),
                                 MIN (bars->low[last], history->low[i]), history->close[i],
                                 bars->volume[last] + history->volume[i]);
      else
        bourse_bars_append (bars, time, history->open[i], history->high[i], history->low[i],
                            history->close[i], history->volume[i]);
    }
  return bars;
}

/* What a request's callback gets: the feed, and the cancellable the request
 * was made with, which must still be the feed's current one for the answer to
 * land (a newer request, another source or a disposed feed all replace or
 * cancel it). */
typedef struct
{
  BourseBarFeed *self;
  GCancellable  *token;
} Request;

static Request *
request_new (BourseBarFeed *self,
             GCancellable  *token)
{
  Request *request = g_new (Request, 1);

  request->self = g_object_ref (self);
  request->token = g_object_ref (token);
  return request;
}

static void
request_free (Request *request)
{
  g_object_unref (request->self);
  g_object_unref (request->token);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static void
cancel_requests (BourseBarFeed *self)
{
  g_cancellable_cancel (self->history_cancellable);
  g_clear_object (&self->history_cancellable);
  g_cancellable_cancel (self->older_cancellable);
  g_clear_object (&self->older_cancellable);
  self->loading_older = FALSE;
  set_loading (self, FALSE);
}

static void
history_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  BourseBarFeed *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(BourseBars) fetched = NULL;
  g_autoptr(BourseBars) history = NULL;
  BourseBars *series;

  fetched = bourse_market_source_fetch_history_finish (BOURSE_MARKET_SOURCE (object), result, &error);
  if (request->token != self->history_cancellable || g_cancellable_is_cancelled (request->token))
    return;  /* a late answer for a request the feed has given up */
  if (fetched != NULL)
    history = to_target (self, fetched, self->history_first);

  g_clear_object (&self->history_cancellable);
  self->history_loaded = TRUE;
  set_error (self, error);
  /* A fresh series even when the source answered nothing: whatever the feed
   * showed before belonged to another request. */
  series = bourse_bars_new (history ? history->len + 64 : 64);
  if (history != NULL)
    append_range (series, history, 0, history->len);
  for (guint i = 0; i < self->held->len; i++)
    {
      const Trade *t = &g_array_index (self->held, Trade, i);

      apply_trade (self, series, t->time, t->price, t->size);
    }
  g_array_set_size (self->held, 0);
  set_loading (self, FALSE);
  replace_bars (self, series);
}

static void
start_loading (BourseBarFeed *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 length = bourse_resolution_get_seconds (&self->resolution);
  /* never before 1970: 400 yearly bars would be */
  gint64 from = history_start (self, MAX (now - (gint64) self->wanted * length, 0), &self->history_first);

  cancel_requests (self);
  self->history_loaded = FALSE;
  self->exhausted = FALSE;
  self->history_cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  bourse_market_source_fetch_history_async (self->source, self->symbol, history_resolution (self),
                                            from, now + length,
                                            self->history_cancellable, history_loaded_cb,
                                            request_new (self, self->history_cancellable));
}

static void
older_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  BourseBarFeed *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(BourseBars) fetched = NULL;
  g_autoptr(BourseBars) older = NULL;
  BourseBars *merged;

  fetched = bourse_market_source_fetch_history_finish (BOURSE_MARKET_SOURCE (object), result, &error);
  if (request->token != self->older_cancellable || g_cancellable_is_cancelled (request->token))
    return;
  g_clear_object (&self->older_cancellable);
  self->loading_older = FALSE;
  if (fetched == NULL)
    {
      set_error (self, error);
      return;
    }
  older = to_target (self, fetched, self->older_first);
  if (older->len == 0 || self->bars->len == 0 || older->time[0] >= self->bars->time[0])
    {
      self->exhausted = TRUE;
      return;
    }

  merged = bourse_bars_new (older->len + self->bars->len);
  append_range (merged, older, 0, bourse_bars_lower_bound (older, self->bars->time[0]));
  append_range (merged, self->bars, 0, self->bars->len);
  replace_bars (self, merged);
}

/* -- GObject ------------------------------------------------------------- */

static void
bourse_bar_feed_dispose (GObject *object)
{
  BourseBarFeed *self = BOURSE_BAR_FEED (object);

  cancel_requests (self);
  g_clear_object (&self->source);
  G_OBJECT_CLASS (bourse_bar_feed_parent_class)->dispose (object);
}

static void
bourse_bar_feed_finalize (GObject *object)
{
  BourseBarFeed *self = BOURSE_BAR_FEED (object);

  g_free (self->symbol);
  g_free (self->resolution_text);
  g_free (self->base_text);
  g_clear_pointer (&self->session.time_zone, g_time_zone_unref);
  g_clear_pointer (&self->bars, bourse_bars_unref);
  g_clear_pointer (&self->held, g_array_unref);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (bourse_bar_feed_parent_class)->finalize (object);
}

static void
bourse_bar_feed_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BourseBarFeed *self = BOURSE_BAR_FEED (object);

  switch (prop_id)
    {
    case PROP_SYMBOL:     g_value_set_string (value, self->symbol); break;
    case PROP_RESOLUTION: g_value_set_string (value, self->resolution_text); break;
    case PROP_BARS:       g_value_set_boxed (value, self->bars); break;
    case PROP_LOADING:    g_value_set_boolean (value, self->loading); break;
    case PROP_ERROR:      g_value_set_boxed (value, self->error); break;
    default:              G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_bar_feed_class_init (BourseBarFeedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bourse_bar_feed_dispose;
  object_class->finalize = bourse_bar_feed_finalize;
  object_class->get_property = bourse_bar_feed_get_property;

  properties[PROP_SYMBOL] =
    g_param_spec_string ("symbol", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESOLUTION] =
    g_param_spec_string ("resolution", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BARS] =
    g_param_spec_boxed ("bars", NULL, NULL, BOURSE_TYPE_BARS,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BourseBarFeed::reset:
   *
   * The feed holds another series (history arrived, older history merged,
   * the source changed): observers take bourse_bar_feed_get_bars() anew.
   */
  signals[RESET] = g_signal_new ("reset", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * BourseBarFeed::updated:
   * @time: the trade's time
   *
   * A trade changed the forming bar or opened a new one.
   */
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
bourse_bar_feed_init (BourseBarFeed *self)
{
  self->bars = bourse_bars_new (64);
  self->held = g_array_new (FALSE, FALSE, sizeof (Trade));
}

/* -- public API ---------------------------------------------------------- */

/**
 * bourse_bar_feed_new:
 * @symbol: the symbol (ticker) as the broker names it
 * @resolution: a Broker API resolution ("1", "60", "1D", "1W", "1M", …)
 *
 * Returns: (transfer full) (nullable): a feed without a source, or %NULL with
 *   @error set when @resolution is not one
 */
BourseBarFeed *
bourse_bar_feed_new (const char  *symbol,
                     const char  *resolution,
                     GError     **error)
{
  BourseResolution parsed;
  BourseBarFeed *self;

  g_return_val_if_fail (symbol != NULL && *symbol != '\0', NULL);

  if (!bourse_resolution_parse (resolution, &parsed, error))
    return NULL;
  self = g_object_new (BOURSE_TYPE_BAR_FEED, NULL);
  self->symbol = g_strdup (symbol);
  self->resolution_text = g_strdup (resolution);
  self->resolution = parsed;
  return self;
}

const char *
bourse_bar_feed_get_symbol (BourseBarFeed *self)
{
  g_return_val_if_fail (BOURSE_IS_BAR_FEED (self), NULL);
  return self->symbol;
}

const char *
bourse_bar_feed_get_resolution (BourseBarFeed *self)
{
  g_return_val_if_fail (BOURSE_IS_BAR_FEED (self), NULL);
  return self->resolution_text;
}

/**
 * bourse_bar_feed_get_bars:
 *
 * Returns: (transfer none): the current series, never %NULL (empty until
 *   history or trades arrive). Only the feed changes it.
 */
BourseBars *
bourse_bar_feed_get_bars (BourseBarFeed *self)
{
  g_return_val_if_fail (BOURSE_IS_BAR_FEED (self), NULL);
  return self->bars;
}

gboolean
bourse_bar_feed_get_loading (BourseBarFeed *self)
{
  g_return_val_if_fail (BOURSE_IS_BAR_FEED (self), FALSE);
  return self->loading;
}

gboolean
bourse_bar_feed_get_exhausted (BourseBarFeed *self)
{
  g_return_val_if_fail (BOURSE_IS_BAR_FEED (self), FALSE);
  return self->exhausted;
}

/**
 * bourse_bar_feed_get_error:
 *
 * Returns: (nullable): why the last history request failed
 */
const GError *
bourse_bar_feed_get_error (BourseBarFeed *self)
{
  g_return_val_if_fail (BOURSE_IS_BAR_FEED (self), NULL);
  return self->error;
}

BourseMarketSource *
bourse_bar_feed_get_source (BourseBarFeed *self)
{
  g_return_val_if_fail (BOURSE_IS_BAR_FEED (self), NULL);
  return self->source;
}

/**
 * bourse_bar_feed_set_source:
 * @source: (nullable): where history comes from
 *
 * Another source is another market: the feed drops its bars and requests
 * its history again from @source if history was asked for.
 */
void
bourse_bar_feed_set_source (BourseBarFeed      *self,
                            BourseMarketSource *source)
{
  g_return_if_fail (BOURSE_IS_BAR_FEED (self));
  g_return_if_fail (source == NULL || BOURSE_IS_MARKET_SOURCE (source));

  if (self->source == source)
    return;
  cancel_requests (self);
  g_set_object (&self->source, source);
  g_array_set_size (self->held, 0);
  self->history_loaded = FALSE;
  self->exhausted = FALSE;
  set_error (self, NULL);
  replace_bars (self, bourse_bars_new (64));
  if (self->source != NULL && self->wanted > 0)
    start_loading (self);
}

/**
 * bourse_bar_feed_set_session:
 * @session: (nullable): the instrument's trading session; NULL for 24x7 UTC
 */
void
bourse_bar_feed_set_session (BourseBarFeed              *self,
                             const BourseTradingSession *session)
{
  g_return_if_fail (BOURSE_IS_BAR_FEED (self));

  g_clear_pointer (&self->session.time_zone, g_time_zone_unref);
  if (session != NULL)
    {
      self->session = *session;
      if (session->time_zone != NULL)
        self->session.time_zone = g_time_zone_ref (session->time_zone);
    }
  else
    self->session = (BourseTradingSession) { NULL, 0, FALSE };
  /* Built bars are grouped by the session: group them again. */
  if (self->base_text != NULL && self->source != NULL && self->wanted > 0)
    start_loading (self);
}

const char *
bourse_bar_feed_get_base_resolution (BourseBarFeed *self)
{
  g_return_val_if_fail (BOURSE_IS_BAR_FEED (self), NULL);
  return self->base_text;
}

/**
 * bourse_bar_feed_set_base_resolution:
 * @base: (nullable): a resolution the broker serves that the feed's own can
 *   be built from (bourse_resolution_can_build()); %NULL to ask the broker
 *   for the feed's resolution itself
 *
 * Returns: %FALSE with @error when @base cannot build the feed's resolution.
 *   History already asked for is loaded again from the new base.
 */
gboolean
bourse_bar_feed_set_base_resolution (BourseBarFeed  *self,
                                     const char     *base,
                                     GError        **error)
{
  BourseResolution parsed;

  g_return_val_if_fail (BOURSE_IS_BAR_FEED (self), FALSE);

  if (g_strcmp0 (base, self->base_text) == 0)
    return TRUE;
  if (base != NULL)
    {
      if (!bourse_resolution_parse (base, &parsed, error))
        return FALSE;
      if (!bourse_resolution_can_build (&self->resolution, &parsed))
        {
          g_set_error (error, BOURSE_RESOLUTION_ERROR, BOURSE_RESOLUTION_ERROR_INVALID,
                       "%s bars cannot be built from %s bars", self->resolution_text, base);
          return FALSE;
        }
      self->base = parsed;
    }
  g_free (self->base_text);
  self->base_text = g_strdup (base);
  if (self->source != NULL && self->wanted > 0)
    start_loading (self);
  return TRUE;
}

/**
 * bourse_bar_feed_get_session:
 *
 * Returns: (transfer none): the session bars are bucketed by (its time
 *   zone NULL for UTC), valid until the next bourse_bar_feed_set_session()
 */
const BourseTradingSession *
bourse_bar_feed_get_session (BourseBarFeed *self)
{
  g_return_val_if_fail (BOURSE_IS_BAR_FEED (self), NULL);
  return &self->session;
}

/**
 * bourse_bar_feed_request_history:
 * @n_bars: how many bars back from now the observer wants at least
 *
 * Loads that much history once a source is there (now, or when one is set).
 * A feed that already has it, or is loading it, does nothing.
 */
void
bourse_bar_feed_request_history (BourseBarFeed *self,
                                 guint          n_bars)
{
  g_return_if_fail (BOURSE_IS_BAR_FEED (self));

  if (n_bars <= self->wanted && (self->history_loaded || self->loading))
    return;
  self->wanted = MAX (self->wanted, n_bars);
  if (self->source != NULL)
    start_loading (self);
}

/**
 * bourse_bar_feed_load_older:
 *
 * Asks the source for @n_bars more bars before the first one; merged in and
 * announced with ::reset. Returns: %FALSE when nothing was asked (no source,
 * a request already in flight, or no older history exists).
 */
gboolean
bourse_bar_feed_load_older (BourseBarFeed *self,
                            guint          n_bars)
{
  gint64 first;

  g_return_val_if_fail (BOURSE_IS_BAR_FEED (self), FALSE);

  if (self->source == NULL || self->loading || self->loading_older || self->exhausted ||
      self->bars->len == 0 || n_bars == 0)
    return FALSE;
  first = self->bars->time[0];
  self->loading_older = TRUE;
  self->older_cancellable = g_cancellable_new ();
  bourse_market_source_fetch_history_async (self->source, self->symbol, history_resolution (self),
                                            history_start (self, first - (gint64) n_bars * bourse_resolution_get_seconds (&self->resolution),
                                                           &self->older_first),
                                            first - 1, self->older_cancellable, older_loaded_cb,
                                            request_new (self, self->older_cancellable));
  return TRUE;
}

/**
 * bourse_bar_feed_set_history:
 * @history: bars obtained elsewhere (a file, a test)
 *
 * Makes @history the feed's series, keeping the live bars after its end.
 */
void
bourse_bar_feed_set_history (BourseBarFeed    *self,
                             const BourseBars *history)
{
  BourseBars *series;
  gsize keep_from = 0;

  g_return_if_fail (BOURSE_IS_BAR_FEED (self));
  g_return_if_fail (history != NULL);

  series = bourse_bars_new (history->len + 64);
  append_range (series, history, 0, history->len);
  if (history->len > 0)
    keep_from = bourse_bars_lower_bound (self->bars, history->time[history->len - 1] + 1);
  append_range (series, self->bars, keep_from, self->bars->len);
  self->history_loaded = TRUE;
  replace_bars (self, series);
}

/**
 * bourse_bar_feed_add_trade:
 *
 * Folds one trade into the bars (or holds it while the first history loads).
 * Returns: %TRUE when the bars changed (and ::updated was emitted)
 */
gboolean
bourse_bar_feed_add_trade (BourseBarFeed *self,
                           gint64         time,
                           double         price,
                           double         size)
{
  g_return_val_if_fail (BOURSE_IS_BAR_FEED (self), FALSE);

  if (!isfinite (price) || !isfinite (size) || size < 0)
    return FALSE;
  if (self->loading)
    {
      Trade t = { time, price, size };

      if (self->held->len < MAX_HELD_TRADES)
        g_array_append_val (self->held, t);
      return FALSE;
    }
  if (!apply_trade (self, self->bars, time, price, size))
    return FALSE;
  g_signal_emit (self, signals[UPDATED], 0, time);
  return TRUE;
}
