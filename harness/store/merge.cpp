#include "harness/store/merge.h"

#include <unistd.h>

#include <filesystem>

#include "harness/store/schema.h"
#include "harness/store/sqlite.h"
#include "harness/store/store.h"

namespace ys {
namespace {

namespace fs = std::filesystem;

// A private copy of an input store (its WAL included, so unmerged pages of a killed writer count):
// SQLite creates or checkpoints files beside a database it opens, even read-only, and the inputs
// must stay exactly as they were.
Expected<std::string> private_copy(const std::string& path, const std::string& dir, int index) {
  const std::string copy = dir + "/input-" + std::to_string(index) + ".db";
  std::error_code ec;
  fs::copy_file(path, copy, fs::copy_options::overwrite_existing, ec);
  if (!ec && fs::exists(path + "-wal"))
    fs::copy_file(path + "-wal", copy + "-wal", fs::copy_options::overwrite_existing, ec);
  if (ec) return Error{"cannot copy '" + path + "': " + ec.message()};
  return copy;
}

std::string sql_literal(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

Expected<int64_t> scalar(sql::Db& db, const std::string& query) {
  auto stmt = db.prepare(query);
  if (!stmt) return stmt.error();
  if (!stmt->step()) {
    if (!stmt->error().empty()) return Error{stmt->error()};
    return int64_t{0};
  }
  return stmt->integer(0);
}

Expected<std::vector<std::string>> other_tables(sql::Db& db) {
  auto stmt = db.prepare(
      "SELECT name FROM src.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND "
      "name NOT IN ('meta', 'runs', 'samples', 'responses', 'scores', 'leases') ORDER BY name");
  if (!stmt) return stmt.error();
  std::vector<std::string> names;
  while (stmt->step()) names.push_back(stmt->text(0));
  if (!stmt->error().empty()) return Error{stmt->error()};
  return names;
}

// Checks that `src` is a store of our schema version and that its runs do not clash with those
// merged so far.
Status check_input(sql::Db& db, const std::string& path) {
  auto has_meta = scalar(db,
                         "SELECT count(*) FROM src.sqlite_master WHERE type = 'table' AND "
                         "name IN ('meta', 'runs', 'samples', 'responses', 'scores')");
  if (!has_meta) return has_meta.error();
  if (*has_meta != 5) return Error{"'" + path + "' is not a yardstick store"};
  auto version = scalar(db,
                        "SELECT CAST(value AS INTEGER) FROM src.meta WHERE key = "
                        "'schema_version'");
  if (!version) return version.error();
  const auto ours = static_cast<int64_t>(schema_migrations().size());
  if (*version != ours) {
    return Error{"'" + path + "' has store schema version " + std::to_string(*version) +
                 ", this yardstick writes version " + std::to_string(ours) +
                 " (open it once with this yardstick, e.g. `yardstick runs --db " + path +
                 "`, to migrate it)"};
  }
  auto stmt = db.prepare(
      "SELECT s.suite_name, s.model_name, s.dataset_fingerprint, o.dataset_fingerprint, "
      "s.protocol_version, o.protocol_version FROM src.runs s JOIN main.runs o ON "
      "s.suite_name = o.suite_name AND s.model_identity = o.model_identity AND "
      "s.suite_config = o.suite_config AND s.params = o.params WHERE "
      "s.dataset_fingerprint <> o.dataset_fingerprint OR s.protocol_version <> "
      "o.protocol_version LIMIT 1");
  if (!stmt) return stmt.error();
  if (stmt->step()) {
    return Error{"'" + path + "': run of " + stmt->text(0) + " / " + stmt->text(1) +
                 " does not match the one merged before it (dataset " +
                 stmt->text(2).substr(0, 12) + " vs " + stmt->text(3).substr(0, 12) +
                 ", protocol " + stmt->text(4) + " vs " + stmt->text(5) +
                 "): shards of one run must use the same data and yardstick version"};
  }
  if (!stmt->error().empty()) return Error{stmt->error()};
  return ok_status();
}

Status merge_input(sql::Db& db, MergeStats& stats) {
  auto plan = scalar(db,
                     "SELECT count(*) FROM src.samples s JOIN main.samples m USING (run_id, "
                     "item_id) WHERE s.request_key <> m.request_key");
  auto conflicts = scalar(db,
                          "SELECT count(*) FROM src.responses s JOIN main.responses m USING "
                          "(request_key) WHERE s.error_kind = '' AND m.error_kind = '' AND "
                          "(s.text <> m.text OR s.logliks IS NOT m.logliks)");
  auto replaced = scalar(db,
                         "SELECT count(*) FROM src.responses s JOIN main.responses m USING "
                         "(request_key) WHERE s.error_kind = '' AND m.error_kind <> ''");
  auto scores = scalar(db,
                       "SELECT count(*) FROM src.scores s JOIN main.scores m USING (run_id, "
                       "item_id) WHERE s.status <> 'error' AND m.status <> 'error' AND "
                       "(s.value <> m.value OR s.status <> m.status)");
  for (auto* e : {&plan, &conflicts, &replaced, &scores}) {
    if (!*e) return e->error();
  }
  stats.plan_conflicts += *plan;
  stats.response_conflicts += *conflicts;
  stats.errors_replaced += *replaced;
  stats.score_conflicts += *scores;

  std::string sql =
      "INSERT INTO main.runs SELECT * FROM src.runs WHERE true ON CONFLICT(run_id) DO UPDATE SET "
      "created_at = min(created_at, excluded.created_at), "
      "updated_at = max(updated_at, excluded.updated_at), "
      "status = CASE WHEN status = 'complete' THEN excluded.status ELSE status END;"
      "INSERT OR IGNORE INTO main.samples SELECT * FROM src.samples;"
      "DELETE FROM main.responses WHERE error_kind <> '' AND request_key IN "
      "(SELECT request_key FROM src.responses WHERE error_kind = '');"
      "INSERT OR IGNORE INTO main.responses SELECT * FROM src.responses;"
      "DELETE FROM main.scores WHERE status = 'error' AND EXISTS (SELECT 1 FROM src.scores s "
      "WHERE s.run_id = scores.run_id AND s.item_id = scores.item_id AND s.status <> 'error');"
      "INSERT OR IGNORE INTO main.scores SELECT * FROM src.scores;";
  auto others = other_tables(db);
  if (!others) return others.error();
  for (const auto& table : *others) {
    auto exists = scalar(db,
                         "SELECT count(*) FROM main.sqlite_master WHERE type = 'table' AND "
                         "name = " +
                             sql_literal(table));
    if (!exists) return exists.error();
    if (*exists)
      sql += "INSERT OR IGNORE INTO main.\"" + table + "\" SELECT * FROM src.\"" + table + "\";";
  }
  return db.exec(sql);
}

Status fill_counts(sql::Db& db, MergeStats& stats) {
  if (auto st = db.exec("UPDATE runs SET n_items = (SELECT count(*) FROM samples WHERE "
                        "samples.run_id = runs.run_id);");
      !st)
    return st;
  const std::pair<const char*, int64_t*> tables[] = {{"runs", &stats.runs},
                                                     {"samples", &stats.samples},
                                                     {"responses", &stats.responses},
                                                     {"scores", &stats.scores}};
  for (const auto& [table, out] : tables) {
    auto n = scalar(db, std::string("SELECT count(*) FROM ") + table);
    if (!n) return n.error();
    *out = *n;
  }
  return ok_status();
}

Status merge_into(const std::string& tmp, const std::string& scratch,
                  const std::vector<std::string>& inputs, MergeStats& stats) {
  {
    auto created = Store::open(tmp);  // the current schema, empty
    if (!created) return created.error();
  }
  auto db = sql::Db::open(tmp);
  if (!db) return db.error();
  // One file, no WAL beside it: the output is complete once it is renamed.
  if (auto st = db->exec("PRAGMA journal_mode=DELETE;"); !st) return st;
  for (const auto& path : inputs) {
    // ATTACH and DETACH are refused inside a transaction: one transaction per input. A failure
    // abandons the temporary file, so a partly merged input never reaches out_path.
    auto copy = private_copy(path, scratch, stats.n_inputs);
    if (!copy) return copy.error();
    if (auto st = db->exec("ATTACH DATABASE " + sql_literal(*copy) + " AS src;"); !st)
      return Error{"cannot read '" + path + "': " + st.error().message};
    Status st = db->exec("BEGIN IMMEDIATE;");
    if (st) st = check_input(*db, path);
    if (st) st = merge_input(*db, stats);
    if (st) st = db->exec("COMMIT;");
    if (!st) return Error{"merging '" + path + "': " + st.error().message};
    if (auto d = db->exec("DETACH DATABASE src;"); !d) return d;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(*copy + suffix);
    ++stats.n_inputs;
  }
  if (auto st = db->exec("BEGIN IMMEDIATE;"); !st) return st;
  if (auto st = fill_counts(*db, stats); !st) return st;
  return db->exec("COMMIT;");
}

}  // namespace

Expected<MergeStats> merge_stores(const std::vector<std::string>& inputs,
                                  const std::string& out_path, bool overwrite) {
  if (inputs.empty()) return Error{"merge: no input stores given"};
  std::error_code ec;
  for (const auto& path : inputs) {
    if (!fs::is_regular_file(path, ec)) return Error{"merge: no store file '" + path + "'"};
    if (fs::equivalent(path, out_path, ec))
      return Error{"merge: the output '" + out_path + "' is also an input"};
  }
  if (fs::exists(out_path, ec) && !overwrite)
    return Error{"merge: '" + out_path + "' exists (pass --force to replace it)"};
  const std::string tmp = out_path + ".merge-tmp-" + std::to_string(::getpid());
  const std::string scratch = tmp + ".d";
  const auto remove_tmp = [&] {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(tmp + suffix, ec);
    fs::remove_all(scratch, ec);
  };
  remove_tmp();
  fs::create_directories(scratch, ec);
  if (ec) return Error{"merge: cannot create '" + scratch + "': " + ec.message()};
  MergeStats stats;
  Status st = merge_into(tmp, scratch, inputs, stats);
  if (st) {
    fs::rename(tmp, out_path, ec);
    if (ec) st = Error{"merge: renaming the result to '" + out_path + "': " + ec.message()};
  }
  remove_tmp();
  if (!st) return st.error();
  return stats;
}

}  // namespace ys
