/* test-dom-ladder.c — the depth of market's column titles stay in view while its rows scroll to the spread
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real window on the in-process demo broker, the trading panel open,
 * in a 1280×720 window: the ladder is shorter than its rows and scrolls to
 * keep the spread in the middle. Its "Bid", "Price", "Ask" and "Mine"
 * titles must still be wholly on screen: inside the ladder and inside
 * every scrolled window around them.
 */
#include "config.h"

#include "bourse-test-terminal.h"

typedef BourseTestTerminal Terminal;

static GtkLabel *
find_label (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(GPtrArray) labels = bourse_test_list_descendants (widget, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_label (labels->pdata[i]), text) == 0)
      return labels->pdata[i];
  g_error ("no label “%s”", text);
  return NULL;
}

/* @widget lies wholly inside @area (both allocated, same window). */
static void
assert_inside (GtkWidget *widget,
               GtkWidget *area)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, area, &bounds));
  g_test_message ("%s: %s at y %.0f..%.0f in %s of height %d", gtk_label_get_label (GTK_LABEL (widget)),
                  G_OBJECT_TYPE_NAME (widget), bounds.origin.y, bounds.origin.y + bounds.size.height,
                  G_OBJECT_TYPE_NAME (area), gtk_widget_get_height (area));
  g_assert_cmpfloat (bounds.size.height, >, 0);
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (area));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (area));
}

static void
test_header_in_view (gconstpointer data)
{
  Terminal *t = (Terminal *) data;
  GtkWidget *ladder = GTK_WIDGET (t->window->dom_ladder);
  static const char *titles[] = { "Bid", "Price", "Ask", "Mine" };
  GtkWidget *scroll;
  GtkAdjustment *adjustment;

  WAIT_UNTIL (bourse_test_is_live (t), 40);
  _bourse_window_show_panel (t->window, "trading");
  gtk_window_set_default_size (GTK_WINDOW (t->window), 1280, 720);
  WAIT_UNTIL (bourse_dom_ladder_get_n_levels (t->window->dom_ladder) > 0, 30);
  WAIT_UNTIL (gtk_widget_get_mapped (ladder) && gtk_widget_get_height (GTK_WIDGET (t->window)) <= 720, 15);

  /* The rows do not all fit: they scroll (to the spread). */
  scroll = bourse_test_find_descendant (ladder, GTK_TYPE_SCROLLED_WINDOW, 0);
  g_assert_nonnull (scroll);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroll));
  g_test_message ("window %d×%d, ladder rows %.0f px in %.0f", gtk_widget_get_width (GTK_WIDGET (t->window)), gtk_widget_get_height (GTK_WIDGET (t->window)), gtk_adjustment_get_upper (adjustment), gtk_adjustment_get_page_size (adjustment));
  WAIT_UNTIL (gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment) &&
              gtk_adjustment_get_value (adjustment) > 0, 15);
  bourse_test_wait_for_frame (ladder);
  bourse_test_wait_idle ();

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      GtkWidget *label = GTK_WIDGET (find_label (ladder, titles[i]));

      g_assert_true (gtk_widget_get_mapped (label));
      assert_inside (label, ladder);
      for (GtkWidget *area = gtk_widget_get_ancestor (label, GTK_TYPE_SCROLLED_WINDOW); area != NULL;
           area = gtk_widget_get_ancestor (gtk_widget_get_parent (area), GTK_TYPE_SCROLLED_WINDOW))
        assert_inside (label, area);
    }
  bourse_test_save_screenshot (ladder, "dom-ladder-header.png");
}

int
main (int   argc,
      char *argv[])
{
  static const BourseTestTerminalCase cases[] = {
    { "/Bourse/UI/DomLadder/header-in-view", test_header_in_view },
  };

  return bourse_test_terminal_main (&argc, &argv, FALSE, cases, G_N_ELEMENTS (cases));
}
