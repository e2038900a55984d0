/* bourse-api-exchange.c — BourseApiExchange: one request/response (or stream message) for the API inspector
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bourse-api-exchange-private.h"
#include "bourse-json.h"

#define MAX_BODY_TEXT (256 * 1024)

struct _BourseApiExchange
{
  GObject                parent_instance;

  BourseApiExchangeKind  kind;
  char                  *method;
  char                  *uri;
  char                  *path;
  char                  *request_body;
  char                  *response_body;
  GPtrArray             *violations;
  GError                *error;
  gint64                 start_time;
  gint64                 start_monotonic;
  double                 latency_ms;
  gsize                  response_size;
  guint                  status;
  guint                  sample_count;
  guint                  authorized : 1;
};

enum {
  PROP_0,
  PROP_METHOD,
  PROP_PATH,
  PROP_STATUS,
  PROP_LATENCY_MS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (BourseApiExchange, bourse_api_exchange, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static const char * const secret_names[] = {
  "password", "client_secret", "code", "refresh_token", "access_token", NULL
};

static void
bourse_api_exchange_finalize (GObject *object)
{
  BourseApiExchange *self = (BourseApiExchange *) object;

  g_clear_pointer (&self->method, g_free);
  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->request_body, g_free);
  g_clear_pointer (&self->response_body, g_free);
  g_clear_pointer (&self->violations, g_ptr_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (bourse_api_exchange_parent_class)->finalize (object);
}

static void
bourse_api_exchange_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BourseApiExchange *self = BOURSE_API_EXCHANGE (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      g_value_set_string (value, self->method);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;
    case PROP_LATENCY_MS:
      g_value_set_double (value, self->latency_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_api_exchange_class_init (BourseApiExchangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bourse_api_exchange_finalize;
  object_class->get_property = bourse_api_exchange_get_property;

  /* Read-only and immutable once emitted: handy for GtkExpression lookups in list views. */
  properties[PROP_METHOD] =
    g_param_spec_string ("method", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_uint ("status", NULL, NULL, 0, 999, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LATENCY_MS] =
    g_param_spec_double ("latency-ms", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bourse_api_exchange_init (BourseApiExchange *self)
{
  self->violations = g_ptr_array_new_with_free_func ((GDestroyNotify) bourse_schema_violation_free);
  self->sample_count = 1;
}

char *
_bourse_redact_form (const char *form)
{
  g_auto(GStrv) pairs = NULL;
  GString *out;

  if (form == NULL)
    return NULL;
  pairs = g_strsplit (form, "&", -1);
  out = g_string_new (NULL);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');
      g_autofree char *name = eq != NULL ? g_strndup (pairs[i], eq - pairs[i]) : g_strdup (pairs[i]);

      if (i > 0)
        g_string_append_c (out, '&');
      if (eq != NULL && g_strv_contains (secret_names, name))
        g_string_append_printf (out, "%s=REDACTED", name);
      else
        g_string_append (out, pairs[i]);
    }
  return g_string_free (out, FALSE);
}

static void
redact_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, &name, &value))
        {
          if (g_strv_contains (secret_names, name) && JSON_NODE_HOLDS_VALUE (value))
            json_node_set_string (value, "REDACTED");
          else
            redact_node (value);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        redact_node (json_array_get_element (array, i));
    }
}

