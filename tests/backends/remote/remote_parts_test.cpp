// The pure pieces of the remote backends: SSE parsing, <think> splitting, Retry-After, redaction,
// error classification.
#include <catch2/catch.hpp>

#include "backends/remote/http_errors.h"
#include "backends/remote/sse.h"
#include "backends/remote/think_blocks.h"

using namespace ys;
using namespace ys::remote;

namespace {

std::vector<SseEvent> parse_in_pieces(const std::string& stream, size_t piece) {
  std::vector<SseEvent> events;
  SseParser parser([&](const SseEvent& e) { events.push_back(e); });
  for (size_t i = 0; i < stream.size(); i += piece) parser.feed(stream.substr(i, piece));
  return events;
}

}  // namespace

TEST_CASE("SSE events come out whole however the bytes are split", "[sse]") {
  const std::string stream =
      ": comment\r\nevent: ping\r\ndata: {\"a\":1}\r\n\r\ndata: line1\ndata: line2\n\ndata: "
      "[DONE]\n\n";
  for (size_t piece : {1, 3, 7, 1000}) {
    auto events = parse_in_pieces(stream, piece);
    REQUIRE(events.size() == 3);
    CHECK(events[0].name == "ping");
    CHECK(events[0].data == "{\"a\":1}");
    CHECK(events[1].name.empty());
    CHECK(events[1].data == "line1\nline2");
    CHECK(events[2].data == "[DONE]");
  }
}

TEST_CASE("an SSE event without its blank line is not emitted", "[sse]") {
  auto events = parse_in_pieces("data: one\n\ndata: half", 4);
  REQUIRE(events.size() == 1);
  CHECK(events[0].data == "one");
}

TEST_CASE("think blocks move from the answer to the reasoning", "[think]") {
  std::string text = "<think>step 1\nstep 2</think>\n\nThe answer is B.";
  std::string reasoning;
  split_think_blocks(text, reasoning);
  CHECK(text == "The answer is B.");
  CHECK(reasoning == "step 1\nstep 2");
}

TEST_CASE("an unclosed think block takes the rest and a lone close tag ends a prefix", "[think]") {
  std::string text = "Answer first <think>never closed";
  std::string reasoning;
  split_think_blocks(text, reasoning);
  CHECK(text == "Answer first");
  CHECK(reasoning == "never closed");

  std::string text2 = "thought opened by the template</think> 42";
  std::string reasoning2;
  split_think_blocks(text2, reasoning2);
  CHECK(text2 == "42");
  CHECK(reasoning2 == "thought opened by the template");
}

TEST_CASE("text without think tags is left alone", "[think]") {
  std::string text = "  plain answer  ";
  std::string reasoning = "from the API";
  split_think_blocks(text, reasoning);
  CHECK(text == "  plain answer  ");
  CHECK(reasoning == "from the API");
}

TEST_CASE("Retry-After is read as seconds or as an HTTP date", "[errors]") {
  CHECK(parse_retry_after_ms("3", 0) == Approx(3000));
  CHECK(parse_retry_after_ms("1.5", 0) == Approx(1500));
  // 1445412480 = Wed, 21 Oct 2015 07:28:00 GMT (computed with Python's calendar.timegm).
  CHECK(parse_retry_after_ms("Wed, 21 Oct 2015 07:28:00 GMT", 1445412480 - 120) == Approx(120000));
  CHECK(parse_retry_after_ms("Wed, 21 Oct 2015 07:28:00 GMT", 1445412480 + 60) == Approx(0));
  CHECK_FALSE(parse_retry_after_ms("soon", 0).has_value());
}

TEST_CASE("redaction replaces every copy of the secret", "[errors]") {
  CHECK(redact("key sk-1 and sk-1 again", "sk-1") == "key [REDACTED] and [REDACTED] again");
  CHECK(redact("nothing here", "") == "nothing here");
}

TEST_CASE("body excerpts are short and escape control characters", "[errors]") {
  std::string long_body(500, 'x');
  CHECK(body_excerpt(long_body) == std::string(200, 'x') + "...");
  CHECK(body_excerpt("a\nb\x01") == "a\\nb\\x01");
  CHECK(body_excerpt("") == "(empty body)");
}

TEST_CASE("HTTP statuses map to error kinds and retryability", "[errors]") {
  struct Case {
    long status;
    ErrorKind kind;
    bool retryable;
  };
  for (auto c : {Case{429, ErrorKind::rate_limited, true}, Case{500, ErrorKind::server, true},
                 Case{503, ErrorKind::server, true}, Case{408, ErrorKind::server, true},
                 Case{409, ErrorKind::server, true}, Case{400, ErrorKind::client, false},
                 Case{404, ErrorKind::client, false}, Case{401, ErrorKind::auth, false},
                 Case{403, ErrorKind::auth, false}}) {
    HttpResult r;
    r.status = c.status;
    r.body = R"({"error":{"message":"told you so"}})";
    Response out;
    REQUIRE(classify_http_failure(r, "http://h/v1/x", "MY_KEY", false, out));
    CHECK(out.error_kind == c.kind);
    CHECK(out.retryable == c.retryable);
    CHECK_THAT(out.error, Catch::Contains("told you so"));
    CHECK_THAT(out.error, Catch::Contains("HTTP " + std::to_string(c.status)));
  }
}

TEST_CASE("a 2xx call is not a failure and a curl error is a network error", "[errors]") {
  HttpResult ok;
  ok.status = 200;
  Response out;
  CHECK_FALSE(classify_http_failure(ok, "u", "", false, out));
  CHECK(out.ok());

  HttpResult refused;
  refused.curl_code = 7;
  refused.curl_error = "Connection refused";
  REQUIRE(classify_http_failure(refused, "http://h/v1", "", false, out));
  CHECK(out.error_kind == ErrorKind::network);
  CHECK(out.retryable);
  CHECK_THAT(out.error, Catch::Contains("Connection refused"));
}
