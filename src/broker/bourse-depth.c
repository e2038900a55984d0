/* bourse-depth.c — BourseDepth: the order book (level 2) of one symbol
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "bourse-depth.h"
#include "bourse-depth-private.h"
#include "bourse-json.h"

typedef struct
{
  GArray *prices;  /* double */
  GArray *sizes;   /* double */
} Side;

struct _BourseDepth
{
  GObject  parent_instance;

  char    *symbol;
  Side     bids;
  Side     asks;
  gint64   time;
  guint64  serial;
};

enum {
  PROP_0,
  PROP_SYMBOL,
  PROP_SERIAL,
  PROP_TIME,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (BourseDepth, bourse_depth, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

typedef struct
{
  double price;
  double size;
} Level;

static int
compare_ascending (const void *a,
                   const void *b)
{
  double pa = ((const Level *) a)->price;
  double pb = ((const Level *) b)->price;

  return (pa > pb) - (pa < pb);
}

static int
compare_descending (const void *a,
                    const void *b)
{
  return compare_ascending (b, a);
}

/* Reads [[price, size], …] (validated) into @side; returns TRUE if it changed. */
static gboolean
load_side (Side      *side,
           JsonArray *levels,
           gboolean   descending)
{
  guint n = levels != NULL ? json_array_get_length (levels) : 0;
  g_autofree Level *tmp = g_new0 (Level, MAX (n, 1));
  guint count = 0;
  gboolean changed;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *pair = json_array_get_element (levels, i);
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (pair))
        continue;
      array = json_node_get_array (pair);
      if (json_array_get_length (array) != 2 ||
          !_bourse_json_node_get_number (json_array_get_element (array, 0), &tmp[count].price) ||
          !_bourse_json_node_get_number (json_array_get_element (array, 1), &tmp[count].size))
        continue;
      count++;
    }
  qsort (tmp, count, sizeof (Level), descending ? compare_descending : compare_ascending);

  changed = count != side->prices->len;
  for (guint i = 0; i < count && !changed; i++)
    changed = g_array_index (side->prices, double, i) != tmp[i].price ||
              g_array_index (side->sizes, double, i) != tmp[i].size;
  if (!changed)
    return FALSE;

  g_array_set_size (side->prices, count);
  g_array_set_size (side->sizes, count);
  for (guint i = 0; i < count; i++)
    {
      g_array_index (side->prices, double, i) = tmp[i].price;
      g_array_index (side->sizes, double, i) = tmp[i].size;
    }
  return TRUE;
}

static void
bourse_depth_finalize (GObject *object)
{
  BourseDepth *self = (BourseDepth *) object;

  g_clear_pointer (&self->symbol, g_free);
  g_clear_pointer (&self->bids.prices, g_array_unref);
  g_clear_pointer (&self->bids.sizes, g_array_unref);
  g_clear_pointer (&self->asks.prices, g_array_unref);
  g_clear_pointer (&self->asks.sizes, g_array_unref);

  G_OBJECT_CLASS (bourse_depth_parent_class)->finalize (object);
}

static void
bourse_depth_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BourseDepth *self = BOURSE_DEPTH (object);

  switch (prop_id)
    {
    case PROP_SYMBOL:
      g_value_set_string (value, self->symbol);
      break;
    case PROP_SERIAL:
      g_value_set_uint64 (value, self->serial);
      break;
    case PROP_TIME:
      g_value_set_int64 (value, self->time);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_depth_class_init (BourseDepthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bourse_depth_finalize;
  object_class->get_property = bourse_depth_get_property;

  properties[PROP_SYMBOL] =
    g_param_spec_string ("symbol", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Bumped (and notified) once per change of the book: bind a redraw to it. */
  properties[PROP_SERIAL] =
    g_param_spec_uint64 ("serial", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME] =
    g_param_spec_int64 ("time", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bourse_depth_init (BourseDepth *self)
{
  self->bids.prices = g_array_new (FALSE, FALSE, sizeof (double));
  self->bids.sizes = g_array_new (FALSE, FALSE, sizeof (double));
  self->asks.prices = g_array_new (FALSE, FALSE, sizeof (double));
  self->asks.sizes = g_array_new (FALSE, FALSE, sizeof (double));
}

BourseDepth *
_bourse_depth_new (const char *symbol)
{
  BourseDepth *self = g_object_new (BOURSE_TYPE_DEPTH, NULL);

  self->symbol = g_strdup (symbol);
  return self;
}

/**
 * _bourse_depth_apply:
 * @object: a validated {bids, asks} object (GET /depth d, or a "dp" stream line)
 *
 * Returns: TRUE when the book changed
 */
gboolean
_bourse_depth_apply (BourseDepth *self,
                     JsonObject  *object)
{
  gboolean changed;
  gint64 t;

  g_return_val_if_fail (BOURSE_IS_DEPTH (self), FALSE);

  changed = load_side (&self->bids, _bourse_json_get_array (object, "bids"), TRUE);
  changed |= load_side (&self->asks, _bourse_json_get_array (object, "asks"), FALSE);

  g_object_freeze_notify (G_OBJECT (self));
  if (_bourse_json_get_int64 (object, "t", &t) && t != self->time)
    {
      self->time = t;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
    }
  if (changed)
    {
      self->serial++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERIAL]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  return changed;
}

const char *
bourse_depth_get_symbol (BourseDepth *self)
{
  g_return_val_if_fail (BOURSE_IS_DEPTH (self), NULL);
  return self->symbol;
}

guint64
bourse_depth_get_serial (BourseDepth *self)
{
  g_return_val_if_fail (BOURSE_IS_DEPTH (self), 0);
  return self->serial;
}

gint64
bourse_depth_get_time (BourseDepth *self)
{
  g_return_val_if_fail (BOURSE_IS_DEPTH (self), 0);
  return self->time;
}

/**
 * bourse_depth_get_bids:
 * @prices: (out) (transfer none): descending prices
 * @sizes: (out) (transfer none): sizes at those prices
 *
 * Returns: the number of levels
 */
guint
bourse_depth_get_bids (BourseDepth   *self,
                       const double **prices,
                       const double **sizes)
{
  g_return_val_if_fail (BOURSE_IS_DEPTH (self), 0);
  *prices = (const double *) (gpointer) self->bids.prices->data;
  *sizes = (const double *) (gpointer) self->bids.sizes->data;
  return self->bids.prices->len;
}

/**
 * bourse_depth_get_asks:
 * @prices: (out) (transfer none): ascending prices
 * @sizes: (out) (transfer none): sizes at those prices
 *
 * Returns: the number of levels
 */
guint
bourse_depth_get_asks (BourseDepth   *self,
                       const double **prices,
                       const double **sizes)
{
  g_return_val_if_fail (BOURSE_IS_DEPTH (self), 0);
  *prices = (const double *) (gpointer) self->asks.prices->data;
  *sizes = (const double *) (gpointer) self->asks.sizes->data;
  return self->asks.prices->len;
}
