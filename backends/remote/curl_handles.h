// RAII owners for libcurl handles. Internal to backends/remote: this is the only header of the
// project that includes <curl/curl.h>, and no public header includes it.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>
#include <vector>

namespace ys::remote {

struct CurlEasyDeleter {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct CurlMultiDeleter {
  void operator()(CURLM* h) const { curl_multi_cleanup(h); }
};
struct CurlSlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;
using CurlMulti = std::unique_ptr<CURLM, CurlMultiDeleter>;
using CurlSlist = std::unique_ptr<curl_slist, CurlSlistDeleter>;

// curl_global_init exactly once per process (thread-safe); call before creating any handle.
void ensure_curl_global_init();

// Builds a header list; an empty vector gives a null list.
CurlSlist make_slist(const std::vector<std::string>& lines);

}  // namespace ys::remote
