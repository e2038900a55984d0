/* bourse-webhook.c — webhook message formatting, strict JSON check, URL policy, lint
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <gio/gio.h>

#include "bourse-indicator.h"
#include "bourse-webhook.h"

G_DEFINE_QUARK (bourse-webhook-error-quark, bourse_webhook_error)

#define MAX_JSON_DEPTH 512

/* ---- placeholders ---- */

char *
bourse_webhook_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  if (dt == NULL)
    return g_strdup ("");
  /* Only numeric conversions: the result does not depend on the locale. */
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
append_placeholder (GString                    *out,
                    const char                 *name,
                    const BourseWebhookContext *ctx)
{
  char buf[BOURSE_FORMAT_NUMBER_BUF_SIZE];
  const char *text = NULL;
  double number = NAN;
  gboolean is_number = FALSE;

  if (g_str_equal (name, "ticker"))
    text = ctx->ticker;
  else if (g_str_equal (name, "exchange"))
    text = ctx->exchange;
  else if (g_str_equal (name, "interval"))
    text = ctx->interval;
  else if (g_str_equal (name, "syminfo.currency"))
    text = ctx->currency;
  else if (g_str_equal (name, "syminfo.basecurrency"))
    text = ctx->base_currency;
  else if (g_str_equal (name, "alert.id"))
    text = ctx->alert_id;
  else if (g_str_equal (name, "fire.id"))
    text = ctx->fire_id;
  else if (g_str_equal (name, "open"))
    number = ctx->open, is_number = TRUE;
  else if (g_str_equal (name, "high"))
    number = ctx->high, is_number = TRUE;
  else if (g_str_equal (name, "low"))
    number = ctx->low, is_number = TRUE;
  else if (g_str_equal (name, "close"))
    number = ctx->close, is_number = TRUE;
  else if (g_str_equal (name, "volume"))
    number = ctx->volume, is_number = TRUE;
  else if (g_str_equal (name, "time") || g_str_equal (name, "timenow"))
    {
      g_autofree char *t = bourse_webhook_format_time (name[4] == 'n' ? ctx->timenow : ctx->time);
      g_string_append (out, t);
      return TRUE;
    }
  else if (g_str_has_prefix (name, "plot_"))
    {
      const char *digits = name + 5;
      guint64 index;
      char *end = NULL;

      /* plot_0 … plot_19, no sign, no leading zeros. */
      if (!g_ascii_isdigit (*digits) || (digits[0] == '0' && digits[1] != '\0'))
        return FALSE;
      index = g_ascii_strtoull (digits, &end, 10);
      if (*end != '\0' || index >= BOURSE_WEBHOOK_MAX_PLOTS || index >= ctx->n_plots)
        return FALSE;
      number = ctx->plots[index];
      is_number = TRUE;
    }
  else
    return FALSE;

  if (is_number)
    {
      g_string_append (out, bourse_format_number (buf, number, 10));
      return TRUE;
    }
  if (text == NULL)
    return FALSE;
  g_string_append (out, text);
  return TRUE;
}

char *
bourse_webhook_expand (const char                 *template_,
                       const BourseWebhookContext *context,
                       GPtrArray                  *unknown)
{
  GString *out;
  const char *p;

  g_return_val_if_fail (template_ != NULL, NULL);
  g_return_val_if_fail (context != NULL, NULL);

  out = g_string_sized_new (strlen (template_) + 64);
  p = template_;
  while (*p != '\0')
    {
      const char *open = strstr (p, "{{");
      const char *close;

      if (open == NULL)
        {
          g_string_append (out, p);
          break;
        }
      close = strstr (open + 2, "}}");
      if (close == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, open - p);
      {
        g_autofree char *name = g_strndup (open + 2, close - open - 2);

        if (!append_placeholder (out, name, context))
          {
            g_string_append_len (out, open, close + 2 - open);
            if (unknown != NULL)
              g_ptr_array_add (unknown, g_steal_pointer (&name));
          }
      }
      p = close + 2;
    }
  return g_string_free (out, FALSE);
}

