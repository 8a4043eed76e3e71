#include "harness/core/hash.h"

#include <openssl/evp.h>

#include <fstream>
#include <vector>

namespace ys {

struct Sha256::Impl {
  EVP_MD_CTX* ctx = nullptr;
};

namespace {
// Fetched once: initialising a digest from EVP_sha256() looks the algorithm up in OpenSSL's
// provider tables on every call, which costs more than hashing a short request.
const EVP_MD* sha256_md() {
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  YS_ASSERT(md != nullptr, "OpenSSL has no SHA256");
  return md;
}
}  // namespace

Sha256::Sha256() : impl_(new Impl) {
  impl_->ctx = EVP_MD_CTX_new();
  YS_ASSERT(impl_->ctx != nullptr, "EVP_MD_CTX_new failed");
  EVP_DigestInit_ex(impl_->ctx, sha256_md(), nullptr);
}

Sha256::~Sha256() {
  EVP_MD_CTX_free(impl_->ctx);
  delete impl_;
}

void Sha256::update(std::string_view data) {
  EVP_DigestUpdate(impl_->ctx, data.data(), data.size());
}

std::string Sha256::hex_digest() {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(impl_->ctx, md, &len);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(kHex[md[i] >> 4]);
    out.push_back(kHex[md[i] & 15]);
  }
  return out;
}

std::string sha256_hex(std::string_view data) {
  Sha256 h;
  h.update(data);
  return h.hex_digest();
}

Expected<std::string> sha256_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"cannot open '" + path + "' for hashing"};
  Sha256 h;
  std::vector<char> buf(1 << 20);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    h.update(std::string_view(buf.data(), static_cast<size_t>(in.gcount())));
  }
  if (in.bad()) return Error{"read error while hashing '" + path + "'"};
  return h.hex_digest();
}

std::string request_key(const std::string& backend_identity, const Request& request) {
  return request_key_of_json(backend_identity, canonical_json(request));
}

std::string request_key_of_json(const std::string& backend_identity,
                                std::string_view request_json) {
  Sha256 h;
  h.update(backend_identity);
  h.update(std::string_view("\n", 1));
  h.update(request_json);
  return h.hex_digest();
}

}  // namespace ys
