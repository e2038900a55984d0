/* test-study-metadata.c — every study describes itself completely, and its description agrees with the parser
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Indicators dialog, its settings form and the legends are built from this
 * metadata alone, so a study with a missing name, an input without range or a
 * default the parser would refuse is a bug the user meets.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bourse-indicator.h"

static void
test_complete (void)
{
  const BourseIndicatorInfo *studies = bourse_indicator_list_studies ();
  guint n_studies = 0;
  gboolean category_used[BOURSE_INDICATOR_N_CATEGORIES] = { FALSE };

  for (guint i = 0; studies[i].name != NULL; i++, n_studies++)
    {
      const BourseIndicatorInfo *info = &studies[i];
      guint n_outputs = bourse_indicator_info_get_n_outputs (info);
      gboolean has_upper = FALSE;

      g_test_message ("study %s", info->name);
      g_assert_true (bourse_indicator_find_study (info->name) != NULL);
      g_assert_nonnull (info->title);
      g_assert_cmpuint (strlen (info->title), >, 3);
      g_assert_nonnull (info->short_title);
      g_assert_cmpuint (strlen (info->short_title), >, 1);
      /* words, not the spec's code: "RSI", never "rsi" */
      g_assert_cmpstr (info->short_title, !=, info->name);
      for (const char *c = info->short_title; *c; c++)
        has_upper |= g_ascii_isupper (*c);
      g_assert_true (has_upper);
      g_assert_cmpint (info->category, >, BOURSE_INDICATOR_CATEGORY_NONE);
      g_assert_cmpint (info->category, <, BOURSE_INDICATOR_N_CATEGORIES);
      g_assert_nonnull (bourse_indicator_category_get_title (info->category));
      category_used[info->category] = TRUE;
      g_assert_cmpint (info->precision, >=, BOURSE_INDICATOR_PRECISION_PRICE);
      g_assert_cmpint (info->precision, <=, 8);

      g_assert_cmpuint (n_outputs, >=, 1);
      g_assert_cmpuint (n_outputs, <=, BOURSE_INDICATOR_MAX_OUTPUTS);
      for (guint o = 0; o < BOURSE_INDICATOR_MAX_OUTPUTS; o++)
        {
          if (o >= n_outputs)
            {
              g_assert_null (info->plots[o].label);
              continue;
            }
          g_assert_nonnull (bourse_indicator_info_get_output_name (info, o));
          g_assert_nonnull (info->plots[o].label);
          g_assert_cmpuint (strlen (info->plots[o].label), >, 0);
          g_assert_cmpuint (info->plots[o].color, <=, 0xffffff);
          g_assert_cmpuint (info->plots[o].color, !=, 0);
        }
      if (info->has_band)
        {
          g_assert_cmpuint (info->band_upper, <, n_outputs);
          g_assert_cmpuint (info->band_lower, <, n_outputs);
          g_assert_cmpuint (info->band_upper, !=, info->band_lower);
        }
      g_assert_cmpuint (info->n_levels, <=, BOURSE_INDICATOR_MAX_LEVELS);
      for (guint k = 1; k < info->n_levels; k++)
        g_assert_cmpfloat (info->levels[k - 1].value, >, info->levels[k].value);  /* top to bottom */
      if (info->level_fill)
        g_assert_cmpuint (info->n_levels, >=, 2);
    }
  g_assert_cmpuint (n_studies, >=, 21);
  for (guint c = BOURSE_INDICATOR_CATEGORY_NONE + 1; c < BOURSE_INDICATOR_N_CATEGORIES; c++)
    g_assert_true (category_used[c]);
}

/* Inputs: labelled, ranged, and the defaults, the bounds and one step beyond
 * them treated by the parser as the metadata says. */
