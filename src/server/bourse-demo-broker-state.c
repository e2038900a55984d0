/* bourse-demo-broker-state.c — the demo broker's --state file: load at start, save every acknowledged change
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bourse-demo-broker-private.h"
#include "bourse-server-error.h"
#include "bourse-server-json.h"

#include <math.h>
#include <string.h>

gboolean
_bourse_demo_broker_save (BourseDemoBroker  *self,
                          GError           **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;

  if (self->state_file == NULL)
    {
      self->state_dirty = FALSE;
      return TRUE;
    }

  node = bourse_matching_engine_serialize (self->engine);
  data = bourse_server_json_to_string (node);
  /* CONSISTENT: temp file + rename; DURABLE: fsync, so an acknowledged request survives kill -9 */
  if (!g_file_set_contents_full (self->state_file, data, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
                   "Cannot write the state file: %s", local_error->message);
      return FALSE;
    }

  self->state_dirty = FALSE;
  return TRUE;
}

gboolean
_bourse_demo_broker_load_state (BourseDemoBroker  *self,
                                GError           **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  if (self->state_file == NULL)
    return TRUE;

  if (!g_file_get_contents (self->state_file, &data, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
                   "Cannot read the state file: %s", local_error->message);
      return FALSE;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error) ||
      json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
                   "The state file %s is not valid JSON: %s", self->state_file,
                   local_error ? local_error->message : "empty");
      return FALSE;
    }

  return bourse_matching_engine_restore (self->engine, json_parser_get_root (parser), error);
}
