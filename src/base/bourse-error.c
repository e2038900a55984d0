/* bourse-error.c — error domains shared by the core library
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bourse-error.h"

G_DEFINE_QUARK (bourse-data-error-quark, bourse_data_error)
