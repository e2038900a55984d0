/* bourse-chart-text.c — the chart's text: Pango shaping, metrics and a bounded cache of shaped labels
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shaping through Pango (font selection and fallback, OpenType features,
 * line breaking) costs tens of microseconds per string, and a chart frame
 * paints the same few dozen labels frame after frame in well under a
 * millisecond. So each (style, string) is laid out once: its glyphs (index
 * and position, per run with the run's cairo scaled font), advance and ink
 * box are kept and the PangoLayout is not. Painting a cached string is one
 * cairo_show_glyphs() per run, as cheap as cairo's toy text was. The cache
 * is a hash table over an LRU list, bounded by BOURSE_CHART_TEXT_MAX_CACHED,
 * so a legend whose values change on every pointer move cannot grow it.
 *
 * Crispness: the Pango context's matrix is the device scale, so fonts are
 * loaded, hinted and their metrics rounded for device pixels while layout
 * stays in logical units; glyphs are then shown with the cairo context
 * scaled the same way, and every string's origin is snapped to a device
 * pixel. At scale 2 that is a font hinted at twice the size, never an
 * upscaled scale-1 bitmap.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "bourse-chart-text.h"

#define MAX_STYLES 64
/* Characters of numbers: prices, percentages, times. */
#define NUMERIC_CHARS "0123456789.,:-+%"

typedef struct _Shaped Shaped;

typedef struct
{
  double                  relative;
  gboolean                bold;
  PangoFontDescription   *desc;
  BourseChartTextMetrics  metrics;   /* device px */
  Shaped                 *chars[128]; /* NUMERIC_CHARS shaped alone, as needed */
} TextStyle;

typedef struct
{
  cairo_scaled_font_t *font;         /* Pango's: user space in logical px */
  cairo_scaled_font_t *device_font;  /* the same glyphs for user space in device px */
  guint                start;        /* into Shaped.glyphs */
  guint                len;
} GlyphRun;

/* A shaped string: the key first, so a stack TextKey can look it up. */
typedef struct
{
  guint          style;
  char          *text;
} TextKey;

struct _Shaped
{
  TextKey        key;
  GList          link;          /* in the LRU queue; data = this */
  cairo_glyph_t *glyphs;        /* logical px, from the first baseline's left end */
  GlyphRun      *runs;
  guint          n_runs;
  double         width;         /* logical px */
  double         height;        /* logical px, all lines */
  PangoRectangle ink;           /* Pango units, from the first baseline's left end */
};

struct _BourseChartText
{
  GObject               parent_instance;

  PangoContext         *context;
  PangoLayout          *layout;     /* reused for shaping */
  PangoAttrList        *attrs;      /* tabular figures */
  PangoFontDescription *font;
  cairo_font_options_t *options;
  double                resolution;
  double                scale;
  GArray               *styles;     /* TextStyle */
  GArray               *scratch;    /* cairo_glyph_t, placed for one draw */
  guint                 style;      /* selected */
  GHashTable           *cache;      /* Shaped → itself */
  GQueue                lru;        /* most recently used first */
  guint64               n_shaped;
};

G_DEFINE_FINAL_TYPE (BourseChartText, bourse_chart_text, G_TYPE_OBJECT)

static guint
text_key_hash (gconstpointer key)
{
  const TextKey *k = key;

  return g_str_hash (k->text) * 31u + k->style;
}

static gboolean
text_key_equal (gconstpointer a,
                gconstpointer b)
{
  const TextKey *ka = a, *kb = b;

  return ka->style == kb->style && strcmp (ka->text, kb->text) == 0;
}

static void
shaped_free (gpointer data)
{
  Shaped *sh = data;

  for (guint i = 0; i < sh->n_runs; i++)
    {
      cairo_scaled_font_destroy (sh->runs[i].font);
      cairo_scaled_font_destroy (sh->runs[i].device_font);
    }
  g_free (sh->runs);
  g_free (sh->glyphs);
  g_free (sh->key.text);
  g_free (sh);
}

