/* bourse-interval-entry.h — the box over the chart where a typed number becomes the interval
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BOURSE_TYPE_INTERVAL_ENTRY (bourse_interval_entry_get_type ())

G_DECLARE_FINAL_TYPE (BourseIntervalEntry, bourse_interval_entry, BOURSE, INTERVAL_ENTRY, GtkPopover)

GtkWidget  *bourse_interval_entry_new             (void);
void        bourse_interval_entry_set_resolutions (BourseIntervalEntry *self,
                                                   const char * const  *resolutions);
void        bourse_interval_entry_popup_with_text (BourseIntervalEntry *self,
                                                   const char          *text);
const char *bourse_interval_entry_get_text        (BourseIntervalEntry *self);
const char *bourse_interval_entry_get_message     (BourseIntervalEntry *self);
gboolean    bourse_interval_entry_get_invalid     (BourseIntervalEntry *self);

G_END_DECLS
