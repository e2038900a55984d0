/* bourse-chart-annotations.c — the main pane's price lines and markers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "bourse-chart-model-private.h"

void
_bourse_chart_price_line_free (gpointer data)
{
  BoursePriceLine *line = data;

  g_free (line->id);
  g_free (line->label);
  g_free (line);
}

void
_bourse_chart_marker_clear (gpointer data)
{
  BourseMarker *marker = data;

  g_clear_pointer (&marker->text, g_free);
}

static BoursePriceLine *
find_price_line (BourseChart *self,
                 const char  *id,
                 guint       *index)
{
  for (guint i = 0; i < self->price_lines->len; i++)
    {
      BoursePriceLine *line = g_ptr_array_index (self->price_lines, i);

      if (g_strcmp0 (line->id, id) == 0)
        {
          if (index != NULL)
            *index = i;
          return line;
        }
    }
  return NULL;
}

void
bourse_chart_set_price_line (BourseChart          *self,
                             const char           *id,
                             double                price,
                             const BourseRgba     *color,
                             const char           *label,
                             BoursePriceLineFlags  flags)
{
  BoursePriceLine *line;
  char *new_label;

  g_return_if_fail (BOURSE_IS_CHART (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (isfinite (price));

  line = find_price_line (self, id, NULL);
  if (line == NULL)
    {
      line = g_new0 (BoursePriceLine, 1);
      line->id = g_strdup (id);
      g_ptr_array_add (self->price_lines, line);
    }
  /* @label may be line->label itself (a caller moving a line keeps its text):
   * copy before freeing. Text reaches cairo, which refuses invalid UTF-8. */
  new_label = label != NULL ? g_utf8_make_valid (label, -1) : NULL;
  line->price = price;
  line->color = color != NULL ? *color : self->palette.line;
  g_free (line->label);
  line->label = new_label;
  line->flags = flags;
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_OVERLAY);
}

gboolean
bourse_chart_remove_price_line (BourseChart *self,
                                const char  *id)
{
  guint index;

  g_return_val_if_fail (BOURSE_IS_CHART (self), FALSE);

  if (find_price_line (self, id, &index) == NULL)
    return FALSE;
  g_ptr_array_remove_index (self->price_lines, index);
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_OVERLAY);
  return TRUE;
}

const BoursePriceLine *
bourse_chart_get_price_line (BourseChart *self,
                             const char  *id)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), NULL);
  return find_price_line (self, id, NULL);
}

GPtrArray *
bourse_chart_peek_price_lines (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), NULL);
  return self->price_lines;
}

void
bourse_chart_add_marker (BourseChart      *self,
                         gint64            time,
                         double            price,
                         BourseMarkerKind  kind,
                         const char       *text)
{
  BourseMarker marker = { time, price, kind, text != NULL ? g_utf8_make_valid (text, -1) : NULL };

  g_return_if_fail (BOURSE_IS_CHART (self));

  g_array_append_val (self->markers, marker);
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_OVERLAY);
}

void
bourse_chart_clear_markers (BourseChart *self)
{
  g_return_if_fail (BOURSE_IS_CHART (self));

  if (self->markers->len == 0)
    return;
  g_array_set_size (self->markers, 0);
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_OVERLAY);
}

GArray *
bourse_chart_peek_markers (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), NULL);
  return self->markers;
}
