/* bourse-settings.h — typed wrapper around the application's GSettings
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The schemas follow the app id (APP_ID from config.h): the Devel build
 * keeps its settings apart from the release's. */
#define BOURSE_SETTINGS_SCHEMA_ID            APP_ID
#define BOURSE_SETTINGS_CONNECTION_SCHEMA_ID APP_ID ".Connection"

#define BOURSE_SETTINGS_KEY_WINDOW_WIDTH           "window-width"
#define BOURSE_SETTINGS_KEY_WINDOW_HEIGHT          "window-height"
#define BOURSE_SETTINGS_KEY_WINDOW_MAXIMIZED       "window-maximized"
#define BOURSE_SETTINGS_KEY_SIDEBAR_PANEL          "sidebar-panel"
#define BOURSE_SETTINGS_KEY_SIDEBAR_COLLAPSED      "sidebar-collapsed"
#define BOURSE_SETTINGS_KEY_SIDEBAR_WIDTH          "sidebar-width"
#define BOURSE_SETTINGS_KEY_BOTTOM_PANEL_COLLAPSED "bottom-panel-collapsed"
#define BOURSE_SETTINGS_KEY_BOTTOM_PANEL_HEIGHT    "bottom-panel-height"
#define BOURSE_SETTINGS_KEY_ACCOUNT_MANAGER_PAGE   "account-manager-page"
#define BOURSE_SETTINGS_KEY_WATCHLIST              "watchlist"
#define BOURSE_SETTINGS_KEY_CHART_SYMBOL           "chart-symbol"
#define BOURSE_SETTINGS_KEY_CHART_RESOLUTION       "chart-resolution"
#define BOURSE_SETTINGS_KEY_CHART_TYPE             "chart-type"
#define BOURSE_SETTINGS_KEY_CHART_INDICATORS       "chart-indicators"
#define BOURSE_SETTINGS_KEY_CHART_INDICATOR_COLORS "chart-indicator-colors"
#define BOURSE_SETTINGS_KEY_CHART_INDICATOR_STYLES "chart-indicator-styles"
/* chart settings dialog (bourse-chart-appearance.c applies them) */
#define BOURSE_SETTINGS_KEY_CHART_UP_COLOR         "chart-up-color"
#define BOURSE_SETTINGS_KEY_CHART_DOWN_COLOR       "chart-down-color"
#define BOURSE_SETTINGS_KEY_CHART_UP_BORDER_COLOR  "chart-up-border-color"
#define BOURSE_SETTINGS_KEY_CHART_DOWN_BORDER_COLOR "chart-down-border-color"
#define BOURSE_SETTINGS_KEY_CHART_UP_WICK_COLOR    "chart-up-wick-color"
#define BOURSE_SETTINGS_KEY_CHART_DOWN_WICK_COLOR  "chart-down-wick-color"
#define BOURSE_SETTINGS_KEY_CHART_LINE_COLOR       "chart-line-color"
#define BOURSE_SETTINGS_KEY_CHART_LEGEND           "chart-legend"
#define BOURSE_SETTINGS_KEY_CHART_SCALE_MODE       "chart-scale-mode"
#define BOURSE_SETTINGS_KEY_CHART_INVERTED         "chart-inverted"
#define BOURSE_SETTINGS_KEY_CHART_PRICE_AXIS_SIDE  "chart-price-axis-side"
#define BOURSE_SETTINGS_KEY_CHART_PRECISION        "chart-precision"
#define BOURSE_SETTINGS_KEY_CHART_LAST_PRICE_LABEL "chart-last-price-label"
#define BOURSE_SETTINGS_KEY_CHART_COUNTDOWN        "chart-countdown"
#define BOURSE_SETTINGS_KEY_CHART_BACKGROUND_COLOR "chart-background-color"
#define BOURSE_SETTINGS_KEY_CHART_GRID_VERTICAL    "chart-grid-vertical"
#define BOURSE_SETTINGS_KEY_CHART_GRID_HORIZONTAL  "chart-grid-horizontal"
#define BOURSE_SETTINGS_KEY_CHART_GRID_COLOR       "chart-grid-color"
#define BOURSE_SETTINGS_KEY_CHART_CROSSHAIR_MODE   "chart-crosshair-mode"
#define BOURSE_SETTINGS_KEY_CHART_WATERMARK        "chart-watermark"
#define BOURSE_SETTINGS_KEY_CHART_WATERMARK_TEXT   "chart-watermark-text"
#define BOURSE_SETTINGS_KEY_CHART_SESSION_BREAKS   "chart-session-breaks"
#define BOURSE_SETTINGS_KEY_CHART_TIME_ZONE        "chart-time-zone"
#define BOURSE_SETTINGS_KEY_ONE_CLICK_TRADING      "one-click-trading"
#define BOURSE_SETTINGS_KEY_ONE_CLICK_CONSENTED    "one-click-consented"
#define BOURSE_SETTINGS_KEY_ONE_CLICK_QTY          "one-click-qty"

