/* bourse-server-error.h — the error domain of the demo broker
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BOURSE_SERVER_ERROR (bourse_server_error_quark ())

/* Errors raised by the demo broker. The message of an INVALID_REQUEST,
 * NOT_FOUND or REJECTED error is user-facing: it becomes the `errmsg` of an
 * `{"s":"error"}` envelope unchanged. */
typedef enum
{
  BOURSE_SERVER_ERROR_INVALID_REQUEST,  /* a field is missing or malformed */
  BOURSE_SERVER_ERROR_NOT_FOUND,        /* unknown account, order, position, symbol */
  BOURSE_SERVER_ERROR_REJECTED,         /* well-formed but refused (margin, state) */
  BOURSE_SERVER_ERROR_UNAUTHORIZED,     /* missing, unknown or expired credentials */
  BOURSE_SERVER_ERROR_STATE_FILE,       /* the --state file cannot be read or written */
  BOURSE_SERVER_ERROR_LISTEN,           /* bad listen address or the port is taken */
} BourseServerError;

GQuark bourse_server_error_quark (void);

G_END_DECLS
