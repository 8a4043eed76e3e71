// LeaseBoard: how several processes running the same requests on one store split them instead of
// each sending all of them. Before sending a request a process claims its key: a row in the
// store's `leases` table (docs/schema.md) naming the owner and an expiry. A key whose answer is
// stored, or that another live owner holds, is not claimed; the other process will store its
// answer. A holder keeps its leases until its run ends (so that another process sees each key as
// held until its answer is committed, then as answered) and renews them every lease_ms / 3 from a
// heartbeat thread while it lives. A lease ends when its holder releases it, when it is not
// renewed for lease_ms (a crashed or hung holder on another host), or at once when its holder is
// a process of this host that no longer exists (kill -9, crash).
//
// Each call is one short write transaction on the board's own connection to the store file,
// waiting for the write lock up to busy_timeout_ms; the heartbeat has a connection of its own.
// claim() and release() are not thread-safe: one board per run, used by the thread that drives it.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "harness/core/expected.h"

namespace ys {

namespace sql {
class Db;
}

struct LeaseClaim {
  std::vector<size_t> claimed;   // indexes into the keys given: now held by this owner
  std::vector<size_t> answered;  // answered without error in the store: nothing to send
  std::vector<size_t> held;      // leased by another live owner: wait for its answer
};

class LeaseBoard {
 public:
  // path: the store file (already opened and migrated by Store::open). lease_ms > 0.
  static Expected<std::unique_ptr<LeaseBoard>> open(const std::string& path, double lease_ms,
                                                    int busy_timeout_ms);
  ~LeaseBoard();
  LeaseBoard(const LeaseBoard&) = delete;
  LeaseBoard& operator=(const LeaseBoard&) = delete;

  // Goes through keys in order and claims up to `max_claims` of them; every key looked at is in
  // exactly one list of the result. Keys after the last claimed one are not looked at.
  Expected<LeaseClaim> claim(const std::vector<std::string>& keys, size_t max_claims);
  // Ends every lease this owner holds (and stops renewing them).
  Status release_all();

  const std::string& owner() const { return owner_; }

  // "HOST:PID:NONCE" for this process.
  static std::string this_owner();
  // Whether an owner string names a process that cannot hold a lease any more: one on this host
  // whose pid no longer exists.
  static bool owner_gone(const std::string& owner);

 private:
  LeaseBoard(std::unique_ptr<sql::Db> db, std::unique_ptr<sql::Db> heartbeat_db, double lease_ms);
  void heartbeat_loop();

  std::unique_ptr<sql::Db> db_, heartbeat_db_;
  double lease_ms_;
  std::string owner_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread heartbeat_;  // last: starts after the members it uses
};

// The lease duration: YARDSTICK_LEASE_MS when set (milliseconds, > 0), else 60 seconds.
Expected<double> lease_ms_from_env();

}  // namespace ys
