// Token choice for the `local:` backend, over one row of logits (n_vocab floats): greedy, the
// log-probability of a given token, and temperature sampling with top-k / top-p. Pure functions;
// the caller owns the random generator.
#pragma once

#include <random>

#include "harness/core/types.h"

namespace ys::sampling {

// The id of the largest logit; the lowest id wins a tie.
int argmax(const float* row, int n);

// log_softmax(row)[id], computed in double.
double log_prob(const float* row, int n, int id);

// Samples an id at p.temperature (which must be set and > 0), keeping only the top_k most likely
// ids when top_k > 0, then the smallest prefix whose probability reaches top_p when 0 < top_p < 1.
int sample(const float* row, int n, const GenParams& p, std::mt19937_64& rng);

}  // namespace ys::sampling
