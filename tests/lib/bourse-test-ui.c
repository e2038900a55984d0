/* bourse-test-ui.c — what every UI test shares: waiting on the main loop, finding widgets, real X input, screenshots
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "bourse-test-ui.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

static void
after_paint_cb (GdkFrameClock *clock,
                guint         *painted)
{
  (*painted)++;
}

void
bourse_test_wait_for_frame (GtkWidget *widget)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  GdkFrameClock *clock;
  guint painted = 0;
  gulong id;

  WAIT_UNTIL (gtk_widget_get_mapped (root) && gtk_widget_get_frame_clock (root) != NULL, 15);
  clock = gtk_widget_get_frame_clock (root);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  /* we are not inside a frame here: the next paint is the one with our redraw */
  gtk_widget_queue_draw (root);
  WAIT_UNTIL (painted >= 1, 15);
  g_signal_handler_disconnect (clock, id);
}

GtkWidget *
bourse_test_find_descendant (GtkWidget *widget,
                             GType      type,
                             guint      nth)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && nth-- == 0)
        return child;
      if ((found = bourse_test_find_descendant (child, type, nth)) != NULL)
        return found;
    }
  return NULL;
}

static void
list_descendants (GtkWidget *widget,
                  GType      type,
                  GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      list_descendants (child, type, found);
    }
}

GPtrArray *
bourse_test_list_descendants (GtkWidget *widget,
                              GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  list_descendants (widget, type, found);
  return found;
}

GtkWidget *
bourse_test_find_named (GtkWidget  *widget,
                        const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = bourse_test_find_named (child, name);

      if (found)
        return found;
    }
  return NULL;
}

GtkWidget *
bourse_test_find_action_button (GtkWidget  *widget,
                                const char *action_name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action_name) == 0)
        return child;
      if ((found = bourse_test_find_action_button (child, action_name)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWindow *
find_toplevel (GType    type,
               gboolean mapped)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          (mapped ? gtk_widget_get_mapped (GTK_WIDGET (window)) : gtk_widget_get_visible (GTK_WIDGET (window))))
        return window;
    }
  return NULL;
}

GtkWindow *
bourse_test_find_toplevel (GType type)
{
  return find_toplevel (type, FALSE);
}

GtkWindow *
bourse_test_find_mapped_toplevel (GType type)
{
  return find_toplevel (type, TRUE);
}

AdwMessageDialog *
bourse_test_find_message_dialog (void)
{
  return (AdwMessageDialog *) bourse_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

guint
bourse_test_n_rows (GtkColumnView *view)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));

  return model ? g_list_model_get_n_items (model) : 0;
}

GtkWindow *
bourse_test_present_window (GtkWidget *child,
                            int        width,
                            int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  WAIT_UNTIL (gtk_widget_get_mapped (child) && gtk_widget_get_width (child) > 0, 15);
  bourse_test_wait_for_frame (child);
  return window;
}

GdkTexture *
bourse_test_render_widget (GtkWidget *widget)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  graphene_rect_t bounds;
  int width, height;

  WAIT_UNTIL (gtk_widget_get_mapped (root), 15);
  bourse_test_wait_for_frame (root);
  width = gtk_widget_get_width (root);
  height = gtk_widget_get_height (root);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  /* The paintable is empty until the widget has been drawn once. */
  paintable = gtk_widget_paintable_new (root);
  for (guint attempt = 0; node == NULL && attempt < 20; attempt++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        bourse_test_wait_for_frame (root);
    }
  g_assert_nonnull (node);
  if (widget == root || !gtk_widget_compute_bounds (widget, root, &bounds))
    bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (root)), node, &bounds);
}

guint32
bourse_test_texture_pixel (GdkTexture *texture,
                           int         x,
                           int         y)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guchar *data = NULL;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (x, <, width);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (y, <, height);
  data = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, data, (gsize) width * 4);
  /* GDK_MEMORY_DEFAULT is B8G8R8A8 premultiplied: 0xRRGGBB on little endian */
  return *(guint32 *) (void *) (data + ((gsize) y * width + x) * 4) & 0xffffff;
}

void
bourse_test_save_screenshot (GtkWidget  *widget,
                             const char *name)
{
  const char *dir = g_getenv ("BOURSE_SCREENSHOT_DIR");
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  g_mkdir_with_parents (dir, 0755);
  texture = bourse_test_render_widget (widget);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* -- real input ------------------------------------------------------------ */

gboolean
bourse_test_require_xdotool (GtkWidget *widget)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

#ifdef GDK_WINDOWING_X11
  if (xdotool != NULL && GDK_IS_X11_DISPLAY (gtk_widget_get_display (widget)))
    return TRUE;
#endif
  g_test_skip ("needs xdotool on an X11 display for real input");
  return FALSE;
}

