/* bourse-bridge-journal.c — the bridge's append-only SQLite table of alerts and decisions
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Owns the file $XDG_DATA_HOME/bourse/bridge.sqlite (or the path given) and
 * its one table. Rows are only inserted, never updated or deleted: an alert
 * acted on has a "pending" row written before anything is sent and a second
 * row with the outcome, so a crash in between leaves the claim in place and a
 * resend of that alert places nothing. WAL mode lets `bourse-cli bridge --log`
 * read while the bridge writes; synchronous=FULL makes each row durable before
 * the answer goes out.
 */
#include "config.h"

#include <errno.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bourse-bridge-journal.h"

struct _BourseBridgeJournal
{
  GObject  parent_instance;
  sqlite3 *db;
};

G_DEFINE_FINAL_TYPE (BourseBridgeJournal, bourse_bridge_journal, G_TYPE_OBJECT)
G_DEFINE_QUARK (bourse-bridge-journal-error-quark, bourse_bridge_journal_error)

#define COLUMNS "seq, received, key, remote, ticker, action, contracts, decision, reason, order_id, status, response"

static const char schema[] =
  "PRAGMA journal_mode=WAL;"
  "PRAGMA synchronous=FULL;"
  "CREATE TABLE IF NOT EXISTS alerts ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  received INTEGER NOT NULL,"
  "  key TEXT, remote TEXT, ticker TEXT, action TEXT, contracts REAL,"
  "  decision TEXT NOT NULL, reason TEXT, order_id TEXT, status INTEGER, response TEXT);"
  "CREATE INDEX IF NOT EXISTS alerts_key ON alerts (key, received);"
  /* Append-only, enforced by the database itself. */
  "CREATE TRIGGER IF NOT EXISTS alerts_no_update BEFORE UPDATE ON alerts"
  "  BEGIN SELECT RAISE (ABORT, 'the bridge journal is append-only'); END;"
  "CREATE TRIGGER IF NOT EXISTS alerts_no_delete BEFORE DELETE ON alerts"
  "  BEGIN SELECT RAISE (ABORT, 'the bridge journal is append-only'); END;";

static gboolean
fail (BourseBridgeJournal  *self,
      const char           *what,
      GError              **error)
{
  g_set_error (error, BOURSE_BRIDGE_JOURNAL_ERROR, 0, "bridge journal: %s: %s", what,
               self->db != NULL ? sqlite3_errmsg (self->db) : "no database");
  return FALSE;
}

void
bourse_bridge_entry_free (BourseBridgeEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->key);
  g_free (entry->remote);
  g_free (entry->ticker);
  g_free (entry->action);
  g_free (entry->decision);
  g_free (entry->reason);
  g_free (entry->order_id);
  g_free (entry->response);
  g_free (entry);
}

JsonNode *
bourse_bridge_entry_to_json (const BourseBridgeEntry *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (entry->received / G_USEC_PER_SEC);
  g_autofree char *iso = g_date_time_format_iso8601 (when);
  const struct { const char *name; const char *value; } texts[] = {
    { "key", entry->key }, { "remote", entry->remote }, { "ticker", entry->ticker },
    { "action", entry->action }, { "decision", entry->decision }, { "reason", entry->reason },
    { "order_id", entry->order_id },
  };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "seq");
  json_builder_add_int_value (builder, entry->seq);
  json_builder_set_member_name (builder, "received");
  json_builder_add_string_value (builder, iso);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i].value != NULL)
      {
        json_builder_set_member_name (builder, texts[i].name);
        json_builder_add_string_value (builder, texts[i].value);
      }
  if (entry->contracts > 0)
    {
      json_builder_set_member_name (builder, "contracts");
      json_builder_add_double_value (builder, entry->contracts);
    }
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, entry->status);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
bourse_bridge_journal_finalize (GObject *object)
{
  BourseBridgeJournal *self = BOURSE_BRIDGE_JOURNAL (object);

  g_clear_pointer (&self->db, sqlite3_close);
  G_OBJECT_CLASS (bourse_bridge_journal_parent_class)->finalize (object);
}

static void
bourse_bridge_journal_class_init (BourseBridgeJournalClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bourse_bridge_journal_finalize;
}

