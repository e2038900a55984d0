/* bourse-error.h — error domains shared by the core library
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BOURSE_DATA_ERROR (bourse_data_error_quark ())

/* Errors in local data: CSV files, bar series, settings. Broker and protocol
 * errors have their own domains next to the broker client. */
typedef enum
{
  BOURSE_DATA_ERROR_PARSE,
  BOURSE_DATA_ERROR_ORDER,
  BOURSE_DATA_ERROR_EMPTY,
  BOURSE_DATA_ERROR_IO,
} BourseDataError;

GQuark bourse_data_error_quark (void);

G_END_DECLS
