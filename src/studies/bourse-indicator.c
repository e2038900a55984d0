/* bourse-indicator.c — study specs, incremental driver, CSV export (bars + study values)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bourse-indicator-private.h"

struct _BourseIndicator
{
  GObject parent_instance;

  /* owned */
  char                      *spec;
  char                      *prefix;
  gpointer                   state;
  double                    *values[BOURSE_INDICATOR_MAX_OUTPUTS];
  /* borrowed (static tables) */
  const BourseIndicatorKind *kind;

  double                     params[BOURSE_INDICATOR_MAX_PARAMS];
  guint                      n_outputs;
  gsize                      capacity;
  gsize                      length;
  /* bars 0 … n_committed-1 are folded into the state */
  gsize                      n_committed;
  gint64                     first_time;
  gint64                     last_committed_time;
  guint64                    series_identity;   /* of the bars the committed prefix came from */
};

enum {
  PROP_0,
  PROP_SPEC,
  PROP_LENGTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BourseIndicator, bourse_indicator, G_TYPE_OBJECT)

G_DEFINE_QUARK (bourse-indicator-error-quark, bourse_indicator_error)

static const BourseIndicatorKind *const *families[] = {
  _bourse_indicator_average_kinds,
  _bourse_indicator_channel_kinds,
  _bourse_indicator_oscillator_kinds,
  _bourse_indicator_volume_kinds,
};

static const BourseIndicatorKind *
find_kind (const char *name)
{
  for (guint f = 0; f < G_N_ELEMENTS (families); f++)
    for (guint k = 0; families[f][k] != NULL; k++)
      if (g_ascii_strcasecmp (families[f][k]->info.name, name) == 0)
        return families[f][k];
  return NULL;
}

static void
state_free (BourseIndicator *self)
{
  if (self->state == NULL)
    return;
  if (self->kind->clear)
    self->kind->clear (self->state);
  g_clear_pointer (&self->state, g_free);
}

static void
state_new (BourseIndicator *self)
{
  state_free (self);
  self->state = g_malloc0 (self->kind->state_size);
  self->kind->init (self->state, self->params);
  self->n_committed = 0;
}

static void
ensure_capacity (BourseIndicator *self,
                 gsize            len)
{
  gsize cap = self->capacity;

  if (len <= cap)
    return;
  cap = MAX (MAX (cap * 2, len), 64);
  for (guint o = 0; o < self->n_outputs; o++)
    self->values[o] = g_renew (double, self->values[o], cap);
  self->capacity = cap;
}

static void
compute_bar (BourseIndicator  *self,
             const BourseBars *bars,
             gsize             i,
             gboolean          commit)
{
  double out[BOURSE_INDICATOR_MAX_OUTPUTS];

  for (guint o = 0; o < self->n_outputs; o++)
    out[o] = NAN;
  self->kind->step (self->state, self->params, bars, i, commit, out);
  for (guint o = 0; o < self->n_outputs; o++)
    self->values[o][i] = isfinite (out[o]) ? out[o] : NAN;
}

static void
bourse_indicator_finalize (GObject *object)
{
  BourseIndicator *self = BOURSE_INDICATOR (object);

  state_free (self);
  for (guint o = 0; o < self->n_outputs; o++)
    g_clear_pointer (&self->values[o], g_free);
  g_clear_pointer (&self->spec, g_free);
  g_clear_pointer (&self->prefix, g_free);

  G_OBJECT_CLASS (bourse_indicator_parent_class)->finalize (object);
}

