#include "harness/run/progress.h"

#include <cmath>

namespace ys {

std::string format_duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "--:--";
  long s = std::lround(seconds);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  }
  return buf;
}

namespace {
std::string human(double v) {
  char buf[32];
  if (v >= 1e6) {
    std::snprintf(buf, sizeof buf, "%.1fM", v / 1e6);
  } else if (v >= 1e4) {
    std::snprintf(buf, sizeof buf, "%.1fk", v / 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  }
  return buf;
}
}  // namespace

std::string TerminalProgress::format_line(const std::string& label, const ProgressState& s,
                                          bool tty) {
  double secs = s.elapsed_ms / 1000.0;
  double rate = secs > 0 ? static_cast<double>(s.done - s.cached) / secs : 0.0;
  double tok_rate = secs > 0 ? static_cast<double>(s.tokens) / secs : 0.0;
  int64_t left = s.total - s.done;
  double eta = rate > 0 ? static_cast<double>(left) / rate : (left == 0 ? 0.0 : NAN);
  double frac = s.total > 0 ? static_cast<double>(s.done) / static_cast<double>(s.total) : 1.0;
  std::string bar;
  if (tty) {
    const int width = 20;
    int filled = static_cast<int>(frac * width);
    bar = "[" + std::string(static_cast<size_t>(filled), '#') +
          std::string(static_cast<size_t>(width - filled), '.') + "] ";
  }
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "%s%lld/%lld (%.0f%%) | %.1f req/s | %s tok/s | ETA %s | errors %lld | retries "
                "%lld | in flight %lld",
                bar.c_str(), static_cast<long long>(s.done), static_cast<long long>(s.total),
                frac * 100.0, rate, human(tok_rate).c_str(), format_duration(eta).c_str(),
                static_cast<long long>(s.errors), static_cast<long long>(s.retries),
                static_cast<long long>(s.in_flight));
  std::string line = buf;
  if (s.waiting > 0) {
    // Shown while requests wait for a retry: a long Retry-After must not look like a hang.
    line += " | waiting " + std::to_string(s.waiting) + " to retry, next in " +
            format_duration(s.wait_left_ms / 1000.0);
  }
  return label.empty() ? line : label + " " + line;
}

TerminalProgress::TerminalProgress(std::FILE* out, std::string label, bool tty,
                                   double plain_interval_ms)
    : out_(out), label_(std::move(label)), tty_(tty), plain_interval_ms_(plain_interval_ms) {}

void TerminalProgress::update(const ProgressState& state, bool final) {
  if (tty_) {
    std::fprintf(out_, "\r\033[K%s%s", format_line(label_, state, true).c_str(), final ? "\n" : "");
    std::fflush(out_);
    return;
  }
  if (final || state.elapsed_ms - last_plain_ms_ >= plain_interval_ms_) {
    last_plain_ms_ = state.elapsed_ms;
    std::fprintf(out_, "%s\n", format_line(label_, state, false).c_str());
    std::fflush(out_);
  }
}

}  // namespace ys
