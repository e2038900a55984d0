/* bourse-state-journal.c — the demo broker's --state file: an append-only journal of checksummed records
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is a header line, then one record per line:
 *
 *   bourse-state-journal 1
 *   <seq> <length> <sha1> <JSON payload of length bytes>
 *
 * Record 1 is the whole state; each later record is what one accepted
 * request (or one market tick) changed, as the matching engine's
 * take_changes() writes it. Why a journal (rather than rewriting the file, or
 * SQLite): a request costs one write() of its own record and one fdatasync(),
 * whatever the size of the state; a record is one request, so a request is
 * either wholly in the file or not at all (one write() of a whole line, and a
 * checksum over it for what a power cut can tear); and a damaged file has a
 * first bad record, before which everything is good — the prefix that
 * --recover keeps.
 *
 * A SIGKILL can stop a write() between two pages of the file (the kernel
 * copies a buffered write page by page and gives up on a fatal signal), which
 * would leave half a record. So a record that fits in a page never straddles
 * one: when it would, newlines pad the file to the next page first, in the
 * same write(). Readers skip blank lines; a kill can then only cut the
 * padding, and a record of more than a page is the only one that can tear.
 *
 * The journal only grows, so once it holds more than twice the bytes of its
 * snapshot (and at least COMPACT_MIN_BYTES), compact() replaces it with a new
 * file holding one fresh snapshot: temp file, fsync, rename, fsync of the
 * directory. That costs O(state) once per O(state) bytes appended: constant
 * per request, amortized.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bourse-server-error.h"
#include "bourse-server-json.h"
#include "bourse-state-journal.h"

#define HEADER "bourse-state-journal 1\n"
#define COMPACT_MIN_BYTES (4 * 1024 * 1024)

struct _BourseStateJournal
{
  GObject parent_instance;

  char   *path;
  int     fd;
  guint   next_seq;
  gsize   bytes;           /* file size */
  gsize   snapshot_bytes;  /* size of record 1 */
};

G_DEFINE_FINAL_TYPE (BourseStateJournal, bourse_state_journal, G_TYPE_OBJECT)

static void
bourse_state_journal_finalize (GObject *object)
{
  BourseStateJournal *self = (BourseStateJournal *) object;

  if (self->fd >= 0)
    close (self->fd);
  g_free (self->path);

  G_OBJECT_CLASS (bourse_state_journal_parent_class)->finalize (object);
}

static void
bourse_state_journal_class_init (BourseStateJournalClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bourse_state_journal_finalize;
}

static void
bourse_state_journal_init (BourseStateJournal *self)
{
  self->fd = -1;
}

/* ------------------------------------------------------------------ reading */

gboolean
bourse_state_journal_is_journal (const char *data,
                                 gsize       length)
{
  return length >= strlen (HEADER) && memcmp (data, HEADER, strlen (HEADER)) == 0;
}

static gboolean
record_error (GError     **error,
              const char  *path,
              guint        seq,
              gsize        offset,
              const char  *format,
              ...) G_GNUC_PRINTF (5, 6);

static gboolean
record_error (GError     **error,
              const char  *path,
              guint        seq,
              gsize        offset,
              const char  *format,
              ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
               "State file %s: record %u (at byte %" G_GSIZE_FORMAT ") %s", path, seq, offset, what);
  return FALSE;
}

/* Splits "<seq> <length> <sha1> " off the front of a record line. */
static gboolean
parse_record_header (const char  *line,
                     const char  *end,
                     guint64     *seq,
                     guint64     *length,
                     const char **sha1,
                     const char **payload)
{
  const char *p = line;
  char *next;

  if (p >= end || !g_ascii_isdigit (*p))
    return FALSE;
  *seq = g_ascii_strtoull (p, &next, 10);
  if (next >= end || *next != ' ' || !g_ascii_isdigit (next[1]))
    return FALSE;
  *length = g_ascii_strtoull (next + 1, &next, 10);
  if (next + 42 > end || *next != ' ' || next[41] != ' ')
    return FALSE;
  *sha1 = next + 1;
  *payload = next + 42;
  return TRUE;
}

/**
 * bourse_state_journal_replay:
 * @path: the file @data came from, for messages
 * @max_records: stop after this many records (G_MAXUINT: all)
 * @info: (out): what was read, also on error: the good prefix
 *
 * Checks each record (framing, sequence, length, checksum, JSON) and hands
 * it to @apply. Stops at the first record that fails, with an error naming
 * the file, the record and what is wrong with it.
 */