static void
text_style_clear (gpointer data)
{
  TextStyle *st = data;

  g_clear_pointer (&st->desc, pango_font_description_free);
  for (guint i = 0; i < G_N_ELEMENTS (st->chars); i++)
    g_clear_pointer (&st->chars[i], shaped_free);
}

/* Everything shaped or measured depends on the font, options, resolution
 * and scale: forget it all when one changes. */
static void
drop_cache (BourseChartText *self)
{
  g_hash_table_remove_all (self->cache);
  g_queue_init (&self->lru);
  g_array_set_size (self->styles, 0);
  self->style = G_MAXUINT;
}

static void
update_context (BourseChartText *self)
{
  PangoMatrix matrix = PANGO_MATRIX_INIT;

  pango_matrix_scale (&matrix, self->scale, self->scale);
  pango_context_set_matrix (self->context, &matrix);
  pango_cairo_context_set_font_options (self->context, self->options);
  pango_cairo_context_set_resolution (self->context, self->resolution);
  pango_context_set_round_glyph_positions (self->context, TRUE);
  pango_layout_context_changed (self->layout);
  drop_cache (self);
}

void
bourse_chart_text_set_font (BourseChartText            *self,
                            const PangoFontDescription *font,
                            const cairo_font_options_t *options,
                            double                      resolution)
{
  g_autoptr(PangoFontDescription) desc = NULL;
  cairo_font_options_t *opts;

  g_return_if_fail (BOURSE_IS_CHART_TEXT (self));

  desc = font != NULL ? pango_font_description_copy (font)
                      : pango_font_description_from_string (BOURSE_CHART_TEXT_DEFAULT_FONT);
  if (pango_font_description_get_size (desc) <= 0)
    pango_font_description_set_size (desc, 9 * PANGO_SCALE);
  opts = options != NULL ? cairo_font_options_copy (options) : cairo_font_options_create ();
  if (options == NULL)
    cairo_font_options_set_hint_style (opts, CAIRO_HINT_STYLE_SLIGHT);
  /* The chart is drawn into an image that may be composited anywhere:
   * subpixel colour fringes would be wrong, so greyscale at most. */
  if (cairo_font_options_get_antialias (opts) != CAIRO_ANTIALIAS_NONE)
    cairo_font_options_set_antialias (opts, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_subpixel_order (opts, CAIRO_SUBPIXEL_ORDER_DEFAULT);
  /* Whole-pixel advances: labels line up and digits stay sharp. */
  cairo_font_options_set_hint_metrics (opts, CAIRO_HINT_METRICS_ON);
  if (!(resolution > 0))
    resolution = 96.0;

  if (self->font != NULL && pango_font_description_equal (self->font, desc) &&
      cairo_font_options_equal (self->options, opts) && self->resolution == resolution)
    {
      cairo_font_options_destroy (opts);
      return;
    }
  g_clear_pointer (&self->font, pango_font_description_free);
  self->font = g_steal_pointer (&desc);
  g_clear_pointer (&self->options, cairo_font_options_destroy);
  self->options = opts;
  self->resolution = resolution;
  update_context (self);
}

const PangoFontDescription *
bourse_chart_text_get_font (BourseChartText *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_TEXT (self), NULL);
  return self->font;
}

void
bourse_chart_text_set_scale (BourseChartText *self,
                             double           scale)
{
  g_return_if_fail (BOURSE_IS_CHART_TEXT (self));

  if (!(scale > 0))
    scale = 1;
  if (scale == self->scale)
    return;
  self->scale = scale;
  update_context (self);
}

double
bourse_chart_text_get_scale (BourseChartText *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_TEXT (self), 1);
  return self->scale;
}

/* Vertical metrics of a style, from the font and from the ink of the digits
 * (what axis labels are made of: centring them on a tick is centring that). */
