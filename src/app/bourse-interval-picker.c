/* bourse-interval-picker.c — favourite intervals as buttons, every interval in a list
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The toolbar's interval control, as TradingView's: the favourites (kept in
 * the settings) as linked toggle buttons, and a button opening every
 * interval the chart can show, grouped by unit, each with a star that adds
 * it to or removes it from the favourites, and a form for a custom interval.
 *
 * What the chart can show is what the broker serves for the symbol (the
 * market data knows it from /symbol_info) plus what can be built from that
 * (bourse_resolution_is_available()); while the broker has not said, every
 * interval is offered. Every button activates win.set-resolution with the
 * Broker API's spelling, so the checked one follows the action's state.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bourse-interval-picker.h"

struct _BourseIntervalPicker
{
  GtkWidget         parent_instance;

  /* template widgets */
  GtkBox           *favourites_box;
  GtkMenuButton    *menu_button;
  GtkPopover       *popover;
  GtkBox           *list_box;
  GtkSpinButton    *custom_count;
  GtkDropDown      *custom_unit;
  GtkLabel         *custom_error;

  /* owned */
  GSettings        *settings;
  BourseMarketData *market_data;
  char             *symbol;
  char             *resolution;
  guint             rebuild_id;
};

G_DEFINE_FINAL_TYPE (BourseIntervalPicker, bourse_interval_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_MARKET_DATA,
  PROP_SYMBOL,
  PROP_RESOLUTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Offered besides what the broker serves, when they can be built. */
static const char * const standard_intervals[] = {
  "1S", "5S", "10S", "15S", "30S",
  "1", "2", "3", "5", "10", "15", "30", "45",
  "60", "120", "180", "240", "360", "480", "720",
  "1D", "2D", "3D", "1W", "2W", "1M", "3M", "6M", "12M",
};

/* The application's accelerators for the first favourites' resolutions. */
static const struct { const char *resolution; const char *accel; } accels[] = {
  { "1", "Alt+1" }, { "5", "Alt+2" }, { "15", "Alt+3" }, { "60", "Alt+4" }, { "1D", "Alt+5" }, { "1W", "Alt+6" },
};

typedef enum { GROUP_SECONDS, GROUP_MINUTES, GROUP_HOURS, GROUP_DAYS, GROUP_WEEKS, GROUP_MONTHS, N_GROUPS } Group;

static const char *
group_title (Group group)
{
  switch (group)
    {
    case GROUP_SECONDS: return _("Seconds");
    case GROUP_MINUTES: return _("Minutes");
    case GROUP_HOURS:   return _("Hours");
    case GROUP_DAYS:    return _("Days");
    case GROUP_WEEKS:   return _("Weeks");
    case GROUP_MONTHS:
    default:            return _("Months");
    }
}

static Group
group_of (const BourseResolution *r)
{
  switch (r->unit)
    {
    case BOURSE_RESOLUTION_UNIT_SECONDS: return GROUP_SECONDS;
    case BOURSE_RESOLUTION_UNIT_MINUTES: return r->count % 60 == 0 ? GROUP_HOURS : GROUP_MINUTES;
    case BOURSE_RESOLUTION_UNIT_DAYS:    return GROUP_DAYS;
    case BOURSE_RESOLUTION_UNIT_WEEKS:   return GROUP_WEEKS;
    case BOURSE_RESOLUTION_UNIT_MONTHS:
    default:                             return GROUP_MONTHS;
    }
}

/* -- text ---------------------------------------------------------------- */

/**
 * bourse_interval_describe:
 *
 * Returns: (transfer full) (nullable): @resolution in words: "4 hours",
 *   "7 minutes", "1 day"; %NULL when it is not a resolution
 */
char *
bourse_interval_describe (const char *resolution)
{
  BourseResolution r;
  guint n;

  if (!bourse_resolution_parse (resolution, &r, NULL))
    return NULL;
  n = r.count;
  switch (group_of (&r))
    {
    case GROUP_SECONDS: return g_strdup_printf (g_dngettext (NULL, "%u second", "%u seconds", n), n);
    case GROUP_MINUTES: return g_strdup_printf (g_dngettext (NULL, "%u minute", "%u minutes", n), n);
    case GROUP_HOURS:   return g_strdup_printf (g_dngettext (NULL, "%u hour", "%u hours", n / 60), n / 60);
    case GROUP_DAYS:    return g_strdup_printf (g_dngettext (NULL, "%u day", "%u days", n), n);
    case GROUP_WEEKS:   return g_strdup_printf (g_dngettext (NULL, "%u week", "%u weeks", n), n);
    case GROUP_MONTHS:
    default:            return g_strdup_printf (g_dngettext (NULL, "%u month", "%u months", n), n);
    }
}

static char *
format_resolution (const char *resolution)
{
  BourseResolution r;

  return bourse_resolution_parse (resolution, &r, NULL) ? bourse_resolution_format (&r) : g_strdup (resolution);
}

/**
 * bourse_interval_check:
 * @text: what a trader typed ("4h", "7", "2D") or a Broker API resolution
 * @natives: (nullable): what the broker serves for the symbol
 *
 * Returns: (transfer full) (nullable): the resolution in the Broker API's
 *   spelling, or %NULL with @error saying in words why not: no interval, or
 *   one the broker neither serves nor serves anything that builds it
 */
char *
bourse_interval_check (const char          *text,
                       const char * const  *natives,
                       GError             **error)
{
  g_autofree char *resolution = bourse_resolution_parse_user (text, error);
  g_autoptr(GString) served = NULL;
  g_autofree char *label = NULL;

  if (resolution == NULL)
    return NULL;
  if (bourse_resolution_is_available (resolution, natives))
    return g_steal_pointer (&resolution);

  served = g_string_new (NULL);
  for (guint i = 0; natives[i] != NULL; i++)
    {
      g_autofree char *native = format_resolution (natives[i]);
      g_autofree char *listed = g_strdup_printf (", %s,", native);
      g_autofree char *all = g_strdup_printf (", %s,", served->str);

      if (strstr (all, listed) == NULL)
        g_string_append_printf (served, "%s%s", served->len > 0 ? ", " : "", native);
    }
  label = format_resolution (resolution);
  /* Translators: "30s bars are not available: the broker serves 1m, 5m, 1h, 1D and nothing finer" */
  g_set_error (error, BOURSE_RESOLUTION_ERROR, BOURSE_RESOLUTION_ERROR_INVALID,
               _("%s bars are not available: the broker serves %s, and none of these builds them"),
               label, served->str);
  return NULL;
}

/* -- the list ------------------------------------------------------------ */

static const char * const *
natives (BourseIntervalPicker *self)
{
  return self->market_data ? bourse_market_data_get_resolutions (self->market_data, self->symbol) : NULL;
}

static GStrv
dup_setting (BourseIntervalPicker *self,
             const char           *key)
{
  static const char * const default_favourites[] = { "1", "5", "15", "60", "240", "1D", "1W", NULL };

  if (self->settings != NULL)
    return g_settings_get_strv (self->settings, key);
  if (g_str_equal (key, BOURSE_INTERVAL_PICKER_KEY_FAVOURITES))
    return g_strdupv ((char **) default_favourites);
  return g_new0 (char *, 1);
}

static int
compare_intervals (gconstpointer a,
                   gconstpointer b)
{
  BourseResolution ra, rb;
  gint64 la, lb;

  bourse_resolution_parse (*(const char * const *) a, &ra, NULL);
  bourse_resolution_parse (*(const char * const *) b, &rb, NULL);
  if (group_of (&ra) != group_of (&rb))
    return (int) group_of (&ra) - (int) group_of (&rb);
  la = bourse_resolution_get_seconds (&ra);
  lb = bourse_resolution_get_seconds (&rb);
  return (la > lb) - (la < lb);
}

/* Adds @text to @list in the Broker API's spelling, once, if the chart can show it. */
static void
add_interval (BourseIntervalPicker *self,
              GPtrArray            *list,
              const char           *text)
{
  BourseResolution r;
  char *resolution;

  if (!bourse_resolution_parse (text, &r, NULL))
    return;
  resolution = bourse_resolution_to_string (&r);
  if (!bourse_resolution_is_available (resolution, natives (self)) ||
      g_ptr_array_find_with_equal_func (list, resolution, g_str_equal, NULL))
    {
      g_free (resolution);
      return;
    }
  g_ptr_array_add (list, resolution);
}

/* Every interval the chart can show, by unit then length (transfer full). */
static GPtrArray *
list_intervals (BourseIntervalPicker *self)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);
  const char * const *served = natives (self);
  g_auto(GStrv) custom = dup_setting (self, BOURSE_INTERVAL_PICKER_KEY_CUSTOM);

  for (guint i = 0; i < G_N_ELEMENTS (standard_intervals); i++)
    add_interval (self, list, standard_intervals[i]);
  for (guint i = 0; served != NULL && served[i] != NULL; i++)
    add_interval (self, list, served[i]);
  for (guint i = 0; custom[i] != NULL; i++)
    add_interval (self, list, custom[i]);
  if (self->resolution != NULL)
    add_interval (self, list, self->resolution);
  g_ptr_array_sort (list, compare_intervals);
  return list;
}

