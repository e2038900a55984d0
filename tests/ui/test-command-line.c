/* test-command-line.c — the programs as run from a shell: `bourse` without its schema, and README's `bourse-cli` rows
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real `bourse` binary ($BOURSE_APP) with schema directories that
 * hold no schema, as on a machine where Bourse is not installed; and the
 * real `bourse-cli` ($BOURSE_CLI): `render` must draw the bars it is given
 * in the theme asked for, `indicators --list` must list the 22 studies that
 * `indicators` accepts, `bench chart` must print its one JSON line; each
 * command answers --help, and man/bourse-cli.1 documents every option.
 */
#include "config.h"

#include <gio/gio.h>
#include <gtk/gtk.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <glib/gstdio.h>
#include <string.h>

#include "bourse-application.h"
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

/* -- bourse-cli ------------------------------------------------------------- */

/* Runs $BOURSE_CLI with @argv (NULL-terminated, without the program). */
static void
run_cli (const char * const *argv,
         Run                *run)
{
  const char *cli = g_getenv ("BOURSE_CLI");
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (cli);
  g_assert_true (g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE));
  g_ptr_array_add (args, (gpointer) cli);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);
  process = g_subprocess_newv ((const char * const *) args->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error));
  g_assert_no_error (error);
  run->exit_status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  g_test_message ("bourse-cli %s → %d\nstderr: %s", argv[0], run->exit_status, run->err);
}

/* @n one-minute bars, all rising (close above open), into a CSV in @dir. */
static char *
write_bars (const char *dir,
            guint       n)
{
  g_autoptr(GString) csv = g_string_new ("time,open,high,low,close,volume\n");
  char *path = g_build_filename (dir, "bars.csv", NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      double p = 100 + 5 * sin (i / 20.0);

      g_string_append_printf (csv, "%u,%.4f,%.4f,%.4f,%.4f,100\n", 1700000000 + 60 * i, p, p + 0.5, p - 0.5, p + 0.1);
    }
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, &error));
  g_assert_no_error (error);
  return path;
}

typedef struct
{
  int      width, height;
  guint32  corner;    /* 0xRRGGBB at (2, height - 2): the time axis */
  guint    n_up;      /* pixels in the theme's rising-candle colour */
  guint    n_down;    /* ... and falling */
} Picture;

static Picture
load_png (const char *path,
          guint32     up,
          guint32     down)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);
  g_autofree guchar *data = NULL;
  Picture picture = { 0 };

  g_assert_no_error (error);
  picture.width = gdk_texture_get_width (texture);
  picture.height = gdk_texture_get_height (texture);
  data = g_malloc ((gsize) picture.width * picture.height * 4);
  gdk_texture_download (texture, data, (gsize) picture.width * 4);
  for (gsize i = 0; i < (gsize) picture.width * picture.height; i++)
    {
      guint32 rgb = *(guint32 *) (void *) (data + i * 4) & 0xffffff;

      picture.n_up += rgb == up;
      picture.n_down += rgb == down;
    }
  picture.corner = *(guint32 *) (void *) (data + ((gsize) (picture.height - 2) * picture.width + 2) * 4) & 0xffffff;
  return picture;
}

