/* bourse-application.h — the Bourse application: actions, style, background alerts
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bourse-alert-manager.h"
#include "bourse-settings.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_APPLICATION (bourse_application_get_type ())

G_DECLARE_FINAL_TYPE (BourseApplication, bourse_application, BOURSE, APPLICATION, AdwApplication)

BourseApplication  *bourse_application_new               (void);
BourseSettings     *bourse_application_get_settings      (BourseApplication *self);
BourseAlertManager *bourse_application_get_alert_manager (BourseApplication *self);
gboolean            bourse_application_notify            (BourseApplication    *self,
                                                          const char           *id,
                                                          const char           *title,
                                                          const char           *body,
                                                          GNotificationPriority priority);
guint               bourse_application_get_n_notifications (BourseApplication *self);

G_END_DECLS