/* ---- strict JSON (RFC 8259) ---- */

typedef struct
{
  const char *p;
  const char *end;
  guint       depth;
} JsonScan;

static gboolean scan_value (JsonScan *s);

static void
skip_ws (JsonScan *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static gboolean
scan_literal (JsonScan   *s,
              const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (s->end - s->p) < len || memcmp (s->p, word, len) != 0)
    return FALSE;
  s->p += len;
  return TRUE;
}

static gboolean
scan_digits (JsonScan *s)
{
  const char *start = s->p;

  while (s->p < s->end && g_ascii_isdigit (*s->p))
    s->p++;
  return s->p > start;
}

static gboolean
scan_number (JsonScan *s)
{
  if (s->p < s->end && *s->p == '-')
    s->p++;
  if (s->p >= s->end)
    return FALSE;
  if (*s->p == '0')
    s->p++;                       /* "01" fails later: '1' cannot follow a value */
  else if (!scan_digits (s))
    return FALSE;
  if (s->p < s->end && *s->p == '.')
    {
      s->p++;
      if (!scan_digits (s))
        return FALSE;             /* "1." */
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (!scan_digits (s))
        return FALSE;
    }
  return TRUE;
}

static gboolean
scan_string (JsonScan *s)
{
  if (s->p >= s->end || *s->p != '"')
    return FALSE;
  s->p++;
  while (s->p < s->end)
    {
      guchar c = (guchar) *s->p;

      if (c == '"')
        {
          s->p++;
          return TRUE;
        }
      if (c < 0x20)
        return FALSE;
      if (c == '\\')
        {
          s->p++;
          if (s->p >= s->end)
            return FALSE;
          switch (*s->p)
            {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
              s->p++;
              break;
            case 'u':
              s->p++;
              for (int k = 0; k < 4; k++, s->p++)
                if (s->p >= s->end || !g_ascii_isxdigit (*s->p))
                  return FALSE;
              break;
            default:
              return FALSE;
            }
          continue;
        }
      s->p++;
    }
  return FALSE;
}

static gboolean
scan_container (JsonScan *s,
                char      close,
                gboolean  is_object)
{
  if (++s->depth > MAX_JSON_DEPTH)
    return FALSE;
  s->p++;
  skip_ws (s);
  if (s->p < s->end && *s->p == close)
    {
      s->p++;
      s->depth--;
      return TRUE;
    }
  for (;;)
    {
      skip_ws (s);
      if (is_object)
        {
          if (!scan_string (s))
            return FALSE;
          skip_ws (s);
          if (s->p >= s->end || *s->p != ':')
            return FALSE;
          s->p++;
          skip_ws (s);
        }
      if (!scan_value (s))
        return FALSE;
      skip_ws (s);
      if (s->p >= s->end)
        return FALSE;
      if (*s->p == ',')
        {
          s->p++;          /* a trailing comma then fails on the closing bracket */
          continue;
        }
      if (*s->p == close)
        {
          s->p++;
          s->depth--;
          return TRUE;
        }
      return FALSE;
    }
}

static gboolean
scan_value (JsonScan *s)
{
  if (s->p >= s->end)
    return FALSE;
  switch (*s->p)
    {
    case '{':
      return scan_container (s, '}', TRUE);
    case '[':
      return scan_container (s, ']', FALSE);
    case '"':
      return scan_string (s);
    case 't':
      return scan_literal (s, "true");
    case 'f':
      return scan_literal (s, "false");
    case 'n':
      return scan_literal (s, "null");
    default:
      if (*s->p == '-' || g_ascii_isdigit (*s->p))
        return scan_number (s);
      return FALSE;
    }
}

gboolean
bourse_webhook_is_strict_json (const char *text,
                               gssize      length)
{
  JsonScan s;

  if (text == NULL)
    return FALSE;
  if (length < 0)
    length = strlen (text);
  /* Also rejects embedded NULs, which g_utf8_validate_len treats as invalid. */
  if (!g_utf8_validate_len (text, length, NULL))
    return FALSE;

  s.p = text;
  s.end = text + length;
  s.depth = 0;
  skip_ws (&s);
  if (!scan_value (&s))
    return FALSE;
  skip_ws (&s);
  return s.p == s.end;
}

