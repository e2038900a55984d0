/* test-command-line.c — `bourse --help`/`--version` without the settings schema, and a clear refusal to start
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real `bourse` binary ($BOURSE_APP) with schema directories that
 * hold no schema, as on a machine where Bourse is not installed.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "bourse-settings.h"

typedef struct
{
  int   exit_status;   /* -1 when the program did not exit normally (a signal, an abort) */
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_without_schema (const char *argument,
                    Run        *run)
{
  const char *app = g_getenv ("BOURSE_APP");
  g_autofree char *empty = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (app);
  empty = g_dir_make_tmp ("bourse-no-schema-XXXXXX", &error);
  g_assert_no_error (error);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", empty, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_DIRS", empty, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", empty, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  process = g_subprocess_launcher_spawn (launcher, &error, app, argument, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error));
  g_assert_no_error (error);
  run->exit_status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  g_test_message ("bourse %s → %d\nstdout: %s\nstderr: %s", argument ? argument : "",
                  run->exit_status, run->out, run->err);
  g_rmdir (empty);
}

static void
test_help_without_schema (void)
{
  g_auto(Run) run = { 0 };

  run_without_schema ("--help", &run);
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--version"));
}

static void
test_version_without_schema (void)
{
  g_auto(Run) run = { 0 };

  run_without_schema ("--version", &run);
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_nonnull (strstr (run.out, PACKAGE_VERSION));
}

static void
test_start_without_schema_fails_clearly (void)
{
  g_auto(Run) run = { 0 };

  run_without_schema (NULL, &run);
  /* exited (no abort, no signal), with failure, naming the missing schema */
  g_assert_cmpint (run.exit_status, ==, 1);
  g_assert_nonnull (strstr (run.err, "“" APP_ID "”"));
  g_assert_nonnull (strstr (run.err, "GSETTINGS_SCHEMA_DIR"));
}

/* The Devel build (APP_ID io.github.bourse.Bourse.Devel) keeps its settings
 * apart: schema ids and paths follow the app id this binary was built with. */
static void
test_schema_follows_app_id (void)
{
  g_autoptr(BourseSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *connection_path = NULL;
  g_autofree char *connection_id = NULL;
  g_autofree char *dotted = g_strdup (APP_ID);
  g_autofree char *expected_path = NULL;
  g_autofree char *expected_connection = NULL;
  GSettings *connection;

  g_strdelimit (dotted, ".", '/');
  expected_path = g_strdup_printf ("/%s/", dotted);

  g_assert_true (bourse_settings_check_schemas (&error));
  g_assert_no_error (error);
  settings = bourse_settings_new ();
  g_object_get (bourse_settings_get_gsettings (settings), "schema-id", &id, "path", &path, NULL);
  g_assert_cmpstr (id, ==, APP_ID);
  g_assert_cmpstr (path, ==, expected_path);

  connection_id = bourse_settings_add_connection (settings);
  expected_connection = g_strdup_printf ("connections/%s/", connection_id);
  connection = bourse_settings_get_connection (settings, connection_id);
  g_assert_nonnull (connection);
  g_object_get (connection, "path", &connection_path, "settings-schema", &schema, NULL);
  g_assert_cmpstr (g_settings_schema_get_id (schema), ==, APP_ID ".Connection");
  g_assert_true (g_str_has_prefix (connection_path, expected_path));
  g_assert_cmpstr (connection_path + strlen (expected_path), ==, expected_connection);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/UI/CommandLine/help-without-schema", test_help_without_schema);
  g_test_add_func ("/Bourse/UI/CommandLine/version-without-schema", test_version_without_schema);
  g_test_add_func ("/Bourse/UI/CommandLine/start-without-schema-fails-clearly", test_start_without_schema_fails_clearly);

  g_test_add_func ("/Bourse/UI/CommandLine/schema-follows-app-id", test_schema_follows_app_id);

  return g_test_run ();
}
