/* bourse-server-error.c — the error domain of the demo broker
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bourse-server-error.h"

G_DEFINE_QUARK (bourse-server-error-quark, bourse_server_error)
