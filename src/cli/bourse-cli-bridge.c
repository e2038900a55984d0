/* bourse-cli-bridge.c — bourse-cli bridge: TradingView alert webhooks turned into orders, and its journal
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts a broker session, then a BourseBridge (src/bridge) on it; prints the
 * webhook URL as the first line of stdout and serves until SIGINT or SIGTERM.
 * With --log it prints the journal instead (text, or JSON lines with --json).
 */
#include "config.h"

#include <stdio.h>

#include <glib-unix.h>

#include "bourse-bridge.h"
#include "bourse-cli-commands.h"

typedef struct
{
  GMainLoop *loop;
  GError    *error;
  gboolean   done;
  gboolean   started;
} Run;

static void
started_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Run *run = user_data;

  run->started = bourse_broker_store_start_finish (BOURSE_BROKER_STORE (object), result, &run->error);
  run->done = TRUE;
}

static gboolean
stop_cb (gpointer user_data)
{
  Run *run = user_data;

  g_main_loop_quit (run->loop);
  /* Kept: the sources are removed by id after the loop. */
  return G_SOURCE_CONTINUE;
}

/* The first line of @path, trimmed; an error when it is empty. */
static char *
read_secret_file (const char  *option,
                  const char  *path,
                  GError     **error)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  text[strcspn (text, "\r\n")] = '\0';
  g_strstrip (text);
  if (*text == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s %s: the file is empty", option, path);
      return NULL;
    }
  return g_steal_pointer (&text);
}

static int
print_log (const char *journal_path,
           gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BourseBridgeJournal) journal = bourse_bridge_journal_open (journal_path, &error);
  g_autoptr(GPtrArray) entries = NULL;

  if (journal != NULL)
    entries = bourse_bridge_journal_list (journal, 0, &error);
  if (entries == NULL)
    {
      fprintf (stderr, "bourse-cli bridge: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      BourseBridgeEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(JsonNode) node = bourse_bridge_entry_to_json (entry);

      if (json)
        {
          g_autofree char *line = json_to_string (node, FALSE);
          printf ("%s\n", line);
        }
      else
        {
          g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (entry->received / G_USEC_PER_SEC);
          g_autofree char *time = g_date_time_format (when, "%F %T");

          printf ("%-6" G_GINT64_FORMAT " %s  %-10s %-7s %8g  %-12s %3u  %s%s%s\n", entry->seq, time,
                  entry->ticker != NULL ? entry->ticker : "-", entry->action != NULL ? entry->action : "-",
                  entry->contracts, entry->decision, entry->status,
                  entry->order_id != NULL ? entry->order_id : "-", entry->reason != NULL ? "  " : "",
                  entry->reason != NULL ? entry->reason : "");
        }
    }
  return 0;
}