char *
_bourse_redact_json_text (const char *text,
                          gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (text == NULL)
    return NULL;
  /* Only the token endpoints carry secrets; anything unparsable is kept out
   * entirely rather than risk showing a token. */
  if (!_bourse_json_prescan (text, length) ||
      !json_parser_load_from_data (parser, text, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL)
    return g_strdup ("(not JSON; hidden because it may hold a token)");
  redact_node (root);
  return _bourse_json_to_string (root);
}

BourseApiExchange *
_bourse_api_exchange_new (BourseApiExchangeKind  kind,
                          const char            *method,
                          const char            *uri,
                          const char            *path,
                          const char            *request_body,
                          gboolean               authorized)
{
  BourseApiExchange *self = g_object_new (BOURSE_TYPE_API_EXCHANGE, NULL);

  self->kind = kind;
  self->method = g_strdup (method);
  self->uri = g_strdup (uri);
  self->path = g_strdup (path);
  self->request_body = _bourse_redact_form (request_body);
  self->authorized = !!authorized;
  self->start_time = g_get_real_time ();
  self->start_monotonic = g_get_monotonic_time ();
  return self;
}

void
_bourse_api_exchange_complete (BourseApiExchange *self,
                               guint              status,
                               const char        *response_body,
                               gsize              response_size,
                               GPtrArray         *violations,
                               const GError      *error)
{
  g_return_if_fail (BOURSE_IS_API_EXCHANGE (self));

  self->status = status;
  self->latency_ms = (g_get_monotonic_time () - self->start_monotonic) / 1000.0;
  self->response_size = response_size;
  if (response_body != NULL)
    {
      gsize len = strlen (response_body);
      if (len > MAX_BODY_TEXT)
        self->response_body = g_strdup_printf ("%.*s… (%" G_GSIZE_FORMAT " bytes)",
                                               MAX_BODY_TEXT, response_body, len);
      else
        self->response_body = g_strdup (response_body);
    }
  for (guint i = 0; violations != NULL && i < violations->len; i++)
    {
      const BourseSchemaViolation *v = g_ptr_array_index (violations, i);
      BourseSchemaViolation *copy = g_new0 (BourseSchemaViolation, 1);

      copy->path = g_strdup (v->path);
      copy->message = g_strdup (v->message);
      g_ptr_array_add (self->violations, copy);
    }
  if (error != NULL)
    self->error = g_error_copy (error);
}

void
_bourse_api_exchange_set_sample_count (BourseApiExchange *self,
                                       guint              count)
{
  self->sample_count = count;
}

BourseApiExchangeKind
bourse_api_exchange_get_kind (BourseApiExchange *self)
{
  g_return_val_if_fail (BOURSE_IS_API_EXCHANGE (self), 0);
  return self->kind;
}

const char *
bourse_api_exchange_get_method (BourseApiExchange *self)
{
  g_return_val_if_fail (BOURSE_IS_API_EXCHANGE (self), NULL);
  return self->method;
}

const char *
bourse_api_exchange_get_path (BourseApiExchange *self)
{
  g_return_val_if_fail (BOURSE_IS_API_EXCHANGE (self), NULL);
  return self->path;
}

const char *
bourse_api_exchange_get_uri (BourseApiExchange *self)
{
  g_return_val_if_fail (BOURSE_IS_API_EXCHANGE (self), NULL);
  return self->uri;
}

gint64
bourse_api_exchange_get_start_time (BourseApiExchange *self)
{
  g_return_val_if_fail (BOURSE_IS_API_EXCHANGE (self), 0);
  return self->start_time;
}

guint
bourse_api_exchange_get_status (BourseApiExchange *self)
{
  g_return_val_if_fail (BOURSE_IS_API_EXCHANGE (self), 0);
  return self->status;
}

double
bourse_api_exchange_get_latency_ms (BourseApiExchange *self)
{
  g_return_val_if_fail (BOURSE_IS_API_EXCHANGE (self), 0);
  return self->latency_ms;
}

gsize
bourse_api_exchange_get_request_size (BourseApiExchange *self)
{
  g_return_val_if_fail (BOURSE_IS_API_EXCHANGE (self), 0);
  return self->request_body != NULL ? strlen (self->request_body) : 0;
}

gsize
bourse_api_exchange_get_response_size (BourseApiExchange *self)
{
  g_return_val_if_fail (BOURSE_IS_API_EXCHANGE (self), 0);
  return self->response_size;
}

const char *
bourse_api_exchange_get_request_body (BourseApiExchange *self)
{
  g_return_val_if_fail (BOURSE_IS_API_EXCHANGE (self), NULL);
  return self->request_body;
}

const char *
bourse_api_exchange_get_response_body (BourseApiExchange *self)
{
  g_return_val_if_fail (BOURSE_IS_API_EXCHANGE (self), NULL);
  return self->response_body;
}

GPtrArray *
bourse_api_exchange_get_violations (BourseApiExchange *self)
{
  g_return_val_if_fail (BOURSE_IS_API_EXCHANGE (self), NULL);
  return self->violations;
}

const GError *
bourse_api_exchange_get_error (BourseApiExchange *self)
{
  g_return_val_if_fail (BOURSE_IS_API_EXCHANGE (self), NULL);
  return self->error;
}

guint
bourse_api_exchange_get_sample_count (BourseApiExchange *self)
{
  g_return_val_if_fail (BOURSE_IS_API_EXCHANGE (self), 0);
  return self->sample_count;
}

/**
 * bourse_api_exchange_to_curl:
 *
 * Returns: (transfer full): e.g. `curl -X POST 'http://…/accounts/D1/orders?requestId=…'
 *   -H "Authorization: Bearer $BOURSE_TOKEN" --data-raw 'instrument=EURUSD&…'`
 */
char *
bourse_api_exchange_to_curl (BourseApiExchange *self)
{
  g_autofree char *quoted_uri = NULL;
  GString *out;

  g_return_val_if_fail (BOURSE_IS_API_EXCHANGE (self), NULL);

  quoted_uri = g_shell_quote (self->uri != NULL ? self->uri : "");
  out = g_string_new ("curl");
  if (self->kind == BOURSE_API_EXCHANGE_STREAM_CONNECT)
    g_string_append (out, " -N");
  if (g_strcmp0 (self->method, "GET") != 0)
    g_string_append_printf (out, " -X %s", self->method);
  g_string_append_printf (out, " %s", quoted_uri);
  if (self->authorized)
    g_string_append (out, " -H \"Authorization: Bearer $BOURSE_TOKEN\"");
  if (self->request_body != NULL)
    {
      g_autofree char *quoted_body = g_shell_quote (self->request_body);
      g_string_append_printf (out, " --data-raw %s", quoted_body);
    }
  return g_string_free (out, FALSE);
}
