/* test-chart-history.c — BourseChartHistory: undo, redo, merging, limits
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bourse-chart-history.h"

/* The "chart part" under test: one string that restores record into. */
typedef struct
{
  char  *value;
  guint  n_restores;
  BourseChartHistory *history;
  gboolean restoring_seen;
} Part;

static void
restore_cb (gpointer  target,
            GVariant *state)
{
  Part *part = target;

  g_free (part->value);
  part->value = g_variant_dup_string (state, NULL);
  part->n_restores++;
  part->restoring_seen = bourse_chart_history_is_restoring (part->history);
  /* What a recorder would do when it sees the change: ignored while restoring. */
  bourse_chart_history_push (part->history, "echo", NULL, restore_cb, part,
                             g_variant_new_string ("x"), g_variant_new_string ("y"));
}

static void
change (Part       *part,
        const char *to,
        const char *merge_key)
{
  g_autofree char *from = part->value;

  part->value = g_strdup (to);
  bourse_chart_history_push (part->history, "Change", merge_key, restore_cb, part,
                             g_variant_new_string (from), g_variant_new_string (to));
}

static void
count_notify_cb (guint *count)
{
  (*count)++;
}

static void
test_undo_redo (void)
{
  g_autoptr(BourseChartHistory) history = bourse_chart_history_new (0);
  Part part = { g_strdup ("a"), 0, history, FALSE };
  guint notified = 0;

  g_signal_connect_swapped (history, "notify::can-undo", G_CALLBACK (count_notify_cb), &notified);
  g_assert_false (bourse_chart_history_can_undo (history));
  g_assert_false (bourse_chart_history_undo (history));
  g_assert_false (bourse_chart_history_redo (history));

  change (&part, "b", NULL);
  change (&part, "c", NULL);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (bourse_chart_history_can_undo (history));
  g_assert_cmpstr (bourse_chart_history_get_undo_label (history), ==, "Change");
  g_assert_null (bourse_chart_history_get_redo_label (history));

  g_assert_true (bourse_chart_history_undo (history));
  g_assert_cmpstr (part.value, ==, "b");
  g_assert_true (part.restoring_seen);
  g_assert_false (bourse_chart_history_is_restoring (history));
  g_assert_true (bourse_chart_history_undo (history));
  g_assert_cmpstr (part.value, ==, "a");
  g_assert_false (bourse_chart_history_can_undo (history));
  g_assert_cmpuint (notified, ==, 2);
  g_assert_true (bourse_chart_history_can_redo (history));

  g_assert_true (bourse_chart_history_redo (history));
  g_assert_cmpstr (part.value, ==, "b");
  /* The echo pushed while restoring recorded nothing: redo still reaches "c". */
  g_assert_true (bourse_chart_history_redo (history));
  g_assert_cmpstr (part.value, ==, "c");
  g_assert_false (bourse_chart_history_redo (history));
  g_assert_cmpuint (part.n_restores, ==, 4);

  /* A new change after an undo drops the redo branch. */
  g_assert_true (bourse_chart_history_undo (history));
  change (&part, "z", NULL);
  g_assert_false (bourse_chart_history_can_redo (history));
  g_assert_true (bourse_chart_history_undo (history));
  g_assert_cmpstr (part.value, ==, "b");

  /* No-op changes are not entries. */
  bourse_chart_history_clear (history);
  change (&part, "b", NULL);
  g_assert_false (bourse_chart_history_can_undo (history));
  g_free (part.value);
}

static void
test_merge (void)
{
  g_autoptr(BourseChartHistory) history = bourse_chart_history_new (0);
  Part part = { g_strdup ("a"), 0, history, FALSE };

  /* A drag: many steps, one entry from the first "before" to the last "after". */
  change (&part, "b", "drag:1");
  change (&part, "c", "drag:1");
  change (&part, "d", "drag:1");
  change (&part, "e", "other");
  g_assert_true (bourse_chart_history_undo (history));
  g_assert_cmpstr (part.value, ==, "d");
  g_assert_true (bourse_chart_history_undo (history));
  g_assert_cmpstr (part.value, ==, "a");
  g_assert_false (bourse_chart_history_can_undo (history));

  /* After an undo the same key starts afresh, and so after a seal. */
  g_assert_true (bourse_chart_history_redo (history));
  change (&part, "f", "drag:1");
  g_assert_true (bourse_chart_history_undo (history));
  g_assert_cmpstr (part.value, ==, "d");
  change (&part, "g", "k");
  bourse_chart_history_seal (history);
  change (&part, "h", "k");
  g_assert_true (bourse_chart_history_undo (history));
  g_assert_cmpstr (part.value, ==, "g");

  /* A merged burst back to its start is no entry. */
  bourse_chart_history_clear (history);
  change (&part, "x", "m");
  change (&part, "g", "m");
  g_assert_false (bourse_chart_history_can_undo (history));
  g_free (part.value);
}

static void
test_limit (void)
{
  g_autoptr(BourseChartHistory) history = bourse_chart_history_new (3);
  Part part = { g_strdup ("0"), 0, history, FALSE };
  guint undone = 0;

  for (guint i = 1; i <= 5; i++)
    {
      char v[8];

      g_snprintf (v, sizeof v, "%u", i);
      change (&part, v, NULL);
    }
  while (bourse_chart_history_undo (history))
    undone++;
  g_assert_cmpuint (undone, ==, 3);
  g_assert_cmpstr (part.value, ==, "2");
  g_free (part.value);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Bourse/Chart/History/undo-redo", test_undo_redo);
  g_test_add_func ("/Bourse/Chart/History/merge", test_merge);
  g_test_add_func ("/Bourse/Chart/History/limit", test_limit);
  return g_test_run ();
}
