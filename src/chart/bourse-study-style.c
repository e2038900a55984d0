/* bourse-study-style.c — how one study on a chart looks, and its text form for settings
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text form is "key=value;key=value" with comma-separated lists, '.'
 * decimals and #rrggbbaa colours, so it reads the same in every locale and an
 * older form (or a hand-edited one) that lacks a key keeps that key's default.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bourse-study-style.h"

#define LEVEL_COLOR 0x787b86   /* TradingView's grey for hlines */

void
bourse_study_style_init (BourseStudyStyle          *style,
                         const BourseIndicatorInfo *info)
{
  g_return_if_fail (style != NULL);
  g_return_if_fail (info != NULL);

  memset (style, 0, sizeof *style);
  style->visible = TRUE;
  style->precision = -1;
  for (guint o = 0; o < BOURSE_INDICATOR_MAX_OUTPUTS; o++)
    {
      style->colors[o] = BOURSE_RGBA (info->plots[o].color, 1.0f);
      style->line_widths[o] = 1.5;
      style->outputs_visible[o] = TRUE;
    }
  style->n_levels = MIN (info->n_levels, BOURSE_INDICATOR_MAX_LEVELS);
  for (guint k = 0; k < style->n_levels; k++)
    style->levels[k] = info->levels[k];
  style->level_color = BOURSE_RGBA (LEVEL_COLOR, 1.0f);
  style->level_fill = info->level_fill;
}

static void
append_color (GString          *s,
              const BourseRgba *c)
{
  g_string_append_printf (s, "#%02x%02x%02x%02x",
                          (guint) lround (CLAMP (c->red, 0, 1) * 255), (guint) lround (CLAMP (c->green, 0, 1) * 255),
                          (guint) lround (CLAMP (c->blue, 0, 1) * 255), (guint) lround (CLAMP (c->alpha, 0, 1) * 255));
}

static void
append_double (GString *s,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (s, g_ascii_dtostr (buf, sizeof buf, v));
}

char *
bourse_study_style_to_string (const BourseStudyStyle *style)
{
  GString *s;

  g_return_val_if_fail (style != NULL, NULL);

  s = g_string_new (NULL);
  g_string_append_printf (s, "visible=%d;precision=%d;colors=", style->visible ? 1 : 0, style->precision);
  for (guint o = 0; o < BOURSE_INDICATOR_MAX_OUTPUTS; o++)
    {
      if (o > 0)
        g_string_append_c (s, ',');
      append_color (s, &style->colors[o]);
    }
  g_string_append (s, ";widths=");
  for (guint o = 0; o < BOURSE_INDICATOR_MAX_OUTPUTS; o++)
    {
      if (o > 0)
        g_string_append_c (s, ',');
      append_double (s, style->line_widths[o]);
    }
  g_string_append (s, ";outputs=");
  for (guint o = 0; o < BOURSE_INDICATOR_MAX_OUTPUTS; o++)
    g_string_append_printf (s, "%s%d", o > 0 ? "," : "", style->outputs_visible[o] ? 1 : 0);
  g_string_append (s, ";levels=");
  for (guint k = 0; k < style->n_levels; k++)
    {
      if (k > 0)
        g_string_append_c (s, ',');
      append_double (s, style->levels[k].value);
      g_string_append (s, style->levels[k].visible ? ":1" : ":0");
    }
  g_string_append (s, ";level-color=");
  append_color (s, &style->level_color);
  g_string_append_printf (s, ";level-fill=%d", style->level_fill ? 1 : 0);
  return g_string_free (s, FALSE);
}

static gboolean
parse_color (const char *text,
             BourseRgba *c)
{
  guint64 v;
  char *end = NULL;
  gsize len = strlen (text);

  if (text[0] != '#' || (len != 7 && len != 9))
    return FALSE;
  v = g_ascii_strtoull (text + 1, &end, 16);
  if (end == NULL || *end != '\0')
    return FALSE;
  if (len == 7)
    v = v << 8 | 0xff;
  c->red = (float) ((v >> 24) & 0xff) / 255.f;
  c->green = (float) ((v >> 16) & 0xff) / 255.f;
  c->blue = (float) ((v >> 8) & 0xff) / 255.f;
  c->alpha = (float) (v & 0xff) / 255.f;
  return TRUE;
}

static gboolean
parse_double (const char *text,
              double     *v)
{
  char *end = NULL;

  if (*text == '\0')
    return FALSE;
  *v = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && isfinite (*v);
}

static gboolean
parse_flag (const char *text,
            gboolean   *v)
{
  if (g_str_equal (text, "1") || g_str_equal (text, "0"))
    {
      *v = text[0] == '1';
      return TRUE;
    }
  return FALSE;
}

/* One "key=value"; FALSE for a malformed value of a known key. */
static gboolean
parse_entry (BourseStudyStyle *st,
             const char       *key,
             const char       *value)
{
  g_auto(GStrv) items = g_strsplit (value, ",", -1);
  guint n = g_strv_length (items);
  double d;

  if (g_str_equal (key, "visible"))
    return parse_flag (value, &st->visible);
  if (g_str_equal (key, "precision"))
    {
      if (!parse_double (value, &d) || d != floor (d) || d < -1 || d > 10)
        return FALSE;
      st->precision = (int) d;
      return TRUE;
    }
  if (g_str_equal (key, "level-color"))
    return parse_color (value, &st->level_color);
  if (g_str_equal (key, "level-fill"))
    return parse_flag (value, &st->level_fill);
  if (g_str_equal (key, "colors") || g_str_equal (key, "widths") || g_str_equal (key, "outputs"))
    {
      for (guint o = 0; o < MIN (n, BOURSE_INDICATOR_MAX_OUTPUTS); o++)
        if ((key[0] == 'c' && !parse_color (items[o], &st->colors[o])) ||
            (key[0] == 'o' && !parse_flag (items[o], &st->outputs_visible[o])) ||
            (key[0] == 'w' && (!parse_double (items[o], &st->line_widths[o]) ||
                               st->line_widths[o] < 0.5 || st->line_widths[o] > 10)))
          return FALSE;
      return TRUE;
    }
  if (g_str_equal (key, "levels"))
    {
      if (*value == '\0')
        n = 0;
      if (n > BOURSE_INDICATOR_MAX_LEVELS)
        return FALSE;
      for (guint k = 0; k < n; k++)
        {
          g_auto(GStrv) pair = g_strsplit (items[k], ":", 2);

          if (pair[1] == NULL || !parse_double (pair[0], &st->levels[k].value) ||
              !parse_flag (pair[1], &st->levels[k].visible))
            return FALSE;
        }
      st->n_levels = n;
      return TRUE;
    }
  return TRUE;  /* a key from a newer version: ignored */
}

gboolean
bourse_study_style_parse (BourseStudyStyle  *style,
                          const char        *text,
                          GError           **error)
{
  g_auto(GStrv) entries = NULL;
  BourseStudyStyle st;

  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  st = *style;
  entries = g_strsplit (text, ";", -1);
  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_auto(GStrv) kv = NULL;

      if (entries[i][0] == '\0')
        continue;
      kv = g_strsplit (entries[i], "=", 2);
      if (kv[1] == NULL || !parse_entry (&st, kv[0], kv[1]))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "Study style “%s”: “%s” is not a valid entry", text, entries[i]);
          return FALSE;
        }
    }
  *style = st;
  return TRUE;
}