static void
bourse_indicator_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BourseIndicator *self = BOURSE_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_SPEC:
      g_value_set_string (value, self->spec);
      break;
    case PROP_LENGTH:
      g_value_set_uint64 (value, self->length);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_indicator_class_init (BourseIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bourse_indicator_finalize;
  object_class->get_property = bourse_indicator_get_property;

  /* The canonical spec ("macd:12,26,9"); set by bourse_indicator_new_from_spec(). */
  properties[PROP_SPEC] =
    g_param_spec_string ("spec", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Number of bars covered; notified when an update changes it. */
  properties[PROP_LENGTH] =
    g_param_spec_uint64 ("length", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bourse_indicator_init (BourseIndicator *self)
{
}

const BourseIndicatorInfo *
bourse_indicator_list_studies (void)
{
  static gsize studies = 0;

  /* Built once from the constant tables; never modified afterwards. */
  if (g_once_init_enter (&studies))
    {
      GArray *list = g_array_new (TRUE, TRUE, sizeof (BourseIndicatorInfo));

      for (guint f = 0; f < G_N_ELEMENTS (families); f++)
        for (guint k = 0; families[f][k] != NULL; k++)
          g_array_append_val (list, families[f][k]->info);
      g_once_init_leave (&studies, (gsize) g_array_free (list, FALSE));
    }
  return (const BourseIndicatorInfo *) studies;
}

const BourseIndicatorInfo *
bourse_indicator_find_study (const char *name)
{
  const BourseIndicatorKind *kind;

  g_return_val_if_fail (name != NULL, NULL);
  kind = find_kind (name);
  return kind ? &kind->info : NULL;
}

const char *
bourse_indicator_category_get_title (BourseIndicatorCategory category)
{
  switch (category)
    {
    case BOURSE_INDICATOR_CATEGORY_MOVING_AVERAGES: return "Moving Averages";
    case BOURSE_INDICATOR_CATEGORY_BANDS:           return "Bands & Channels";
    case BOURSE_INDICATOR_CATEGORY_TREND:           return "Trend";
    case BOURSE_INDICATOR_CATEGORY_OSCILLATORS:     return "Oscillators";
    case BOURSE_INDICATOR_CATEGORY_VOLATILITY:      return "Volatility";
    case BOURSE_INDICATOR_CATEGORY_VOLUME:          return "Volume";
    case BOURSE_INDICATOR_CATEGORY_NONE:
    case BOURSE_INDICATOR_N_CATEGORIES:
    default:                                        return NULL;
    }
}

/* Infos handed out are either the kinds' own or copies in list_studies(): the
 * name leads back to the kind that owns the inputs and outputs. */
static const BourseIndicatorKind *
kind_of_info (const BourseIndicatorInfo *info)
{
  return info != NULL && info->name != NULL ? find_kind (info->name) : NULL;
}

guint
bourse_indicator_info_get_n_inputs (const BourseIndicatorInfo *info)
{
  const BourseIndicatorKind *kind = kind_of_info (info);

  g_return_val_if_fail (kind != NULL, 0);
  return kind->n_params;
}

const BourseIndicatorInput *
bourse_indicator_info_get_input (const BourseIndicatorInfo *info,
                                 guint                      index)
{
  const BourseIndicatorKind *kind = kind_of_info (info);

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (index < kind->n_params, NULL);
  return &kind->params[index];
}

guint
bourse_indicator_info_get_n_outputs (const BourseIndicatorInfo *info)
{
  const BourseIndicatorKind *kind = kind_of_info (info);
  guint n = 0;

  g_return_val_if_fail (kind != NULL, 0);
  while (kind->outputs[n] != NULL)
    n++;
  return n;
}

const char *
bourse_indicator_info_get_output_name (const BourseIndicatorInfo *info,
                                       guint                      output)
{
  g_return_val_if_fail (output < bourse_indicator_info_get_n_outputs (info), NULL);
  return kind_of_info (info)->outputs[output];
}

char *
bourse_indicator_info_format_label (const BourseIndicatorInfo *info,
                                    const double              *params,
                                    guint                      n_params)
{
  const BourseIndicatorKind *kind = kind_of_info (info);
  g_autoptr(GString) label = NULL;
  char buf[BOURSE_FORMAT_NUMBER_BUF_SIZE];

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (n_params == 0 || params != NULL, NULL);

  label = g_string_new (kind->info.short_title);
  for (guint p = 0; p < MIN (n_params, kind->n_params); p++)
    {
      if (kind->params[p].hidden_in_label)
        continue;
      g_string_append_c (label, ' ');
      g_string_append (label, bourse_format_number (buf, params[p], 6));
    }
  return g_string_free (g_steal_pointer (&label), FALSE);
}

char *
bourse_indicator_format_label (BourseIndicator *self)
{
  g_return_val_if_fail (BOURSE_IS_INDICATOR (self), NULL);
  return bourse_indicator_info_format_label (&self->kind->info, self->params, self->kind->n_params);
}

char *
bourse_indicator_info_build_spec (const BourseIndicatorInfo  *info,
                                  const double               *params,
                                  guint                       n_params,
                                  GError                    **error)
{
  const BourseIndicatorKind *kind = kind_of_info (info);
  g_autoptr(GString) spec = NULL;
  g_autoptr(BourseIndicator) check = NULL;
  char buf[BOURSE_FORMAT_NUMBER_BUF_SIZE];

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (n_params == kind->n_params, NULL);

  spec = g_string_new (kind->info.name);
  for (guint p = 0; p < n_params; p++)
    {
      g_string_append_c (spec, p == 0 ? ':' : ',');
      g_string_append (spec, bourse_format_number (buf, params[p], 10));
    }
  /* The parser is the one judge of ranges and cross-checks (MACD fast < slow). */
  check = bourse_indicator_new_from_spec (spec->str, error);
  if (check == NULL)
    return NULL;
  return g_strdup (bourse_indicator_get_spec (check));
}

static gboolean
parse_number (const char *text,
              double     *value)
{
  char *end = NULL;

  if (*text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}

/* Column-name form of a number: "2" for 2.0, "2.5" for 2.5, '.' kept. */
static void
append_param_name (GString *s,
                   double   v)
{
  char buf[BOURSE_FORMAT_NUMBER_BUF_SIZE];

  g_string_append (s, bourse_format_number (buf, v, 10));
}

BourseIndicator *
bourse_indicator_new_from_spec (const char  *spec,
                                GError     **error)
{
  g_autoptr(BourseIndicator) self = NULL;
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) args = NULL;
  g_autoptr(GString) canonical = NULL;
  g_autoptr(GString) prefix = NULL;
  g_autofree char *name = NULL;
  const BourseIndicatorKind *kind;
  guint n_args = 0;

  g_return_val_if_fail (spec != NULL, NULL);

  parts = g_strsplit (spec, ":", 2);
  if (parts[0] == NULL || parts[0][0] == '\0')
    {
      g_set_error (error, BOURSE_INDICATOR_ERROR, BOURSE_INDICATOR_ERROR_SYNTAX,
                   "Study “%s” has no name (expected NAME[:P1,P2…], e.g. rsi:14)", spec);
      return NULL;
    }
  name = g_strstrip (g_strdup (parts[0]));
  kind = find_kind (name);
  if (kind == NULL)
    {
      g_set_error (error, BOURSE_INDICATOR_ERROR, BOURSE_INDICATOR_ERROR_UNKNOWN_STUDY,
                   "Unknown study “%s”", name);
      return NULL;
    }

  self = g_object_new (BOURSE_TYPE_INDICATOR, NULL);
  self->kind = kind;
  for (guint p = 0; p < kind->n_params; p++)
    self->params[p] = kind->params[p].fallback;

  if (parts[1] != NULL && parts[1][0] == '\0')
    {
      g_set_error (error, BOURSE_INDICATOR_ERROR, BOURSE_INDICATOR_ERROR_SYNTAX,
                   "Study “%s” has a ':' but no parameters", spec);
      return NULL;
    }
  if (parts[1] != NULL)
    {
      args = g_strsplit (parts[1], ",", -1);
      n_args = g_strv_length (args);
      if (n_args > kind->n_params)
        {
          g_set_error (error, BOURSE_INDICATOR_ERROR, BOURSE_INDICATOR_ERROR_PARAMETER,
                       "Study “%s” takes at most %u parameter(s), “%s” gives %u",
                       kind->info.name, kind->n_params, spec, n_args);
          return NULL;
        }
      for (guint p = 0; p < n_args; p++)
        {
          const BourseIndicatorParam *param = &kind->params[p];
          double v;

          if (!parse_number (args[p], &v))
            {
              g_set_error (error, BOURSE_INDICATOR_ERROR, BOURSE_INDICATOR_ERROR_SYNTAX,
                           "Parameter %u of “%s” is not a number: “%s”", p + 1, spec, args[p]);
              return NULL;
            }
          if (v < param->min || v > param->max || (param->integer && v != floor (v)))
            {
              g_set_error (error, BOURSE_INDICATOR_ERROR, BOURSE_INDICATOR_ERROR_PARAMETER,
                           "Parameter %u of “%s” (%s) must be %s between %g and %g",
                           p + 1, spec, param->label, param->integer ? "an integer" : "a number",
                           param->min, param->max);
              return NULL;
            }
          self->params[p] = v;
        }
    }
  if (kind->validate && !kind->validate (self->params, error))
    {
      g_prefix_error (error, "“%s”: ", spec);
      return NULL;
    }

  /* The column prefix follows what the user typed: "rsi:14" → rsi_14, "obv" → obv. */
  prefix = g_string_new (kind->info.name);
  canonical = g_string_new (kind->info.name);
  for (guint p = 0; p < n_args; p++)
    {
      g_string_append_c (prefix, '_');
      append_param_name (prefix, self->params[p]);
    }
  for (guint p = 0; p < kind->n_params; p++)
    {
      g_string_append_c (canonical, p == 0 ? ':' : ',');
      append_param_name (canonical, self->params[p]);
    }
  self->prefix = g_string_free (g_steal_pointer (&prefix), FALSE);
  self->spec = g_string_free (g_steal_pointer (&canonical), FALSE);

  while (kind->outputs[self->n_outputs] != NULL)
    self->n_outputs++;
  state_new (self);

  return g_steal_pointer (&self);
}

const char *
bourse_indicator_get_spec (BourseIndicator *self)
{
  g_return_val_if_fail (BOURSE_IS_INDICATOR (self), NULL);
  return self->spec;
}

const char *
bourse_indicator_get_column_prefix (BourseIndicator *self)
{
  g_return_val_if_fail (BOURSE_IS_INDICATOR (self), NULL);
  return self->prefix;
}

const BourseIndicatorInfo *
bourse_indicator_get_info (BourseIndicator *self)
{
  g_return_val_if_fail (BOURSE_IS_INDICATOR (self), NULL);
  return &self->kind->info;
}

guint
bourse_indicator_get_n_params (BourseIndicator *self)
{
  g_return_val_if_fail (BOURSE_IS_INDICATOR (self), 0);
  return self->kind->n_params;
}

double
bourse_indicator_get_param (BourseIndicator *self,
                            guint            index)
{
  g_return_val_if_fail (BOURSE_IS_INDICATOR (self), NAN);
  g_return_val_if_fail (index < self->kind->n_params, NAN);
  return self->params[index];
}

guint
bourse_indicator_get_n_outputs (BourseIndicator *self)
{
  g_return_val_if_fail (BOURSE_IS_INDICATOR (self), 0);
  return self->n_outputs;
}

const char *
bourse_indicator_get_output_name (BourseIndicator *self,
                                  guint            output)
{
  g_return_val_if_fail (BOURSE_IS_INDICATOR (self), NULL);
  g_return_val_if_fail (output < self->n_outputs, NULL);
  return self->kind->outputs[output];
}

char *
bourse_indicator_dup_column_name (BourseIndicator *self,
                                  guint            output)
{
  g_return_val_if_fail (BOURSE_IS_INDICATOR (self), NULL);
  g_return_val_if_fail (output < self->n_outputs, NULL);

  if (self->n_outputs == 1)
    return g_strdup (self->prefix);
  return g_strdup_printf ("%s.%s", self->prefix, self->kind->outputs[output]);
}

int
bourse_indicator_get_output_offset (BourseIndicator *self,
                                    guint            output)
{
  g_return_val_if_fail (BOURSE_IS_INDICATOR (self), 0);
  g_return_val_if_fail (output < self->n_outputs, 0);
  return self->kind->offset ? self->kind->offset (self->params, output) : 0;
}

int
bourse_indicator_find_output (BourseIndicator *self,
                              const char      *name)
{
  g_return_val_if_fail (BOURSE_IS_INDICATOR (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint o = 0; o < self->n_outputs; o++)
    {
      g_autofree char *column = bourse_indicator_dup_column_name (self, o);

      if (g_str_equal (name, self->kind->outputs[o]) || g_str_equal (name, column))
        return (int) o;
    }
  return -1;
}

void
bourse_indicator_reset (BourseIndicator *self)
{
  g_return_if_fail (BOURSE_IS_INDICATOR (self));

  state_new (self);
  if (self->length != 0)
    {
      self->length = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LENGTH]);
    }
}

void
bourse_indicator_update (BourseIndicator  *self,
                         const BourseBars *bars)
{
  gsize old_length;

  g_return_if_fail (BOURSE_IS_INDICATOR (self));
  g_return_if_fail (bars != NULL);

  old_length = self->length;

  /* The committed prefix must still be the same bars; otherwise start over.
   * Times alone cannot tell: two symbols' daily bars open at the same instants,
   * so a new series (another symbol or resolution) is told by its identity. */
  if (self->n_committed > 0 &&
      (bourse_bars_get_identity (bars) != self->series_identity ||
       bars->len < self->n_committed + 1 ||
       bars->time[0] != self->first_time ||
       bars->time[self->n_committed - 1] != self->last_committed_time))
    state_new (self);

  ensure_capacity (self, bars->len);
  if (bars->len > 0)
    {
      for (gsize i = self->n_committed; i + 1 < bars->len; i++)
        compute_bar (self, bars, i, TRUE);
      self->n_committed = bars->len - 1;
      self->first_time = bars->time[0];
      self->series_identity = bourse_bars_get_identity (bars);
      if (self->n_committed > 0)
        self->last_committed_time = bars->time[self->n_committed - 1];
      compute_bar (self, bars, bars->len - 1, FALSE);
    }
  self->length = bars->len;

  if (old_length != self->length)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LENGTH]);
}

