/* bourse-price-fields-private.h — price spin buttons on an instrument's tick grid and the
 * ticked take-profit/stop-loss rows the order dialogs share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void   _bourse_price_field_set  (GtkSpinButton  *spin,
                                 double          value,
                                 double          tick);
double _bourse_spin_value       (GtkSpinButton  *spin);
void   _bourse_bracket_leg_set  (GtkCheckButton *check,
                                 GtkSpinButton  *spin,
                                 double          value,
                                 double          tick);
double _bourse_bracket_leg_get  (GtkCheckButton *check,
                                 GtkSpinButton  *spin);

G_END_DECLS
