// Progress display for the scheduler: a live bar on a terminal, a plain line every few seconds
// when stderr is not a TTY (CI logs), nothing with quiet. Writes only to the given stream.
#pragma once

#include <cstdio>
#include <string>

#include "harness/run/scheduler.h"

namespace ys {

class TerminalProgress final : public ProgressListener {
 public:
  // label: what is running ("gpt4o on custom:sample"). tty: redraw in place.
  TerminalProgress(std::FILE* out, std::string label, bool tty, double plain_interval_ms = 5000);
  void update(const ProgressState& state, bool final) override;

  // The line as shown (without carriage return), for tests.
  static std::string format_line(const std::string& label, const ProgressState& s, bool tty);

 private:
  std::FILE* out_;
  std::string label_;
  bool tty_;
  double plain_interval_ms_;
  double last_plain_ms_ = -1e18;
};

// "1:02:03", "4:05" or "--:--" when unknown.
std::string format_duration(double seconds);

}  // namespace ys
