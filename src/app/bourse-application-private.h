/* bourse-application-private.h — BourseApplication's instance struct, shared with bourse-application-scripting.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bourse-application.h"
#include "bourse-session.h"
#include "bourse-window.h"

G_BEGIN_DECLS

typedef struct _BourseConnectRequest BourseConnectRequest;

struct _BourseApplication
{
  AdwApplication      parent_instance;

  /* owned */
  BourseSettings     *settings;
  BourseAlertManager *alert_manager;
  BourseSession      *session;          /* outlives windows: alerts need quotes */
  BourseBrokerStore  *fed_store;        /* the store {{exchange}} was asked of */
  GCancellable       *symbol_info_cancellable; /* the fed store's /symbol_info request */
  guint               n_notifications;  /* desktop notifications sent */
  BourseConnectRequest *connect_request; /* the `bourse --connect` login under way */

  guint               held_for_alerts : 1;
};

/* The terminal window scripts act on: the active one, else any, else a new
 * one (connected to the active connection when @connect_active). */
BourseWindow *_bourse_application_get_terminal            (BourseApplication    *self,
                                                           gboolean              connect_active);
void          _bourse_application_add_scripting_actions   (BourseApplication    *self);
void          _bourse_application_add_command_line_options (BourseApplication   *self);
/* -1 to go on, else the exit status of this process */
int           _bourse_application_handle_connect_option   (BourseApplication    *self,
                                                           GVariantDict         *options);
void          _bourse_connect_request_free                (BourseConnectRequest *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BourseConnectRequest, _bourse_connect_request_free)

G_END_DECLS