static gboolean
is_favourite (const char * const *favourites,
              const char         *resolution)
{
  BourseResolution wanted, r;

  if (!bourse_resolution_parse (resolution, &wanted, NULL))
    return FALSE;
  for (guint i = 0; favourites[i] != NULL; i++)
    if (bourse_resolution_parse (favourites[i], &r, NULL) && bourse_resolution_equal (&r, &wanted))
      return TRUE;
  return FALSE;
}

static char *
tooltip_for (const char *resolution)
{
  g_autofree char *words = bourse_interval_describe (resolution);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    if (g_str_equal (accels[i].resolution, resolution))
      return g_strdup_printf ("%s (%s)", words, accels[i].accel);
  return g_steal_pointer (&words);
}

static void
remove_children (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
row_clicked_cb (BourseIntervalPicker *self)
{
  gtk_popover_popdown (self->popover);
}

static void
star_clicked_cb (GtkButton            *star,
                 BourseIntervalPicker *self)
{
  bourse_interval_picker_toggle_favourite (self, gtk_widget_get_name (GTK_WIDGET (star)) + strlen ("star-"));
}

static GtkWidget *
new_row (BourseIntervalPicker *self,
         const char           *resolution,
         gboolean              favourite)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *star = gtk_button_new_from_icon_name (favourite ? "starred-symbolic" : "non-starred-symbolic");
  g_autofree char *words = bourse_interval_describe (resolution);
  g_autofree char *button_name = g_strconcat ("interval-", resolution, NULL);
  g_autofree char *star_name = g_strconcat ("star-", resolution, NULL);
  GtkWidget *label = gtk_label_new (words);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_name (button, button_name);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.set-resolution");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", resolution);
  g_signal_connect_object (button, "clicked", G_CALLBACK (row_clicked_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_add_css_class (star, "flat");
  gtk_widget_add_css_class (star, "interval-star");
  if (favourite)
    gtk_widget_add_css_class (star, "favourite");
  gtk_widget_set_name (star, star_name);
  gtk_widget_set_tooltip_text (star, favourite ? _("Remove from Favourites") : _("Add to Favourites"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (star), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  favourite ? _("Remove from Favourites") : _("Add to Favourites"), -1);
  g_signal_connect_object (star, "clicked", G_CALLBACK (star_clicked_cb), self, 0);

  gtk_box_append (GTK_BOX (row), button);
  gtk_box_append (GTK_BOX (row), star);
  return row;
}

static void
rebuild_list (BourseIntervalPicker *self,
              GPtrArray            *intervals,
              const char * const   *favourites)
{
  int group = -1;

  remove_children (self->list_box);
  for (guint i = 0; i < intervals->len; i++)
    {
      const char *resolution = g_ptr_array_index (intervals, i);
      BourseResolution r;

      bourse_resolution_parse (resolution, &r, NULL);
      if ((int) group_of (&r) != group)
        {
          GtkWidget *heading = gtk_label_new (group_title (group_of (&r)));

          group = (int) group_of (&r);
          gtk_label_set_xalign (GTK_LABEL (heading), 0);
          gtk_widget_add_css_class (heading, "heading");
          gtk_widget_add_css_class (heading, "dim-label");
          gtk_widget_set_margin_top (heading, group == (int) group_of (&r) && i == 0 ? 0 : 6);
          gtk_box_append (self->list_box, heading);
        }
      gtk_box_append (self->list_box, new_row (self, resolution, is_favourite (favourites, resolution)));
    }
}

static void
rebuild (BourseIntervalPicker *self)
{
  g_autoptr(GPtrArray) intervals = list_intervals (self);
  g_auto(GStrv) favourites = dup_setting (self, BOURSE_INTERVAL_PICKER_KEY_FAVOURITES);
  gboolean current_is_favourite = FALSE;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  remove_children (self->favourites_box);
  for (guint i = 0; i < intervals->len; i++)
    {
      const char *resolution = g_ptr_array_index (intervals, i);
      g_autofree char *label = NULL;
      g_autofree char *tooltip = NULL;
      g_autofree char *name = NULL;
      GtkWidget *button;

      if (!is_favourite ((const char * const *) favourites, resolution))
        continue;
      label = format_resolution (resolution);
      tooltip = tooltip_for (resolution);
      name = g_strconcat ("favourite-", resolution, NULL);
      button = gtk_toggle_button_new_with_label (label);
      gtk_widget_set_name (button, name);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.set-resolution");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", resolution);
      gtk_box_append (self->favourites_box, button);
      current_is_favourite |= g_strcmp0 (resolution, self->resolution) == 0;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->favourites_box), gtk_widget_get_first_child (GTK_WIDGET (self->favourites_box)) != NULL);

  /* An interval that is no favourite shows on the list's button, as on TradingView. */
  if (!current_is_favourite && self->resolution != NULL)
    {
      g_autofree char *label = format_resolution (self->resolution);

      gtk_menu_button_set_label (self->menu_button, label);
      gtk_widget_add_css_class (GTK_WIDGET (self->menu_button), "current-interval");
    }
  else
    {
      gtk_menu_button_set_icon_name (self->menu_button, "pan-down-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->menu_button), "current-interval");
    }
  gtk_menu_button_set_always_show_arrow (self->menu_button, !current_is_favourite);
  rebuild_list (self, intervals, (const char * const *) favourites);
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  BourseIntervalPicker *self = user_data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Later, never while one of the buttons to be replaced is being clicked. */
static void
queue_rebuild (BourseIntervalPicker *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_idle_cb, self);
}

static void
resolutions_changed_cb (BourseIntervalPicker *self,
                        const char           *symbol)
{
  if (g_strcmp0 (symbol, self->symbol) == 0)
    queue_rebuild (self);
}

/* -- the custom interval form -------------------------------------------- */

static void
custom_changed_cb (BourseIntervalPicker *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->custom_error), FALSE);
}

