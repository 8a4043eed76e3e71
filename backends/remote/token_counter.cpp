#include "backends/remote/token_counter.h"

#include <nlohmann/json.hpp>

#include "backends/remote/curl_handles.h"

namespace ys::remote {
namespace {

size_t append_body(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

// The token count in a /tokenize reply: "count" when present, else the length of "tokens".
std::optional<int> count_in(const std::string& body) {
  const nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  const auto count = j.find("count");
  if (count != j.end() && count->is_number_integer()) return count->get<int>();
  const auto tokens = j.find("tokens");
  if (tokens != j.end() && tokens->is_array()) return static_cast<int>(tokens->size());
  return std::nullopt;
}

}  // namespace

int estimate_tokens(const std::string& text) {
  return static_cast<int>((text.size() + 2) / 3);
}

std::string server_root(const std::string& base_url) {
  const std::string v1 = "/v1";
  if (base_url.size() >= v1.size() &&
      base_url.compare(base_url.size() - v1.size(), v1.size(), v1) == 0) {
    return base_url.substr(0, base_url.size() - v1.size());
  }
  return base_url;
}

RemoteTokenCounter::RemoteTokenCounter(bool use_server, std::string root_url, std::string model,
                                       std::vector<std::string> headers, long timeout_ms)
    : use_server_(use_server),
      url_(std::move(root_url) + "/tokenize"),
      model_(std::move(model)),
      headers_(std::move(headers)),
      timeout_ms_(timeout_ms) {}

int RemoteTokenCounter::count(const std::string& text) {
  if (!use_server_ || server_ok_ == false) return estimate_tokens(text);
  const std::optional<int> n = ask_server(text);
  if (!server_ok_) server_ok_ = n.has_value();
  return n.value_or(estimate_tokens(text));
}

std::optional<int> RemoteTokenCounter::ask_server(const std::string& text) const {
  ensure_curl_global_init();
  CurlEasy h(curl_easy_init());
  if (!h) return std::nullopt;
  const std::string body =
      nlohmann::json{{"model", model_}, {"prompt", text}, {"content", text}}.dump(
          -1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::vector<std::string> lines = headers_;
  lines.push_back("Content-Type: application/json");
  CurlSlist header_list = make_slist(lines);
  std::string reply;
  curl_easy_setopt(h.get(), CURLOPT_URL, url_.c_str());
  curl_easy_setopt(h.get(), CURLOPT_POST, 1L);
  curl_easy_setopt(h.get(), CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(h.get(), CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(h.get(), CURLOPT_HTTPHEADER, header_list.get());
  curl_easy_setopt(h.get(), CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(h.get(), CURLOPT_WRITEDATA, &reply);
  curl_easy_setopt(h.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h.get(), CURLOPT_TIMEOUT_MS, timeout_ms_);
  if (curl_easy_perform(h.get()) != CURLE_OK) return std::nullopt;
  long status = 0;
  curl_easy_getinfo(h.get(), CURLINFO_RESPONSE_CODE, &status);
  if (status != 200) return std::nullopt;
  return count_in(reply);
}

}  // namespace ys::remote
