#include "harness/store/lease.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <random>

#include "harness/store/sqlite.h"

namespace ys {

namespace {

constexpr double kDefaultLeaseMs = 60 * 1000.0;

double wall_ms() {
  return std::chrono::duration<double, std::milli>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string host_name() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return "unknown-host";
  return buf;
}

}  // namespace

LeaseBoard::LeaseBoard(std::unique_ptr<sql::Db> db, std::unique_ptr<sql::Db> heartbeat_db,
                       double lease_ms)
    : db_(std::move(db)),
      heartbeat_db_(std::move(heartbeat_db)),
      lease_ms_(lease_ms),
      owner_(this_owner()),
      heartbeat_([this] { heartbeat_loop(); }) {}

LeaseBoard::~LeaseBoard() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  heartbeat_.join();
}

// Renews this owner's leases; a failed renewal (the store busy) is tried again next time, and
// the leases last lease_ms, three periods.
void LeaseBoard::heartbeat_loop() {
  const auto period = std::chrono::duration<double, std::milli>(lease_ms_ / 3);
  std::unique_lock<std::mutex> lock(mu_);
  while (!wake_.wait_for(lock, period, [this] { return stopping_; })) {
    lock.unlock();
    auto renew = heartbeat_db_->prepare("UPDATE leases SET expires_ms = ?1 WHERE owner = ?2");
    if (renew) (void)renew->bind(1, wall_ms() + lease_ms_).bind(2, owner_).run();
    lock.lock();
  }
}

std::string LeaseBoard::this_owner() {
  static const std::string owner = [] {
    std::random_device rd;
    return host_name() + ":" + std::to_string(::getpid()) + ":" + std::to_string(rd());
  }();
  return owner;
}

bool LeaseBoard::owner_gone(const std::string& owner) {
  const size_t first = owner.find(':');
  const size_t second = owner.find(':', first == std::string::npos ? 0 : first + 1);
  if (first == std::string::npos || second == std::string::npos) return false;
  if (owner.substr(0, first) != host_name()) return false;  // cannot tell: wait for the expiry
  char* end = nullptr;
  const std::string pid_text = owner.substr(first + 1, second - first - 1);
  const long pid = std::strtol(pid_text.c_str(), &end, 10);
  if (pid_text.empty() || *end != '\0' || pid <= 0) return false;
  return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

Expected<std::unique_ptr<LeaseBoard>> LeaseBoard::open(const std::string& path, double lease_ms,
                                                       int busy_timeout_ms) {
  auto db = sql::Db::open(path, busy_timeout_ms);
  if (!db) return db.error();
  auto heartbeat_db = sql::Db::open(path, busy_timeout_ms);
  if (!heartbeat_db) return heartbeat_db.error();
  return std::unique_ptr<LeaseBoard>(
      new LeaseBoard(std::make_unique<sql::Db>(std::move(*db)),
                     std::make_unique<sql::Db>(std::move(*heartbeat_db)), lease_ms));
}

Expected<LeaseClaim> LeaseBoard::claim(const std::vector<std::string>& keys, size_t max_claims) {
  LeaseClaim out;
  if (keys.empty() || max_claims == 0) return out;
  if (auto st = db_->exec("BEGIN IMMEDIATE;"); !st)
    return Error{"claiming requests: " + st.error().message};
  auto fail = [&](const std::string& what) -> Expected<LeaseClaim> {
    (void)db_->exec("ROLLBACK;");
    return Error{"claiming requests: " + what};
  };
  auto answered = db_->prepare("SELECT error_kind FROM responses WHERE request_key = ?1");
  auto holder = db_->prepare("SELECT owner, expires_ms FROM leases WHERE request_key = ?1");
  auto take = db_->prepare("INSERT OR REPLACE INTO leases VALUES (?1, ?2, ?3)");
  if (!answered) return fail(answered.error().message);
  if (!holder) return fail(holder.error().message);
  if (!take) return fail(take.error().message);
  const double now = wall_ms();
  for (size_t i = 0; i < keys.size() && out.claimed.size() < max_claims; ++i) {
    answered->reset();
    answered->bind(1, keys[i]);
    if (answered->step() && answered->text(0).empty()) {
      out.answered.push_back(i);
      continue;
    }
    if (!answered->error().empty()) return fail(answered->error());
    holder->reset();
    holder->bind(1, keys[i]);
    if (holder->step()) {
      const std::string owner = holder->text(0);
      if (owner != owner_ && holder->real(1) > now && !owner_gone(owner)) {
        out.held.push_back(i);
        continue;
      }
    }
    if (!holder->error().empty()) return fail(holder->error());
    take->bind(1, keys[i]).bind(2, owner_).bind(3, now + lease_ms_);
    if (auto st = take->run(); !st) return fail(st.error().message);
    out.claimed.push_back(i);
  }
  if (auto st = db_->exec("COMMIT;"); !st) return fail(st.error().message);
  return out;
}

Status LeaseBoard::release_all() {
  auto drop = db_->prepare("DELETE FROM leases WHERE owner = ?1");
  if (!drop) return Error{"releasing requests: " + drop.error().message};
  if (auto st = drop->bind(1, owner_).run(); !st)
    return Error{"releasing requests: " + st.error().message};
  return ok_status();
}

Expected<double> lease_ms_from_env() {
  const char* env = std::getenv("YARDSTICK_LEASE_MS");
  if (!env || !*env) return kDefaultLeaseMs;
  char* end = nullptr;
  const double ms = std::strtod(env, &end);
  if (*end != '\0' || !(ms > 0) || ms > 7 * 24 * 3600e3)
    return Error{std::string("YARDSTICK_LEASE_MS='") + env +
                 "': expected milliseconds, more than 0 and at most a week"};
  return ms;
}

}  // namespace ys
