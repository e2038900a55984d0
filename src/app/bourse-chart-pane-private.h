/* bourse-chart-pane-private.h — BourseChartPane's instance struct and internals, shared with
 * the pane's other bourse-chart-pane-*.c files and the window's tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bourse-chart-appearance.h"
#include "bourse-chart-pane.h"
#include "bourse-interval-entry.h"
#include "bourse-one-click-bar.h"

G_BEGIN_DECLS

struct _BourseChartPane
{
  GtkWidget            parent_instance;

  /* template widgets */
  GtkOverlay          *overlay;          /* the view, the one-click bar over it */
  BourseChartView     *chart_view;
  BourseOneClickBar   *one_click_bar;

  /* owned */
  BourseChart         *chart;
  BourseChartAppearance *appearance;     /* the chart settings, applied to chart */
  BourseChartStudies  *studies;
  GHashTable          *indicator_colors; /* study id → colour chosen in "Edit indicator…" (CSS string) */
  GHashTable          *indicator_styles; /* study id → style set in its settings form (text form) */
  GMenu               *indicators_menu;
  BourseDrawingLayer  *drawing_layer;
  BourseDrawingStore  *drawing_store;
  char                *drawings_symbol;  /* whose drawings the layer shows */
  char                *markers_symbol;   /* whose fills the markers show */
  guint                markers_n_executions;
  GtkPopover          *order_popover;
  GtkPopover          *context_popover;  /* right-click menus, at the pointer */
  BourseChartHistory  *history;
  GSettings           *chart_settings;      /* whose chart-* keys the history records */
  GHashTable          *chart_settings_seen; /* key → its last value (GVariant) */
  gulong               chart_settings_changed_id;
  char                *drawings_snapshot; /* JSON of the drawings at the last commit */
  BourseDrawing       *menu_drawing;     /* what the open context menu is about */
  double               pointer_x;        /* last pointer position over the chart view */
  double               pointer_y;
  guint                drawings_commit_id;
  guint                menu_pane;        /* the pane whose price axis the menu is about */
  BourseIntervalEntry *interval_entry;   /* over the chart: a typed digit becomes the interval */
  BourseSettings      *settings;
  BourseMarketData    *market_data;
  BourseBarFeed       *feed;             /* the chart's bars: this symbol at this resolution */
  BourseBrokerStore   *store;
  BourseTrader        *trader;           /* moves what is dragged; NULL without a store */
  GCancellable        *cancellable;      /* this store's requests; replaced with the store */
  GSignalGroup        *store_signals;    /* on the store and the lists drawn on the chart */
  GSignalGroup        *orders_signals;
  GSignalGroup        *positions_signals;
  GSignalGroup        *executions_signals;
  GSignalGroup        *instruments_signals;
  GHashTable          *chart_line_ids;   /* ids of the price lines we put on the chart */
  char                *symbol;
  char                *resolution;
  char                *chart_type;
  guint                lines_idle_id;
  guint                save_drawings_id;
  gulong               drawings_changed_id;
  guint                store_initialized : 1;
  guint                default_range_pending : 1; /* an interval switch: size the view for its bars */
};

double _bourse_chart_pane_tick          (BourseChartPane *self);
void   _bourse_chart_pane_toast         (BourseChartPane *self,
                                         const char      *message);
void   _bourse_chart_pane_report_error  (BourseChartPane *self,
                                         const char      *what,
                                         const GError    *error);
void   _bourse_chart_pane_init_trading  (BourseChartPane *self);
void   _bourse_chart_pane_sync_lines    (BourseChartPane *self);
void   _bourse_chart_pane_drop_lines    (BourseChartPane *self);
void   _bourse_chart_pane_init_typing   (BourseChartPane *self);
void   _bourse_chart_pane_dispose_typing (BourseChartPane *self);
void   _bourse_chart_pane_show_default_range (BourseChartPane *self);

/* bourse-chart-pane.c */
void   _bourse_chart_pane_emit_studies_changed  (BourseChartPane *self);
void   _bourse_chart_pane_queue_save_drawings   (BourseChartPane *self);

/* bourse-chart-pane-studies.c */
void   _bourse_chart_pane_init_studies          (BourseChartPane *self);
void   _bourse_chart_pane_restore_indicators    (BourseChartPane *self);
void   _bourse_chart_pane_apply_indicator_color (BourseChartPane *self,
                                                 const char      *id,
                                                 const GdkRGBA   *rgba);
const char *_bourse_chart_pane_add_kept_study (BourseChartPane  *self,
                                               const char       *spec,
                                               const char       *color,
                                               const char       *style,
                                               GError          **error);
void   _bourse_chart_pane_studies_changed       (BourseChartPane *self);

/* bourse-chart-pane-history.c */
void      _bourse_chart_pane_init_history            (BourseChartPane *self);
void      _bourse_chart_pane_reset_drawings_snapshot (BourseChartPane *self);
GVariant *_bourse_chart_pane_studies_snapshot        (BourseChartPane *self);
void      _bourse_chart_pane_follow_chart_settings   (BourseChartPane *self,
                                                      GSettings       *settings);
void      _bourse_chart_pane_record_studies          (BourseChartPane *self,
                                                      const char      *label,
                                                      const char      *merge_key,
                                                      GVariant        *before);
GVariant *_bourse_chart_pane_scale_snapshot         (BourseChartPane *self,
                                                      guint            pane_id);
void      _bourse_chart_pane_record_scale            (BourseChartPane *self,
                                                      guint            pane_id,
                                                      GVariant        *before);
void      _bourse_chart_pane_record_chart_type       (BourseChartPane *self,
                                                      const char      *before,
                                                      const char      *after);

/* bourse-chart-pane-menus.c */
void   _bourse_chart_pane_class_init_menus (GtkWidgetClass *widget_class);
void   _bourse_chart_pane_init_menus    (BourseChartPane *self);
const char *_bourse_chart_pane_get_scale_mode (BourseChartPane *self);
void        _bourse_chart_pane_set_scale_mode (BourseChartPane *self,
                                               const char      *mode);
void   _bourse_chart_pane_dispose_menus (BourseChartPane *self);
/* Points @popover (a child of the chart view) at the last pointer position. */
void   _bourse_chart_pane_popup_at_pointer (BourseChartPane *self,
                                            GtkPopover      *popover);

G_END_DECLS