static void
test_cli_render (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bourse-cli-render-XXXXXX", NULL);
  g_autofree char *bars = write_bars (dir, 300);
  g_autofree char *dark_png = g_build_filename (dir, "dark.png", NULL);
  g_autofree char *light_png = g_build_filename (dir, "light.png", NULL);
  Picture dark, light;

  {
    const char *argv[] = { "render", "--bars", bars, "--out", dark_png, "--size", "400x300", "--theme", "dark", NULL };
    g_auto(Run) run = { 0 };

    run_cli (argv, &run);
    g_assert_cmpint (run.exit_status, ==, 0);
  }
  /* its size, its theme's background, rising candles in the rising colour
   * (TradingView's teal and red in the dark theme), and no falling one */
  dark = load_png (dark_png, 0x26a69a, 0xef5350);
  g_assert_cmpint (dark.width, ==, 400);
  g_assert_cmpint (dark.height, ==, 300);
  g_assert_cmphex (dark.corner, ==, 0x131722);
  g_assert_cmpuint (dark.n_up, >, 500);
  g_assert_cmpuint (dark.n_down, ==, 0);

  {
    const char *argv[] = { "render", "--bars", bars, "--out", light_png, "--size", "400x300", "--theme", "light",
                           "--scale", "2", NULL };
    g_auto(Run) run = { 0 };

    run_cli (argv, &run);
    g_assert_cmpint (run.exit_status, ==, 0);
  }
  light = load_png (light_png, 0x26a69a, 0xef5350);
  g_assert_cmpint (light.width, ==, 800);
  g_assert_cmpint (light.height, ==, 600);
  g_assert_cmphex (light.corner, ==, 0xffffff);

  /* no bars: an error that names the file, and no picture */
  {
    g_autofree char *missing = g_build_filename (dir, "missing.csv", NULL);
    g_autofree char *none_png = g_build_filename (dir, "none.png", NULL);
    const char *argv[] = { "render", "--bars", missing, "--out", none_png, NULL };
    g_auto(Run) run = { 0 };

    run_cli (argv, &run);
    g_assert_cmpint (run.exit_status, !=, 0);
    g_assert_nonnull (strstr (run.err, "missing.csv"));
    g_assert_false (g_file_test (none_png, G_FILE_TEST_EXISTS));
  }

  /* --font: a Pango font description; one without family or size is refused */
  {
    g_autofree char *font_png = g_build_filename (dir, "font.png", NULL);
    const char *good[] = { "render", "--bars", bars, "--out", font_png, "--size", "400x300", "--font", "DejaVu Sans 10", NULL };
    const char *bad[] = { "render", "--bars", bars, "--out", font_png, "--font", "", NULL };
    g_auto(Run) ok = { 0 };
    g_auto(Run) refused = { 0 };

    run_cli (good, &ok);
    g_assert_cmpint (ok.exit_status, ==, 0);
    g_assert_true (g_file_test (font_png, G_FILE_TEST_EXISTS));
    g_remove (font_png);
    run_cli (bad, &refused);
    g_assert_cmpint (refused.exit_status, ==, 2);
    g_assert_nonnull (strstr (refused.err, "--font"));
    g_assert_false (g_file_test (font_png, G_FILE_TEST_EXISTS));
  }

  g_remove (dark_png);
  g_remove (light_png);
  g_remove (bars);
  g_rmdir (dir);
}

static void
test_cli_indicators_list (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bourse-cli-list-XXXXXX", NULL);
  g_autofree char *bars = write_bars (dir, 300);
  g_autofree char *out = g_build_filename (dir, "all.csv", NULL);
  g_autoptr(GRegex) row = g_regex_new ("^  ([a-z]+) +(\\S.*\\S) +\\[([0-9.,]*)\\]$", 0, 0, NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *header = NULL;

  {
    const char *list[] = { "indicators", "--list", NULL };
    g_auto(Run) run = { 0 };

    run_cli (list, &run);
    g_assert_cmpint (run.exit_status, ==, 0);
    lines = g_strsplit (run.out, "\n", -1);
  }
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      if (g_regex_match (row, lines[i], 0, &match))
        g_ptr_array_add (names, g_match_info_fetch (match, 1));
    }
  /* README: "--list: the 22 studies" */
  g_assert_cmpuint (names->len, ==, 22);

  /* every one listed is one `indicators` computes, with its defaults */
  g_ptr_array_add (argv, g_strdup ("indicators"));
  g_ptr_array_add (argv, g_strdup ("--bars"));
  g_ptr_array_add (argv, g_strdup (bars));
  for (guint i = 0; i < names->len; i++)
    {
      g_ptr_array_add (argv, g_strdup ("--study"));
      g_ptr_array_add (argv, g_strdup (g_ptr_array_index (names, i)));
    }
  g_ptr_array_add (argv, g_strdup ("--out"));
  g_ptr_array_add (argv, g_strdup (out));
  g_ptr_array_add (argv, NULL);
  {
    g_auto(Run) run = { 0 };

    run_cli ((const char * const *) argv->pdata, &run);
    g_assert_cmpint (run.exit_status, ==, 0);
  }
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  header = g_strndup (contents, strcspn (contents, "\n"));
  g_test_message ("header: %s", header);
  g_assert_true (g_str_has_prefix (header, "time,open,high,low,close,volume,"));
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *column = g_strdup_printf (",%s", (char *) g_ptr_array_index (names, i));

      g_assert_nonnull (strstr (header, column));
    }
  {
    g_auto(GStrv) rows = g_strsplit (contents, "\n", -1);
    g_autofree char *input = NULL;
    g_auto(GStrv) input_rows = NULL;

    /* the header, a row per bar, the empty string after the last newline */
    g_assert_cmpuint (g_strv_length (rows), ==, 300 + 2);
    /* each row starts with its input bar: time, open, high, low, close, volume */
    g_assert_true (g_file_get_contents (bars, &input, NULL, NULL));
    input_rows = g_strsplit (input, "\n", -1);
    for (guint i = 1; i <= 300; i++)
      {
        g_auto(GStrv) cells = g_strsplit (rows[i], ",", -1);
        g_auto(GStrv) bar = g_strsplit (input_rows[i], ",", -1);

        g_assert_cmpuint (g_strv_length (bar), ==, 6);
        g_assert_cmpuint (g_strv_length (cells), >, 6);
        g_assert_cmpstr (cells[0], ==, bar[0]);
        for (guint c = 1; c < 6; c++)
          g_assert_cmpfloat_with_epsilon (g_ascii_strtod (cells[c], NULL), g_ascii_strtod (bar[c], NULL), 1e-9);
      }
  }

  g_remove (out);
  g_remove (bars);
  g_rmdir (dir);
}