static void
subprocess_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  int *ok = user_data;

  *ok = g_subprocess_wait_check_finish (G_SUBPROCESS (object), result, NULL) ? 1 : 2;
}

static void
add_args (GPtrArray  *argv,
          const char *first,
          ...)
{
  va_list args;

  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
}

/* Runs xdotool with @argv (NULL-terminated, without "xdotool"). It waits for
 * the X server while the test's main loop keeps handling the window's events. */
static void
run_xdotool (GPtrArray    *builder)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  int ok = 0;

  g_ptr_array_add (builder, NULL);
  process = g_subprocess_newv ((const char * const *) builder->pdata, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (process, NULL, subprocess_done_cb, &ok);
  WAIT_UNTIL (ok != 0, 30);
  g_assert_cmpint (ok, ==, 1);
}

/* Where the pointer goes, in the surface's coordinates. */
static void
surface_point (GtkWidget *widget,
               double     x,
               double     y,
               int       *sx,
               int       *sy)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t p;
  double dx, dy;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &p));
  /* client-side decorations: the surface starts at the shadow */
  gtk_native_get_surface_transform (native, &dx, &dy);
  *sx = (int) round (dx + p.x);
  *sy = (int) round (dy + p.y);
}

static void
add_move (GPtrArray *argv,
          GtkWidget *widget,
          int        sx,
          int        sy,
          gboolean   sync)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (gtk_widget_get_native (widget));

  add_args (argv, "mousemove", NULL);
  if (sync)
    add_args (argv, "--sync", NULL);
  add_args (argv, "--window", NULL);
  g_ptr_array_add (argv, g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface)));
  g_ptr_array_add (argv, g_strdup_printf ("%d", sx));
  g_ptr_array_add (argv, g_strdup_printf ("%d", sy));
#else
  g_assert_not_reached ();
#endif
}

/* Appends moves of the pointer to (x, y) in @widget. `mousemove --sync`
 * waits until the pointer has moved, forever if it already is there: so it
 * first goes beside the target (unsynced; X handles one client's requests
 * in order), then, synced, onto it. @last: where the previous move of the
 * same command went ({ G_MININT, … } for none); a repeat is skipped. */
static void
add_mousemove (GPtrArray *argv,
               GtkWidget *widget,
               double     x,
               double     y,
               int        last[2])
{
  int sx, sy;

  surface_point (widget, x, y, &sx, &sy);
  if (last[0] == sx && last[1] == sy)
    return;
  if (last[0] == G_MININT)
    add_move (argv, widget, sx + 5, sy + 5, FALSE);
  add_move (argv, widget, sx, sy, TRUE);
  last[0] = sx;
  last[1] = sy;
}

/* Press at (x1, y1), move in 12 steps to (x2, y2), release there when
 * @release: step by step, so the drag passes GTK's threshold as a hand would. */
static void
run_drag (GtkWidget *widget,
          double     x1,
          double     y1,
          double     x2,
          double     y2,
          gboolean   release)
{
  g_autoptr(GPtrArray) builder = g_ptr_array_new_with_free_func (g_free);
  int last[2] = { G_MININT, G_MININT };

  g_ptr_array_add (builder, g_strdup ("xdotool"));
  for (guint step = 0; step <= 12; step++)
    {
      double f = step / 12.0;

      add_mousemove (builder, widget, x1 + f * (x2 - x1), y1 + f * (y2 - y1), last);
      if (step == 0)
        add_args (builder, "mousedown", "1", NULL);
      else if (step == 12 && release)
        add_args (builder, "mouseup", "1", NULL);
      else
        add_args (builder, "sleep", "0.03", NULL);
    }
  run_xdotool (builder);
}

void
bourse_test_pointer_drag (GtkWidget *widget,
                          double     x1,
                          double     y1,
                          double     x2,
                          double     y2)
{
  run_drag (widget, x1, y1, x2, y2, TRUE);
}

void
bourse_test_pointer_press_move (GtkWidget *widget,
                                double     x1,
                                double     y1,
                                double     x2,
                                double     y2)
{
  run_drag (widget, x1, y1, x2, y2, FALSE);
}

void
bourse_test_pointer_release (void)
{
  g_autoptr(GPtrArray) builder = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (builder, g_strdup ("xdotool"));
  add_args (builder, "mouseup", "1", NULL);
  run_xdotool (builder);
}

void
bourse_test_pointer_click (GtkWidget *widget,
                           double     x,
                           double     y)
{
  g_autoptr(GPtrArray) builder = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (builder, g_strdup ("xdotool"));
  add_mousemove (builder, widget, x, y, (int[2]) { G_MININT, G_MININT });
  add_args (builder, "click", "1", NULL);
  run_xdotool (builder);
}

