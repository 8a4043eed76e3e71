#include "backends/local/backend/chat_template.h"

#include <utility>

namespace ys {

namespace {

const std::pair<const char*, ChatTemplate> kTemplateNames[] = {
    {"chatml", ChatTemplate::chatml}, {"llama3", ChatTemplate::llama3},
    {"llama2", ChatTemplate::llama2}, {"gemma", ChatTemplate::gemma},
    {"phi3", ChatTemplate::phi3},     {"raw", ChatTemplate::raw},
};

bool contains(const std::string& text, const char* needle) {
  return text.find(needle) != std::string::npos;
}

// Gemma and Llama 2 have no system turn of their own: the system text (after `prefix`, then
// `sep`) opens the first user turn.
std::vector<Message> fold_system(const std::vector<Message>& messages, const std::string& prefix,
                                 const std::string& sep) {
  std::vector<Message> out;
  std::string system;
  for (const Message& m : messages) {
    if (m.role == "system") {
      system += (system.empty() ? "" : "\n\n") + m.content;
      continue;
    }
    Message copy = m;
    if (!system.empty() && m.role == "user") {
      copy.content = prefix + system + sep + m.content;
      system.clear();
    }
    out.push_back(std::move(copy));
  }
  if (!system.empty()) out.push_back({"user", prefix + system + sep});
  return out;
}

}  // namespace

std::optional<ChatTemplate> chat_template_from_name(const std::string& name) {
  for (const auto& [n, t] : kTemplateNames)
    if (name == n) return t;
  return std::nullopt;
}

std::string chat_template_names() {
  std::string out;
  for (const auto& [n, t] : kTemplateNames) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

std::optional<ChatTemplate> detect_chat_template(const std::string& text) {
  if (text.empty()) return ChatTemplate::raw;
  if (contains(text, "<|im_start|>")) return ChatTemplate::chatml;
  if (contains(text, "<|start_header_id|>")) return ChatTemplate::llama3;
  if (contains(text, "<start_of_turn>")) return ChatTemplate::gemma;
  if (contains(text, "<|user|>") && contains(text, "<|end|>")) return ChatTemplate::phi3;
  if (contains(text, "[INST]")) return ChatTemplate::llama2;
  return std::nullopt;
}

std::string render_chat(ChatTemplate tmpl, const std::vector<Message>& messages) {
  std::string out;
  switch (tmpl) {
    case ChatTemplate::chatml:
      for (const auto& m : messages)
        out += "<|im_start|>" + m.role + "\n" + m.content + "<|im_end|>\n";
      return out + "<|im_start|>assistant\n";
    case ChatTemplate::llama3:
      for (const auto& m : messages)
        out += "<|start_header_id|>" + m.role + "<|end_header_id|>\n\n" + m.content + "<|eot_id|>";
      return out + "<|start_header_id|>assistant<|end_header_id|>\n\n";
    case ChatTemplate::llama2: {
      // [INST] user [/INST] answer </s><s>[INST] ... [/INST]; the tokenizer adds the first <s>.
      bool first = true;
      for (const auto& m : fold_system(messages, "<<SYS>>\n", "\n<</SYS>>\n\n")) {
        if (m.role == "user") {
          out += (first ? "" : "<s>") + std::string("[INST] ") + m.content + " [/INST]";
        } else {
          out += " " + m.content + " </s>";
        }
        first = false;
      }
      return out;
    }
    case ChatTemplate::gemma:
      for (const auto& m : fold_system(messages, "", "\n\n")) {
        out += "<start_of_turn>" + std::string(m.role == "assistant" ? "model" : m.role) + "\n" +
               m.content + "<end_of_turn>\n";
      }
      return out + "<start_of_turn>model\n";
    case ChatTemplate::phi3:
      for (const auto& m : messages) out += "<|" + m.role + "|>\n" + m.content + "<|end|>\n";
      return out + "<|assistant|>\n";
    case ChatTemplate::raw:
      for (const auto& m : messages) out += m.content + "\n\n";
      return out;
  }
  return out;
}

}  // namespace ys