typedef struct
{
  BourseBars      *bars;   /* a private copy */
  BourseIndicator *work;   /* a fresh instance of the same spec, only touched by the worker */
} ComputeData;

static void
compute_data_free (ComputeData *data)
{
  g_clear_pointer (&data->bars, bourse_bars_unref);
  g_clear_object (&data->work);
  g_free (data);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ComputeData *data = task_data;

  bourse_indicator_update (data->work, data->bars);
  g_task_return_boolean (task, TRUE);
}

void
bourse_indicator_update_async (BourseIndicator     *self,
                               const BourseBars    *bars,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ComputeData *data;

  g_return_if_fail (BOURSE_IS_INDICATOR (self));
  g_return_if_fail (bars != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) (guintptr) bourse_indicator_update_async);
  data = g_new0 (ComputeData, 1);
  data->bars = bourse_bars_copy (bars);
  data->work = bourse_indicator_new_from_spec (self->spec, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) compute_data_free);
  g_task_run_in_thread (task, compute_thread);
}

gboolean
bourse_indicator_update_finish (BourseIndicator  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  ComputeData *data;
  BourseIndicator *work;
  gsize old_length;

  g_return_val_if_fail (BOURSE_IS_INDICATOR (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  /* Adopt the worker's state and arrays wholesale. */
  data = g_task_get_task_data (G_TASK (result));
  work = data->work;
  old_length = self->length;
  state_free (self);
  for (guint o = 0; o < self->n_outputs; o++)
    {
      g_free (self->values[o]);
      self->values[o] = g_steal_pointer (&work->values[o]);
    }
  self->state = g_steal_pointer (&work->state);
  self->capacity = work->capacity;
  self->length = work->length;
  self->n_committed = work->n_committed;
  self->first_time = work->first_time;
  self->last_committed_time = work->last_committed_time;
  self->series_identity = work->series_identity;
  work->capacity = work->length = work->n_committed = 0;
  if (old_length != self->length)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LENGTH]);
  return TRUE;
}

