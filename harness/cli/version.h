// The build's version and git commit, generated at configure time (harness/cli/version.cpp.in)
// so that a new commit recompiles one file, not the whole CLI.
#pragma once

namespace ys::cli {

const char* build_version();  // e.g. "0.1.0"
const char* build_commit();   // short git hash, or "unknown"

}  // namespace ys::cli
