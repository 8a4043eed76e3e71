// The four Arena-Hard style-control features of one battle row, from the answers' metadata:
//   length: (len_m - len_b) / (len_m + len_b)
//   headers, lists, bold: with density d = count / (token_len + 1),  (d_m - d_b) / (d_m + d_b + 1)
// (counts summed over their sub-keys, code blocks removed before counting). A 0/0 length feature
// is 0. Standardise the resulting columns with stats::standardize_columns. Pure, thread-safe.
#pragma once

#include <array>

namespace ys::arena {

struct StyleNumbers {
  double token_len = 0.0;
  double headers = 0.0;
  double lists = 0.0;
  double bold = 0.0;
};

inline constexpr int kStyleFeatureCount = 4;
inline constexpr std::array<const char*, kStyleFeatureCount> kStyleFeatureNames = {
    "length", "headers", "lists", "bold"};

std::array<double, kStyleFeatureCount> style_features(const StyleNumbers& model,
                                                      const StyleNumbers& baseline);

}  // namespace ys::arena