const char *
bourse_webhook_content_type_for (const char *body)
{
  return bourse_webhook_is_strict_json (body, -1) ? BOURSE_WEBHOOK_CONTENT_TYPE_JSON
                                                   : BOURSE_WEBHOOK_CONTENT_TYPE_TEXT;
}

/* ---- URL policy and lint ---- */

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_str_has_suffix (host, ".localhost"))
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
host_is_ipv6 (const char *host)
{
  g_autoptr(GInetAddress) address = host ? g_inet_address_new_from_string (host) : NULL;

  return address != NULL && g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6;
}

static GUri *
parse_http_url (const char  *url,
                GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *scheme;

  if (url == NULL || *url == '\0')
    {
      g_set_error (error, BOURSE_WEBHOOK_ERROR, BOURSE_WEBHOOK_ERROR_INVALID_URL,
                   "The webhook URL is empty");
      return NULL;
    }
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, BOURSE_WEBHOOK_ERROR, BOURSE_WEBHOOK_ERROR_INVALID_URL,
                   "“%s” is not a valid URL: %s", url, local_error->message);
      return NULL;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error (error, BOURSE_WEBHOOK_ERROR, BOURSE_WEBHOOK_ERROR_INVALID_URL,
                   "Webhook URLs must start with https:// (or http://), not “%s:”", scheme);
      return NULL;
    }
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, BOURSE_WEBHOOK_ERROR, BOURSE_WEBHOOK_ERROR_INVALID_URL,
                   "The webhook URL “%s” has no host", url);
      return NULL;
    }
  return g_steal_pointer (&uri);
}

gboolean
bourse_webhook_check_url (const char  *url,
                          gboolean     allow_insecure_http,
                          GError     **error)
{
  g_autoptr(GUri) uri = parse_http_url (url, error);

  if (uri == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0 &&
      !allow_insecure_http && !host_is_loopback (g_uri_get_host (uri)))
    {
      g_set_error (error, BOURSE_WEBHOOK_ERROR, BOURSE_WEBHOOK_ERROR_INSECURE,
                   "Plain http:// is only used for this computer (loopback); use https:// "
                   "for “%s” or allow unencrypted webhooks", g_uri_get_host (uri));
      return FALSE;
    }
  return TRUE;
}

