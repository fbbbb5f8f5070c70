/* The head of the hand-worked scenarios of test-joint.c and test-optimise.c:
 * one year in 2024 prices with no optimism bias, so DF = 1 and costs are as
 * spent. */
#pragma once

#define ONE_YEAR_SCENARIO_HEAD                                                                                      \
  "study: study.yaml\n"                                                                                             \
  "benefits: benefits.yaml\n"                                                                                       \
  "appraisal:\n"                                                                                                    \
  "  price_base_year: 2024\n"                                                                                       \
  "  first_year: 2024\n"                                                                                            \
  "  horizon_years: 1\n"                                                                                            \
  "  optimism_bias: {value: 0, source: test}\n"                                                                     \
  "  benefit_optimism_bias: {A: {value: 0, source: test}}\n"
