/* broker-test-client.h — a blocking HTTP client for the demo broker tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The broker under test runs in its own thread (or process), so the tests
 * can use synchronous libsoup calls from the test thread.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  SoupSession *session;
  char        *base;
  char        *token;
} TestClient;

TestClient   *test_client_new          (const char  *base);
void          test_client_free         (TestClient  *client);
void          test_client_login        (TestClient  *client,
                                        const char  *login,
                                        const char  *password);
JsonNode     *test_client_request      (TestClient  *client,
                                        const char  *method,
                                        const char  *path,
                                        guint       *status,
                                        ...) G_GNUC_NULL_TERMINATED;
JsonNode     *test_client_request_v    (TestClient  *client,
                                        const char  *method,
                                        const char  *path,
                                        guint       *status,
                                        GHashTable  *form);
JsonNode     *test_client_ok           (TestClient  *client,
                                        const char  *method,
                                        const char  *path,
                                        ...) G_GNUC_NULL_TERMINATED;
char         *test_client_error        (TestClient  *client,
                                        const char  *method,
                                        const char  *path,
                                        ...) G_GNUC_NULL_TERMINATED;
GInputStream *test_client_open_stream  (TestClient  *client,
                                        const char  *path,
                                        guint       *status);
char         *test_read_line           (GDataInputStream *input);

const char   *test_member_string       (JsonNode    *object,
                                        const char  *member);
double        test_member_double       (JsonNode    *object,
                                        const char  *member);
JsonNode     *test_find_by_id          (JsonNode    *array,
                                        const char  *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestClient, test_client_free)

G_END_DECLS