gboolean
bourse_state_journal_replay (const char                  *path,
                             const char                  *data,
                             gsize                        length,
                             guint                        max_records,
                             BourseStateJournalApplyFunc  apply,
                             gpointer                     user_data,
                             BourseStateJournalInfo      *info,
                             GError                     **error)
{
  gsize offset = strlen (HEADER);

  memset (info, 0, sizeof *info);
  if (!bourse_state_journal_is_journal (data, length))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
                   "State file %s is not a Bourse state journal (no '%.20s' header)", path, HEADER);
      return FALSE;
    }
  info->good_bytes = offset;

  while (offset < length && info->n_records < max_records)
    {
      guint seq = info->n_records + 1;
      const char *line;
      const char *newline;
      const char *end;
      const char *sha1, *payload;
      guint64 record_seq, record_length;
      g_autofree char *computed = NULL;
      g_autoptr(JsonParser) parser = NULL;
      g_autoptr(GError) local_error = NULL;

      /* the padding that keeps records within a page (see the top) */
      while (offset < length && data[offset] == '\n')
        offset++;
      if (offset == length)
        {
          info->good_bytes = offset;
          break;
        }
      line = data + offset;
      newline = memchr (line, '\n', length - offset);
      end = newline ? newline : data + length;
      parser = json_parser_new_immutable ();

      if (!parse_record_header (line, end, &record_seq, &record_length, &sha1, &payload))
        return record_error (error, path, seq, offset, newline ? "is damaged: no record header"
                                                               : "is truncated: the file ends inside its header");
      if (record_seq != seq)
        return record_error (error, path, seq, offset, "is out of sequence: it says it is record %" G_GUINT64_FORMAT,
                             record_seq);
      if ((guint64) (end - payload) != record_length)
        {
          if (newline == NULL && (guint64) (end - payload) < record_length)
            return record_error (error, path, seq, offset,
                                 "is truncated: the file ends after %" G_GSIZE_FORMAT " of its %" G_GUINT64_FORMAT " bytes",
                                 (gsize) (end - payload), record_length);
          return record_error (error, path, seq, offset, "is damaged: %" G_GSIZE_FORMAT " bytes where it says %" G_GUINT64_FORMAT,
                               (gsize) (end - payload), record_length);
        }
      if (newline == NULL)
        return record_error (error, path, seq, offset, "is truncated: its line does not end");
      computed = g_compute_checksum_for_data (G_CHECKSUM_SHA1, (const guchar *) payload, (gsize) record_length);
      if (memcmp (computed, sha1, 40) != 0)
        return record_error (error, path, seq, offset, "is damaged: its checksum does not match");
      if (!json_parser_load_from_data (parser, payload, (gssize) record_length, &local_error))
        return record_error (error, path, seq, offset, "is damaged: %s", local_error->message);
      if (!apply (json_parser_get_root (parser), user_data, &local_error))
        return record_error (error, path, seq, offset, "cannot be applied: %s", local_error->message);

      if (seq == 1)
        info->snapshot_bytes = (gsize) (newline + 1 - line);
      info->n_records = seq;
      offset = (gsize) (newline + 1 - data);
      info->good_bytes = offset;
    }

  if (info->n_records == 0)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
                   "State file %s: record 1 (at byte %" G_GSIZE_FORMAT ") is missing", path, offset);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ writing */

static char *
format_record (guint     seq,
               JsonNode *node)
{
  g_autofree char *payload = bourse_server_json_to_string (node);
  g_autofree char *sha1 = g_compute_checksum_for_string (G_CHECKSUM_SHA1, payload, -1);
  gsize length = strlen (payload);

  /* the writer escapes control characters, so the payload is one line */
  g_assert (memchr (payload, '\n', length) == NULL);
  return g_strdup_printf ("%u %" G_GSIZE_FORMAT " %s %s\n", seq, length, sha1, payload);
}

