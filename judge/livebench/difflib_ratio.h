// Python difflib's SequenceMatcher.ratio() and get_close_matches(word, possibilities, n=1,
// cutoff=0.0), over code points, with difflib's defaults (no junk function, autojunk on: in a
// second sequence of 200 or more elements, elements occurring more than 1% + 1 times are
// "popular" and only extend matches). LiveBench's plot_unscrambling scorer relies on both.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ys::livebench {

// SequenceMatcher(None, a, b).ratio(): 2 * matched / (len(a) + len(b)).
double sequence_ratio(std::string_view a, std::string_view b);

// Index into `possibilities` of get_close_matches(word, possibilities, n=1, cutoff=0.0)[0]
// (highest ratio; ties go to the greater string, as heapq.nlargest on (ratio, string) does),
// or nullopt when `possibilities` is empty. The first index holding that string.
std::optional<size_t> closest_match(std::string_view word,
                                    const std::vector<std::string>& possibilities);

}  // namespace ys::livebench