static void
custom_add_cb (BourseIntervalPicker *self)
{
  static const char * const units[] = { "s", "", "h", "D", "W", "M" };
  guint unit = gtk_drop_down_get_selected (self->custom_unit);
  g_autofree char *text = NULL;
  g_autofree char *resolution = NULL;
  g_autoptr(GError) error = NULL;

  gtk_spin_button_update (self->custom_count);
  text = g_strdup_printf ("%d%s", gtk_spin_button_get_value_as_int (self->custom_count),
                          unit < G_N_ELEMENTS (units) ? units[unit] : "");
  resolution = bourse_interval_picker_add_custom (self, text, &error);
  if (resolution == NULL)
    {
      gtk_label_set_text (self->custom_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->custom_error), TRUE);
      return;
    }
  gtk_popover_popdown (self->popover);
}

/* -- GObject ------------------------------------------------------------- */

static void
bourse_interval_picker_dispose (GObject *object)
{
  BourseIntervalPicker *self = BOURSE_INTERVAL_PICKER (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), BOURSE_TYPE_INTERVAL_PICKER);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->market_data);
  G_OBJECT_CLASS (bourse_interval_picker_parent_class)->dispose (object);
}

static void
bourse_interval_picker_finalize (GObject *object)
{
  BourseIntervalPicker *self = BOURSE_INTERVAL_PICKER (object);

  g_free (self->symbol);
  g_free (self->resolution);
  G_OBJECT_CLASS (bourse_interval_picker_parent_class)->finalize (object);
}

