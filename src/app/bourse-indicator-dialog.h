/* bourse-indicator-dialog.h — parameters and colour of one study on the chart
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bourse-indicator.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_INDICATOR_DIALOG (bourse_indicator_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BourseIndicatorDialog, bourse_indicator_dialog, BOURSE, INDICATOR_DIALOG, AdwMessageDialog)

BourseIndicatorDialog *bourse_indicator_dialog_new       (GtkWindow             *parent,
                                                          const char            *study_id,
                                                          BourseIndicator       *indicator);
const char            *bourse_indicator_dialog_get_study_id (BourseIndicatorDialog *self);
const char            *bourse_indicator_dialog_get_spec  (BourseIndicatorDialog *self);
gboolean               bourse_indicator_dialog_get_color (BourseIndicatorDialog *self,
                                                          GdkRGBA               *rgba);

G_END_DECLS
