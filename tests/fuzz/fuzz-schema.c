/* fuzz-schema.c — libFuzzer harness: bourse-schema, every response kind, lenient and strict
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks the kind; the rest is parsed as the client parses an
 * answer. Invariants: conforms() agrees with validate() (lenient), anything the
 * strict mode accepts the lenient mode accepts too, and every violation has a
 * path starting with "$" and a message.
 */
#include "config.h"

#include "bourse-json.h"
#include "bourse-schema.h"
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init_glib ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) lenient = NULL;
  g_autoptr(GPtrArray) strict = NULL;
  BourseSchema schema;
  const char *errmsg = NULL;

  if (size < 1)
    return 0;
  schema = data[0] % BOURSE_SCHEMA_N_KINDS;
  root = _bourse_json_parse ((const char *) data + 1, size - 1, NULL);
  if (root == NULL)
    return 0;

  lenient = bourse_schema_validate (schema, root, BOURSE_SCHEMA_FLAGS_NONE);
  strict = bourse_schema_validate (schema, root, BOURSE_SCHEMA_FLAGS_STRICT);
  g_assert (bourse_schema_conforms (schema, root, BOURSE_SCHEMA_FLAGS_NONE) == (lenient->len == 0));
  g_assert (bourse_schema_conforms (schema, root, BOURSE_SCHEMA_FLAGS_STRICT) == (strict->len == 0));
  if (strict->len == 0)
    g_assert_cmpuint (lenient->len, ==, 0);
  for (guint i = 0; i < strict->len; i++)
    {
      BourseSchemaViolation *v = g_ptr_array_index (strict, i);
      g_assert (v->path != NULL && v->path[0] == '$');
      g_assert (v->message != NULL && v->message[0] != '\0');
    }
  (void) bourse_schema_is_rejection (root, &errmsg);
  (void) bourse_schema_get_name (schema);
  return 0;
}
