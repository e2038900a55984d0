/* bourse-cli-commands.h — the subcommands of bourse-cli, one file each
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each subcommand parses its own arguments (argv[0] is the subcommand's
 * name) and returns the process exit status. */
typedef int (*BourseCliCommandFunc) (int argc, char **argv);

typedef struct
{
  const char           *name;
  const char           *summary;
  BourseCliCommandFunc  run;
} BourseCliCommand;

int bourse_cli_check      (int argc, char **argv);
int bourse_cli_watch      (int argc, char **argv);
int bourse_cli_render     (int argc, char **argv);
int bourse_cli_bench      (int argc, char **argv);
int bourse_cli_indicators (int argc, char **argv);
int bourse_cli_bridge     (int argc, char **argv);
/* `bourse-cli bench broker …`, reached through bourse_cli_bench() */
int bourse_cli_bench_broker (int argc, char **argv);

G_END_DECLS