static gboolean
looks_like_secret (const char *text)
{
  static const char *const words[] = {
    "secret", "password", "passphrase", "passwd", "token", "api_key", "apikey", "api-key",
    "auth", "\"key\"", "key=",
  };
  g_autofree char *lower = g_ascii_strdown (text, -1);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

BourseWebhookLint
bourse_webhook_lint (const char   *url,
                     const char   *template_,
                     char       ***messages)
{
  static const double sample_plots[BOURSE_WEBHOOK_MAX_PLOTS] = { 0 };
  const BourseWebhookContext sample = {
    .ticker = "AAPL", .exchange = "NASDAQ", .interval = "1", .currency = "USD",
    .base_currency = "USD", .open = 1, .high = 1, .low = 1, .close = 1, .volume = 1,
    .time = 0, .timenow = 0, .plots = sample_plots, .n_plots = BOURSE_WEBHOOK_MAX_PLOTS,
    .alert_id = "a", .fire_id = "f",
  };
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  BourseWebhookLint lint = BOURSE_WEBHOOK_LINT_NONE;
  gboolean is_http = FALSE;

  uri = parse_http_url (url, &error);
  if (uri == NULL)
    {
      lint |= BOURSE_WEBHOOK_LINT_INVALID_URL;
      g_ptr_array_add (out, g_strdup (error->message));
    }
  else
    {
      const char *host = g_uri_get_host (uri);
      int port = g_uri_get_port (uri);

      is_http = g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0;
      if (port != -1 && port != 80 && port != 443)
        {
          lint |= BOURSE_WEBHOOK_LINT_PORT;
          g_ptr_array_add (out, g_strdup_printf (
            "TradingView refuses webhook URLs with port %d; only 80 and 443 are accepted", port));
        }
      if (host_is_ipv6 (host))
        {
          lint |= BOURSE_WEBHOOK_LINT_IPV6;
          g_ptr_array_add (out, g_strdup ("TradingView does not send webhooks over IPv6"));
        }
      if (is_http && !host_is_loopback (host))
        {
          lint |= BOURSE_WEBHOOK_LINT_INSECURE_HTTP;
          g_ptr_array_add (out, g_strdup (
            "The URL uses unencrypted http://; anyone on the way can read and change the alert"));
        }
    }

  if (template_ != NULL)
    {
      g_autofree char *expanded = bourse_webhook_expand (template_, &sample, unknown);
      g_autofree char *stripped = g_strstrip (g_strdup (expanded));

      if (is_http && looks_like_secret (template_))
        {
          lint |= BOURSE_WEBHOOK_LINT_SECRET_OVER_HTTP;
          g_ptr_array_add (out, g_strdup (
            "The message seems to contain a secret and would be sent over unencrypted http://"));
        }
      if ((stripped[0] == '{' || stripped[0] == '[') &&
          !bourse_webhook_is_strict_json (expanded, -1))
        {
          lint |= BOURSE_WEBHOOK_LINT_ALMOST_JSON;
          g_ptr_array_add (out, g_strdup (
            "The message looks like JSON but is not valid JSON, so it will be sent as text/plain"));
        }
      for (guint i = 0; i < unknown->len; i++)
        {
          lint |= BOURSE_WEBHOOK_LINT_UNKNOWN_PLACEHOLDER;
          g_ptr_array_add (out, g_strdup_printf (
            "Unknown placeholder {{%s}} will be sent as it is",
            (const char *) g_ptr_array_index (unknown, i)));
        }
    }

  if (messages != NULL)
    {
      g_ptr_array_add (out, NULL);
      *messages = (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
    }
  return lint;
}

/* ---- templates ---- */

static const BourseWebhookTemplate templates[] = {
  {
    "generic-json", "Generic JSON bot",
    "A flat JSON object most self-hosted bots parse; replace the passphrase.",
    "{\"passphrase\": \"CHANGE-ME\", \"ticker\": \"{{ticker}}\", \"exchange\": \"{{exchange}}\", "
    "\"interval\": \"{{interval}}\", \"action\": \"buy\", \"price\": {{close}}, "
    "\"volume\": {{volume}}, \"time\": \"{{time}}\", \"timenow\": \"{{timenow}}\", "
    "\"id\": \"{{fire.id}}\"}",
  },
  {
    "traderspost", "TradersPost",
    "TradersPost signal: ticker and action are required; the secret is in the webhook URL.",
    "{\"ticker\": \"{{ticker}}\", \"action\": \"buy\", \"sentiment\": \"bullish\", "
    "\"price\": {{close}}, \"time\": \"{{timenow}}\"}",
  },
  {
    "3commas", "3Commas signal bot",
    "3Commas signal bot: fill in secret and bot_uuid from the bot's page.",
    "{\"secret\": \"CHANGE-ME\", \"max_lag\": \"300\", \"timestamp\": \"{{timenow}}\", "
    "\"trigger_price\": \"{{close}}\", \"tv_exchange\": \"{{exchange}}\", "
    "\"tv_instrument\": \"{{ticker}}\", \"action\": \"enter_long\", "
    "\"bot_uuid\": \"CHANGE-ME\"}",
  },
  { NULL, NULL, NULL, NULL },
};

const BourseWebhookTemplate *
bourse_webhook_list_templates (void)
{
  return templates;
}

const BourseWebhookTemplate *
bourse_webhook_find_template (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; templates[i].id != NULL; i++)
    if (g_str_equal (templates[i].id, id))
      return &templates[i];
  return NULL;
}