static void
style_measure (BourseChartText *self,
               TextStyle       *st)
{
  PangoRectangle ink, logical;
  double k = self->scale / PANGO_SCALE;
  int baseline;

  /* From a layout rather than pango_context_get_metrics(), which answers
   * in other units when the context has a scale matrix. */
  pango_layout_set_font_description (self->layout, st->desc);
  pango_layout_set_text (self->layout, "0123456789", -1);
  pango_layout_get_extents (self->layout, &ink, &logical);
  baseline = pango_layout_get_baseline (self->layout);
  st->metrics.ascent = (baseline - logical.y) * k;
  st->metrics.descent = (logical.y + logical.height - baseline) * k;
  st->metrics.height = st->metrics.ascent + st->metrics.descent;
  st->metrics.digit_middle = (baseline - (ink.y + ink.height / 2.0)) * k;
}

void
bourse_chart_text_select (BourseChartText *self,
                          double           relative_size,
                          gboolean         bold)
{
  TextStyle st = { 0 };
  double size;

  g_return_if_fail (BOURSE_IS_CHART_TEXT (self));

  if (!(relative_size > 0))
    relative_size = 1;
  if (self->style < self->styles->len)
    {
      const TextStyle *cur = &g_array_index (self->styles, TextStyle, self->style);

      if (cur->relative == relative_size && cur->bold == bold)
        return;
    }
  for (guint i = 0; i < self->styles->len; i++)
    {
      const TextStyle *cand = &g_array_index (self->styles, TextStyle, i);

      if (cand->relative == relative_size && cand->bold == bold)
        {
          self->style = i;
          return;
        }
    }
  /* Styles are few (normal, bold, markers, a watermark size or two); a
   * caller inventing sizes without end only costs a fresh start. */
  if (self->styles->len >= MAX_STYLES)
    drop_cache (self);

  st.relative = relative_size;
  st.bold = bold;
  st.desc = pango_font_description_copy (self->font);
  size = pango_font_description_get_size (self->font) * relative_size;
  if (pango_font_description_get_size_is_absolute (self->font))
    pango_font_description_set_absolute_size (st.desc, size);
  else
    pango_font_description_set_size (st.desc, (int) lround (size));
  if (bold)
    pango_font_description_set_weight (st.desc, PANGO_WEIGHT_BOLD);
  style_measure (self, &st);
  g_array_append_val (self->styles, st);
  self->style = self->styles->len - 1;
}

static const TextStyle *
current_style (BourseChartText *self)
{
  if (self->style >= self->styles->len)
    bourse_chart_text_select (self, 1.0, FALSE);
  return &g_array_index (self->styles, TextStyle, self->style);
}

void
bourse_chart_text_get_metrics (BourseChartText        *self,
                               BourseChartTextMetrics *metrics)
{
  g_return_if_fail (BOURSE_IS_CHART_TEXT (self));
  *metrics = current_style (self)->metrics;
}

/* @font for a user space in device pixels: the renderer paints there, and
 * a scaled font made for the context's own matrix lets cairo keep it from
 * one label to the next (no save, scale and font lookup per label). Same
 * face, same size in device pixels, so the same hinting and glyphs. */
static cairo_scaled_font_t *
device_font (cairo_scaled_font_t *font)
{
  cairo_font_options_t *options = cairo_font_options_create ();
  cairo_matrix_t font_matrix, ctm, device, identity;
  cairo_scaled_font_t *result;

  cairo_scaled_font_get_font_matrix (font, &font_matrix);
  cairo_scaled_font_get_ctm (font, &ctm);
  cairo_scaled_font_get_font_options (font, options);
  cairo_matrix_multiply (&device, &font_matrix, &ctm);
  cairo_matrix_init_identity (&identity);
  result = cairo_scaled_font_create (cairo_scaled_font_get_font_face (font), &device, &identity, options);
  cairo_font_options_destroy (options);
  return result;
}

/* Lays @text out and keeps its glyphs, run by run, relative to the left end
 * of the first baseline. Glyphs Pango could not find in any font (shown as
 * hex boxes by Pango's own renderer) and empty ones are left out. */
