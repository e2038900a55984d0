/* bourse-bars.c — OHLCV bars as a refcounted struct of arrays
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "bourse-bars.h"
#include "bourse-error.h"

/* Written out rather than G_DEFINE_BOXED_TYPE, whose GLib 2.74 expansion
 * trips -Wpedantic ("argument conversion to union type"). */
GType
bourse_bars_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = g_boxed_type_register_static (g_intern_static_string ("BourseBars"),
                                                 (GBoxedCopyFunc) bourse_bars_ref,
                                                 (GBoxedFreeFunc) bourse_bars_unref);
      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

/* The only process-wide state here: a counter handing out series identities,
 * like GType ids. Behind a lock: series are also made in worker threads. */
static guint64 last_identity;

static guint64
next_identity (void)
{
  static GMutex lock;
  guint64 id;

  g_mutex_lock (&lock);
  id = ++last_identity;
  g_mutex_unlock (&lock);
  return id;
}

static void
grow_to (BourseBars *self,
         gsize       capacity)
{
  if (capacity <= self->capacity)
    return;

  self->time = g_renew (gint64, self->time, capacity);
  self->open = g_renew (double, self->open, capacity);
  self->high = g_renew (double, self->high, capacity);
  self->low = g_renew (double, self->low, capacity);
  self->close = g_renew (double, self->close, capacity);
  self->volume = g_renew (double, self->volume, capacity);
  self->capacity = capacity;
}

/**
 * bourse_bars_new:
 * @reserve: number of bars to allocate room for
 *
 * Returns: (transfer full): an empty bar series
 */
BourseBars *
bourse_bars_new (gsize reserve)
{
  BourseBars *self = g_new0 (BourseBars, 1);

  self->ref_count = 1;
  self->identity = next_identity ();
  grow_to (self, MAX (reserve, 16));
  return self;
}

BourseBars *
bourse_bars_ref (BourseBars *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
bourse_bars_unref (BourseBars *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_free (self->time);
  g_free (self->open);
  g_free (self->high);
  g_free (self->low);
  g_free (self->close);
  g_free (self->volume);
  g_free (self);
}

BourseBars *
bourse_bars_copy (const BourseBars *self)
{
  BourseBars *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = bourse_bars_new (self->len);
  memcpy (copy->time, self->time, self->len * sizeof (gint64));
  memcpy (copy->open, self->open, self->len * sizeof (double));
  memcpy (copy->high, self->high, self->len * sizeof (double));
  memcpy (copy->low, self->low, self->len * sizeof (double));
  memcpy (copy->close, self->close, self->len * sizeof (double));
  memcpy (copy->volume, self->volume, self->len * sizeof (double));
  copy->len = self->len;
  copy->serial = self->serial;
  copy->identity = self->identity;
  return copy;
}

void
bourse_bars_reserve (BourseBars *self,
                     gsize       capacity)
{
  g_return_if_fail (self != NULL);
  grow_to (self, capacity);
}

/**
 * bourse_bars_append:
 *
 * Appends a bar whose time is after the last one. Returns %FALSE (and changes
 * nothing) when @time does not increase or a value is not finite.
 */
gboolean
bourse_bars_append (BourseBars *self,
                    gint64      time,
                    double      open,
                    double      high,
                    double      low,
                    double      close,
                    double      volume)
{
  gsize i;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->len > 0 && time <= self->time[self->len - 1])
    return FALSE;
  if (!isfinite (open) || !isfinite (high) || !isfinite (low) ||
      !isfinite (close) || !isfinite (volume))
    return FALSE;

  if (self->len == self->capacity)
    grow_to (self, self->capacity * 2);

  i = self->len++;
  self->time[i] = time;
  self->open[i] = open;
  self->high[i] = high;
  self->low[i] = low;
  self->close[i] = close;
  self->volume[i] = volume;
  self->serial++;
  return TRUE;
}

void
bourse_bars_update_last (BourseBars *self,
                         double      open,
                         double      high,
                         double      low,
                         double      close,
                         double      volume)
{
  gsize i;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->len > 0);

  i = self->len - 1;
  self->open[i] = open;
  self->high[i] = high;
  self->low[i] = low;
  self->close[i] = close;
  self->volume[i] = volume;
  self->serial++;
}

/**
 * bourse_bars_apply_tick:
 * @bar_time: the open time of the bar the tick belongs to
 * @price: traded (or last) price
 * @volume: size of the tick, added to the bar's volume
 *
 * Folds a live tick into the series: it extends the last bar when @bar_time is
 * that bar's time, or appends a new bar opening at @price. Ticks for older bars
 * are refused (%FALSE), so a late message can never rewrite history.
 */
