#include "backends/replay/replay_backend.h"

#include <fstream>
#include <unordered_map>

#include "harness/core/hash.h"
#include "harness/core/jsonl.h"
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
  Status st = for_each_jsonl_line(in, spec.target, [&](const Json& j, const JsonlWhere& where) {
    if (!j.is_object()) return Status{Error{where.str() + ": not a JSON object"}};
    for (const char* key : {"prompt", "response"}) {
      if (!j.contains(key) || !j.at(key).is_string())
        return Status{Error{where.at(key) + ": missing or not a string"}};
    }
    Response r;
    r.text = j.at("response").get<std::string>();
    r.reasoning = j.value("reasoning", "");
    r.finish_reason = "stop";
    answers[j.at("prompt").get<std::string>()] = std::move(r);
    return ok_status();
  });
  if (!st) return st.error();
  auto hash = sha256_file(spec.target);
  if (!hash) return hash.error();
  return std::unique_ptr<Backend>(
      std::make_unique<ReplayBackend>("replay|" + *hash, std::move(answers)));
}

}  // namespace ys