static void
shape (BourseChartText *self,
       const TextStyle *st,
       Shaped          *sh)
{
  g_autoptr(GArray) glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (GlyphRun));
  PangoLayoutIter *iter;
  PangoRectangle logical;
  int first_baseline;

  pango_layout_set_font_description (self->layout, st->desc);
  pango_layout_set_text (self->layout, sh->key.text, -1);
  pango_layout_get_extents (self->layout, &sh->ink, &logical);
  first_baseline = pango_layout_get_baseline (self->layout);
  sh->ink.y -= first_baseline;
  sh->width = logical.width / (double) PANGO_SCALE;
  sh->height = logical.height / (double) PANGO_SCALE;

  iter = pango_layout_get_iter (self->layout);
  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
      PangoRectangle run_logical;
      GlyphRun gr;
      int x, baseline;

      if (run == NULL)
        continue;
      pango_layout_iter_get_run_extents (iter, NULL, &run_logical);
      baseline = pango_layout_iter_get_baseline (iter) - first_baseline;
      x = run_logical.x;
      gr.font = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (run->item->analysis.font));
      gr.start = glyphs->len;
      for (int i = 0; i < run->glyphs->num_glyphs; i++)
        {
          const PangoGlyphInfo *gi = &run->glyphs->glyphs[i];

          if (gi->glyph != PANGO_GLYPH_EMPTY && !(gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG))
            {
              cairo_glyph_t cg = {
                gi->glyph,
                (x + gi->geometry.x_offset) / (double) PANGO_SCALE,
                (baseline + gi->geometry.y_offset) / (double) PANGO_SCALE,
              };
              g_array_append_val (glyphs, cg);
            }
          x += gi->geometry.width;
        }
      gr.len = glyphs->len - gr.start;
      if (gr.len > 0 && gr.font != NULL)
        {
          cairo_scaled_font_reference (gr.font);
          gr.device_font = device_font (gr.font);
          g_array_append_val (runs, gr);
        }
      else
        g_array_set_size (glyphs, gr.start);
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);

  sh->n_runs = runs->len;
  sh->runs = (GlyphRun *) (gpointer) g_array_free (g_steal_pointer (&runs), FALSE);
  sh->glyphs = (cairo_glyph_t *) (gpointer) g_array_free (g_steal_pointer (&glyphs), FALSE);
  self->n_shaped++;
}

static gboolean
is_numeric (const char *text)
{
  gsize len = strlen (text);

  return len > 1 && len < 64 && strspn (text, NUMERIC_CHARS) == len;
}

/* A number laid out from its characters, each shaped once per style:
 * panning and zooming make new price and time labels every frame, and
 * shaping each through Pango (~13 µs) would cost more than the rest of
 * the frame's text. Numerals use tabular figures and have no kerning or
 * ligatures, so the glyphs and advances are those Pango gives the whole
 * string; a character in another font (fallback) starts a new run. */
