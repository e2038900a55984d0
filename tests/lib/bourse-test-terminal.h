/* bourse-test-terminal.h — the terminal fixture: the real application and window on the in-process demo broker
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bourse-application.h"
#include "bourse-window-private.h"
#include "bourse-test-ui.h"

G_BEGIN_DECLS

typedef struct
{
  BourseApplication *app;
  BourseWindow      *window;
  BourseSession     *session;
  GPtrArray         *requests;  /* "METHOD path" of every REST exchange of every store */
  gint64             activated; /* monotonic time of g_application_activate() */
  GPtrArray         *notified;  /* "summary\nbody" of each desktop notification received */
  gboolean           notifications_owned;
  /* the desktop's colour scheme, served before the application starts */
  BourseTestSettingsPortal *settings_portal;
} BourseTestTerminal;

/* Serves org.freedesktop.Notifications on the session bus (if any), so what a
 * desktop would show lands in @t->notified. Call before the terminal starts:
 * GLib picks its notification backend when the application registers. */
void               bourse_test_serve_notifications (BourseTestTerminal *t);
/* Starts the application without saved alerts or drawings, orders sent
 * without confirmation, the light style, one window, every REST exchange
 * recorded; returns at once (wait with bourse_test_is_live()). */
void               bourse_test_terminal_start      (BourseTestTerminal *t);
void               bourse_test_terminal_stop       (BourseTestTerminal *t);

/* One test of a terminal program; it gets the shared BourseTestTerminal. */
typedef struct
{
  const char    *path;
  GTestDataFunc  func;
} BourseTestTerminalCase;

/* The whole main() of a terminal test program: GTK's test setup, the
 * notification server when @serve_notifications, one terminal started for
 * all @n_cases tests in their order, g_test_run(), the terminal stopped.
 * Returns g_test_run()'s status. */
int                bourse_test_terminal_main       (int                          *argc,
                                                    char                       ***argv,
                                                    gboolean                      serve_notifications,
                                                    const BourseTestTerminalCase *cases,
                                                    gsize                         n_cases);

/* Waits until the terminal is live, then presents its window with real
 * input at hand (no xdotool fails the test: real input is the point, no
 * skip) and waits until it is mapped; returns the chart view. */
GtkWidget         *bourse_test_terminal_show       (BourseTestTerminal *t);
BourseBrokerStore *bourse_test_store               (BourseTestTerminal *t);
gboolean           bourse_test_is_live             (BourseTestTerminal *t);
/* REST requests made with @method whose path starts with @prefix. */
guint              bourse_test_count_requests      (BourseTestTerminal *t,
                                                    const char         *method,
                                                    const char         *prefix);
/* The open position in @symbol, or NULL. */
BoursePosition    *bourse_test_find_position       (BourseTestTerminal *t,
                                                    const char         *symbol);
/* The working limit order at @price (within half a @tick), or NULL. */
BourseOrder       *bourse_test_find_working_limit  (BourseTestTerminal *t,
                                                    double              price,
                                                    double              tick);
/* A toast after the first @before ones whose text contains @needle. */
gboolean           bourse_test_toast_seen          (BourseTestTerminal *t,
                                                    guint               before,
                                                    const char         *needle);
gboolean           bourse_test_notified            (BourseTestTerminal *t,
                                                    guint               from,
                                                    const char         *needle);
/* POST /_faults on the in-process demo broker (loopback only, no auth). */
void               bourse_test_set_demo_fault      (BourseTestTerminal *t,
                                                    const char         *form);
/* GET @path on the demo broker with a token of its own (not the app's
 * client): the broker's data as the API gives it, the "d" of the envelope. */
JsonNode          *bourse_test_demo_get            (BourseTestTerminal *t,
                                                    const char         *path);

G_END_DECLS
