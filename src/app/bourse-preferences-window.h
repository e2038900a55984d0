/* bourse-preferences-window.h — appearance, trading and broker connections
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bourse-session.h"
#include "bourse-settings.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_PREFERENCES_WINDOW (bourse_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (BoursePreferencesWindow, bourse_preferences_window, BOURSE, PREFERENCES_WINDOW, AdwPreferencesWindow)

BoursePreferencesWindow *bourse_preferences_window_new (BourseSettings *settings,
                                                        BourseSession  *session);

G_END_DECLS
