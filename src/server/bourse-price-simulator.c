/* bourse-price-simulator.c — seeded, continuous market prices for the demo broker
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prices are a pure function of (seed, instrument, time), so history never
 * changes once written, needs no storage, and the newest bar always agrees
 * with the live quote:
 *
 *  - one mean-reverting log-price level per UTC day, a random walk counted
 *    from a fixed epoch day;
 *  - 1440 one-minute steps inside each day, as a Brownian bridge between the
 *    day's level and the next day's, so minute bars are generated lazily, a
 *    day at a time;
 *  - inside a minute, a piecewise-linear path open → high → low → close (or
 *    open → low → high → close), so every live tick lies inside the minute's
 *    high/low and the bar rebuilt from streamed trades equals /history.
 *
 * The simulator's "now" is a snapshot advanced by a timer: every REST answer
 * of one tick sees the same prices.
 */
#include "config.h"

#include "bourse-price-simulator.h"

#include <math.h>

#define MINUTE_US         G_GINT64_CONSTANT (60000000)
#define MINUTES_PER_DAY   1440
#define EPOCH_DAY         G_GINT64_CONSTANT (19000)   /* 2022-01-08 */
#define MEAN_REVERSION    0.02

typedef struct
{
  double open;
  double high;
  double low;
  double close;
  double volume;
  double f_high;   /* fraction of the minute where the high is reached */
  double f_low;
  double noise;         /* amplitude of the trade-to-trade jitter */
  guint64 noise_seed;
} MinutePath;

/* Trades jitter around the minute's smooth path in 250 ms buckets: without
 * it a quiet minute's path can stay inside one tick for over a minute, and
 * a market that does not tick for that long is neither what a trader sees
 * nor what a client under test can wait for. */
#define NOISE_BUCKET (0.25 / 60.0)   /* fraction of a minute */
#define NOISE_QUIET  0.05            /* none within 3 s of the open, high, low and close */

typedef struct
{
  GArray *day_levels;         /* log level of each day from EPOCH_DAY */
  gint64  path_day;           /* day whose minute path is in `path` */
  double  path[MINUTES_PER_DAY + 1];
  gint64  bar_minute;         /* minute cached in `bar` */
  MinutePath bar;
  gint64  daily_day;          /* daily aggregate over complete minutes */
  gint64  daily_minutes;      /* minutes of daily_day folded in */
  double  daily_high;
  double  daily_low;
  double  daily_volume;
} InstrumentState;

struct _BoursePriceSimulator
{
  GObject parent_instance;

  guint64          seed;
  gint64           now_us;
  gint64           data_start;   /* UNIX seconds of the first minute bar */
  guint            n_instruments;
  const BourseInstrumentSpec *specs;
  InstrumentState *states;
  GSource         *timer;
};

G_DEFINE_FINAL_TYPE (BoursePriceSimulator, bourse_price_simulator, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEED,
  N_PROPS
};

