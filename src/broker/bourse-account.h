/* bourse-account.h — BourseAccount: an account of the logged-in user (GET /accounts)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A read-only GObject for the UI to bind to. The store updates it in place and
 * notifies exactly the properties that changed. Optional numbers the broker did
 * not send read as 0; optional strings as NULL.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "bourse-broker-enums.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_ACCOUNT (bourse_account_get_type ())

G_DECLARE_FINAL_TYPE (BourseAccount, bourse_account, BOURSE, ACCOUNT, GObject)


const char *bourse_account_get_id (BourseAccount *self);
const char *bourse_account_get_name (BourseAccount *self);
const char *bourse_account_get_account_type (BourseAccount *self);
const char *bourse_account_get_currency (BourseAccount *self);
const char *bourse_account_get_currency_sign (BourseAccount *self);
JsonNode   *bourse_account_get_config (BourseAccount *self);

/* The object as the broker sent it (known members only), for snapshots and logs. */
JsonNode   *bourse_account_to_json (BourseAccount *self);

/* An AccountFlags value (Account.config) with the spec's default when absent,
 * e.g. bourse_account_get_flag (account, "supportOrderBrackets"). */
gboolean    bourse_account_get_flag (BourseAccount *self,
                                     const char    *flag);
/* The spec's default for @flag (TRUE e.g. for supportReversePosition). */
gboolean    bourse_account_flag_default (const char *flag);
/* @flag in the AccountFlags object @flags (nullable), the default when absent. */
gboolean    bourse_account_flags_lookup (JsonNode   *flags,
                                         const char *flag);


G_END_DECLS
