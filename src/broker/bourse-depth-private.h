/* bourse-depth-private.h — construction and updates of BourseDepth, for the client and store
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "bourse-depth.h"

G_BEGIN_DECLS

BourseDepth *_bourse_depth_new   (const char  *symbol);
gboolean     _bourse_depth_apply (BourseDepth *self,
                                  JsonObject  *object);

G_END_DECLS
