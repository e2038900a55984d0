/* bourse-interval-picker.h — favourite intervals as buttons, every interval in a list
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "bourse-market-data.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_INTERVAL_PICKER (bourse_interval_picker_get_type ())

G_DECLARE_FINAL_TYPE (BourseIntervalPicker, bourse_interval_picker, BOURSE, INTERVAL_PICKER, GtkWidget)

#define BOURSE_INTERVAL_PICKER_KEY_FAVOURITES "interval-favourites"
#define BOURSE_INTERVAL_PICKER_KEY_CUSTOM     "interval-custom"

GtkWidget   *bourse_interval_picker_new               (void);
void         bourse_interval_picker_set_settings      (BourseIntervalPicker *self,
                                                       GSettings            *settings);
void         bourse_interval_picker_set_market_data   (BourseIntervalPicker *self,
                                                       BourseMarketData     *market_data);
void         bourse_interval_picker_set_symbol        (BourseIntervalPicker *self,
                                                       const char           *symbol);
const char  *bourse_interval_picker_get_symbol        (BourseIntervalPicker *self);
void         bourse_interval_picker_set_resolution    (BourseIntervalPicker *self,
                                                       const char           *resolution);
const char  *bourse_interval_picker_get_resolution    (BourseIntervalPicker *self);
GStrv        bourse_interval_picker_dup_intervals     (BourseIntervalPicker *self);
gboolean     bourse_interval_picker_toggle_favourite  (BourseIntervalPicker *self,
                                                       const char           *resolution);
char        *bourse_interval_picker_add_custom        (BourseIntervalPicker *self,
                                                       const char           *text,
                                                       GError              **error);

char        *bourse_interval_describe                 (const char           *resolution);
char        *bourse_interval_check                    (const char           *text,
                                                       const char * const   *natives,
                                                       GError              **error);

G_END_DECLS