static int
serve (BourseBrokerStore   *store,
       BourseBridgeJournal *journal,
       const char          *account,
       const char          *secret,
       const char          *listen,
       gboolean             dry_run,
       int                  max_lag)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(BourseBridge) bridge = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  Run run = { .loop = loop };
  guint sigint_id, sigterm_id;

  bourse_broker_store_start_async (store, account, NULL, started_cb, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  if (!run.started)
    {
      fprintf (stderr, "bourse-cli bridge: %s\n", run.error->message);
      g_clear_error (&run.error);
      return 1;
    }

  bridge = bourse_bridge_new (store, journal, secret);
  bourse_bridge_set_dry_run (bridge, dry_run);
  bourse_bridge_set_max_lag (bridge, (guint) max_lag);
  if (!bourse_bridge_listen (bridge, listen, &error))
    {
      fprintf (stderr, "bourse-cli bridge: %s\n", error->message);
      bourse_broker_store_stop (store);
      return 1;
    }
  url = bourse_bridge_dup_url (bridge);
  printf ("%s\n", url);
  fflush (stdout);
  g_message ("bridge on %s for account %s%s", url, bourse_broker_store_get_account_id (store),
             dry_run ? " (dry run: nothing is sent)" : "");

  sigint_id = g_unix_signal_add (SIGINT, stop_cb, &run);
  sigterm_id = g_unix_signal_add (SIGTERM, stop_cb, &run);
  g_main_loop_run (loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  bourse_bridge_stop (bridge);
  bourse_broker_store_stop (store);
  return 0;
}

int
bourse_cli_bridge (int    argc,
                   char **argv)
{
  g_autofree char *broker = NULL;
  g_autofree char *login = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *account = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *secret_file = NULL;
  g_autofree char *journal_path = NULL;
  gboolean dry_run = FALSE, log = FALSE, json = FALSE;
  int max_lag = 0;
  const GOptionEntry entries[] = {
    { "broker", 0, 0, G_OPTION_ARG_STRING, &broker, "URL of the broker's REST API for Brokers", "URL" },
    { "login", 0, 0, G_OPTION_ARG_STRING, &login, "Login for /authorize", "LOGIN" },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, "Read the password from FILE (default: $BOURSE_PASSWORD)", "FILE" },
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, "Account to trade (default: the first)", "ID" },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, "Address to listen on, IP:PORT (e.g. 127.0.0.1:8080)", "ADDR:PORT" },
    { "secret-file", 0, 0, G_OPTION_ARG_FILENAME, &secret_file, "Read the alerts' shared secret from FILE", "FILE" },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, "Validate, plan and log alerts without sending anything", NULL },
    { "max-lag", 0, 0, G_OPTION_ARG_INT, &max_lag, "Refuse alerts whose time is more than SECONDS old", "SECONDS" },
    { "journal", 0, 0, G_OPTION_ARG_FILENAME, &journal_path, "The journal file (default: ~/.local/share/bourse/bridge.sqlite)", "FILE" },
    { "log", 0, 0, G_OPTION_ARG_NONE, &log, "Print the journal of alerts and decisions, then exit", NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "With --log: one JSON object per line", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— turn TradingView alert webhooks into orders");
  g_autoptr(GError) error = NULL;
  g_autoptr(BourseBrokerClient) client = NULL;
  g_autoptr(BourseBrokerStore) store = NULL;
  g_autoptr(BourseBridgeJournal) journal = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *password = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bourse-cli bridge: %s\n", error->message);
      return 2;
    }
  if (journal_path == NULL)
    journal_path = bourse_bridge_journal_default_path ();
  if (log)
    return print_log (journal_path, json);
  if (argc != 1 || broker == NULL || login == NULL || listen == NULL || secret_file == NULL || max_lag < 0)
    {
      fprintf (stderr, "Usage: bourse-cli bridge --broker URL --login L [--password-file F] [--account ID]"
                       " --listen ADDR:PORT --secret-file S [--dry-run] [--max-lag SECONDS]\n"
                       "       bourse-cli bridge --log [--json]\n");
      return 2;
    }
  if (!g_uri_is_valid (broker, G_URI_FLAGS_NONE, &error))
    {
      fprintf (stderr, "bourse-cli bridge: --broker is not a URL: %s\n", error->message);
      return 2;
    }
  if ((secret = read_secret_file ("--secret-file", secret_file, &error)) == NULL ||
      (password_file != NULL && (password = read_secret_file ("--password-file", password_file, &error)) == NULL))
    {
      fprintf (stderr, "bourse-cli bridge: %s\n", error->message);
      return 2;
    }
  if (password == NULL)
    password = g_strdup (g_getenv ("BOURSE_PASSWORD") != NULL ? g_getenv ("BOURSE_PASSWORD") : "");
  if ((journal = bourse_bridge_journal_open (journal_path, &error)) == NULL)
    {
      fprintf (stderr, "bourse-cli bridge: %s\n", error->message);
      return 1;
    }

  client = bourse_broker_client_new (broker);
  bourse_broker_client_set_password_credentials (client, login, password);
  store = bourse_broker_store_new (client);
  return serve (store, journal, account, secret, listen, dry_run, max_lag);
}
