/* bourse-quote.h — BourseQuote: the latest quote of one symbol (GET /quotes, GET /streaming)
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

#define BOURSE_TYPE_QUOTE (bourse_quote_get_type ())

G_DECLARE_FINAL_TYPE (BourseQuote, bourse_quote, BOURSE, QUOTE, GObject)


const char *bourse_quote_get_symbol (BourseQuote *self);
double      bourse_quote_get_bid (BourseQuote *self);
double      bourse_quote_get_ask (BourseQuote *self);
double      bourse_quote_get_bid_size (BourseQuote *self);
double      bourse_quote_get_ask_size (BourseQuote *self);
double      bourse_quote_get_last (BourseQuote *self);
double      bourse_quote_get_last_size (BourseQuote *self);
double      bourse_quote_get_spread (BourseQuote *self);
double      bourse_quote_get_open (BourseQuote *self);
double      bourse_quote_get_high (BourseQuote *self);
double      bourse_quote_get_low (BourseQuote *self);
double      bourse_quote_get_prev_close (BourseQuote *self);
double      bourse_quote_get_volume (BourseQuote *self);
double      bourse_quote_get_change (BourseQuote *self);
double      bourse_quote_get_change_percent (BourseQuote *self);
gint64      bourse_quote_get_time (BourseQuote *self);

/* The object as the broker sent it (known members only), for snapshots and logs. */
JsonNode   *bourse_quote_to_json (BourseQuote *self);

G_END_DECLS