static gboolean
io_error (GError     **error,
          const char  *what,
          const char  *path,
          int          saved_errno)
{
  g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE,
               "Cannot %s the state file %s: %s", what, path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           const char  *path,
           GError     **error)
{
  while (length > 0)
    {
      ssize_t n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return io_error (error, "write", path, errno);
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

static gboolean
sync_directory (const char  *path,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int saved_errno;

  if (fd < 0)
    return io_error (error, "sync the folder of", path, errno);
  if (fsync (fd) < 0)
    {
      saved_errno = errno;
      close (fd);
      return io_error (error, "sync the folder of", path, saved_errno);
    }
  close (fd);
  return TRUE;
}

/* Writes HEADER + record 1 to a temp file, syncs it and renames it over @path. */
static gboolean
write_snapshot_file (const char  *path,
                     JsonNode    *snapshot,
                     gsize       *bytes,
                     gsize       *snapshot_bytes,
                     GError     **error)
{
  g_autofree char *record = format_record (1, snapshot);
  g_autofree char *temp = g_strconcat (path, ".new", NULL);
  int fd = open (temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int saved_errno;

  if (fd < 0)
    return io_error (error, "create", temp, errno);
  if (!write_all (fd, HEADER, strlen (HEADER), temp, error) ||
      !write_all (fd, record, strlen (record), temp, error))
    {
      close (fd);
      g_unlink (temp);
      return FALSE;
    }
  if (fsync (fd) < 0)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (temp);
      return io_error (error, "sync", temp, saved_errno);
    }
  close (fd);
  if (g_rename (temp, path) < 0)
    {
      saved_errno = errno;
      g_unlink (temp);
      return io_error (error, "replace", path, saved_errno);
    }
  if (!sync_directory (path, error))
    return FALSE;

  *snapshot_bytes = strlen (record);
  *bytes = strlen (HEADER) + *snapshot_bytes;
  return TRUE;
}

static gboolean
open_for_append (BourseStateJournal  *self,
                 GError             **error)
{
  if (self->fd >= 0)
    close (self->fd);
  self->fd = open (self->path, O_WRONLY | O_APPEND | O_CLOEXEC);
  if (self->fd < 0)
    return io_error (error, "open", self->path, errno);
  return TRUE;
}

/**
 * bourse_state_journal_create:
 * @snapshot: the whole state (record 1)
 *
 * Replaces whatever is at @path with a journal holding @snapshot, durably,
 * and opens it for appending.
 */
BourseStateJournal *
bourse_state_journal_create (const char  *path,
                             JsonNode    *snapshot,
                             GError     **error)
{
  g_autoptr(BourseStateJournal) self = g_object_new (BOURSE_TYPE_STATE_JOURNAL, NULL);

  self->path = g_strdup (path);
  if (!write_snapshot_file (path, snapshot, &self->bytes, &self->snapshot_bytes, error) ||
      !open_for_append (self, error))
    return NULL;
  self->next_seq = 2;
  return g_steal_pointer (&self);
}

/**
 * bourse_state_journal_open:
 * @info: what bourse_state_journal_replay() read from it, without error
 *
 * Opens the journal at @path for appending after its last record.
 */
BourseStateJournal *
bourse_state_journal_open (const char                   *path,
                           const BourseStateJournalInfo *info,
                           GError                      **error)
{
  g_autoptr(BourseStateJournal) self = g_object_new (BOURSE_TYPE_STATE_JOURNAL, NULL);

  self->path = g_strdup (path);
  if (!open_for_append (self, error))
    return NULL;
  self->next_seq = info->n_records + 1;
  self->bytes = info->good_bytes;
  self->snapshot_bytes = info->snapshot_bytes;
  return g_steal_pointer (&self);
}

/**
 * bourse_state_journal_append:
 * @changes: what one request changed
 *
 * Appends one record with a single write() (after padding, see the top) and
 * returns once fdatasync() says it is on disk. On failure, cuts the file back so that no partial
 * record stays behind.
 */
gboolean
bourse_state_journal_append (BourseStateJournal  *self,
                             JsonNode            *changes,
                             GError             **error)
{
  g_autofree char *record = NULL;
  gsize page_size = (gsize) sysconf (_SC_PAGESIZE);
  gsize length, page_offset;
  int saved_errno;

  g_return_val_if_fail (BOURSE_IS_STATE_JOURNAL (self), FALSE);

  /* a compaction that renamed the new file in but could not open it */
  if (self->fd < 0 && !open_for_append (self, error))
    return FALSE;

  record = format_record (self->next_seq, changes);
  length = strlen (record);
  page_offset = self->bytes % page_size;
  if (length <= page_size && page_offset + length > page_size)
    {
      gsize padding = page_size - page_offset;
      char *padded = g_malloc (padding + length + 1);

      memset (padded, '\n', padding);
      memcpy (padded + padding, record, length + 1);
      g_free (record);
      record = padded;
      length += padding;
    }
  if (!write_all (self->fd, record, length, self->path, error))
    {
      G_GNUC_UNUSED int ignored = ftruncate (self->fd, (off_t) self->bytes);
      return FALSE;
    }
  if (fdatasync (self->fd) < 0)
    {
      saved_errno = errno;
      G_GNUC_UNUSED int ignored = ftruncate (self->fd, (off_t) self->bytes);
      return io_error (error, "sync", self->path, saved_errno);
    }

  self->next_seq++;
  self->bytes += length;
  return TRUE;
}

gboolean
bourse_state_journal_wants_compaction (BourseStateJournal *self)
{
  g_return_val_if_fail (BOURSE_IS_STATE_JOURNAL (self), FALSE);

  return self->bytes - self->snapshot_bytes > MAX ((gsize) COMPACT_MIN_BYTES, 2 * self->snapshot_bytes);
}

/**
 * bourse_state_journal_compact:
 * @snapshot: the whole state now
 *
 * Replaces the journal with one holding only @snapshot (atomically: a crash
 * leaves either the old journal or the new one).
 */
gboolean
bourse_state_journal_compact (BourseStateJournal  *self,
                              JsonNode            *snapshot,
                              GError             **error)
{
  g_return_val_if_fail (BOURSE_IS_STATE_JOURNAL (self), FALSE);

  if (!write_snapshot_file (self->path, snapshot, &self->bytes, &self->snapshot_bytes, error) ||
      !open_for_append (self, error))
    return FALSE;
  self->next_seq = 2;
  return TRUE;
}

const char *
bourse_state_journal_get_path (BourseStateJournal *self)
{
  g_return_val_if_fail (BOURSE_IS_STATE_JOURNAL (self), NULL);

  return self->path;
}
