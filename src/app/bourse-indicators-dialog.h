/* bourse-indicators-dialog.h — the searchable list of studies, by category
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BOURSE_TYPE_INDICATORS_DIALOG (bourse_indicators_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BourseIndicatorsDialog, bourse_indicators_dialog, BOURSE, INDICATORS_DIALOG, AdwWindow)

BourseIndicatorsDialog *bourse_indicators_dialog_new        (GtkWindow              *parent);
/* Filters the list as if @text were typed in the search field. */
void                    bourse_indicators_dialog_set_search (BourseIndicatorsDialog *self,
                                                             const char             *text);
/* The study names ("rsi") shown now, top to bottom. */
GStrv                   bourse_indicators_dialog_dup_visible (BourseIndicatorsDialog *self);

G_END_DECLS
