/* bourse-demo-broker-state.c — the demo broker's --state file: load, migrate, recover, journal every change
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is a BourseStateJournal (see bourse-state-journal.c for the format
 * and why). At start: no file → a new journal holding the fresh state; a
 * journal → replayed record by record into the engine; the JSON object that
 * earlier versions rewrote on every request → loaded once and replaced by a
 * journal, the JSON kept beside it as FILE.v1.json. A damaged file stops the
 * start with an error naming the file and the record, unless --recover: then
 * the good records before the damage are kept, the damaged file is moved
 * aside as FILE.damaged-TIME and a new journal starts from the kept state.
 * While running, _save() appends what the engine changed as one record,
 * synced before the request is answered.
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bourse-demo-broker-private.h"
#include "bourse-server-error.h"

gboolean
_bourse_demo_broker_save (BourseDemoBroker  *self,
                          GError           **error)
{
  g_autoptr(JsonNode) changes = NULL;

  self->state_dirty = FALSE;
  if (self->journal == NULL)
    {
      /* nothing to write them to: do not let them pile up */
      bourse_matching_engine_forget_changes (self->engine);
      return TRUE;
    }

  /* a record that could not be written is gone from the engine's changes:
   * only a whole snapshot brings the file level with memory again */
  if (self->journal_behind)
    return _bourse_demo_broker_compact_state (self, error);

  changes = bourse_matching_engine_take_changes (self->engine);
  if (changes != NULL && !bourse_state_journal_append (self->journal, changes, error))
    {
      self->journal_behind = TRUE;
      return FALSE;
    }

  if (bourse_state_journal_wants_compaction (self->journal))
    return _bourse_demo_broker_compact_state (self, error);
  return TRUE;
}

/* Rewrites the journal as one snapshot of the state now. */
gboolean
_bourse_demo_broker_compact_state (BourseDemoBroker  *self,
                                   GError           **error)
{
  g_autoptr(JsonNode) snapshot = NULL;

  if (self->journal == NULL)
    return TRUE;

  snapshot = bourse_matching_engine_serialize (self->engine);
  bourse_matching_engine_forget_changes (self->engine);
  if (!bourse_state_journal_compact (self->journal, snapshot, error))
    {
      self->journal_behind = TRUE;
      return FALSE;
    }
  self->journal_behind = FALSE;
  return TRUE;
}

static gboolean
apply_record (JsonNode  *record,
              gpointer   user_data,
              GError   **error)
{
  return bourse_matching_engine_restore (user_data, record, error);
}

static void
reset_engine (BourseDemoBroker *self)
{
  g_clear_object (&self->engine);
  self->engine = bourse_matching_engine_new ();
  _bourse_demo_broker_add_demo_accounts (self->engine);
}

/* A new journal at the state file's path holding the engine's state now. */
static gboolean
start_journal (BourseDemoBroker  *self,
               GError           **error)
{
  g_autoptr(JsonNode) snapshot = bourse_matching_engine_serialize (self->engine);

  self->journal = bourse_state_journal_create (self->state_file, snapshot, error);
  return self->journal != NULL;
}

/* Renames the damaged file to FILE.damaged-YYYYMMDDTHHMMSS[-N]; returns the new name. */
static char *
move_aside (const char  *path,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");

  for (guint n = 0; n < 100; n++)
    {
      g_autofree char *aside = n == 0 ? g_strdup_printf ("%s.damaged-%s", path, stamp)
                                      : g_strdup_printf ("%s.damaged-%s-%u", path, stamp, n);

      if (g_file_test (aside, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (path, aside) == 0)
        return g_steal_pointer (&aside);
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
                   "Cannot move the damaged state file %s aside: %s", path, g_strerror (errno));
      return NULL;
    }
  g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
               "Cannot move the damaged state file %s aside: too many earlier copies", path);
  return NULL;
}

