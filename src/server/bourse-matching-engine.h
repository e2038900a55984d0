/* bourse-matching-engine.h — paper-trading accounts, orders, positions and fills
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Display-free and network-free: fed with quotes and a clock, driven with the
 * form fields of the broker API (string → string tables), it answers with the
 * JSON objects of the API. Every change is announced with ::entity-changed so
 * the HTTP layer can feed streams and persist state.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "bourse-instrument-spec.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_MATCHING_ENGINE (bourse_matching_engine_get_type ())

G_DECLARE_FINAL_TYPE (BourseMatchingEngine, bourse_matching_engine, BOURSE, MATCHING_ENGINE, GObject)

BourseMatchingEngine *bourse_matching_engine_new              (void);
void                  bourse_matching_engine_add_account      (BourseMatchingEngine *self,
                                                               const char           *account_id,
                                                               const char           *name,
                                                               const char           *currency,
                                                               double                balance);
gboolean              bourse_matching_engine_has_account      (BourseMatchingEngine *self,
                                                               const char           *account_id);
const char           *bourse_matching_engine_get_account_currency (BourseMatchingEngine *self,
                                                               const char           *account_id);
gint64                bourse_matching_engine_get_time         (BourseMatchingEngine *self);
void                  bourse_matching_engine_set_time         (BourseMatchingEngine *self,
                                                               gint64                now);
void                  bourse_matching_engine_set_quote        (BourseMatchingEngine *self,
                                                               const char           *instrument,
                                                               double                bid,
                                                               double                ask,
                                                               double                last);

char                 *bourse_matching_engine_place_order      (BourseMatchingEngine *self,
                                                               const char           *account_id,
                                                               GHashTable           *fields,
                                                               const char           *request_id,
                                                               GError              **error);
gboolean              bourse_matching_engine_modify_order     (BourseMatchingEngine *self,
                                                               const char           *account_id,
                                                               const char           *order_id,
                                                               GHashTable           *fields,
                                                               GError              **error);
gboolean              bourse_matching_engine_cancel_order     (BourseMatchingEngine *self,
                                                               const char           *account_id,
                                                               const char           *order_id,
                                                               GError              **error);
gboolean              bourse_matching_engine_modify_position  (BourseMatchingEngine *self,
                                                               const char           *account_id,
                                                               const char           *position_id,
                                                               GHashTable           *fields,
                                                               GError              **error);
gboolean              bourse_matching_engine_close_position   (BourseMatchingEngine *self,
                                                               const char           *account_id,
                                                               const char           *position_id,
                                                               GHashTable           *fields,
                                                               GError              **error);

double                bourse_matching_engine_get_pip_value    (BourseMatchingEngine *self,
                                                               const char           *account_id,
                                                               const char           *instrument);
JsonNode             *bourse_matching_engine_dup_instruments  (BourseMatchingEngine *self,
                                                               const char           *account_id,
                                                               GError              **error);
JsonNode             *bourse_matching_engine_dup_orders       (BourseMatchingEngine *self,
                                                               const char           *account_id,
                                                               GError              **error);
JsonNode             *bourse_matching_engine_dup_order        (BourseMatchingEngine *self,
                                                               const char           *account_id,
                                                               const char           *order_id,
                                                               GError              **error);
JsonNode             *bourse_matching_engine_dup_orders_history (BourseMatchingEngine *self,
                                                               const char           *account_id,
                                                               guint                 max_count,
                                                               GError              **error);
JsonNode             *bourse_matching_engine_dup_positions    (BourseMatchingEngine *self,
                                                               const char           *account_id,
                                                               GError              **error);
JsonNode             *bourse_matching_engine_dup_position     (BourseMatchingEngine *self,
                                                               const char           *account_id,
                                                               const char           *position_id,
                                                               GError              **error);
JsonNode             *bourse_matching_engine_dup_executions   (BourseMatchingEngine *self,
                                                               const char           *account_id,
                                                               const char           *instrument,
                                                               guint                 max_count,
                                                               GError              **error);
JsonNode             *bourse_matching_engine_dup_state        (BourseMatchingEngine *self,
                                                               const char           *account_id,
                                                               GError              **error);
JsonNode             *bourse_matching_engine_dup_account_manager_config (void);
JsonNode             *bourse_matching_engine_dup_summary_row_config     (void);

JsonNode             *bourse_matching_engine_serialize        (BourseMatchingEngine *self);
JsonNode             *bourse_matching_engine_take_changes     (BourseMatchingEngine *self);
void                  bourse_matching_engine_forget_changes   (BourseMatchingEngine *self);
gboolean              bourse_matching_engine_restore          (BourseMatchingEngine *self,
                                                               JsonNode             *node,
                                                               GError              **error);

G_END_DECLS
