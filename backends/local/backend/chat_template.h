// Chat templates of the `local:` backend: how a GGUF model's chat messages become prompt text.
// yardstick renders the common families itself instead of running the GGUF's Jinja template;
// docs/engine-backend.md lists them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/core/types.h"

namespace ys {

enum class ChatTemplate { raw, chatml, llama3, llama2, gemma, phi3 };

// The family of a GGUF's tokenizer.chat_template text, from markers in it: `<|im_start|>` ->
// chatml, `<|start_header_id|>` -> llama3, `<start_of_turn>` -> gemma, `<|user|>` with `<|end|>`
// -> phi3, `[INST]` -> llama2 (Llama 2 and Mistral). An empty text (base models) -> raw; any other
// text -> nullopt (chat requests then fail with a message suggesting the chat_template option).
std::optional<ChatTemplate> detect_chat_template(const std::string& gguf_template_text);

// "chatml", "llama3", "llama2", "gemma", "phi3", "raw" -> the template; nullopt otherwise.
std::optional<ChatTemplate> chat_template_from_name(const std::string& name);
std::string chat_template_names();  // the names above, comma-separated

// Renders messages as the prompt text (with control tokens as text) and the assistant header.
// raw: the messages' contents joined by "\n\n" followed by "\n\n". gemma and llama2 have no
// system turn: system text opens the first user turn (llama2 inside <<SYS>> ... <</SYS>>).
std::string render_chat(ChatTemplate tmpl, const std::vector<Message>& messages);

}  // namespace ys