gsize
bourse_indicator_get_length (BourseIndicator *self)
{
  g_return_val_if_fail (BOURSE_IS_INDICATOR (self), 0);
  return self->length;
}

const double *
bourse_indicator_get_values (BourseIndicator *self,
                             guint            output)
{
  g_return_val_if_fail (BOURSE_IS_INDICATOR (self), NULL);
  g_return_val_if_fail (output < self->n_outputs, NULL);
  return self->values[output];
}

double
bourse_indicator_get_value (BourseIndicator *self,
                            guint            output,
                            gsize            index)
{
  g_return_val_if_fail (BOURSE_IS_INDICATOR (self), NAN);
  g_return_val_if_fail (output < self->n_outputs, NAN);

  if (index >= self->length)
    return NAN;
  return self->values[output][index];
}

char *
bourse_format_number (char   *buf,
                      double  value,
                      int     max_decimals)
{
  char format[8];
  gsize len;

  if (isnan (value))
    return strcpy (buf, "NaN");
  if (isinf (value))
    return strcpy (buf, value > 0 ? "Infinity" : "-Infinity");

  max_decimals = CLAMP (max_decimals, 0, 17);
  /* g_ascii_formatd ignores the locale; %f never produces an exponent. */
  g_snprintf (format, sizeof format, "%%.%df", max_decimals);
  g_ascii_formatd (buf, BOURSE_FORMAT_NUMBER_BUF_SIZE, format, value);
  len = strlen (buf);
  if (strchr (buf, '.') != NULL)
    {
      while (len > 0 && buf[len - 1] == '0')
        buf[--len] = '\0';
      if (len > 0 && buf[len - 1] == '.')
        buf[--len] = '\0';
    }
  if (strcmp (buf, "-0") == 0)
    strcpy (buf, "0");
  return buf;
}