static void
test_inputs_agree_with_parser (void)
{
  const BourseIndicatorInfo *studies = bourse_indicator_list_studies ();
  char buf[BOURSE_FORMAT_NUMBER_BUF_SIZE];

  for (guint i = 0; studies[i].name != NULL; i++)
    {
      const BourseIndicatorInfo *info = &studies[i];
      guint n = bourse_indicator_info_get_n_inputs (info);
      g_autoptr(GString) defaults = g_string_new (NULL);
      g_autoptr(BourseIndicator) bare = NULL;
      g_autoptr(BourseIndicator) full = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *full_spec = NULL;

      g_test_message ("study %s", info->name);
      for (guint p = 0; p < n; p++)
        {
          const BourseIndicatorInput *in = bourse_indicator_info_get_input (info, p);

          g_assert_nonnull (in->label);
          g_assert_cmpuint (strlen (in->label), >, 1);
          g_assert_cmpfloat (in->min, <, in->max);
          g_assert_cmpfloat (in->fallback, >=, in->min);
          g_assert_cmpfloat (in->fallback, <=, in->max);
          g_assert_cmpfloat (in->step, >, 0);
          if (in->integer)
            {
              g_assert_cmpuint (in->digits, ==, 0);
              g_assert_cmpfloat (in->step, ==, floor (in->step));
              g_assert_cmpfloat (in->fallback, ==, floor (in->fallback));
            }
          else
            /* the spin button can show the default and the smallest value */
            g_assert_cmpfloat (fabs (in->fallback * pow (10, in->digits) - round (in->fallback * pow (10, in->digits))), <, 1e-9);
          if (p > 0)
            g_string_append_c (defaults, ',');
          g_string_append (defaults, bourse_format_number (buf, in->fallback, 10));
        }
      /* the defaults string is the inputs' defaults */
      g_assert_cmpstr (info->defaults, ==, defaults->str);

      bare = bourse_indicator_new_from_spec (info->name, &error);
      g_assert_no_error (error);
      full_spec = n > 0 ? g_strdup_printf ("%s:%s", info->name, info->defaults) : g_strdup (info->name);
      full = bourse_indicator_new_from_spec (full_spec, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (bourse_indicator_get_spec (bare), ==, bourse_indicator_get_spec (full));
      g_assert_cmpuint (bourse_indicator_get_n_params (bare), ==, n);
      g_assert_cmpuint (bourse_indicator_get_n_outputs (bare), ==, bourse_indicator_info_get_n_outputs (info));
      for (guint p = 0; p < n; p++)
        g_assert_cmpfloat (bourse_indicator_get_param (bare, p), ==, bourse_indicator_info_get_input (info, p)->fallback);

      /* each input alone at its bounds and a step past them */
      for (guint p = 0; p < n; p++)
        {
          const BourseIndicatorInput *in = bourse_indicator_info_get_input (info, p);
          double params[BOURSE_INDICATOR_MAX_INPUTS];
          double probes[] = { in->min, in->max, in->min - in->step, in->max + in->step };

          for (guint k = 0; k < G_N_ELEMENTS (probes); k++)
            {
              g_autofree char *spec = NULL;
              g_autoptr(GError) range_error = NULL;
              gboolean inside = k < 2;

              for (guint q = 0; q < n; q++)
                params[q] = bourse_indicator_info_get_input (info, q)->fallback;
              params[p] = probes[k];
              spec = bourse_indicator_info_build_spec (info, params, n, &range_error);
              if (!inside)
                {
                  g_assert_null (spec);
                  g_assert_error (range_error, BOURSE_INDICATOR_ERROR, BOURSE_INDICATOR_ERROR_PARAMETER);
                  /* the message names the input in words */
                  g_assert_nonnull (strstr (range_error->message, in->label));
                }
              else if (spec == NULL)
                {
                  g_test_message ("%s", range_error->message);
                  /* a bound the cross-check refuses (MACD fast ≥ slow), never the range */
                  g_assert_null (strstr (range_error->message, " between "));
                }
            }
        }
    }
}

static void
test_levels_and_precision (void)
{
  struct { const char *name; double levels[2]; int precision; } expected[] = {
    { "rsi",      { 70, 30 },    2 },
    { "stoch",    { 80, 20 },    2 },
    { "stochrsi", { 80, 20 },    2 },
    { "cci",      { 100, -100 }, 2 },
    { "willr",    { -20, -80 },  2 },
    { "mfi",      { 80, 20 },    2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const BourseIndicatorInfo *info = bourse_indicator_find_study (expected[i].name);
      guint found = 0;

      g_assert_nonnull (info);
      g_assert_cmpint (info->precision, ==, expected[i].precision);
      g_assert_true (info->level_fill);
      for (guint k = 0; k < info->n_levels; k++)
        if (info->levels[k].visible &&
            (info->levels[k].value == expected[i].levels[0] || info->levels[k].value == expected[i].levels[1]))
          found++;
      g_assert_cmpuint (found, ==, 2);
    }
  /* price-based studies follow the symbol; volume has no decimals */
  g_assert_cmpint (bourse_indicator_find_study ("sma")->precision, ==, BOURSE_INDICATOR_PRECISION_PRICE);
  g_assert_cmpint (bourse_indicator_find_study ("bb")->precision, ==, BOURSE_INDICATOR_PRECISION_PRICE);
  g_assert_cmpint (bourse_indicator_find_study ("atr")->precision, ==, BOURSE_INDICATOR_PRECISION_PRICE);
  g_assert_cmpint (bourse_indicator_find_study ("obv")->precision, ==, 0);
  g_assert_cmpint (bourse_indicator_find_study ("vma")->precision, ==, 0);
  /* found by name whatever the case, as specs are */
  g_assert_true (bourse_indicator_find_study ("RSI") == bourse_indicator_find_study ("rsi"));
  g_assert_null (bourse_indicator_find_study ("nope"));
}

static void
test_labels_in_words (void)
{
  struct { const char *spec; const char *label; } cases[] = {
    { "bb:20,2", "Bollinger Bands 20 2" },
    { "bb", "Bollinger Bands 20 2" },
    { "rsi:14", "RSI 14" },
    { "rsi:21", "RSI 21" },
    { "macd", "MACD 12 26 9" },
    { "obv", "OBV" },
    { "vwap", "VWAP" },                    /* session seconds are not for the legend */
    { "psar", "Parabolic SAR 0.02 0.2" },
    { "kc:20,1.5,10", "Keltner Channels 20 1.5 10" },
    { "stochrsi", "Stoch RSI 14 14 3 3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BourseIndicator) ind = bourse_indicator_new_from_spec (cases[i].spec, &error);
      g_autofree char *label = NULL;

      g_assert_no_error (error);
      label = bourse_indicator_format_label (ind);
      g_assert_cmpstr (label, ==, cases[i].label);
    }
}

static void
test_build_spec (void)
{
  const BourseIndicatorInfo *rsi = bourse_indicator_find_study ("rsi");
  const BourseIndicatorInfo *macd = bourse_indicator_find_study ("macd");
  const BourseIndicatorInfo *bb = bourse_indicator_find_study ("bb");
  double p21[] = { 21 }, p0[] = { 0 }, frac[] = { 14.5 };
  double bad_macd[] = { 26, 12, 9 }, bbp[] = { 20, 2.5 };
  g_autoptr(GError) error = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *spec_bb = NULL;

  spec = bourse_indicator_info_build_spec (rsi, p21, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (spec, ==, "rsi:21");
  spec_bb = bourse_indicator_info_build_spec (bb, bbp, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (spec_bb, ==, "bb:20,2.5");
  g_assert_null (bourse_indicator_info_build_spec (rsi, p0, 1, &error));
  g_assert_error (error, BOURSE_INDICATOR_ERROR, BOURSE_INDICATOR_ERROR_PARAMETER);
  g_clear_error (&error);
  g_assert_null (bourse_indicator_info_build_spec (rsi, frac, 1, &error));
  g_assert_error (error, BOURSE_INDICATOR_ERROR, BOURSE_INDICATOR_ERROR_PARAMETER);
  g_clear_error (&error);
  g_assert_null (bourse_indicator_info_build_spec (macd, bad_macd, 3, &error));
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/Studies/Metadata/complete", test_complete);
  g_test_add_func ("/Bourse/Studies/Metadata/inputs-agree-with-parser", test_inputs_agree_with_parser);
  g_test_add_func ("/Bourse/Studies/Metadata/levels-and-precision", test_levels_and_precision);
  g_test_add_func ("/Bourse/Studies/Metadata/labels-in-words", test_labels_in_words);
  g_test_add_func ("/Bourse/Studies/Metadata/build-spec", test_build_spec);

  return g_test_run ();
}
