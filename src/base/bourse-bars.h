/* bourse-bars.h — OHLCV bars as a refcounted struct of arrays
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bars are big and hot data (a chart may hold ten million of them), so they are
 * kept as parallel arrays of int64 times and doubles, never as one GObject per bar.
 * Times are UNIX seconds (UTC) of the bar's open, strictly increasing.
 *
 * Every series has an identity, unique in the process and kept by copies: two
 * symbols' daily bars have the very same times, so a consumer that computes
 * incrementally (an indicator) must tell "the same series, one bar more" from
 * "another series" by identity, never by comparing times.
 */
#pragma once

#include <glib-object.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define BOURSE_TYPE_BARS (bourse_bars_get_type ())

typedef struct _BourseBars BourseBars;

struct _BourseBars
{
  /*< public, read-only >*/
  gint64  *time;
  double  *open;
  double  *high;
  double  *low;
  double  *close;
  double  *volume;
  gsize    len;
  /*< private >*/
  gsize    capacity;
  gint     ref_count;
  guint64  serial;
  guint64  identity;
};

GType       bourse_bars_get_type     (void) G_GNUC_CONST;
BourseBars *bourse_bars_new          (gsize        reserve);
BourseBars *bourse_bars_ref          (BourseBars  *self);
void        bourse_bars_unref        (BourseBars  *self);
BourseBars *bourse_bars_copy         (const BourseBars *self);
void        bourse_bars_reserve      (BourseBars  *self,
                                      gsize        capacity);
gboolean    bourse_bars_append       (BourseBars  *self,
                                      gint64       time,
                                      double       open,
                                      double       high,
                                      double       low,
                                      double       close,
                                      double       volume);
void        bourse_bars_update_last  (BourseBars  *self,
                                      double       open,
                                      double       high,
                                      double       low,
                                      double       close,
                                      double       volume);
gboolean    bourse_bars_apply_tick   (BourseBars  *self,
                                      gint64       bar_time,
                                      double       price,
                                      double       volume);
gsize       bourse_bars_lower_bound  (const BourseBars *self,
                                      gint64       time);
void        bourse_bars_clear        (BourseBars  *self);
guint64     bourse_bars_get_serial   (const BourseBars *self);
guint64     bourse_bars_get_identity (const BourseBars *self);

BourseBars *bourse_bars_load_csv     (const char  *path,
                                      GError     **error);
BourseBars *bourse_bars_parse_csv    (const char  *text,
                                      gsize        length,
                                      GError     **error);
gboolean    bourse_bars_save_csv     (const BourseBars *self,
                                      const char  *path,
                                      GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BourseBars, bourse_bars_unref)

G_END_DECLS
