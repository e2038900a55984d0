/* fuzz-common.h — what every libFuzzer harness in tests/fuzz shares
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GLib critical is a bug the fuzzer found (a g_return_if_fail hit by input
 * that the code before it let through), so criticals abort like a crash does.
 * Input arrives as bytes: fuzz_text() gives a NUL-terminated copy.
 */
#pragma once

#include <glib.h>
#include <stdint.h>
#include <stddef.h>
#include <string.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static inline void
fuzz_init_glib (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR | G_LOG_FATAL_MASK);
  /* g_debug and g_message from the code under test are noise at a million runs. */
  g_log_set_handler (NULL, G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO | G_LOG_LEVEL_MESSAGE,
                     g_log_default_handler, NULL);
  g_setenv ("G_MESSAGES_DEBUG", "", TRUE);
}

static inline char *
fuzz_text (const uint8_t *data,
           size_t         size)
{
  char *text = g_malloc (size + 1);

  memcpy (text, data, size);
  text[size] = '\0';
  return text;
}
