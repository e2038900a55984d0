/* bourse-account-state.h — BourseAccountState: balance, P&L and the account manager tables (GET …/state)
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

#define BOURSE_TYPE_ACCOUNT_STATE (bourse_account_state_get_type ())

G_DECLARE_FINAL_TYPE (BourseAccountState, bourse_account_state, BOURSE, ACCOUNT_STATE, GObject)


double      bourse_account_state_get_balance (BourseAccountState *self);
double      bourse_account_state_get_unrealized_pl (BourseAccountState *self);
double      bourse_account_state_get_equity (BourseAccountState *self);
JsonNode   *bourse_account_state_get_am_data (BourseAccountState *self);
JsonNode   *bourse_account_state_get_account_summary_row_data (BourseAccountState *self);

/* The object as the broker sent it (known members only), for snapshots and logs. */
JsonNode   *bourse_account_state_to_json (BourseAccountState *self);

G_END_DECLS
