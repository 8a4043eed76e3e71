#include "judge/arena/style_features.h"

namespace ys::arena {
namespace {

double density_feature(double count_m, double len_m, double count_b, double len_b) {
  double dm = count_m / (len_m + 1.0);
  double db = count_b / (len_b + 1.0);
  return (dm - db) / (dm + db + 1.0);
}

}  // namespace

std::array<double, kStyleFeatureCount> style_features(const StyleNumbers& m,
                                                      const StyleNumbers& b) {
  double len_sum = m.token_len + b.token_len;
  return {len_sum != 0.0 ? (m.token_len - b.token_len) / len_sum : 0.0,
          density_feature(m.headers, m.token_len, b.headers, b.token_len),
          density_feature(m.lists, m.token_len, b.lists, b.token_len),
          density_feature(m.bold, m.token_len, b.bold, b.token_len)};
}

}  // namespace ys::arena