void
bourse_test_pointer_multi_click (GtkWidget *widget,
                                 double     x,
                                 double     y,
                                 guint      clicks,
                                 guint      delay_ms)
{
  g_autoptr(GPtrArray) builder = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (builder, g_strdup ("xdotool"));
  add_mousemove (builder, widget, x, y, (int[2]) { G_MININT, G_MININT });
  add_args (builder, "click", "--repeat", NULL);
  g_ptr_array_add (builder, g_strdup_printf ("%u", clicks));
  add_args (builder, "--delay", NULL);
  g_ptr_array_add (builder, g_strdup_printf ("%u", delay_ms));
  add_args (builder, "1", NULL);
  run_xdotool (builder);
}

void
bourse_test_pointer_click_button (GtkWidget *widget,
                                  double     x,
                                  double     y,
                                  guint      button)
{
  g_autoptr(GPtrArray) builder = g_ptr_array_new_with_free_func (g_free);
  char number[16];

  g_snprintf (number, sizeof number, "%u", button);
  g_ptr_array_add (builder, g_strdup ("xdotool"));
  add_mousemove (builder, widget, x, y, (int[2]) { G_MININT, G_MININT });
  add_args (builder, "click", number, NULL);
  run_xdotool (builder);
}

void
bourse_test_pointer_double_click (GtkWidget *widget,
                                  double     x,
                                  double     y)
{
  bourse_test_pointer_multi_click (widget, x, y, 2, 80);
}

void
bourse_test_pointer_move (GtkWidget *widget,
                          double     x,
                          double     y)
{
  g_autoptr(GPtrArray) builder = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (builder, g_strdup ("xdotool"));
  add_mousemove (builder, widget, x, y, (int[2]) { G_MININT, G_MININT });
  run_xdotool (builder);
}

void
bourse_test_pointer_scroll (GtkWidget  *widget,
                            double      x,
                            double      y,
                            guint       button,
                            guint       clicks,
                            const char *keys)
{
  g_autoptr(GPtrArray) builder = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (builder, g_strdup ("xdotool"));
  add_mousemove (builder, widget, x, y, (int[2]) { G_MININT, G_MININT });
  if (keys != NULL)
    add_args (builder, "keydown", keys, NULL);
  add_args (builder, "click", "--repeat", NULL);
  g_ptr_array_add (builder, g_strdup_printf ("%u", clicks));
  add_args (builder, "--delay", "30", NULL);
  g_ptr_array_add (builder, g_strdup_printf ("%u", button));
  if (keys != NULL)
    add_args (builder, "keyup", keys, NULL);
  run_xdotool (builder);
}

void
bourse_test_key (GtkWidget  *widget,
                 const char *keys)
{
  g_autoptr(GPtrArray) builder = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (builder, g_strdup ("xdotool"));
  add_mousemove (builder, widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0,
                 (int[2]) { G_MININT, G_MININT });
  add_args (builder, "key", "--clearmodifiers", keys, NULL);
  run_xdotool (builder);
}

void
bourse_test_type (GtkWidget  *widget,
                  const char *text)
{
  g_autoptr(GPtrArray) builder = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (builder, g_strdup ("xdotool"));
  add_mousemove (builder, widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0,
                 (int[2]) { G_MININT, G_MININT });
  add_args (builder, "type", "--clearmodifiers", "--delay", "40", text, NULL);
  run_xdotool (builder);
}

/* -- org.freedesktop.portal.Settings ---------------------------------------- */

struct _BourseTestSettingsPortal
{
  GDBusConnection *bus;
  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  guint            object_id;
  guint            owner_id;
  gint             owned;         /* atomic: set by the portal's thread */
  guint            color_scheme;  /* atomic */
  guint            n_reads;       /* atomic */
};

static const char portal_xml[] =
  "<node><interface name='org.freedesktop.portal.Settings'>"
  "<method name='ReadAll'><arg type='as' direction='in'/><arg type='a{sa{sv}}' direction='out'/></method>"
  "<method name='Read'><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='v' direction='out'/></method>"
  "<signal name='SettingChanged'><arg type='s'/><arg type='s'/><arg type='v'/></signal>"
  "<property name='version' type='u' access='read'/>"
  "</interface></node>";