static void
compose (BourseChartText *self,
         TextStyle       *st,
         Shaped          *sh)
{
  g_autoptr(GArray) glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (GlyphRun));
  double x = 0;
  gboolean have_ink = FALSE;

  for (const char *p = sh->key.text; *p != '\0'; p++)
    {
      Shaped **slot = &st->chars[(guchar) *p];
      const Shaped *ch;
      char one[2] = { *p, '\0' };

      if (*slot == NULL)
        {
          *slot = g_new0 (Shaped, 1);
          (*slot)->key.text = g_strdup (one);
          shape (self, st, *slot);
        }
      ch = *slot;
      for (guint r = 0; r < ch->n_runs; r++)
        {
          GlyphRun *last = runs->len > 0 ? &g_array_index (runs, GlyphRun, runs->len - 1) : NULL;

          if (last == NULL || last->font != ch->runs[r].font)
            {
              GlyphRun gr = { cairo_scaled_font_reference (ch->runs[r].font),
                              cairo_scaled_font_reference (ch->runs[r].device_font), glyphs->len, 0 };
              g_array_append_val (runs, gr);
              last = &g_array_index (runs, GlyphRun, runs->len - 1);
            }
          for (guint i = 0; i < ch->runs[r].len; i++)
            {
              cairo_glyph_t g = ch->glyphs[ch->runs[r].start + i];

              g.x += x;
              g_array_append_val (glyphs, g);
            }
          last->len += ch->runs[r].len;
        }
      if (ch->ink.width > 0)
        {
          PangoRectangle ink = ch->ink;

          ink.x += (int) lround (x * PANGO_SCALE);
          if (have_ink)
            {
              int x0 = MIN (sh->ink.x, ink.x), y0 = MIN (sh->ink.y, ink.y);
              int x1 = MAX (sh->ink.x + sh->ink.width, ink.x + ink.width);
              int y1 = MAX (sh->ink.y + sh->ink.height, ink.y + ink.height);

              sh->ink = (PangoRectangle) { x0, y0, x1 - x0, y1 - y0 };
            }
          else
            sh->ink = ink;
          have_ink = TRUE;
        }
      x += ch->width;
      sh->height = MAX (sh->height, ch->height);
    }
  sh->width = x;
  sh->n_runs = runs->len;
  sh->runs = (GlyphRun *) (gpointer) g_array_free (g_steal_pointer (&runs), FALSE);
  sh->glyphs = (cairo_glyph_t *) (gpointer) g_array_free (g_steal_pointer (&glyphs), FALSE);
}

static const Shaped *
lookup (BourseChartText *self,
        const char      *text)
{
  TextStyle *st = (TextStyle *) current_style (self);
  TextKey key = { self->style, (char *) text };
  Shaped *sh = g_hash_table_lookup (self->cache, &key);

  if (sh != NULL)
    {
      if (self->lru.head != &sh->link)
        {
          g_queue_unlink (&self->lru, &sh->link);
          g_queue_push_head_link (&self->lru, &sh->link);
        }
      return sh;
    }
  if (g_hash_table_size (self->cache) >= BOURSE_CHART_TEXT_MAX_CACHED)
    {
      GList *oldest = g_queue_pop_tail_link (&self->lru);

      g_hash_table_remove (self->cache, oldest->data);
    }
  sh = g_new0 (Shaped, 1);
  sh->key.style = self->style;
  sh->key.text = g_strdup (text);
  sh->link.data = sh;
  if (is_numeric (text))
    compose (self, st, sh);
  else
    shape (self, st, sh);
  g_hash_table_add (self->cache, sh);
  g_queue_push_head_link (&self->lru, &sh->link);
  return sh;
}

double
bourse_chart_text_get_width (BourseChartText *self,
                             const char      *text)
{
  g_return_val_if_fail (BOURSE_IS_CHART_TEXT (self), 0);
  g_return_val_if_fail (text != NULL, 0);
  return lookup (self, text)->width * self->scale;
}

void
bourse_chart_text_get_ink (BourseChartText *self,
                           const char      *text,
                           double          *x,
                           double          *y,
                           double          *width,
                           double          *height)
{
  const Shaped *sh;
  double k;

  g_return_if_fail (BOURSE_IS_CHART_TEXT (self));
  g_return_if_fail (text != NULL);

  sh = lookup (self, text);
  k = self->scale / PANGO_SCALE;
  if (x) *x = sh->ink.x * k;
  if (y) *y = sh->ink.y * k;
  if (width) *width = sh->ink.width * k;
  if (height) *height = sh->ink.height * k;
}

/* The glyphs of @sh with the first baseline's left end at the origin of
 * @cr's user space, in logical px (drawing layers). */
static void
show (BourseChartText *self,
      cairo_t         *cr,
      const Shaped    *sh)
{
  for (guint r = 0; r < sh->n_runs; r++)
    {
      cairo_set_scaled_font (cr, sh->runs[r].font);
      cairo_show_glyphs (cr, sh->glyphs + sh->runs[r].start, (int) sh->runs[r].len);
    }
}

