/* bourse-test-ui.h — what every UI test shares: waiting on the main loop, finding widgets, real X input, screenshots
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main-loop waits (WAIT_UNTIL, spin, wait-idle) are bourse-test-wait's,
 * shared with the tests that do not link GTK.
 */
#pragma once

#include <adwaita.h>

#include "bourse-test-wait.h"

G_BEGIN_DECLS

/* Queues a redraw of @widget's window and waits until its frame clock painted. */
void              bourse_test_wait_for_frame      (GtkWidget   *widget);

GtkWidget        *bourse_test_find_descendant     (GtkWidget   *widget,
                                                   GType        type,
                                                   guint        nth);
/* Every descendant of @type, depth first in widget order (transfer container). */
GPtrArray        *bourse_test_list_descendants    (GtkWidget   *widget,
                                                   GType        type);
/* The first mapped label under @widget whose text starts with @prefix, or NULL. */
GtkWidget        *bourse_test_find_label          (GtkWidget   *widget,
                                                   const char  *prefix);
/* A real click (xdotool) in the middle of @widget. */
void              bourse_test_click_center        (GtkWidget   *widget);
GtkWidget        *bourse_test_find_named          (GtkWidget   *widget,
                                                   const char  *name);
/* The first button under @widget (depth first) whose action is @action_name, or NULL. */
GtkWidget        *bourse_test_find_action_button  (GtkWidget   *widget,
                                                   const char  *action_name);
/* The first visible toplevel of @type (or a subtype), or NULL. */
GtkWindow        *bourse_test_find_toplevel       (GType        type);
/* The first mapped toplevel of @type (or a subtype), or NULL. */
GtkWindow        *bourse_test_find_mapped_toplevel (GType       type);
/* The visible AdwMessageDialog among the toplevels, or NULL. */
AdwMessageDialog *bourse_test_find_message_dialog (void);
guint             bourse_test_n_rows              (GtkColumnView *view);

/* Window fixture: a window of @width × @height holding @child, presented,
 * mapped, allocated and drawn once. Destroy it with gtk_window_destroy(). */
GtkWindow        *bourse_test_present_window      (GtkWidget   *child,
                                                   int          width,
                                                   int          height);

/* What @widget looks like on screen: its window rendered, cropped to it. */
GdkTexture       *bourse_test_render_widget       (GtkWidget   *widget);
guint32           bourse_test_texture_pixel       (GdkTexture  *texture,
                                                   int          x,
                                                   int          y);
/* Saves bourse_test_render_widget() under $BOURSE_SCREENSHOT_DIR (if set). */
void              bourse_test_save_screenshot     (GtkWidget   *widget,
                                                   const char  *name);

/* -- real input: XTEST events through xdotool, as a mouse and keyboard make -- */

/* TRUE when xdotool and an X11 display are there; otherwise skips the test. */
gboolean          bourse_test_require_xdotool     (GtkWidget   *widget);
/* Press at (x1, y1) in @widget's coordinates, move in steps, release at (x2, y2). */
void              bourse_test_pointer_drag        (GtkWidget   *widget,
                                                   double       x1,
                                                   double       y1,
                                                   double       x2,
                                                   double       y2);
/* The first half of a drag: press at (x1, y1), move in steps to (x2, y2) and
 * keep the button down (what the widget shows mid-drag is then testable);
 * bourse_test_pointer_release() lets go. */
void              bourse_test_pointer_press_move  (GtkWidget   *widget,
                                                   double       x1,
                                                   double       y1,
                                                   double       x2,
                                                   double       y2);
void              bourse_test_pointer_release     (void);
void              bourse_test_pointer_click       (GtkWidget   *widget,
                                                   double       x,
                                                   double       y);
/* A click of X button @button (1 primary, 3 secondary) at (x, y). */
void              bourse_test_pointer_click_button (GtkWidget  *widget,
                                                    double      x,
                                                    double      y,
                                                    guint       button);
/* Two clicks at (x, y) within the double-click time (one xdotool command). */
void              bourse_test_pointer_double_click (GtkWidget  *widget,
                                                    double      x,
                                                    double      y);
/* @clicks presses and releases of button 1 at (x, y), @delay_ms apart, in
 * one xdotool run (a double click with 2 and a short delay). */
void              bourse_test_pointer_multi_click (GtkWidget   *widget,
                                                   double       x,
                                                   double       y,
                                                   guint        clicks,
                                                   guint        delay_ms);
/* Moves the pointer to (x, y) in @widget's coordinates, no button pressed. */
void              bourse_test_pointer_move        (GtkWidget   *widget,
                                                   double       x,
                                                   double       y);
/* X buttons 4/5 (wheel up/down) and 6/7 (left/right) @clicks times at (x, y),
 * with @keys (an xdotool key name such as "shift", or NULL) held. */
void              bourse_test_pointer_scroll      (GtkWidget   *widget,
                                                   double       x,
                                                   double       y,
                                                   guint        button,
                                                   guint        clicks,
                                                   const char  *keys);
/* Moves the pointer over @widget (X focus follows it without a window
 * manager), then presses and releases @keys ("alt+1", "ctrl+shift+i"). */
void              bourse_test_key                 (GtkWidget   *widget,
                                                   const char  *keys);
/* Moves the pointer over @widget, then types @text key by key (xdotool type). */
void              bourse_test_type                (GtkWidget   *widget,
                                                   const char  *text);

/* A test-side D-Bus service: exports the first interface of @xml at @path
 * on @bus with @vtable and owns @name there; @name_acquired_cb runs in the
 * thread-default main context once it is owned. Returns the owner id of
 * g_bus_own_name_on_connection(); @object_id (if not NULL) gets the
 * object's registration id. */
guint             bourse_test_dbus_serve          (GDBusConnection            *bus,
                                                   const char                 *name,
                                                   const char                 *path,
                                                   const char                 *xml,
                                                   const GDBusInterfaceVTable *vtable,
                                                   GBusNameAcquiredCallback    name_acquired_cb,
                                                   gpointer                    user_data,
                                                   guint                      *object_id);

/* -- the desktop's colour scheme: an org.freedesktop.portal.Settings on the
 * session bus, the first source AdwStyleManager asks ----------------------- */

typedef struct _BourseTestSettingsPortal BourseTestSettingsPortal;

/* Serves the portal on the session bus; call before libadwaita initialises.
 * NULL (after a test message) when there is no session bus. */
BourseTestSettingsPortal *bourse_test_settings_portal_new              (void);
/* 0 no preference, 1 prefer dark, 2 prefer light; emits SettingChanged. */
void                      bourse_test_settings_portal_set_color_scheme (BourseTestSettingsPortal *self,
                                                                        guint                     scheme);
guint                     bourse_test_settings_portal_get_n_reads      (BourseTestSettingsPortal *self);
void                      bourse_test_settings_portal_free             (BourseTestSettingsPortal *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BourseTestSettingsPortal, bourse_test_settings_portal_free)

G_END_DECLS
