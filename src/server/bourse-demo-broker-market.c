/* bourse-demo-broker-market.c — the demo broker's market data endpoints
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * /mapping, /symbol_info, /quotes, /depth and /history, answered from
 * BoursePriceSimulator (seeded, so the same seed gives the same market).
 */

#include "config.h"

#include "bourse-demo-broker-private.h"
#include "bourse-server-error.h"
#include "bourse-price.h"

#include <math.h>
#include <string.h>

void
_bourse_demo_broker_handle_mapping (BourseDemoBroker  *self,
                                    SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  guint n_specs;
  const BourseInstrumentSpec *specs = bourse_instrument_spec_get_all (&n_specs);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "symbols");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_specs; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "s");
      json_builder_add_string_value (builder, specs[i].tradingview);
      json_builder_set_member_name (builder, "f");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, specs[i].name);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "brokerSymbol");
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  _bourse_demo_broker_respond_node (msg, SOUP_STATUS_OK, root);
}

void
_bourse_demo_broker_handle_symbol_info (BourseDemoBroker  *self,
                                        SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  guint n;
  const BourseInstrumentSpec *specs = bourse_instrument_spec_get_all (&n);
  static const char * const resolutions[] = { "1", "5", "15", "60", "1D", "1W" };
  static const char * const multipliers[] = { "1", "5", "15", "60" };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "s");
  json_builder_add_string_value (builder, "ok");

#define STRING_COLUMN(column, expr) \
  json_builder_set_member_name (builder, column); \
  json_builder_begin_array (builder); \
  for (guint i = 0; i < n; i++) json_builder_add_string_value (builder, (expr)); \
  json_builder_end_array (builder);

  STRING_COLUMN ("symbol", specs[i].name)
  STRING_COLUMN ("ticker", specs[i].name)
  STRING_COLUMN ("description", specs[i].description)
  STRING_COLUMN ("currency", specs[i].quote_currency)
  STRING_COLUMN ("exchange-listed", specs[i].exchange)
  STRING_COLUMN ("exchange-traded", specs[i].exchange)
  STRING_COLUMN ("type", specs[i].type)
