// Sentence counting as IFEval's count_sentences does it: NLTK's Punkt sentence tokenizer with
// its pretrained English model (nltk.data.load("tokenizers/punkt/english.pickle"), or punkt_tab
// in NLTK >= 3.8.2: the same parameters).
//
// The algorithm (candidate contexts, word tokens, the first and second annotation passes, the
// boundary realignment) follows NLTK's punkt.py. The trained English parameters are not
// available here, so the abbreviation list and the sentence starters are a hand-written subset
// and the orthographic context is empty: after an abbreviation, an ellipsis, an initial or a
// number, a break is decided as Punkt decides it for a word it never saw in training. Differences
// this causes on LiveBench's data are listed in docs/suites/livebench.md. Thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace ys::livebench {

// len(PunktSentenceTokenizer.tokenize(text)) for the English model.
size_t punkt_count_sentences(std::string_view text);

}  // namespace ys::livebench
