#include "reports/html_samples.h"

#include <algorithm>
#include <map>

#include "reports/html_parts.h"
#include "reports/report_common.h"
#include "reports/text_escape.h"

namespace ys::html {
namespace {

// Index of `name` in `list`, appending it when new.
class Names {
 public:
  size_t id(const std::string& name) {
    const auto [it, added] = index_.emplace(name, list_.size());
    if (added) list_.push_back(name);
    return it->second;
  }
  std::string json() const {
    std::string out = "[";
    for (size_t i = 0; i < list_.size(); ++i) out += (i ? "," : "") + script_json_string(list_[i]);
    return out + "]";
  }

 private:
  std::map<std::string, size_t> index_;
  std::vector<std::string> list_;
};

int status_code(const SampleRow& s) {
  if (s.status == ScoreStatus::error) return 3;
  if (s.status == ScoreStatus::unparsed) return 2;
  return s.score > 0 ? 0 : 1;
}

// Errors, then unparsed, then wrong, then right: the samples kept when a run is capped.
int keep_rank(const SampleRow& s) {
  static constexpr int kRank[] = {3, 2, 1, 0};
  return kRank[status_code(s)];
}

std::string cut(const std::string& text, const ReportOptions& options) {
  const size_t max = static_cast<size_t>(std::max(options.max_text_chars, 0));
  if (display_width(text) <= max) return text;
  return truncate_utf8(text, max) + "\n[cut at " + std::to_string(max) + " characters]";
}

std::string error_text(const SampleRow& s) {
  if (s.error_kind.empty()) return s.error;
  return s.error_kind + (s.error.empty() ? "" : ": " + s.error);
}

std::string samples_json(const ReportData& data, const ReportOptions& options) {
  Names models, suites, categories;
  std::map<std::string, size_t> run_ids, item_ids;
  std::string runs = "[", items = "[", samples = "[", capped = "[";
  for (const RunSummary* run : leaderboard_order(data.runs)) {
    run_ids.emplace(run->run_id, run_ids.size());
    runs += (run_ids.size() > 1 ? "," : "") + std::string("[") +
            std::to_string(models.id(run->model)) + "," + std::to_string(suites.id(run->suite)) +
            "]";
  }
  const auto by_run = samples_by_run(data);
  for (const RunSummary* run : leaderboard_order(data.runs)) {
    const auto found = by_run.find(run->run_id);
    if (found == by_run.end()) continue;
    std::vector<const SampleRow*> rows = found->second;
    const size_t cap = static_cast<size_t>(std::max(options.max_samples_per_run, 0));
    if (rows.size() > cap) {
      std::stable_sort(rows.begin(), rows.end(), [](const SampleRow* a, const SampleRow* b) {
        return keep_rank(*a) < keep_rank(*b);
      });
      capped += (capped.size() > 1 ? "," : "") + std::string("[") +
                std::to_string(run_ids.at(run->run_id)) + "," + std::to_string(cap) + "," +
                std::to_string(rows.size()) + "]";
      rows.resize(cap);
    }
    for (const SampleRow* s : rows) {
      const std::string key = reference_key(s->suite, s->item_id);
      auto [item, added] = item_ids.emplace(key, item_ids.size());
      if (added) {
        const auto ref = data.references.find(key);
        items += (item_ids.size() > 1 ? "," : "") + std::string("[") +
                 std::to_string(suites.id(s->suite)) + "," + script_json_string(s->item_id) + "," +
                 std::to_string(categories.id(s->category)) + "," +
                 script_json_string(cut(s->request_text, options)) + "," +
                 script_json_string(ref == data.references.end() ? "" : ref->second) + "]";
      }
      samples += (samples.size() > 1 ? "," : "") + std::string("[") +
                 std::to_string(run_ids.at(run->run_id)) + "," + std::to_string(item->second) +
                 "," + std::to_string(status_code(*s)) + "," + num(s->score) + "," +
                 script_json_string(s->extracted) + "," + script_json_string(s->method) + "," +
                 script_json_string(cut(s->response_text, options)) + "," +
                 script_json_string(cut(error_text(*s), options)) + "," +
                 format_fixed(s->latency_ms, 0) + "]";
    }
  }
  return "{\"v\":1,\"models\":" + models.json() + ",\"suites\":" + suites.json() +
         ",\"categories\":" + categories.json() + ",\"runs\":" + runs + "],\"items\":" + items +
         "],\"samples\":" + samples + "],\"capped\":" + capped +
         "],\"cut\":" + std::to_string(options.max_text_chars) + "}";
}

constexpr const char* kControls = R"html(<div class="sb-controls">
<label>model A <select id="sb-a"></select></label>
<label>model B <select id="sb-b"></select></label>
<label>suite <select id="sb-suite"></select></label>
<label>category <select id="sb-cat"></select></label>
<label>status <select id="sb-status">
<option value="all">all</option><option value="error">error (A)</option>
<option value="unparsed">unparsed (A)</option><option value="wrong">wrong (A)</option>
<option value="changed">changed between A and B</option></select></label>
<label>search <input id="sb-q" type="search" placeholder="question, answer, reference, id"></label>
</div>
<p id="sb-count" class="cap">Loading samples&hellip;</p>
<p id="sb-capped" class="cap"></p>
<div class="sb-main"><div class="sb-listbox"><table id="sb-list"><thead><tr><th>item</th>
<th>suite</th><th>category</th><th>A</th><th>B</th></tr></thead><tbody></tbody></table>
<button id="sb-more" type="button" hidden>show more</button></div>
<div id="sb-detail" class="cap">Click an item to see both models' answers side by side.</div></div>
)html";

}  // namespace

std::string script_json_string(const std::string& text) {
  const std::string dumped =
      Json(sanitize_utf8(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
  std::string out;
  out.reserve(dumped.size());
  for (char c : dumped) {
    if (c == '<') {
      out += "\\u003c";
    } else {
      out += c;
    }
  }
  return out;
}

std::string samples_section(const ReportData& data, const ReportOptions& options) {
  if (data.samples.empty()) return "";
  return std::string("<section id=\"samples\"><h2>Samples</h2>\n") + kControls +
         "<script type=\"application/json\" id=\"ys-samples\">" + samples_json(data, options) +
         "</script>\n</section>\n";
}

}  // namespace ys::html