static void
test_cli_bench_chart (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bourse-cli-bench-XXXXXX", NULL);
  g_autofree char *bars = write_bars (dir, 2000);
  const char *argv[] = { "bench", "chart", "--bars", bars, NULL };
  static const char * const times[] = { "parse_ms", "load_ms", "frame_median_ms", "frame_p95_ms", "frame_max_ms",
                                        "zoom_median_ms", "pan_median_ms" };
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *result;

  run_cli (argv, &run);
  g_assert_cmpint (run.exit_status, ==, 0);
  /* one JSON line */
  g_assert_true (g_str_has_suffix (run.out, "\n"));
  g_assert_true (strchr (run.out, '\n') == run.out + strlen (run.out) - 1);
  node = json_from_string (run.out, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  result = json_node_get_object (node);
  /* the scenario of shared/bench/SCENARIO.md on the file's bars */
  g_assert_cmpint (json_object_get_int_member (result, "bars"), ==, 2000);
  g_assert_cmpint (json_object_get_int_member (result, "width"), ==, 1200);
  g_assert_cmpint (json_object_get_int_member (result, "height"), ==, 700);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      double value = json_object_get_double_member (result, times[i]);

      g_assert_true (isfinite (value));
      g_assert_cmpfloat (value, >=, 0);
    }
  g_assert_cmpfloat (json_object_get_double_member (result, "frame_median_ms"), <=,
                     json_object_get_double_member (result, "frame_p95_ms"));
  g_assert_cmpfloat (json_object_get_double_member (result, "frame_p95_ms"), <=,
                     json_object_get_double_member (result, "frame_max_ms"));
  g_assert_cmpfloat (json_object_get_double_member (result, "rss_mb"), >, 0);

  g_remove (bars);
  g_rmdir (dir);
}

/* `bourse-cli --help` lists the commands; each answers --help with its
 * usage; man/bourse-cli.1 has a section for each and names every long
 * option each one's --help lists (so an option added undocumented fails). */
static void
test_cli_help_and_man (void)
{
  static const char * const commands[] = { "check", "watch", "render", "indicators", "bench", "bridge", NULL };
  static const char * const help[] = { "--help", NULL };
  g_autofree char *man_path = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "man", "bourse-cli.1", NULL);
  g_autofree char *man = NULL;
  g_auto(Run) run = { 0 };
  guint checked = 0;

  g_assert_true (g_file_get_contents (man_path, &man, NULL, NULL));
  run_cli (help, &run);
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Usage: bourse-cli COMMAND"));
  for (guint i = 0; commands[i] != NULL; i++)
    {
      const char * const argv[] = { commands[i], "--help", NULL };
      g_autofree char *listed = g_strdup_printf ("\n  %s ", commands[i]);
      g_autofree char *section = g_strdup_printf ("\n.SS %s ", commands[i]);
      g_autoptr(GRegex) options = g_regex_new ("--([a-z][a-z-]+)", 0, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;
      g_auto(Run) sub = { 0 };

      g_assert_nonnull (strstr (run.out, listed));
      g_assert_nonnull (strstr (man, section));
      run_cli (argv, &sub);
      g_assert_cmpint (sub.exit_status, ==, 0);
      g_assert_nonnull (strstr (sub.out, "Usage"));
      /* every long option of the command, as roff writes it: \-\-some\-name */
      for (g_regex_match (options, sub.out, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *name = g_match_info_fetch (match, 1);
          g_auto(GStrv) parts = g_strsplit (name, "-", -1);
          g_autofree char *joined = g_strjoinv ("\\-", parts);
          g_autofree char *roff = g_strconcat ("\\-\\-", joined, NULL);

          if (g_str_has_prefix (name, "help"))
            continue;
          if (strstr (man, roff) == NULL)
            g_test_fail_printf ("bourse-cli %s --%s is not in man/bourse-cli.1", commands[i], name);
          checked++;
        }
    }
  /* the options were read: check alone has more than five */
  g_assert_cmpuint (checked, >, 20);
  /* an unknown command: a clear error, exit 2 */
  {
    static const char * const unknown[] = { "no-such-command", NULL };
    g_auto(Run) bad = { 0 };

    run_cli (unknown, &bad);
    g_assert_cmpint (bad.exit_status, ==, 2);
    g_assert_nonnull (strstr (bad.err, "no-such-command"));
  }
}

/* Every long option @program's --help lists is in its man page, as roff
 * writes it (\-\-some\-name); returns how many were checked. */
static guint
check_man_names_options (const char *program,
                         const char *man_name)
{
  const char *argv[] = { program, "--help", NULL };
  g_autofree char *man_path = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "man", man_name, NULL);
  g_autofree char *man = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) options = g_regex_new ("--([a-z][a-z0-9-]+)", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  int status = -1;
  guint checked = 0;

  g_assert_nonnull (program);
  g_assert_true (g_file_get_contents (man_path, &man, NULL, NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  for (g_regex_match (options, out, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *name = g_match_info_fetch (match, 1);
      g_auto(GStrv) parts = g_strsplit (name, "-", -1);
      g_autofree char *joined = g_strjoinv ("\\-", parts);
      g_autofree char *roff = g_strconcat ("\\-\\-", joined, NULL);

      if (g_str_has_prefix (name, "help"))
        continue;
      if (strstr (man, roff) == NULL)
        g_test_fail_printf ("%s --%s is not in %s", program, name, man_name);
      checked++;
    }
  return checked;
}

/* `bourse --connect` with a URL it cannot use: a message naming the
 * problem and exit status 1, before any window or connection. */
static void
test_connect_bad_url (void)
{
  static const struct { const char *args[4]; const char *message; } cases[] = {
    { { "--connect", "ftp://broker.example/api", NULL }, "Unsupported scheme “ftp”" },
    { { "--connect", "not a url", NULL }, "Not a valid URL" },
    { { "--connect", "http://broker.example/api", NULL }, "TLS is required" },
    { { "--connect", "", NULL }, "Enter the broker’s base URL" },
    { { "--login", "demo", NULL }, "need --connect" },
    { { "--account", "D1", NULL }, "need --connect" },
  };
  const char *app = g_getenv ("BOURSE_APP");

  g_assert_nonnull (app);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *argv[] = { app, cases[i].args[0], cases[i].args[1], NULL };
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error));
      g_assert_no_error (error);
      g_test_message ("bourse %s '%s' → %d: %s", argv[1], argv[2], g_subprocess_get_exit_status (process), err);
      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
      g_assert_nonnull (strstr (err, cases[i].message));
    }
}

