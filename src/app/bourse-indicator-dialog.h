/* bourse-indicator-dialog.h — the settings form of one study on the chart
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bourse-indicator.h"
#include "bourse-study-style.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_INDICATOR_DIALOG (bourse_indicator_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BourseIndicatorDialog, bourse_indicator_dialog, BOURSE, INDICATOR_DIALOG, AdwMessageDialog)

BourseIndicatorDialog *bourse_indicator_dialog_new          (GtkWindow              *parent,
                                                             const char             *study_id,
                                                             BourseIndicator        *indicator,
                                                             const BourseStudyStyle *style);
const char            *bourse_indicator_dialog_get_study_id (BourseIndicatorDialog  *self);
/* The canonical spec of the inputs ("rsi:21"); NULL while they are invalid. */
const char            *bourse_indicator_dialog_get_spec     (BourseIndicatorDialog  *self);
/* The style as the form shows it. */
void                   bourse_indicator_dialog_get_style    (BourseIndicatorDialog  *self,
                                                             BourseStudyStyle       *style);

G_END_DECLS
