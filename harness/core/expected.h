// Expected<T>: a value or an Error, for failures that cross a component boundary as values
// (STYLE: exceptions stay inside a component). C++20 has no std::expected, so this is a small one.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <variant>

namespace ys {

struct Error {
  std::string message;
};

// Always-on invariant check: prints the message and aborts. For programmer errors only.
#define YS_ASSERT(cond, msg)                                                                      \
  do {                                                                                            \
    if (!(cond)) {                                                                                \
      std::fprintf(stderr, "%s:%d: assertion failed: %s (%s)\n", __FILE__, __LINE__, #cond, msg); \
      std::abort();                                                                               \
    }                                                                                             \
  } while (0)

template <typename T>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Expected(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    YS_ASSERT(ok(), "Expected::value() on an error");
    return std::get<0>(v_);
  }
  const T& value() const& {
    YS_ASSERT(ok(), "Expected::value() on an error");
    return std::get<0>(v_);
  }
  T&& value() && {
    YS_ASSERT(ok(), "Expected::value() on an error");
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    YS_ASSERT(!ok(), "Expected::error() on a value");
    return std::get<1>(v_);
  }

 private:
  std::variant<T, Error> v_;
};

// For operations that return nothing but may fail.
struct Unit {};
using Status = Expected<Unit>;
inline Status ok_status() {
  return Unit{};
}

}  // namespace ys