static void
portal_method_cb (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *object_path,
                  const char            *interface_name,
                  const char            *method_name,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  BourseTestSettingsPortal *self = user_data;
  guint scheme = g_atomic_int_get (&self->color_scheme);

  if (g_str_equal (method_name, "Read"))
    {
      const char *namespace, *key;

      g_variant_get (parameters, "(&s&s)", &namespace, &key);
      if (g_str_equal (namespace, "org.freedesktop.appearance") && g_str_equal (key, "color-scheme"))
        {
          g_atomic_int_inc (&self->n_reads);
          /* xdg-desktop-portal's Read wraps the value in one more variant */
          g_dbus_method_invocation_return_value (invocation,
                                                 g_variant_new ("(v)", g_variant_new_variant (g_variant_new_uint32 (scheme))));
        }
      else
        g_dbus_method_invocation_return_dbus_error (invocation, "org.freedesktop.portal.Error.NotFound",
                                                    "Requested setting not found");
    }
  else
    {
      GVariantBuilder all, appearance;

      g_variant_builder_init (&all, G_VARIANT_TYPE ("a{sa{sv}}"));
      g_variant_builder_init (&appearance, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&appearance, "{sv}", "color-scheme", g_variant_new_uint32 (scheme));
      g_variant_builder_add (&all, "{sa{sv}}", "org.freedesktop.appearance", &appearance);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(a{sa{sv}})", &all));
    }
}

static GVariant *
portal_get_property_cb (GDBusConnection *connection,
                        const char      *sender,
                        const char      *object_path,
                        const char      *interface_name,
                        const char      *property_name,
                        GError         **error,
                        gpointer         user_data)
{
  return g_variant_new_uint32 (1);
}

guint
bourse_test_dbus_serve (GDBusConnection            *bus,
                        const char                 *name,
                        const char                 *path,
                        const char                 *xml,
                        const GDBusInterfaceVTable *vtable,
                        GBusNameAcquiredCallback    name_acquired_cb,
                        gpointer                    user_data,
                        guint                      *object_id)
{
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  guint id;

  info = g_dbus_node_info_new_for_xml (xml, &error);
  g_assert_no_error (error);
  id = g_dbus_connection_register_object (bus, path, info->interfaces[0], vtable, user_data, NULL, &error);
  g_assert_no_error (error);
  if (object_id != NULL)
    *object_id = id;
  return g_bus_own_name_on_connection (bus, name, G_BUS_NAME_OWNER_FLAGS_NONE, name_acquired_cb, NULL, user_data, NULL);
}

static void
portal_name_acquired_cb (GDBusConnection *connection,
                         const char      *name,
                         gpointer         user_data)
{
  g_atomic_int_set (&((BourseTestSettingsPortal *) user_data)->owned, 1);
}

/* libadwaita reads the portal with a synchronous call from the main thread:
 * the portal answers from a thread and main context of its own. */
static gpointer
portal_thread (gpointer user_data)
{
  static const GDBusInterfaceVTable vtable = { portal_method_cb, portal_get_property_cb, NULL, { 0 } };
  BourseTestSettingsPortal *self = user_data;

  g_main_context_push_thread_default (self->context);
  self->owner_id = bourse_test_dbus_serve (self->bus, "org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop",
                                           portal_xml, &vtable, portal_name_acquired_cb, self, &self->object_id);
  g_main_loop_run (self->loop);
  g_bus_unown_name (self->owner_id);
  g_dbus_connection_unregister_object (self->bus, self->object_id);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

BourseTestSettingsPortal *
bourse_test_settings_portal_new (void)
{
  BourseTestSettingsPortal *self;
  GDBusConnection *bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  if (bus == NULL)
    {
      g_test_message ("no session bus: no settings portal");
      return NULL;
    }
  self = g_new0 (BourseTestSettingsPortal, 1);
  self->bus = bus;
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("settings-portal", portal_thread, self);
  WAIT_UNTIL (g_atomic_int_get (&self->owned), 15);
  return self;
}

void
bourse_test_settings_portal_set_color_scheme (BourseTestSettingsPortal *self,
                                              guint                     scheme)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (self);
  g_atomic_int_set (&self->color_scheme, scheme);
  g_dbus_connection_emit_signal (self->bus, NULL, "/org/freedesktop/portal/desktop",
                                 "org.freedesktop.portal.Settings", "SettingChanged",
                                 g_variant_new ("(ssv)", "org.freedesktop.appearance", "color-scheme",
                                                g_variant_new_uint32 (scheme)),
                                 &error);
  g_assert_no_error (error);
}

guint
bourse_test_settings_portal_get_n_reads (BourseTestSettingsPortal *self)
{
  return g_atomic_int_get (&self->n_reads);
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

void
bourse_test_settings_portal_free (BourseTestSettingsPortal *self)
{
  if (self == NULL)
    return;
  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_object_unref (self->bus);
  g_free (self);
}

GtkWidget *
bourse_test_find_label (GtkWidget  *widget,
                        const char *prefix)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = bourse_test_find_label (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
bourse_test_click_center (GtkWidget *widget)
{
  bourse_test_pointer_click (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
}