/* man/bourse.1 names each action scripts can run (app.chart-*), as roff
 * writes it, so an action added undocumented fails. */
static void
test_app_actions_in_man (void)
{
  g_autofree char *man_path = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "man", "bourse.1", NULL);
  g_autofree char *man = NULL;
  g_autoptr(BourseApplication) app = bourse_application_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) actions = NULL;
  guint checked = 0;

  g_assert_true (g_file_get_contents (man_path, &man, NULL, NULL));
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  actions = g_action_group_list_actions (G_ACTION_GROUP (app));
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (actions[i], "-", -1);
      g_autofree char *joined = g_strjoinv ("\\-", parts);
      g_autofree char *item = g_strdup_printf ("\n.BI %s ", joined);

      if (!g_str_has_prefix (actions[i], "chart-"))
        continue;
      if (strstr (man, item) == NULL)
        g_test_fail_printf ("app.%s is not in man/bourse.1", actions[i]);
      checked++;
    }
  /* chart-symbol, -interval, -type, -indicator, -screenshot, -export */
  g_assert_cmpuint (checked, ==, 6);
}

/* The demo broker's and the terminal's options are each in their man page. */
static void
test_programs_help_and_man (void)
{
  /* --listen, --state, --recover, --seed and six faults */
  g_assert_cmpuint (check_man_names_options (g_getenv ("BOURSE_DEMO_BROKER"), "bourse-demo-broker.1"), >=, 10);
  /* --version, --connect, --login, --account */
  g_assert_cmpuint (check_man_names_options (g_getenv ("BOURSE_APP"), "bourse.1"), >=, 4);
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
  g_test_add_func ("/Bourse/UI/CommandLine/cli-render", test_cli_render);
  g_test_add_func ("/Bourse/UI/CommandLine/cli-indicators-list", test_cli_indicators_list);
  g_test_add_func ("/Bourse/UI/CommandLine/cli-bench-chart", test_cli_bench_chart);
  g_test_add_func ("/Bourse/UI/CommandLine/cli-help-and-man", test_cli_help_and_man);
  g_test_add_func ("/Bourse/UI/CommandLine/programs-help-and-man", test_programs_help_and_man);
  g_test_add_func ("/Bourse/UI/CommandLine/connect-bad-url", test_connect_bad_url);
  g_test_add_func ("/Bourse/UI/CommandLine/app-actions-in-man", test_app_actions_in_man);

  return g_test_run ();
}
