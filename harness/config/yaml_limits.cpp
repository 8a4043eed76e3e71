#include "harness/config/yaml_limits.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <set>
#include <sstream>
#include <vector>

namespace ys {

namespace {

struct LimitError {
  int line;
  std::string message;
};

// Counts nodes as if every alias were expanded: an alias adds the expanded size of its anchor.
class ExpansionCounter final : public YAML::EventHandler {
 public:
  explicit ExpansionCounter(const YamlLimits& limits) : limits_(limits) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnAnchor(const YAML::Mark&, const std::string& name) override { next_name_ = name; }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { leaf(mark, anchor); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string&) override {
    leaf(mark, anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const std::string label = "alias *" + name_of(anchor);
    if (++aliases_ > limits_.max_aliases)
      fail(mark, label + ": more than " + std::to_string(limits_.max_aliases) + " aliases");
    if (open_.count(anchor)) fail(mark, label + " refers to a node that contains it");
    auto it = sizes_.find(anchor);
    add(mark, it == sizes_.end() ? 1 : it->second, label + " expands");
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    YAML::anchor_t anchor;
    size_t nodes_before;
  };

  [[noreturn]] static void fail(const YAML::Mark& mark, std::string message) {
    throw LimitError{mark.line + 1, std::move(message)};
  }

  std::string name_of(YAML::anchor_t anchor) const {
    auto it = names_.find(anchor);
    return it == names_.end() ? "?" : it->second;
  }

  void remember(YAML::anchor_t anchor) {
    if (anchor == YAML::NullAnchor) return;
    names_[anchor] = next_name_;
    next_name_.clear();
  }

  void add(const YAML::Mark& mark, size_t n, const std::string& what) {
    nodes_ += n;
    if (nodes_ > limits_.max_nodes)
      fail(mark, what + " the document past " + std::to_string(limits_.max_nodes) + " nodes");
  }

  void leaf(const YAML::Mark& mark, YAML::anchor_t anchor) {
    remember(anchor);
    add(mark, 1, "this node takes");
    if (anchor != YAML::NullAnchor) sizes_[anchor] = 1;
  }

  void open(const YAML::Mark& mark, YAML::anchor_t anchor) {
    remember(anchor);
    if (stack_.size() >= limits_.max_depth)
      fail(mark, "nested deeper than " + std::to_string(limits_.max_depth) + " levels");
    stack_.push_back({anchor, nodes_});
    if (anchor != YAML::NullAnchor) open_.insert(anchor);
    add(mark, 1, "this node takes");
  }

  void close() {
    Frame f = stack_.back();
    stack_.pop_back();
    if (f.anchor == YAML::NullAnchor) return;
    open_.erase(f.anchor);
    sizes_[f.anchor] = nodes_ - f.nodes_before;
  }

  const YamlLimits& limits_;
  size_t nodes_ = 0;
  size_t aliases_ = 0;
  std::vector<Frame> stack_;
  std::set<YAML::anchor_t> open_;
  std::map<YAML::anchor_t, size_t> sizes_;
  std::map<YAML::anchor_t, std::string> names_;
  std::string next_name_;
};

}  // namespace

Status check_yaml_limits(const std::string& yaml_text, const std::string& name,
                         const YamlLimits& limits) {
  std::istringstream in(yaml_text);
  ExpansionCounter counter(limits);
  try {
    YAML::Parser parser(in);
    parser.HandleNextDocument(counter);
  } catch (const LimitError& e) {
    return Error{name + ":" + std::to_string(e.line) + ": " + e.message};
  } catch (const YAML::Exception& e) {
    return Error{name + ":" + std::to_string(e.mark.line + 1) + ":" +
                 std::to_string(e.mark.column + 1) + ": invalid YAML: " + e.msg};
  }
  return ok_status();
}

}  // namespace ys
