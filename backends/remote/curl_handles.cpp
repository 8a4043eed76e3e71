#include "backends/remote/curl_handles.h"

#include <mutex>

#include "harness/core/expected.h"

namespace ys::remote {

void ensure_curl_global_init() {
  static std::once_flag once;
  std::call_once(once, [] {
    CURLcode rc = curl_global_init(CURL_GLOBAL_DEFAULT);
    YS_ASSERT(rc == CURLE_OK, "curl_global_init failed");
  });
}

CurlSlist make_slist(const std::vector<std::string>& lines) {
  CurlSlist list;
  for (const auto& line : lines) {
    curl_slist* grown = curl_slist_append(list.get(), line.c_str());
    YS_ASSERT(grown != nullptr, "curl_slist_append: out of memory");
    (void)list.release();  // curl_slist_append returns the same head; keep a single owner
    list.reset(grown);
  }
  return list;
}

}  // namespace ys::remote