static void
bourse_bridge_journal_init (BourseBridgeJournal *self)
{
}

char *
bourse_bridge_journal_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "bourse", "bridge.sqlite", NULL);
}

BourseBridgeJournal *
bourse_bridge_journal_open (const char  *path,
                            GError     **error)
{
  g_autoptr(BourseBridgeJournal) self = g_object_new (BOURSE_TYPE_BRIDGE_JOURNAL, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  char *message = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "bridge journal: cannot create %s: %s",
                   dir, g_strerror (saved));
      return NULL;
    }
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                       NULL) != SQLITE_OK)
    {
      fail (self, path, error);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 2000);
  if (sqlite3_exec (self->db, schema, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, BOURSE_BRIDGE_JOURNAL_ERROR, 0, "bridge journal: %s: %s", path, message);
      sqlite3_free (message);
      return NULL;
    }
  return g_steal_pointer (&self);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

gboolean
bourse_bridge_journal_append (BourseBridgeJournal *self,
                              BourseBridgeEntry   *entry,
                              GError             **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (BOURSE_IS_BRIDGE_JOURNAL (self), FALSE);
  g_return_val_if_fail (entry->decision != NULL, FALSE);

  if (entry->received == 0)
    entry->received = g_get_real_time ();
  if (sqlite3_prepare_v2 (self->db,
                          "INSERT INTO alerts (received, key, remote, ticker, action, contracts, decision,"
                          " reason, order_id, status, response) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return fail (self, "insert", error);
  sqlite3_bind_int64 (stmt, 1, entry->received);
  bind_text (stmt, 2, entry->key);
  bind_text (stmt, 3, entry->remote);
  bind_text (stmt, 4, entry->ticker);
  bind_text (stmt, 5, entry->action);
  sqlite3_bind_double (stmt, 6, entry->contracts);
  bind_text (stmt, 7, entry->decision);
  bind_text (stmt, 8, entry->reason);
  bind_text (stmt, 9, entry->order_id);
  sqlite3_bind_int (stmt, 10, (int) entry->status);
  bind_text (stmt, 11, entry->response);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return fail (self, "insert", error);
  entry->seq = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);
  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static BourseBridgeEntry *
read_row (sqlite3_stmt *stmt)
{
  BourseBridgeEntry *entry = g_new0 (BourseBridgeEntry, 1);

  entry->seq = sqlite3_column_int64 (stmt, 0);
  entry->received = sqlite3_column_int64 (stmt, 1);
  entry->key = column_text (stmt, 2);
  entry->remote = column_text (stmt, 3);
  entry->ticker = column_text (stmt, 4);
  entry->action = column_text (stmt, 5);
  entry->contracts = sqlite3_column_double (stmt, 6);
  entry->decision = column_text (stmt, 7);
  entry->reason = column_text (stmt, 8);
  entry->order_id = column_text (stmt, 9);
  entry->status = (guint) sqlite3_column_int (stmt, 10);
  entry->response = column_text (stmt, 11);
  return entry;
}

BourseBridgeEntry *
bourse_bridge_journal_lookup (BourseBridgeJournal *self,
                              const char          *key,
                              gint64               since,
                              GError             **error)
{
  sqlite3_stmt *stmt = NULL;
  BourseBridgeEntry *entry = NULL;
  int rc;

  g_return_val_if_fail (BOURSE_IS_BRIDGE_JOURNAL (self), NULL);

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT " COLUMNS " FROM alerts WHERE key = ? AND received >= ?"
                          " AND decision != 'duplicate' ORDER BY seq DESC LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      fail (self, "lookup", error);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, since);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    entry = read_row (stmt);
  else if (rc != SQLITE_DONE)
    fail (self, "lookup", error);
  sqlite3_finalize (stmt);
  return entry;
}

GPtrArray *
bourse_bridge_journal_list (BourseBridgeJournal *self,
                            gint64               since,
                            GError             **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) bourse_bridge_entry_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (BOURSE_IS_BRIDGE_JOURNAL (self), NULL);

  if (sqlite3_prepare_v2 (self->db, "SELECT " COLUMNS " FROM alerts WHERE received >= ? ORDER BY seq",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      fail (self, "list", error);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, since);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, read_row (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      fail (self, "list", error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}