gboolean
bourse_indicator_write_csv (GPtrArray         *indicators,
                            const BourseBars  *bars,
                            GOutputStream     *out,
                            GCancellable      *cancellable,
                            GError           **error)
{
  g_autoptr(GString) line = g_string_sized_new (256);
  char buf[BOURSE_FORMAT_NUMBER_BUF_SIZE];

  g_return_val_if_fail (indicators != NULL, FALSE);
  g_return_val_if_fail (bars != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  /* TradingView's "Export chart data" layout: the bars first, then each study's
   * plotted values. */
  g_string_append (line, "time,open,high,low,close,volume");
  for (guint k = 0; k < indicators->len; k++)
    {
      BourseIndicator *ind = g_ptr_array_index (indicators, k);

      bourse_indicator_update (ind, bars);
      for (guint o = 0; o < ind->n_outputs; o++)
        {
          g_autofree char *column = bourse_indicator_dup_column_name (ind, o);

          g_string_append_c (line, ',');
          g_string_append (line, column);
        }
    }
  g_string_append_c (line, '\n');

  for (gsize i = 0; i < bars->len; i++)
    {
      const double ohlcv[] = { bars->open[i], bars->high[i], bars->low[i], bars->close[i], bars->volume[i] };

      g_string_append_printf (line, "%" G_GINT64_FORMAT, bars->time[i]);
      for (guint c = 0; c < G_N_ELEMENTS (ohlcv); c++)
        {
          g_string_append_c (line, ',');
          if (!isnan (ohlcv[c]))
            g_string_append (line, bourse_format_number (buf, ohlcv[c], 10));
        }
      for (guint k = 0; k < indicators->len; k++)
        {
          BourseIndicator *ind = g_ptr_array_index (indicators, k);

          for (guint o = 0; o < ind->n_outputs; o++)
            {
              double v = ind->values[o][i];

              g_string_append_c (line, ',');
              if (!isnan (v))
                g_string_append (line, bourse_format_number (buf, v, 10));
            }
        }
      g_string_append_c (line, '\n');

      if (line->len > 60000 || i + 1 == bars->len)
        {
          if (!g_output_stream_write_all (out, line->str, line->len, NULL, cancellable, error))
            return FALSE;
          g_string_truncate (line, 0);
        }
    }
  if (line->len > 0 &&
      !g_output_stream_write_all (out, line->str, line->len, NULL, cancellable, error))
    return FALSE;
  return TRUE;
}
