#include "backends/replay/replay_backend.h"

#include <fstream>
#include <unordered_map>

#include "harness/core/hash.h"
#include "harness/core/json_parse.h"
#include "harness/core/request_text.h"

namespace ys {

namespace {

class ReplayBackend final : public Backend {
 public:
  ReplayBackend(std::string identity, std::unordered_map<std::string, Response> answers)
      : identity_(std::move(identity)), answers_(std::move(answers)) {}

  std::string identity() const override { return identity_; }
  bool supports(RequestKind kind) const override { return kind != RequestKind::loglik; }

  void submit(uint64_t ticket, const Request& request) override {
    Completion c{ticket, {}};
    auto it = answers_.find(request_text(request));
    if (it != answers_.end()) {
      c.response = it->second;
    } else {
      c.response.error_kind = ErrorKind::client;
      c.response.error =
          "no recorded answer for prompt starting '" + request_text(request).substr(0, 60) + "'";
    }
    done_.push_back(std::move(c));
  }

  std::vector<Completion> poll(int) override { return std::exchange(done_, {}); }
  void cancel_all() override { done_.clear(); }

 private:
  std::string identity_;
  std::unordered_map<std::string, Response> answers_;
  std::vector<Completion> done_;
};

}  // namespace

Expected<std::unique_ptr<Backend>> make_replay_backend(const ModelSpec& spec,
                                                       const BackendContext&) {
  std::ifstream in(spec.target);
  if (!in) return Error{"cannot open recording '" + spec.target + "'"};
  std::unordered_map<std::string, Response> answers;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string where = spec.target + ":" + std::to_string(line_no);
    auto parsed = parse_json(line);
    if (!parsed) return Error{where + ": not valid JSON (" + parsed.error().message + ")"};
    const Json& j = *parsed;
    if (!j.is_object()) return Error{where + ": not a JSON object"};
    if (!j.contains("prompt") || !j.at("prompt").is_string())
      return Error{where + ": field 'prompt': missing or not a string"};
    if (!j.contains("response") || !j.at("response").is_string())
      return Error{where + ": field 'response': missing or not a string"};
    Response r;
    r.text = j.at("response").get<std::string>();
    r.reasoning = j.value("reasoning", "");
    r.finish_reason = "stop";
    answers[j.at("prompt").get<std::string>()] = std::move(r);
  }
  auto hash = sha256_file(spec.target);
  if (!hash) return hash.error();
  return std::unique_ptr<Backend>(
      std::make_unique<ReplayBackend>("replay|" + *hash, std::move(answers)));
}

}  // namespace ys
