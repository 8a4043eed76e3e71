// Reasoning models served through plain chat APIs often put their chain of thought in
// <think>...</think> blocks inside the answer. This moves it out, so scorers see only the answer.
#pragma once

#include <string>

namespace ys::remote {

// Removes every <think>...</think> block from text and appends its inner text to reasoning
// (blocks separated by "\n"). An unclosed <think> takes the rest of the text. A lone </think> with
// no opening tag (templates that open the block in the prompt) ends a reasoning prefix.
// Surrounding whitespace of the remaining answer is trimmed when a block was removed.
void split_think_blocks(std::string& text, std::string& reasoning);

}  // namespace ys::remote