double
bourse_chart_text_draw (BourseChartText *self,
                        cairo_t         *cr,
                        double           x,
                        double           yc,
                        double           align,
                        const char      *text)
{
  const TextStyle *st;
  const Shaped *sh;
  double w, s, ox, oy;

  g_return_val_if_fail (BOURSE_IS_CHART_TEXT (self), 0);
  g_return_val_if_fail (text != NULL, 0);

  st = current_style (self);
  sh = lookup (self, text);
  s = self->scale;
  w = sh->width * s;
  ox = round (x - w * align);
  oy = round (yc + st->metrics.digit_middle);
  for (guint r = 0; r < sh->n_runs; r++)
    {
      const GlyphRun *run = &sh->runs[r];
      cairo_glyph_t *placed;

      g_array_set_size (self->scratch, run->len);
      placed = (cairo_glyph_t *) (gpointer) self->scratch->data;
      for (guint i = 0; i < run->len; i++)
        {
          const cairo_glyph_t *g = &sh->glyphs[run->start + i];

          placed[i].index = g->index;
          placed[i].x = ox + g->x * s;
          placed[i].y = oy + g->y * s;
        }
      cairo_set_scaled_font (cr, run->device_font);
      cairo_show_glyphs (cr, placed, (int) run->len);
    }
  return w;
}

void
bourse_chart_text_draw_block (BourseChartText *self,
                              cairo_t         *cr,
                              double           x,
                              double           baseline,
                              const char      *text,
                              double          *width,
                              double          *height)
{
  const Shaped *sh;

  g_return_if_fail (BOURSE_IS_CHART_TEXT (self));
  g_return_if_fail (text != NULL);

  sh = lookup (self, text);
  if (width) *width = sh->width;
  if (height) *height = sh->height;
  if (sh->n_runs == 0)
    return;
  /* Snap the origin to a device pixel, whatever the user space. */
  cairo_user_to_device (cr, &x, &baseline);
  x = round (x);
  baseline = round (baseline);
  cairo_device_to_user (cr, &x, &baseline);
  cairo_save (cr);
  cairo_translate (cr, x, baseline);
  show (self, cr, sh);
  cairo_restore (cr);
}

guint
bourse_chart_text_get_n_cached (BourseChartText *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_TEXT (self), 0);
  return g_hash_table_size (self->cache);
}

guint64
bourse_chart_text_get_n_shaped (BourseChartText *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART_TEXT (self), 0);
  return self->n_shaped;
}

static void
bourse_chart_text_finalize (GObject *object)
{
  BourseChartText *self = BOURSE_CHART_TEXT (object);

  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->styles, g_array_unref);
  g_clear_pointer (&self->scratch, g_array_unref);
  g_clear_object (&self->layout);
  g_clear_object (&self->context);
  g_clear_pointer (&self->attrs, pango_attr_list_unref);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_clear_pointer (&self->options, cairo_font_options_destroy);

  G_OBJECT_CLASS (bourse_chart_text_parent_class)->finalize (object);
}

static void
bourse_chart_text_class_init (BourseChartTextClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bourse_chart_text_finalize;
}

static void
bourse_chart_text_init (BourseChartText *self)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();

  self->context = pango_font_map_create_context (map);
  self->layout = pango_layout_new (self->context);
  /* Tabular figures: a price keeps its width as its digits change, so axis
   * labels line up and the legend does not jitter (ignored by fonts
   * without the feature). */
  self->attrs = pango_attr_list_new ();
  pango_attr_list_insert (self->attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (self->layout, self->attrs);
  self->cache = g_hash_table_new_full (text_key_hash, text_key_equal, NULL, shaped_free);
  g_queue_init (&self->lru);
  self->styles = g_array_new (FALSE, TRUE, sizeof (TextStyle));
  g_array_set_clear_func (self->styles, text_style_clear);
  self->scratch = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  self->style = G_MAXUINT;
  self->scale = 1;
  bourse_chart_text_set_font (self, NULL, NULL, 0);
}

BourseChartText *
bourse_chart_text_new (void)
{
  return g_object_new (BOURSE_TYPE_CHART_TEXT, NULL);
}