static void
bourse_interval_picker_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  BourseIntervalPicker *self = BOURSE_INTERVAL_PICKER (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:    g_value_set_object (value, self->settings); break;
    case PROP_MARKET_DATA: g_value_set_object (value, self->market_data); break;
    case PROP_SYMBOL:      g_value_set_string (value, self->symbol); break;
    case PROP_RESOLUTION:  g_value_set_string (value, self->resolution); break;
    default:               G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_interval_picker_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  BourseIntervalPicker *self = BOURSE_INTERVAL_PICKER (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:    bourse_interval_picker_set_settings (self, g_value_get_object (value)); break;
    case PROP_MARKET_DATA: bourse_interval_picker_set_market_data (self, g_value_get_object (value)); break;
    case PROP_SYMBOL:      bourse_interval_picker_set_symbol (self, g_value_get_string (value)); break;
    case PROP_RESOLUTION:  bourse_interval_picker_set_resolution (self, g_value_get_string (value)); break;
    default:               G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_interval_picker_class_init (BourseIntervalPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = bourse_interval_picker_dispose;
  object_class->finalize = bourse_interval_picker_finalize;
  object_class->get_property = bourse_interval_picker_get_property;
  object_class->set_property = bourse_interval_picker_set_property;

  properties[PROP_SETTINGS] = g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS, flags);
  properties[PROP_MARKET_DATA] = g_param_spec_object ("market-data", NULL, NULL, BOURSE_TYPE_MARKET_DATA, flags);
  properties[PROP_SYMBOL] = g_param_spec_string ("symbol", NULL, NULL, NULL, flags);
  properties[PROP_RESOLUTION] = g_param_spec_string ("resolution", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "intervalpicker");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bourse-interval-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, BourseIntervalPicker, favourites_box);
  gtk_widget_class_bind_template_child (widget_class, BourseIntervalPicker, menu_button);
  gtk_widget_class_bind_template_child (widget_class, BourseIntervalPicker, popover);
  gtk_widget_class_bind_template_child (widget_class, BourseIntervalPicker, list_box);
  gtk_widget_class_bind_template_child (widget_class, BourseIntervalPicker, custom_count);
  gtk_widget_class_bind_template_child (widget_class, BourseIntervalPicker, custom_unit);
  gtk_widget_class_bind_template_child (widget_class, BourseIntervalPicker, custom_error);
  gtk_widget_class_bind_template_callback (widget_class, custom_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, custom_add_cb);
}

