/* bourse-bridge-journal.h — BourseBridgeJournal: the bridge's append-only audit log and idempotency memory
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SQLite table, rows only ever inserted: every alert the bridge receives
 * (also refused ones) and, for an alert that was acted on, the final decision
 * once the broker answered. An alert's idempotency key ("id:…" or
 * "tt:TICKER@TIME") is claimed by its first row; a later alert with the same
 * key within 24 h finds that claim (bourse_bridge_journal_lookup()) and places
 * nothing. SQLite because the log must survive a crash mid-write (WAL
 * journal) and be read by `bourse-cli bridge --log` while the bridge writes.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define BOURSE_BRIDGE_JOURNAL_ERROR (bourse_bridge_journal_error_quark ())

/* One row. Decisions: "pending" (accepted, being sent), "placed", "dry-run",
 * "duplicate", "refused" (a rule or the broker said no: see reason),
 * "broker-error", "unauthorized", "invalid". */
typedef struct
{
  gint64  seq;
  gint64  received;     /* UNIX microseconds */
  char   *key;          /* nullable */
  char   *remote;       /* the sender's address, nullable */
  char   *ticker;       /* nullable */
  char   *action;       /* nullable */
  double  contracts;
  char   *decision;
  char   *reason;       /* nullable */
  char   *order_id;     /* nullable */
  guint   status;       /* the HTTP status answered (0: answered earlier, this row records the outcome) */
  char   *response;     /* the JSON body answered, nullable */
} BourseBridgeEntry;

GQuark             bourse_bridge_journal_error_quark (void);
void               bourse_bridge_entry_free          (BourseBridgeEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BourseBridgeEntry, bourse_bridge_entry_free)
/* The entry as a JSON object (for `--log --json`). */
JsonNode          *bourse_bridge_entry_to_json       (const BourseBridgeEntry *entry);

#define BOURSE_TYPE_BRIDGE_JOURNAL (bourse_bridge_journal_get_type ())

G_DECLARE_FINAL_TYPE (BourseBridgeJournal, bourse_bridge_journal, BOURSE, BRIDGE_JOURNAL, GObject)

/* Opens (creating it and its directory) the journal at @path. */
BourseBridgeJournal *bourse_bridge_journal_open      (const char          *path,
                                                      GError             **error);
/* $XDG_DATA_HOME/bourse/bridge.sqlite */
char                *bourse_bridge_journal_default_path (void);

/* Appends @entry (its seq and received are filled in). */
gboolean           bourse_bridge_journal_append      (BourseBridgeJournal *self,
                                                      BourseBridgeEntry   *entry,
                                                      GError             **error);
/* The latest row about @key received since @since (UNIX µs) that is not a
 * "duplicate" row, or NULL. */
BourseBridgeEntry *bourse_bridge_journal_lookup      (BourseBridgeJournal *self,
                                                      const char          *key,
                                                      gint64               since,
                                                      GError             **error);
/* Rows received since @since (UNIX µs), oldest first (transfer full:
 * BourseBridgeEntry). */
GPtrArray         *bourse_bridge_journal_list        (BourseBridgeJournal *self,
                                                      gint64               since,
                                                      GError             **error);

G_END_DECLS