#define BOURSE_SETTINGS_KEY_COLOR_SCHEME           "color-scheme"
#define BOURSE_SETTINGS_KEY_CONFIRM_ORDERS         "confirm-orders"
#define BOURSE_SETTINGS_KEY_FORCE_HTTP1            "force-http1"
#define BOURSE_SETTINGS_KEY_CONNECTIONS            "connections"
#define BOURSE_SETTINGS_KEY_ACTIVE_CONNECTION      "active-connection"

#define BOURSE_CONNECTION_KEY_TITLE             "title"
#define BOURSE_CONNECTION_KEY_BASE_URL          "base-url"
#define BOURSE_CONNECTION_KEY_LOGIN             "login"
#define BOURSE_CONNECTION_KEY_ACCOUNT_ID        "account-id"
#define BOURSE_CONNECTION_KEY_ALLOW_INSECURE    "allow-insecure"
#define BOURSE_CONNECTION_KEY_REMEMBER_PASSWORD "remember-password"

/* The id of the built-in demo broker in "active-connection". */
#define BOURSE_DEMO_CONNECTION_ID "demo"

typedef enum
{
  BOURSE_COLOR_SCHEME_DEFAULT,
  BOURSE_COLOR_SCHEME_LIGHT,
  BOURSE_COLOR_SCHEME_DARK,
} BourseColorScheme;

#define BOURSE_TYPE_SETTINGS (bourse_settings_get_type ())

G_DECLARE_FINAL_TYPE (BourseSettings, bourse_settings, BOURSE, SETTINGS, GObject)

gboolean            bourse_settings_check_schemas         (GError            **error);
BourseSettings     *bourse_settings_new                   (void);
GSettings          *bourse_settings_get_gsettings         (BourseSettings     *self);

char               *bourse_settings_dup_chart_symbol      (BourseSettings     *self);
void                bourse_settings_set_chart_symbol      (BourseSettings     *self,
                                                           const char         *symbol);
char               *bourse_settings_dup_chart_resolution  (BourseSettings     *self);
void                bourse_settings_set_chart_resolution  (BourseSettings     *self,
                                                           const char         *resolution);
char               *bourse_settings_dup_chart_type       (BourseSettings     *self);
void                bourse_settings_set_chart_type       (BourseSettings     *self,
                                                           const char         *type);
char              **bourse_settings_dup_chart_indicators  (BourseSettings     *self);
char              **bourse_settings_dup_chart_indicator_colors (BourseSettings *self);
char              **bourse_settings_dup_chart_indicator_styles (BourseSettings *self);
void                bourse_settings_set_chart_indicator_styles (BourseSettings     *self,
                                                                const char * const *styles);
void                bourse_settings_set_chart_indicator_colors (BourseSettings *self,
                                                                const char * const *colors);
void                bourse_settings_set_chart_indicators  (BourseSettings     *self,
                                                           const char * const *indicators);
char              **bourse_settings_dup_watchlist         (BourseSettings     *self);
void                bourse_settings_set_watchlist         (BourseSettings     *self,
                                                           const char * const *symbols);
gboolean            bourse_settings_get_confirm_orders    (BourseSettings     *self);
void                bourse_settings_set_confirm_orders    (BourseSettings     *self,
                                                           gboolean            confirm);
BourseColorScheme   bourse_settings_get_color_scheme      (BourseSettings     *self);
void                bourse_settings_set_color_scheme      (BourseSettings     *self,
                                                           BourseColorScheme   scheme);
/* Every chart-appearance key (the chart settings dialog's) back to its default. */
void                bourse_settings_reset_chart_appearance (BourseSettings    *self);
char               *bourse_settings_dup_active_connection (BourseSettings     *self);
void                bourse_settings_set_active_connection (BourseSettings     *self,
                                                           const char         *connection_id);
char              **bourse_settings_dup_connections       (BourseSettings     *self);
GSettings          *bourse_settings_get_connection        (BourseSettings     *self,
                                                           const char         *connection_id);
char               *bourse_settings_add_connection        (BourseSettings     *self);
void                bourse_settings_remove_connection     (BourseSettings     *self,
                                                           const char         *connection_id);

G_END_DECLS