#undef STRING_COLUMN

  json_builder_set_member_name (builder, "minmovement");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      double scale = pow (10, bourse_instrument_spec_decimals (&specs[i]));
      json_builder_add_int_value (builder, (gint64) llround (specs[i].min_tick * scale));
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "pricescale");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    json_builder_add_int_value (builder, (gint64) llround (pow (10, bourse_instrument_spec_decimals (&specs[i]))));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "pointvalue");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    json_builder_add_double_value (builder, specs[i].multiplier);
  json_builder_end_array (builder);

  /* scalars: equal for every symbol */
  json_builder_set_member_name (builder, "timezone");
  json_builder_add_string_value (builder, "Etc/UTC");
  json_builder_set_member_name (builder, "session-regular");
  json_builder_add_string_value (builder, "24x7");
  json_builder_set_member_name (builder, "has-intraday");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "has-daily");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "has-weekly-and-monthly");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "bar-source");
  json_builder_add_string_value (builder, "trade");
  json_builder_set_member_name (builder, "supported-resolutions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (resolutions); i++)
    json_builder_add_string_value (builder, resolutions[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "intraday-multipliers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (multipliers); i++)
    json_builder_add_string_value (builder, multipliers[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  _bourse_demo_broker_respond_node (msg, SOUP_STATUS_OK, root);
}

void
_bourse_demo_broker_handle_quotes (BourseDemoBroker  *self,
                                   SoupServerMessage *msg,
                                   GHashTable        *query,
                                   const DemoUser    *user)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  const char *symbols = query ? g_hash_table_lookup (query, "symbols") : NULL;
  const char *account_id = query ? g_hash_table_lookup (query, "accountId") : NULL;
  g_auto(GStrv) names = NULL;

  if (symbols == NULL || *symbols == '\0')
    {
      _bourse_demo_broker_respond_error (msg, SOUP_STATUS_OK, "Missing parameter 'symbols'");
      return;
    }

  names = g_strsplit (symbols, ",", -1);
  json_builder_begin_array (builder);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const BourseInstrumentSpec *spec;
      BourseQuoteSnapshot quote;
      guint index;

      g_strstrip (names[i]);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "n");
      json_builder_add_string_value (builder, names[i]);
      if (!(spec = bourse_instrument_spec_lookup (names[i], &index)))
        {
          g_autofree char *errmsg = g_strdup_printf ("Unknown symbol '%s'", names[i]);

          json_builder_set_member_name (builder, "s");
          json_builder_add_string_value (builder, "error");
          json_builder_set_member_name (builder, "errmsg");
          json_builder_add_string_value (builder, errmsg);
          json_builder_end_object (builder);
          continue;
        }

      bourse_price_simulator_get_quote (self->simulator, index, &quote);
      json_builder_set_member_name (builder, "s");
      json_builder_add_string_value (builder, "ok");
      json_builder_set_member_name (builder, "v");
      json_builder_begin_object (builder);
#define PRICE(member, value) \
      json_builder_set_member_name (builder, member); \
      json_builder_add_double_value (builder, bourse_instrument_spec_round (spec, (value)));
      PRICE ("lp", quote.last)
      PRICE ("ask", quote.ask)
      PRICE ("bid", quote.bid)
      PRICE ("spread", quote.ask - quote.bid)
      PRICE ("open_price", quote.open)
      PRICE ("high_price", quote.high)
      PRICE ("low_price", quote.low)
      PRICE ("prev_close_price", quote.prev_close)
#undef PRICE
      {
        /* ch on the tick grid, chp from that very ch, so both agree in sign
         * and with what a client computes from lp and prev_close_price. */
        double ch, chp;

        bourse_price_change (bourse_instrument_spec_round (spec, quote.last),
                             bourse_instrument_spec_round (spec, quote.prev_close), &ch, &chp);
        json_builder_set_member_name (builder, "ch");
        json_builder_add_double_value (builder, bourse_instrument_spec_round (spec, ch));
        json_builder_set_member_name (builder, "chp");
        json_builder_add_double_value (builder, round (chp * 100) / 100);
      }
      json_builder_set_member_name (builder, "volume");
      json_builder_add_double_value (builder, round (quote.volume * 1e8) / 1e8);
      json_builder_set_member_name (builder, "ask_size");
      json_builder_add_double_value (builder, quote.ask_size);
      json_builder_set_member_name (builder, "bid_size");
      json_builder_add_double_value (builder, quote.bid_size);
      json_builder_set_member_name (builder, "t");
      json_builder_add_int_value (builder, quote.time);
      if (account_id != NULL && _bourse_demo_broker_user_owns_account (user, account_id))
        {
          /* pip values move with cross rates: current ones, in the account's currency */
          double pip_value = bourse_matching_engine_get_pip_value (self->engine, account_id, spec->name);

          json_builder_set_member_name (builder, "buyPipValue");
          json_builder_add_double_value (builder, pip_value);
          json_builder_set_member_name (builder, "sellPipValue");
          json_builder_add_double_value (builder, pip_value);
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  _bourse_demo_broker_respond_ok (msg, json_builder_get_root (builder));
}

/* The instrument the `symbol` parameter names, or NULL after answering
 * with the error. */
static const BourseInstrumentSpec *
lookup_symbol (SoupServerMessage *msg,
               const char        *symbol,
               guint             *index)
{
  const BourseInstrumentSpec *spec;

  if (symbol == NULL || *symbol == '\0')
    {
      _bourse_demo_broker_respond_error (msg, SOUP_STATUS_OK, "Missing parameter 'symbol'");
      return NULL;
    }
  if (!(spec = bourse_instrument_spec_lookup (symbol, index)))
    {
      g_autofree char *errmsg = g_strdup_printf ("Unknown symbol '%s'", symbol);

      _bourse_demo_broker_respond_error (msg, SOUP_STATUS_OK, errmsg);
    }
  return spec;
}

void
_bourse_demo_broker_handle_depth (BourseDemoBroker  *self,
                                  SoupServerMessage *msg,
                                  GHashTable        *query)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  const char *symbol = query ? g_hash_table_lookup (query, "symbol") : NULL;
  double bp[DEPTH_LEVELS], bs[DEPTH_LEVELS], ap[DEPTH_LEVELS], as[DEPTH_LEVELS];
  const BourseInstrumentSpec *spec;
  guint index;

  if (!(spec = lookup_symbol (msg, symbol, &index)))
    return;

  bourse_price_simulator_get_depth (self->simulator, index, bourse_price_simulator_get_time (self->simulator),
                                    DEPTH_LEVELS, bp, bs, ap, as);

  /* spec 1.3.27: both sides ascending by price */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "asks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < DEPTH_LEVELS; i++)
    {
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, ap[i]);
      json_builder_add_double_value (builder, as[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "bids");
  json_builder_begin_array (builder);
  for (guint i = DEPTH_LEVELS; i-- > 0;)
    {
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, bp[i]);
      json_builder_add_double_value (builder, bs[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  _bourse_demo_broker_respond_ok (msg, json_builder_get_root (builder));
}

static void
append_column (GString                    *out,
               const char                 *name,
               const double               *values,
               gsize                       len,
               const BourseInstrumentSpec *spec)
{
  g_string_append_printf (out, ",\"%s\":[", name);
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      if (spec != NULL)
        _bourse_demo_broker_format_price (out, spec, values[i]);
      else
        _bourse_demo_broker_format_number (out, round (values[i] * 1e8) / 1e8);
    }
  g_string_append_c (out, ']');
}

void
_bourse_demo_broker_handle_history (BourseDemoBroker  *self,
                                    SoupServerMessage *msg,
                                    GHashTable        *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BourseBars) bars = NULL;
  g_autoptr(GString) out = NULL;
  const char *symbol = query ? g_hash_table_lookup (query, "symbol") : NULL;
  const char *resolution = query ? g_hash_table_lookup (query, "resolution") : NULL;
  const BourseInstrumentSpec *spec;
  gint64 seconds, from = 0, to = 0;
  guint64 countback = 0;
  gboolean no_data;
  guint index;

  if (symbol == NULL && query != NULL)
    symbol = g_hash_table_lookup (query, "ticker");
  if (!(spec = lookup_symbol (msg, symbol, &index)))
    return;
  if (!bourse_price_simulator_parse_resolution (resolution, &seconds))
    {
      g_autofree char *errmsg =
        g_strdup_printf ("Unsupported resolution '%s' (use 1, 5, 15, 60, 1D or 1W)", resolution ? resolution : "");

      _bourse_demo_broker_respond_error (msg, SOUP_STATUS_OK, errmsg);
      return;
    }
  if (!_bourse_demo_broker_parse_uint_param (query, "countback", 1000000, &countback, &error) ||
      (countback == 0 && !_bourse_demo_broker_parse_int_param (query, "from", &from, &error)) ||
      !_bourse_demo_broker_parse_int_param (query, "to", &to, &error))
    {
      _bourse_demo_broker_respond_gerror (msg, error);
      return;
    }
  if (countback == 0 && from > to)
    {
      _bourse_demo_broker_respond_error (msg, SOUP_STATUS_OK, "'from' is after 'to'");
      return;
    }

  bars = bourse_price_simulator_get_history (self->simulator, index, seconds, from, to,
                                             (guint) countback, &no_data);
  if (no_data)
    {
      _bourse_demo_broker_respond_text (msg, SOUP_STATUS_OK, g_strdup ("{\"s\":\"no_data\"}"));
      return;
    }

  /* written by hand: prices at the instrument's precision, fast for 100k bars */
  out = g_string_sized_new (64 + bars->len * 64);
  g_string_append (out, "{\"s\":\"ok\",\"t\":[");
  for (gsize i = 0; i < bars->len; i++)
    g_string_append_printf (out, i ? ",%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT, bars->time[i]);
  g_string_append_c (out, ']');
  append_column (out, "o", bars->open, bars->len, spec);
  append_column (out, "h", bars->high, bars->len, spec);
  append_column (out, "l", bars->low, bars->len, spec);
  append_column (out, "c", bars->close, bars->len, spec);
  append_column (out, "v", bars->volume, bars->len, NULL);
  g_string_append_c (out, '}');

  _bourse_demo_broker_respond_text (msg, SOUP_STATUS_OK, g_string_free (g_steal_pointer (&out), FALSE));
}
