/* bourse-session.h — one broker connection: demo broker or saved server, client, store, state
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window follows the session's "store" property; a new connection makes
 * a new store, so nothing of the previous broker leaks into the next one.
 */
#pragma once

#include <gio/gio.h>

#include "bourse-settings.h"
#include "bourse-market-data.h"
#include "bourse-store.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_SESSION (bourse_session_get_type ())

G_DECLARE_FINAL_TYPE (BourseSession, bourse_session, BOURSE, SESSION, GObject)

BourseSession        *bourse_session_new               (BourseSettings *settings);
BourseSettings       *bourse_session_get_settings      (BourseSession  *self);
BourseBrokerStore    *bourse_session_get_store         (BourseSession  *self);
BourseBrokerClient   *bourse_session_get_client        (BourseSession  *self);
BourseConnectionState bourse_session_get_state         (BourseSession  *self);
const char           *bourse_session_get_status_text   (BourseSession  *self);
BourseMarketData     *bourse_session_get_market_data  (BourseSession  *self);
const char           *bourse_session_get_title         (BourseSession  *self);
const char           *bourse_session_get_demo_uri      (BourseSession  *self);

void                  bourse_session_connect_active    (BourseSession  *self);
void                  bourse_session_connect_demo      (BourseSession  *self);
void                  bourse_session_connect_saved     (BourseSession  *self,
                                                        const char     *connection_id,
                                                        const char     *password);
void                  bourse_session_connect_url       (BourseSession  *self,
                                                        const char     *title,
                                                        const char     *base_url,
                                                        const char     *login,
                                                        const char     *password,
                                                        const char     *account_id);
void                  bourse_session_disconnect        (BourseSession  *self);
void                  bourse_session_reconnect         (BourseSession  *self);
void                  bourse_session_switch_account    (BourseSession  *self,
                                                        const char     *account_id);

gboolean              bourse_session_check_base_url    (const char     *base_url,
                                                        gboolean        allow_insecure,
                                                        GError        **error);

G_END_DECLS