enum {
  TICKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- helpers */

static inline guint64
splitmix64 (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return x ^ (x >> 31);
}

static inline guint64
hash4 (guint64 seed,
       guint64 a,
       guint64 b,
       guint64 c)
{
  return splitmix64 (splitmix64 (splitmix64 (seed ^ splitmix64 (a)) ^ b) ^ c);
}

/* uniform in (0, 1) */
static inline double
uniform (guint64 h)
{
  return ((h >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

static inline double
gaussian (guint64 h)
{
  double u1 = uniform (h);
  double u2 = uniform (splitmix64 (h));

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

static inline gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

static double
minute_sigma (const BourseInstrumentSpec *spec)
{
  return spec->volatility / sqrt (365.0 * MINUTES_PER_DAY);
}

static double
day_level (BoursePriceSimulator *self,
           guint                 index,
           gint64                day)
{
  const BourseInstrumentSpec *spec = &self->specs[index];
  InstrumentState *state = &self->states[index];
  double base = log (spec->base_price);
  double sigma = spec->volatility / sqrt (365.0);
  gint64 offset = day - EPOCH_DAY;

  if (offset < 0)
    offset = 0;

  if (state->day_levels->len == 0)
    g_array_append_val (state->day_levels, base);

  while ((gint64) state->day_levels->len <= offset)
    {
      guint n = state->day_levels->len;
      double prev = g_array_index (state->day_levels, double, n - 1);
      double z = gaussian (hash4 (self->seed, index, 1, EPOCH_DAY + n));
      double next = prev + sigma * z - MEAN_REVERSION * (prev - base);

      g_array_append_val (state->day_levels, next);
    }

  return g_array_index (state->day_levels, double, offset);
}

/* Log price at the start of each minute of `day`, plus the next day's open. */
static void
fill_day_path (BoursePriceSimulator *self,
               guint                 index,
               gint64                day,
               double               *path)
{
  double sigma = minute_sigma (&self->specs[index]);
  double start = day_level (self, index, day);
  double end = day_level (self, index, day + 1);
  double sum = 0;

  path[0] = 0;
  for (guint k = 0; k < MINUTES_PER_DAY; k++)
    {
      sum += sigma * gaussian (hash4 (self->seed, index, 2 + ((guint64) day << 16), k));
      path[k + 1] = sum;
    }

  for (guint k = 0; k <= MINUTES_PER_DAY; k++)
    {
      double frac = (double) k / MINUTES_PER_DAY;

      path[k] = start + (end - start) * frac + path[k] - frac * sum;
    }
}

static const double *
day_path (BoursePriceSimulator *self,
          guint                 index,
          gint64                day)
{
  InstrumentState *state = &self->states[index];

  if (state->path_day != day)
    {
      fill_day_path (self, index, day, state->path);
      state->path_day = day;
    }

  return state->path;
}

static void
compute_minute (BoursePriceSimulator *self,
                guint                 index,
                gint64                minute,
                const double         *path,
                MinutePath           *out)
{
  const BourseInstrumentSpec *spec = &self->specs[index];
  gint64 k = minute - floor_div (minute, MINUTES_PER_DAY) * MINUTES_PER_DAY;
  guint64 h = hash4 (self->seed, index, 3, (guint64) minute);
  double open = exp (path[k]);
  double close = exp (path[k + 1]);
  double wiggle = open * minute_sigma (spec) * 0.8;
  double u_high = uniform (h);
  double u_low = uniform (splitmix64 (h ^ 1));
  double move;

  out->open = open;
  out->close = close;
  /* at least a tick beyond the open and close each way: a real minute trades */
  out->high = MAX (open, close) + MAX (wiggle * u_high, spec->min_tick);
  out->low = MIN (open, close) - MAX (wiggle * u_low, spec->min_tick);
  out->f_high = 0.1 + 0.8 * uniform (splitmix64 (h ^ 2));
  out->f_low = 0.1 + 0.8 * uniform (splitmix64 (h ^ 3));
  if (fabs (out->f_high - out->f_low) < 0.05)
    out->f_low = out->f_high < 0.5 ? out->f_high + 0.1 : out->f_high - 0.1;

  out->noise = MAX (1.5 * spec->min_tick, 0.25 * wiggle);
  out->noise_seed = splitmix64 (hash4 (self->seed, index, 6, (guint64) minute));

  move = fabs (close - open) / MAX (wiggle, 1e-12);
  out->volume = round (spec->minute_volume * (0.3 + 1.4 * uniform (splitmix64 (h ^ 4))) *
                       (1.0 + 0.3 * MIN (move, 5.0)) / spec->qty_step) * spec->qty_step;
}

static const MinutePath *
minute_path (BoursePriceSimulator *self,
             guint                 index,
             gint64                minute)
{
  InstrumentState *state = &self->states[index];

  if (state->bar_minute != minute)
    {
      gint64 day = floor_div (minute, MINUTES_PER_DAY);

      compute_minute (self, index, minute, day_path (self, index, day), &state->bar);
      state->bar_minute = minute;
    }

  return &state->bar;
}

/* The smooth path at fraction `f` of the minute: straight lines from the
 * open to the first extreme, to the second, to the close. */
static double
smooth_price (const MinutePath *bar,
              double            f)
{
  double f1, x1, f2, x2;

  if (bar->f_high < bar->f_low)
    f1 = bar->f_high, x1 = bar->high, f2 = bar->f_low, x2 = bar->low;
  else
    f1 = bar->f_low, x1 = bar->low, f2 = bar->f_high, x2 = bar->high;

  if (f <= f1)
    return bar->open + (x1 - bar->open) * (f / f1);
  if (f <= f2)
    return x1 + (x2 - x1) * ((f - f1) / (f2 - f1));
  return x2 + (bar->close - x2) * ((f - f2) / (1.0 - f2));
}

/* The jitter of noise bucket @k: none near the path's knots, so the open,
 * close, high and low are reached exactly where the bar says. */
static double
bucket_noise (const MinutePath *bar,
              gint64            k)
{
  double start = k * NOISE_BUCKET, end = start + NOISE_BUCKET;
  const double knots[] = { 0, bar->f_high, bar->f_low, 1 };

  for (guint i = 0; i < G_N_ELEMENTS (knots); i++)
    if (end > knots[i] - NOISE_QUIET && start < knots[i] + NOISE_QUIET)
      return 0;
  return bar->noise * (2 * uniform (splitmix64 (bar->noise_seed ^ (guint64) k)) - 1);
}

static double
price_in_bucket (const MinutePath *bar,
                 double            f,
                 gint64            k)
{
  return CLAMP (smooth_price (bar, f) + bucket_noise (bar, k), bar->low, bar->high);
}

static gint64
bucket_of (double f)
{
  return (gint64) floor (f / NOISE_BUCKET);
}

/* The unrounded price of a trade at fraction `f` of the minute. */
static double
price_in_minute (const MinutePath *bar,
                 double            f)
{
  return price_in_bucket (bar, f, bucket_of (f));
}

/* The highest and lowest trade of the minute up to `f`. Within a bucket the
 * price is linear (no knot lies in a jittered bucket), so its extremes are
 * at the bucket's ends; the knots themselves are the bar's high and low. */
static void
extremes_until (const MinutePath *bar,
                double            f,
                double           *high,
                double           *low)
{
  gint64 last = bucket_of (f);

  *high = *low = bar->open;
  for (gint64 k = 0; k <= last; k++)
    {
      double a = price_in_bucket (bar, k * NOISE_BUCKET, k);
      double b = price_in_bucket (bar, MIN ((k + 1) * NOISE_BUCKET, f), k);

      *high = MAX (*high, MAX (a, b));
      *low = MIN (*low, MIN (a, b));
    }
  if (f >= bar->f_high)
    *high = bar->high;
  if (f >= bar->f_low)
    *low = bar->low;
}

/* The minute's bar as seen at fraction `f` (1.0 = complete), rounded to ticks. */
static void
bar_until (const BourseInstrumentSpec *spec,
           const MinutePath           *bar,
           double                      f,
           double                     *o,
           double                     *h,
           double                     *l,
           double                     *c,
           double                     *v)
{
  double close = f >= 1.0 ? bar->close : price_in_minute (bar, f);
  double high = bar->high, low = bar->low;

  if (f < 1.0)
    extremes_until (bar, f, &high, &low);

  *o = bourse_instrument_spec_round (spec, bar->open);
  *h = bourse_instrument_spec_round (spec, high);
  *l = bourse_instrument_spec_round (spec, low);
  *c = bourse_instrument_spec_round (spec, close);
  *v = f >= 1.0 ? bar->volume : round (bar->volume * f / spec->qty_step) * spec->qty_step;
}

static void
daily_so_far (BoursePriceSimulator *self,
              guint                 index,
              gint64                time_us,
              BourseQuoteSnapshot  *out)
{
  const BourseInstrumentSpec *spec = &self->specs[index];
  InstrumentState *state = &self->states[index];
  gint64 minute = floor_div (time_us, MINUTE_US);
  gint64 day = floor_div (minute, MINUTES_PER_DAY);
  gint64 done = minute - day * MINUTES_PER_DAY;
  double f = (double) (time_us - minute * MINUTE_US) / MINUTE_US;
  const double *path;
  double o, h, l, c, v;

  if (state->daily_day != day || state->daily_minutes > done)
    {
      state->daily_day = day;
      state->daily_minutes = 0;
      state->daily_high = -G_MAXDOUBLE;
      state->daily_low = G_MAXDOUBLE;
      state->daily_volume = 0;
    }

  path = day_path (self, index, day);
  while (state->daily_minutes < done)
    {
      MinutePath bar;

      compute_minute (self, index, day * MINUTES_PER_DAY + state->daily_minutes, path, &bar);
      bar_until (spec, &bar, 1.0, &o, &h, &l, &c, &v);
      state->daily_high = MAX (state->daily_high, h);
      state->daily_low = MIN (state->daily_low, l);
      state->daily_volume += v;
      state->daily_minutes++;
    }

  bar_until (spec, minute_path (self, index, minute), f, &o, &h, &l, &c, &v);
  out->day = day * 86400;
  out->open = bourse_instrument_spec_round (spec, exp (day_path (self, index, day)[0]));
  out->high = MAX (state->daily_high, h);
  out->low = MIN (state->daily_low, l);
  out->volume = state->daily_volume + v;
  out->prev_close = out->open;
}

static gboolean
timer_fired_cb (gpointer user_data)
{
  BoursePriceSimulator *self = user_data;

  bourse_price_simulator_set_time (self, g_get_real_time ());
  g_signal_emit (self, signals[TICKED], 0);

  return G_SOURCE_CONTINUE;
}

/* -------------------------------------------------------------- overrides */

static void
bourse_price_simulator_dispose (GObject *object)
{
  BoursePriceSimulator *self = (BoursePriceSimulator *) object;

  bourse_price_simulator_stop (self);

  G_OBJECT_CLASS (bourse_price_simulator_parent_class)->dispose (object);
}

static void
bourse_price_simulator_finalize (GObject *object)
{
  BoursePriceSimulator *self = (BoursePriceSimulator *) object;

  for (guint i = 0; i < self->n_instruments; i++)
    g_array_unref (self->states[i].day_levels);
  g_free (self->states);

  G_OBJECT_CLASS (bourse_price_simulator_parent_class)->finalize (object);
}

static void
bourse_price_simulator_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  BoursePriceSimulator *self = BOURSE_PRICE_SIMULATOR (object);

  switch (prop_id)
    {
    case PROP_SEED:
      g_value_set_uint64 (value, self->seed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_price_simulator_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  BoursePriceSimulator *self = BOURSE_PRICE_SIMULATOR (object);

  switch (prop_id)
    {
    case PROP_SEED:
      self->seed = g_value_get_uint64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_price_simulator_class_init (BoursePriceSimulatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bourse_price_simulator_dispose;
  object_class->finalize = bourse_price_simulator_finalize;
  object_class->get_property = bourse_price_simulator_get_property;
  object_class->set_property = bourse_price_simulator_set_property;

  properties[PROP_SEED] =
    g_param_spec_uint64 ("seed", NULL, NULL,
                         0, G_MAXUINT64, 1,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BoursePriceSimulator::ticked:
   *
   * Emitted by the timer after the snapshot time advanced.
   */
  signals[TICKED] =
    g_signal_new ("ticked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
bourse_price_simulator_init (BoursePriceSimulator *self)
{
  self->specs = bourse_instrument_spec_get_all (&self->n_instruments);
  self->states = g_new0 (InstrumentState, self->n_instruments);

  for (guint i = 0; i < self->n_instruments; i++)
    {
      self->states[i].day_levels = g_array_new (FALSE, FALSE, sizeof (double));
      self->states[i].path_day = G_MININT64;
      self->states[i].bar_minute = G_MININT64;
      self->states[i].daily_day = G_MININT64;
    }
}

/* ------------------------------------------------------------- public API */

/**
 * bourse_price_simulator_new:
 * @seed: the seed of every random draw
 * @start_time_us: the first snapshot time (UNIX µs); history reaches
 *   %BOURSE_PRICE_SIMULATOR_HISTORY_DAYS days before its UTC day
 */
BoursePriceSimulator *
bourse_price_simulator_new (guint64 seed,
                            gint64  start_time_us)
{
  BoursePriceSimulator *self = g_object_new (BOURSE_TYPE_PRICE_SIMULATOR, "seed", seed, NULL);
  gint64 start_day = floor_div (start_time_us, (gint64) 86400 * G_USEC_PER_SEC);

  self->now_us = start_time_us;
  self->data_start = (start_day - BOURSE_PRICE_SIMULATOR_HISTORY_DAYS) * 86400;

  return self;
}

guint64
bourse_price_simulator_get_seed (BoursePriceSimulator *self)
{
  g_return_val_if_fail (BOURSE_IS_PRICE_SIMULATOR (self), 0);

  return self->seed;
}

gint64
bourse_price_simulator_get_time (BoursePriceSimulator *self)
{
  g_return_val_if_fail (BOURSE_IS_PRICE_SIMULATOR (self), 0);

  return self->now_us;
}

/* Time never goes backwards: a stepped-back wall clock keeps the last time. */
void
bourse_price_simulator_set_time (BoursePriceSimulator *self,
                                 gint64                time_us)
{
  g_return_if_fail (BOURSE_IS_PRICE_SIMULATOR (self));

  self->now_us = MAX (self->now_us, time_us);
}

void
bourse_price_simulator_start (BoursePriceSimulator *self,
                              guint                 interval_ms)
{
  g_return_if_fail (BOURSE_IS_PRICE_SIMULATOR (self));
  g_return_if_fail (interval_ms > 0);

  bourse_price_simulator_stop (self);
  self->timer = g_timeout_source_new (interval_ms);
  g_source_set_callback (self->timer, timer_fired_cb, self, NULL);
  g_source_set_name (self->timer, "[bourse] price simulator");
  g_source_attach (self->timer, g_main_context_get_thread_default ());
}

void
bourse_price_simulator_stop (BoursePriceSimulator *self)
{
  g_return_if_fail (BOURSE_IS_PRICE_SIMULATOR (self));

  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
}

gint64
bourse_price_simulator_get_data_start (BoursePriceSimulator *self)
{
  g_return_val_if_fail (BOURSE_IS_PRICE_SIMULATOR (self), 0);

  return self->data_start;
}

void
bourse_price_simulator_quote_at (BoursePriceSimulator *self,
                                 guint                 index,
                                 gint64                time_us,
                                 gboolean              with_daily,
                                 BourseQuoteSnapshot  *out)
{
  const BourseInstrumentSpec *spec;
  const MinutePath *bar;
  gint64 minute;
  guint64 h;
  double f, last, half;

  g_return_if_fail (BOURSE_IS_PRICE_SIMULATOR (self));
  g_return_if_fail (index < self->n_instruments);

  spec = &self->specs[index];
  minute = floor_div (time_us, MINUTE_US);
  f = (double) (time_us - minute * MINUTE_US) / MINUTE_US;
  bar = minute_path (self, index, minute);
  last = bourse_instrument_spec_round (spec, price_in_minute (bar, f));
  half = floor (spec->spread_ticks / 2.0) * spec->min_tick;
  h = hash4 (self->seed, index, 4, (guint64) (time_us / 100000));

  out->time = floor_div (time_us, G_USEC_PER_SEC);
  out->last = last;
  out->bid = bourse_instrument_spec_round (spec, last - half);
  out->ask = bourse_instrument_spec_round (spec, out->bid + spec->spread_ticks * spec->min_tick);
  out->bid_size = spec->lot * (1 + floor (uniform (h) * 9));
  out->ask_size = spec->lot * (1 + floor (uniform (splitmix64 (h ^ 1)) * 9));
  out->trade_size = MAX (spec->qty_step,
                         round (spec->lot * uniform (splitmix64 (h ^ 2)) / spec->qty_step) * spec->qty_step);

  if (with_daily)
    daily_so_far (self, index, time_us, out);
}

void
bourse_price_simulator_get_quote (BoursePriceSimulator *self,
                                  guint                 index,
                                  BourseQuoteSnapshot  *out)
{
  bourse_price_simulator_quote_at (self, index, self->now_us, TRUE, out);
}

/* A book consistent with the quote: level 0 is the quote's bid and ask. */
guint
bourse_price_simulator_get_depth (BoursePriceSimulator *self,
                                  guint                 index,
                                  gint64                time_us,
                                  guint                 levels,
                                  double               *bid_prices,
                                  double               *bid_sizes,
                                  double               *ask_prices,
                                  double               *ask_sizes)
{
  const BourseInstrumentSpec *spec;
  BourseQuoteSnapshot quote;
  guint64 h;

  g_return_val_if_fail (BOURSE_IS_PRICE_SIMULATOR (self), 0);
  g_return_val_if_fail (index < self->n_instruments, 0);

  spec = &self->specs[index];
  bourse_price_simulator_quote_at (self, index, time_us, FALSE, &quote);
  h = hash4 (self->seed, index, 5, (guint64) (time_us / 100000));

  for (guint i = 0; i < levels; i++)
    {
      guint64 hb = splitmix64 (h + 2 * i);
      guint64 ha = splitmix64 (h + 2 * i + 1);
      /* Books thin out near the touch on liquid instruments and grow deeper away. */
      double depth_factor = 1.0 + i * 0.6;

      bid_prices[i] = bourse_instrument_spec_round (spec, quote.bid - i * spec->min_tick);
      ask_prices[i] = bourse_instrument_spec_round (spec, quote.ask + i * spec->min_tick);
      bid_sizes[i] = i == 0 ? quote.bid_size :
        spec->lot * round (depth_factor * (1 + floor (uniform (hb) * 9)));
      ask_sizes[i] = i == 0 ? quote.ask_size :
        spec->lot * round (depth_factor * (1 + floor (uniform (ha) * 9)));
    }

  return levels;
}

/**
 * bourse_price_simulator_parse_resolution:
 * @resolution: `1`, `5`, `15`, `60` (minutes, any 1–1440), `D`/`1D`, `W`/`1W`
 * @seconds: (out): the bar length
 */
gboolean
bourse_price_simulator_parse_resolution (const char *resolution,
                                         gint64     *seconds)
{
  guint64 minutes;
  char *end = NULL;

  if (resolution == NULL || *resolution == '\0')
    return FALSE;

  if (g_str_equal (resolution, "D") || g_str_equal (resolution, "1D"))
    {
      *seconds = 86400;
      return TRUE;
    }

  if (g_str_equal (resolution, "W") || g_str_equal (resolution, "1W"))
    {
      *seconds = BOURSE_RESOLUTION_WEEK;
      return TRUE;
    }

  if (!g_ascii_isdigit (*resolution))
    return FALSE;

  minutes = g_ascii_strtoull (resolution, &end, 10);
  if (*end != '\0' || minutes == 0 || minutes > MINUTES_PER_DAY || MINUTES_PER_DAY % minutes != 0)
    return FALSE;

  *seconds = (gint64) minutes * 60;
  return TRUE;
}

static gint64
bucket_start (gint64 t,
              gint64 resolution)
{
  if (resolution == BOURSE_RESOLUTION_WEEK)
    {
      gint64 day = floor_div (t, 86400);
      /* 1970-01-05 (day 4) was a Monday */
      return (day - ((day + 3) % 7 + 7) % 7) * 86400;
    }

  return floor_div (t, resolution) * resolution;
}

/**
 * bourse_price_simulator_get_history:
 * @from: first bar time wanted (inclusive)
 * @to: last bar time wanted (inclusive); may be in the future
 * @countback: when > 0, the last @countback bars up to @to, whatever @from
 * @no_data: (out): set when there is no data in or before the range
 *
 * Bars up to the snapshot time, the last one possibly still open with its
 * close equal to the current last price.
 *
 * Returns: (transfer full): the bars, possibly empty
 */
BourseBars *
bourse_price_simulator_get_history (BoursePriceSimulator *self,
                                    guint                 index,
                                    gint64                resolution,
                                    gint64                from,
                                    gint64                to,
                                    guint                 countback,
                                    gboolean             *no_data)
{
  const BourseInstrumentSpec *spec;
  g_autoptr(BourseBars) bars = NULL;
  gint64 now_s, last_bucket, first_bucket, end, minute, now_minute;
  double now_f;

  g_return_val_if_fail (BOURSE_IS_PRICE_SIMULATOR (self), NULL);
  g_return_val_if_fail (index < self->n_instruments, NULL);
  g_return_val_if_fail (resolution > 0, NULL);

  spec = &self->specs[index];
  now_s = floor_div (self->now_us, G_USEC_PER_SEC);
  now_minute = floor_div (self->now_us, MINUTE_US);
  now_f = (double) (self->now_us - now_minute * MINUTE_US) / MINUTE_US;
  *no_data = FALSE;

  if (to < self->data_start)
    {
      *no_data = TRUE;
      return bourse_bars_new (0);
    }

  last_bucket = bucket_start (MIN (to, now_s), resolution);
  if (countback > 0)
    first_bucket = last_bucket - (gint64) (countback - 1) * resolution;
  else
    {
      first_bucket = bucket_start (from, resolution);
      if (first_bucket < from)
        first_bucket += resolution;
    }
  first_bucket = MAX (first_bucket, bucket_start (self->data_start, resolution));

  if (first_bucket > last_bucket)
    return bourse_bars_new (0);

  bars = bourse_bars_new ((gsize) ((last_bucket - first_bucket) / resolution + 1));
  minute = MAX (first_bucket, self->data_start) / 60;
  end = MIN (last_bucket + resolution, now_s + 60) / 60;

  for (gint64 bucket = first_bucket; bucket <= last_bucket; bucket += resolution)
    {
      gint64 bucket_end = MIN ((bucket + resolution) / 60, end);
      double bo = 0, bh = -G_MAXDOUBLE, bl = G_MAXDOUBLE, bc = 0, bv = 0;
      gboolean any = FALSE;

      for (; minute < bucket_end && minute <= now_minute; minute++)
        {
          gint64 day = floor_div (minute, MINUTES_PER_DAY);
          MinutePath path;
          double o, h, l, c, v;

          compute_minute (self, index, minute, day_path (self, index, day), &path);
          bar_until (spec, &path, minute == now_minute ? now_f : 1.0, &o, &h, &l, &c, &v);
          if (!any)
            bo = o;
          any = TRUE;
          bh = MAX (bh, h);
          bl = MIN (bl, l);
          bc = c;
          bv += v;
        }

      if (any)
        bourse_bars_append (bars, bucket, bo, bh, bl, bc, bv);
    }

  return g_steal_pointer (&bars);
}