/* --recover: the engine holds the good prefix; keep it, put the damaged file aside. */
static gboolean
recover (BourseDemoBroker  *self,
         const char        *damage,
         guint              n_kept,
         GError           **error)
{
  g_autofree char *aside = move_aside (self->state_file, error);

  if (aside == NULL || !start_journal (self, error))
    return FALSE;
  g_message ("%s\n--recover: kept the %u good record%s before it; the damaged file is now %s",
             damage, n_kept, n_kept == 1 ? "" : "s", aside);
  return TRUE;
}

static gboolean
refuse (BourseDemoBroker  *self,
        GError            *damage,
        guint              n_good,
        GError           **error)
{
  g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
               "%s. The broker does not start on a damaged state file: start it with --recover to keep the "
               "%u good record%s before the damage and move %s aside",
               damage->message, n_good, n_good == 1 ? "" : "s", self->state_file);
  return FALSE;
}

static gboolean
load_journal (BourseDemoBroker  *self,
              const char        *data,
              gsize              length,
              GError           **error)
{
  BourseStateJournalInfo info;
  g_autoptr(GError) damage = NULL;

  if (bourse_state_journal_replay (self->state_file, data, length, G_MAXUINT, apply_record, self->engine,
                                   &info, &damage))
    {
      self->journal = bourse_state_journal_open (self->state_file, &info, error);
      if (self->journal == NULL)
        return FALSE;
      if (bourse_state_journal_wants_compaction (self->journal))
        return _bourse_demo_broker_compact_state (self, error);
      return TRUE;
    }

  if (!self->recover)
    return refuse (self, damage, info.n_records, error);

  /* the failing record may have been applied in part: replay the good ones on a fresh engine */
  reset_engine (self);
  if (info.n_records > 0 &&
      !bourse_state_journal_replay (self->state_file, data, length, info.n_records, apply_record, self->engine,
                                    &info, error))
    return FALSE;
  return recover (self, damage->message, info.n_records, error);
}

/* The single JSON object of earlier versions: read it once, then journal from it. */
static gboolean
migrate_json (BourseDemoBroker  *self,
              const char        *data,
              gsize              length,
              GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) damage = NULL;
  g_autofree char *backup = NULL;

  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error) ||
      json_parser_get_root (parser) == NULL)
    damage = g_error_new (BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
                          "The state file %s is not valid JSON: %s", self->state_file,
                          local_error ? local_error->message : "empty");
  else if (!bourse_matching_engine_restore (self->engine, json_parser_get_root (parser), &local_error))
    damage = g_error_new (BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
                          "The state file %s (JSON of an earlier version) cannot be read: %s",
                          self->state_file, local_error->message);

  if (damage != NULL)
    {
      if (!self->recover)
        return refuse (self, damage, 0, error);
      reset_engine (self);
      return recover (self, damage->message, 0, error);
    }

  /* a hard link, so that a crash before the journal replaces the file loses nothing */
  backup = g_strconcat (self->state_file, ".v1.json", NULL);
  g_unlink (backup);
  if (link (self->state_file, backup) < 0)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
                   "Cannot keep the earlier state file %s as %s: %s", self->state_file, backup, g_strerror (errno));
      return FALSE;
    }
  if (!start_journal (self, error))
    return FALSE;
  g_message ("Migrated the state file %s to a journal; the earlier JSON is kept as %s", self->state_file, backup);
  return TRUE;
}

gboolean
_bourse_demo_broker_load_state (BourseDemoBroker  *self,
                                GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  if (self->state_file == NULL)
    return TRUE;

  if (!g_file_get_contents (self->state_file, &data, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return start_journal (self, error);
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
                   "Cannot read the state file: %s", local_error->message);
      return FALSE;
    }

  if (bourse_state_journal_is_journal (data, length))
    return load_journal (self, data, length, error);
  if (length > 0 && data[strspn (data, " \t\r\n")] == '{')
    return migrate_json (self, data, length, error);
  return load_journal (self, data, length, error);  /* names what is wrong with it */
}
