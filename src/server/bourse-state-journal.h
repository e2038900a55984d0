/* bourse-state-journal.h — the demo broker's --state file: an append-only journal of checksummed records
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define BOURSE_TYPE_STATE_JOURNAL (bourse_state_journal_get_type ())

G_DECLARE_FINAL_TYPE (BourseStateJournal, bourse_state_journal, BOURSE, STATE_JOURNAL, GObject)

/* Called for each record in order; record 1 is the whole state, the others
 * what one accepted request (or one market tick) changed. */
typedef gboolean (*BourseStateJournalApplyFunc) (JsonNode  *record,
                                                 gpointer   user_data,
                                                 GError   **error);

/* What bourse_state_journal_replay() read. */
typedef struct
{
  guint  n_records;      /* good records applied */
  gsize  good_bytes;     /* bytes up to the end of the last good record */
  gsize  snapshot_bytes; /* size of record 1 */
} BourseStateJournalInfo;

gboolean            bourse_state_journal_is_journal (const char                  *data,
                                                     gsize                        length);
gboolean            bourse_state_journal_replay     (const char                  *path,
                                                     const char                  *data,
                                                     gsize                        length,
                                                     guint                        max_records,
                                                     BourseStateJournalApplyFunc  apply,
                                                     gpointer                     user_data,
                                                     BourseStateJournalInfo      *info,
                                                     GError                     **error);

BourseStateJournal *bourse_state_journal_create     (const char                  *path,
                                                     JsonNode                    *snapshot,
                                                     GError                     **error);
BourseStateJournal *bourse_state_journal_open       (const char                  *path,
                                                     const BourseStateJournalInfo *info,
                                                     GError                     **error);
gboolean            bourse_state_journal_append     (BourseStateJournal          *self,
                                                     JsonNode                    *changes,
                                                     GError                     **error);
gboolean            bourse_state_journal_wants_compaction (BourseStateJournal    *self);
gboolean            bourse_state_journal_compact    (BourseStateJournal          *self,
                                                     JsonNode                    *snapshot,
                                                     GError                     **error);
const char         *bourse_state_journal_get_path   (BourseStateJournal          *self);

G_END_DECLS