static void
bourse_interval_picker_init (BourseIntervalPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 4);
  rebuild (self);
}

GtkWidget *
bourse_interval_picker_new (void)
{
  return g_object_new (BOURSE_TYPE_INTERVAL_PICKER, NULL);
}

/**
 * bourse_interval_picker_set_settings:
 * @settings: (nullable): where the favourites and custom intervals are kept
 *   (the application's settings: keys `interval-favourites`, `interval-custom`)
 */
void
bourse_interval_picker_set_settings (BourseIntervalPicker *self,
                                     GSettings            *settings)
{
  g_return_if_fail (BOURSE_IS_INTERVAL_PICKER (self));

  if (self->settings == settings)
    return;
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  if (settings != NULL)
    {
      g_signal_connect_object (settings, "changed::" BOURSE_INTERVAL_PICKER_KEY_FAVOURITES,
                               G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (settings, "changed::" BOURSE_INTERVAL_PICKER_KEY_CUSTOM,
                               G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
    }
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

/**
 * bourse_interval_picker_set_market_data:
 * @market_data: (nullable): who knows what the broker serves per symbol
 */
void
bourse_interval_picker_set_market_data (BourseIntervalPicker *self,
                                        BourseMarketData     *market_data)
{
  g_return_if_fail (BOURSE_IS_INTERVAL_PICKER (self));

  if (self->market_data == market_data)
    return;
  if (self->market_data != NULL)
    g_signal_handlers_disconnect_by_data (self->market_data, self);
  g_set_object (&self->market_data, market_data);
  if (market_data != NULL)
    g_signal_connect_object (market_data, "resolutions-changed", G_CALLBACK (resolutions_changed_cb),
                             self, G_CONNECT_SWAPPED);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARKET_DATA]);
}

void
bourse_interval_picker_set_symbol (BourseIntervalPicker *self,
                                   const char           *symbol)
{
  g_return_if_fail (BOURSE_IS_INTERVAL_PICKER (self));

  if (g_strcmp0 (self->symbol, symbol) == 0)
    return;
  g_free (self->symbol);
  self->symbol = g_strdup (symbol);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYMBOL]);
}

