/* bourse-webhook.h — TradingView-compatible webhook messages: placeholders, strict JSON
 * check, URL policy and lint, ready-made templates
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a receiver gets is exactly what TradingView would send (see
 * shared/reference/webhooks.md): one POST whose body is the alert message after
 * placeholder substitution, "application/json" when that body is strictly valid
 * JSON (RFC 8259) and "text/plain" otherwise.
 *
 * Placeholders, case-sensitive, no inner spaces, as TradingView writes them:
 *   {{ticker}} {{exchange}} {{interval}}
 *   {{open}} {{high}} {{low}} {{close}} {{volume}}   fixed-point, '.' decimals in every
 *                                                    locale, no exponent, trailing zeros
 *                                                    trimmed (1245.25, 1200000)
 *   {{time}}     bar open time, UTC, 2019-08-27T09:56:00Z
 *   {{timenow}}  fire time, same format, to the second
 *   {{plot_0}} … {{plot_19}}  the outputs of the alert's study ("NaN" when no value)
 *   {{syminfo.currency}} {{syminfo.basecurrency}}
 * Bourse extensions (TradingView has none for this): {{alert.id}} (stable per alert)
 * and {{fire.id}} (unique per firing, the idempotency key of retried deliveries).
 * Anything else between {{ }} is left verbatim; bourse_webhook_lint() reports it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BOURSE_WEBHOOK_ERROR (bourse_webhook_error_quark ())

typedef enum
{
  BOURSE_WEBHOOK_ERROR_INVALID_URL,     /* not an absolute http(s) URL */
  BOURSE_WEBHOOK_ERROR_INSECURE,        /* plain http to a non-loopback host, not allowed */
  BOURSE_WEBHOOK_ERROR_TIMEOUT,         /* no answer within the timeout */
  BOURSE_WEBHOOK_ERROR_HTTP,            /* a non-2xx status */
  BOURSE_WEBHOOK_ERROR_NETWORK,         /* connection, DNS, TLS … */
  BOURSE_WEBHOOK_ERROR_INVALID_RECORD,  /* a stored delivery record that does not parse */
} BourseWebhookError;

GQuark bourse_webhook_error_quark (void);

#define BOURSE_WEBHOOK_MAX_PLOTS 20

#define BOURSE_WEBHOOK_CONTENT_TYPE_JSON "application/json; charset=utf-8"
#define BOURSE_WEBHOOK_CONTENT_TYPE_TEXT "text/plain; charset=utf-8"

/* What a firing knows; strings may be NULL (then the placeholder stays verbatim). */
typedef struct
{
  const char   *ticker;
  const char   *exchange;
  const char   *interval;
  const char   *currency;
  const char   *base_currency;
  double        open;
  double        high;
  double        low;
  double        close;
  double        volume;
  gint64        time;        /* bar open, UNIX seconds */
  gint64        timenow;     /* firing, UNIX seconds */
  const double *plots;
  guint         n_plots;     /* at most BOURSE_WEBHOOK_MAX_PLOTS are used */
  const char   *alert_id;
  const char   *fire_id;
} BourseWebhookContext;

/* Substitutes the placeholders of @template_. When @unknown is not NULL, the names
 * left verbatim are added to it (g_free'd strings). */
char       *bourse_webhook_expand            (const char                 *template_,
                                              const BourseWebhookContext *context,
                                              GPtrArray                  *unknown);

/* TRUE when @text (@length bytes, or -1 for NUL-terminated) is exactly one RFC 8259
 * JSON value with optional surrounding whitespace: no single quotes, comments,
 * trailing commas, NaN/Infinity, leading zeros, "1." or ".5", BOM or second value;
 * valid UTF-8, no raw control characters in strings. Nesting deeper than 512 is
 * refused. */
gboolean    bourse_webhook_is_strict_json    (const char                 *text,
                                              gssize                      length);

/* BOURSE_WEBHOOK_CONTENT_TYPE_JSON or _TEXT, as TradingView decides it. */
const char *bourse_webhook_content_type_for  (const char                 *body);

/* Refuses what Bourse never sends to: non-http(s) URLs, and http:// to a host that is
 * not loopback unless @allow_insecure_http. */
gboolean    bourse_webhook_check_url         (const char                 *url,
                                              gboolean                    allow_insecure_http,
                                              GError                    **error);

typedef enum
{
  BOURSE_WEBHOOK_LINT_NONE                = 0,
  BOURSE_WEBHOOK_LINT_PORT                = 1 << 0,  /* TradingView only allows 80 and 443 */
  BOURSE_WEBHOOK_LINT_IPV6                = 1 << 1,  /* TradingView has no IPv6 webhooks */
  BOURSE_WEBHOOK_LINT_SECRET_OVER_HTTP    = 1 << 2,  /* a key/secret/password sent unencrypted */
  BOURSE_WEBHOOK_LINT_ALMOST_JSON         = 1 << 3,  /* looks like JSON, will go as text/plain */
  BOURSE_WEBHOOK_LINT_UNKNOWN_PLACEHOLDER = 1 << 4,  /* {{name}} that will stay verbatim */
  BOURSE_WEBHOOK_LINT_INSECURE_HTTP       = 1 << 5,  /* http:// to a non-loopback host */
  BOURSE_WEBHOOK_LINT_INVALID_URL         = 1 << 6,
} BourseWebhookLint;

/* The alert editor's compatibility check. Returns the warnings as flags; when
 * @messages is not NULL it receives one human-readable sentence per warning. The
 * template is expanded with sample values to judge its JSON-ness. */
BourseWebhookLint bourse_webhook_lint        (const char                 *url,
                                              const char                 *template_,
                                              char                     ***messages);

typedef struct
{
  const char *id;          /* "generic-json", "traderspost", "3commas" */
  const char *name;
  const char *description;
  const char *template_;
} BourseWebhookTemplate;

/* Ready-made message templates, terminated by an entry with id NULL. */
const BourseWebhookTemplate *bourse_webhook_list_templates (void);
const BourseWebhookTemplate *bourse_webhook_find_template  (const char *id);

/* "2019-08-27T09:56:00Z" for @unix_seconds; newly allocated. */
char       *bourse_webhook_format_time       (gint64                      unix_seconds);

G_END_DECLS
