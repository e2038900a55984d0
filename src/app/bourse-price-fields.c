/* bourse-price-fields.c — price spin buttons on an instrument's tick grid and the
 * ticked take-profit/stop-loss rows the order dialogs share
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A bracket leg is a check button and a price: ticked with its price when
 * the order or position has that leg, and read back as 0 (no leg) when
 * unticked, which is how the trader's planners take "remove this leg".
 */
#include "config.h"

#include "bourse-price.h"
#include "bourse-price-fields-private.h"

/* A price field stepping by @tick, showing its digits; @value of 0 or less
 * leaves it empty. */
void
_bourse_price_field_set (GtkSpinButton *spin,
                         double         value,
                         double         tick)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);

  gtk_adjustment_set_step_increment (adjustment, tick);
  gtk_adjustment_set_page_increment (adjustment, 10 * tick);
  gtk_spin_button_set_digits (spin, bourse_decimals_for_tick (tick));
  gtk_spin_button_set_value (spin, value > 0 ? value : 0);
}

/* The field's value, with any text still being typed taken in first. */
double
_bourse_spin_value (GtkSpinButton *spin)
{
  gtk_spin_button_update (spin);
  return gtk_spin_button_get_value (spin);
}

/* A leg's row: ticked with its price when @value is above 0. */
void
_bourse_bracket_leg_set (GtkCheckButton *check,
                         GtkSpinButton  *spin,
                         double          value,
                         double          tick)
{
  _bourse_price_field_set (spin, value, tick);
  gtk_check_button_set_active (check, value > 0);
}

/* A leg's price, or 0 when it is unticked. */
double
_bourse_bracket_leg_get (GtkCheckButton *check,
                         GtkSpinButton  *spin)
{
  if (!gtk_check_button_get_active (check))
    return 0;
  return _bourse_spin_value (spin);
}