const char *
bourse_interval_picker_get_symbol (BourseIntervalPicker *self)
{
  g_return_val_if_fail (BOURSE_IS_INTERVAL_PICKER (self), NULL);
  return self->symbol;
}

/* The chart's interval: shown on the list's button when it is no favourite. */
void
bourse_interval_picker_set_resolution (BourseIntervalPicker *self,
                                       const char           *resolution)
{
  g_return_if_fail (BOURSE_IS_INTERVAL_PICKER (self));

  if (g_strcmp0 (self->resolution, resolution) == 0)
    return;
  g_free (self->resolution);
  self->resolution = g_strdup (resolution);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLUTION]);
}

const char *
bourse_interval_picker_get_resolution (BourseIntervalPicker *self)
{
  g_return_val_if_fail (BOURSE_IS_INTERVAL_PICKER (self), NULL);
  return self->resolution;
}

/**
 * bourse_interval_picker_dup_intervals:
 *
 * Returns: (transfer full): every interval the list offers, in its order
 */
GStrv
bourse_interval_picker_dup_intervals (BourseIntervalPicker *self)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (BOURSE_IS_INTERVAL_PICKER (self), NULL);
  list = list_intervals (self);
  g_ptr_array_add (list, NULL);
  return (GStrv) g_ptr_array_steal (list, NULL);
}

/**
 * bourse_interval_picker_toggle_favourite:
 *
 * Adds @resolution to the favourites, or removes it; they are kept shortest
 * first. Returns: whether it is a favourite now
 */
gboolean
bourse_interval_picker_toggle_favourite (BourseIntervalPicker *self,
                                         const char           *resolution)
{
  g_auto(GStrv) favourites = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  BourseResolution wanted;
  gboolean was;

  g_return_val_if_fail (BOURSE_IS_INTERVAL_PICKER (self), FALSE);

  if (self->settings == NULL || !bourse_resolution_parse (resolution, &wanted, NULL))
    return FALSE;
  favourites = dup_setting (self, BOURSE_INTERVAL_PICKER_KEY_FAVOURITES);
  was = is_favourite ((const char * const *) favourites, resolution);
  for (guint i = 0; favourites[i] != NULL; i++)
    {
      BourseResolution r;

      if (bourse_resolution_parse (favourites[i], &r, NULL) && !bourse_resolution_equal (&r, &wanted))
        g_ptr_array_add (kept, g_strdup (favourites[i]));
    }
  if (!was)
    g_ptr_array_add (kept, bourse_resolution_to_string (&wanted));
  g_ptr_array_sort (kept, compare_intervals);
  g_ptr_array_add (kept, NULL);
  g_settings_set_strv (self->settings, BOURSE_INTERVAL_PICKER_KEY_FAVOURITES, (const char * const *) kept->pdata);
  return !was;
}

/**
 * bourse_interval_picker_add_custom:
 * @text: what the custom form or a trader typed ("90", "2h", "3D")
 *
 * Adds the interval to the list (kept in the settings) and shows it on the
 * chart (win.set-resolution). Returns: (transfer full) (nullable): its
 *   Broker API spelling, or %NULL with @error saying why it is refused
 */
char *
bourse_interval_picker_add_custom (BourseIntervalPicker  *self,
                                   const char            *text,
                                   GError               **error)
{
  g_autofree char *resolution = NULL;
  g_auto(GStrv) custom = NULL;

  g_return_val_if_fail (BOURSE_IS_INTERVAL_PICKER (self), NULL);

  resolution = bourse_interval_check (text, natives (self), error);
  if (resolution == NULL)
    return NULL;
  custom = dup_setting (self, BOURSE_INTERVAL_PICKER_KEY_CUSTOM);
  if (self->settings != NULL && !g_strv_contains ((const char * const *) custom, resolution))
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) updated = NULL;

      g_strv_builder_addv (builder, (const char **) custom);
      g_strv_builder_add (builder, resolution);
      updated = g_strv_builder_end (builder);
      g_settings_set_strv (self->settings, BOURSE_INTERVAL_PICKER_KEY_CUSTOM, (const char * const *) updated);
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "win.set-resolution", "s", resolution);
  return g_steal_pointer (&resolution);
}