gboolean
bourse_bars_apply_tick (BourseBars *self,
                        gint64      bar_time,
                        double      price,
                        double      volume)
{
  gsize i;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!isfinite (price) || !isfinite (volume))
    return FALSE;

  if (self->len == 0 || bar_time > self->time[self->len - 1])
    return bourse_bars_append (self, bar_time, price, price, price, price, volume);

  if (bar_time < self->time[self->len - 1])
    return FALSE;

  i = self->len - 1;
  self->high[i] = MAX (self->high[i], price);
  self->low[i] = MIN (self->low[i], price);
  self->close[i] = price;
  self->volume[i] += volume;
  self->serial++;
  return TRUE;
}

/**
 * bourse_bars_lower_bound:
 *
 * Returns: the index of the first bar whose time is >= @time (len if none).
 */
gsize
bourse_bars_lower_bound (const BourseBars *self,
                         gint64            time)
{
  gsize lo = 0, hi;

  g_return_val_if_fail (self != NULL, 0);

  hi = self->len;
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (self->time[mid] < time)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

void
bourse_bars_clear (BourseBars *self)
{
  g_return_if_fail (self != NULL);
  self->len = 0;
  self->serial++;
  /* What is appended next is another series as far as any consumer knows. */
  self->identity = next_identity ();
}

/**
 * bourse_bars_get_identity:
 *
 * Returns: the series' identity: unique to each series made with
 *   bourse_bars_new() (and its loaders), shared by its copies, and never
 *   changed by appending or revising bars.
 */
guint64
bourse_bars_get_identity (const BourseBars *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->identity;
}

/**
 * bourse_bars_get_serial:
 *
 * Returns: a counter bumped on every change, so caches (level-of-detail
 * pyramids, indicator states) can tell whether they are stale.
 */
guint64
bourse_bars_get_serial (const BourseBars *self)
{
  return self->serial;
}

/* Parses a plain decimal ("123", "-1.2345") exactly as strtod would: digits are
 * accumulated as an integer and divided once by a power of ten, both exact in a
 * double for up to 15 significant digits, so the division rounds correctly.
 * Anything else (exponents, long mantissas) falls back to g_ascii_strtod. */
static gboolean
parse_number (const char **cursor,
              const char  *end,
              double      *out)
{
  static const double pow10[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
  };
  const char *p = *cursor;
  gboolean negative = FALSE;
  guint64 mantissa = 0;
  guint digits = 0, fraction_digits = 0;

  if (p < end && (*p == '-' || *p == '+'))
    {
      negative = (*p == '-');
      p++;
    }
  while (p < end && g_ascii_isdigit (*p))
    {
      mantissa = mantissa * 10 + (guint64) (*p - '0');
      digits++;
      p++;
    }
  if (p < end && *p == '.')
    {
      p++;
      while (p < end && g_ascii_isdigit (*p))
        {
          mantissa = mantissa * 10 + (guint64) (*p - '0');
          digits++;
          fraction_digits++;
          p++;
        }
    }

  if (digits > 0 && digits <= 15 && (p == end || *p == ',' || *p == '\n' || *p == '\r'))
    {
      double value = (double) mantissa / pow10[fraction_digits];

      *out = negative ? -value : value;
      *cursor = p;
      return TRUE;
    }

  /* Slow path: a copy bounded by the field, then the locale-independent strtod. */
  {
    const char *start = *cursor;
    const char *field_end = start;
    g_autofree char *field = NULL;
    char *parsed_end = NULL;
    double value;

    while (field_end < end && *field_end != ',' && *field_end != '\n' && *field_end != '\r')
      field_end++;
    if (field_end == start)
      return FALSE;
    field = g_strndup (start, (gsize) (field_end - start));
    errno = 0;
    value = g_ascii_strtod (field, &parsed_end);
    if (errno != 0 || parsed_end == field || *parsed_end != '\0' || !isfinite (value))
      return FALSE;
    *out = value;
    *cursor = field_end;
    return TRUE;
  }
}

/**
 * bourse_bars_parse_csv:
 * @text: CSV text with the header `time,open,high,low,close,volume`
 *
 * Parses the benchmark's bar format (see shared/bench/gen_bars.py). Times are
 * UNIX seconds and must increase strictly; every malformed line is an error
 * naming its line number, never a silently skipped bar.
 */
BourseBars *
bourse_bars_parse_csv (const char  *text,
                       gsize        length,
                       GError     **error)
{
  g_autoptr(BourseBars) bars = NULL;
  const char *p = text;
  const char *end = text + length;
  const char *eol;
  gsize line_no = 1;
  gsize estimate;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  eol = memchr (p, '\n', (gsize) (end - p));
  if (eol == NULL)
    eol = end;
  {
    g_autofree char *header = g_strstrip (g_strndup (p, (gsize) (eol - p)));

    if (g_ascii_strcasecmp (header, "time,open,high,low,close,volume") != 0)
      {
        g_set_error (error, BOURSE_DATA_ERROR, BOURSE_DATA_ERROR_PARSE,
                     "line 1: expected the header “time,open,high,low,close,volume”, got “%s”",
                     header);
        return NULL;
      }
  }
  p = eol < end ? eol + 1 : end;

  /* ~45 bytes a line in the benchmark files: reserve once instead of doubling. */
  estimate = (gsize) (end - p) / 40 + 16;
  bars = bourse_bars_new (estimate);

  while (p < end)
    {
      double v[6];
      guint field;

      line_no++;

      if (*p == '\n' || *p == '\r')
        {
          while (p < end && (*p == '\n' || *p == '\r'))
            p++;
          continue;
        }

      for (field = 0; field < 6; field++)
        {
          if (!parse_number (&p, end, &v[field]))
            {
              g_set_error (error, BOURSE_DATA_ERROR, BOURSE_DATA_ERROR_PARSE,
                           "line %" G_GSIZE_FORMAT ": field %u is not a number", line_no, field + 1);
              return NULL;
            }
          if (field < 5)
            {
              if (p >= end || *p != ',')
                {
                  g_set_error (error, BOURSE_DATA_ERROR, BOURSE_DATA_ERROR_PARSE,
                               "line %" G_GSIZE_FORMAT ": expected 6 comma-separated fields", line_no);
                  return NULL;
                }
              p++;
            }
        }
      if (p < end && *p == '\r')
        p++;
      if (p < end && *p != '\n')
        {
          g_set_error (error, BOURSE_DATA_ERROR, BOURSE_DATA_ERROR_PARSE,
                       "line %" G_GSIZE_FORMAT ": unexpected text after the volume field", line_no);
          return NULL;
        }
      if (p < end)
        p++;

      if (v[0] != floor (v[0]) || fabs (v[0]) > 9.2e15)
        {
          g_set_error (error, BOURSE_DATA_ERROR, BOURSE_DATA_ERROR_PARSE,
                       "line %" G_GSIZE_FORMAT ": time must be whole UNIX seconds", line_no);
          return NULL;
        }
      if (!bourse_bars_append (bars, (gint64) v[0], v[1], v[2], v[3], v[4], v[5]))
        {
          g_set_error (error, BOURSE_DATA_ERROR, BOURSE_DATA_ERROR_ORDER,
                       "line %" G_GSIZE_FORMAT ": time %.0f does not follow the previous bar",
                       line_no, v[0]);
          return NULL;
        }
    }

  return g_steal_pointer (&bars);
}

BourseBars *
bourse_bars_load_csv (const char  *path,
                      GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  BourseBars *bars;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_mapped_file_new (path, FALSE, &local_error);
  if (file == NULL)
    {
      g_set_error (error, BOURSE_DATA_ERROR, BOURSE_DATA_ERROR_IO,
                   "%s", local_error->message);
      return NULL;
    }

  bars = bourse_bars_parse_csv (g_mapped_file_get_contents (file),
                                g_mapped_file_get_length (file),
                                &local_error);
  if (bars == NULL)
    g_set_error (error, BOURSE_DATA_ERROR, local_error->code,
                 "%s: %s", path, local_error->message);
  return bars;
}

gboolean
bourse_bars_save_csv (const BourseBars  *self,
                      const char        *path,
                      GError           **error)
{
  g_autoptr(GString) out = g_string_sized_new (self->len * 48 + 64);
  char buf[6][G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, "time,open,high,low,close,volume\n");
  for (gsize i = 0; i < self->len; i++)
    g_string_append_printf (out, "%" G_GINT64_FORMAT ",%s,%s,%s,%s,%s\n",
                            self->time[i],
                            g_ascii_dtostr (buf[1], sizeof buf[1], self->open[i]),
                            g_ascii_dtostr (buf[2], sizeof buf[2], self->high[i]),
                            g_ascii_dtostr (buf[3], sizeof buf[3], self->low[i]),
                            g_ascii_dtostr (buf[4], sizeof buf[4], self->close[i]),
                            g_ascii_dtostr (buf[5], sizeof buf[5], self->volume[i]));

  return g_file_set_contents (path, out->str, (gssize) out->len, error);
}
