/* bourse-study-style.h — how one study on a chart looks, and its text form for settings
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "bourse-chart-types.h"
#include "bourse-indicator.h"

G_BEGIN_DECLS

/* How a study looks: what the settings form edits and the app keeps. */
typedef struct
{
  gboolean             visible;                                      /* the whole study */
  int                  precision;                                    /* -1: the study's own */
  BourseRgba           colors[BOURSE_INDICATOR_MAX_OUTPUTS];
  double               line_widths[BOURSE_INDICATOR_MAX_OUTPUTS];    /* logical px */
  gboolean             outputs_visible[BOURSE_INDICATOR_MAX_OUTPUTS];
  guint                n_levels;
  BourseIndicatorLevel levels[BOURSE_INDICATOR_MAX_LEVELS];
  BourseRgba           level_color;
  gboolean             level_fill;                                   /* shade between the levels */
} BourseStudyStyle;

/* The defaults of @info: its colours, levels and precision. */
void                bourse_study_style_init            (BourseStudyStyle          *style,
                                                        const BourseIndicatorInfo *info);
/* A compact, stable text form for settings ("colors=#7e57c2;widths=1.5;…");
 * parse() starts from @style's values and overrides what @text names, so
 * older or partial texts keep the defaults. */
char               *bourse_study_style_to_string       (const BourseStudyStyle    *style);
gboolean            bourse_study_style_parse           (BourseStudyStyle          *style,
                                                        const char                *text,
                                                        GError                   **error);

G_END_DECLS
