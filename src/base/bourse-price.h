/* bourse-price.h — prices and quantities on an instrument's grid: rounding and formatting
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one place that knows how a price snaps to a tick (or a quantity to its
 * step) and how many decimals a tick needs. The ticket, the chart, the
 * broker's trading rules and bourse-cli all round with these, so a price the
 * chart shows is the price the order carries.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

double   bourse_round_to_tick      (double price,
                                    double tick);
guint    bourse_decimals_for_tick  (double tick);
char    *bourse_format_price       (double price,
                                    double tick);
char    *bourse_format_wire_number (double value,
                                    double tick);

gboolean bourse_price_change          (double  price,
                                       double  reference,
                                       double *change,
                                       double *percent);
char    *bourse_format_change         (double  change,
                                       guint   decimals);
char    *bourse_format_change_percent (double  percent);

G_END_DECLS
