#include "reports/text_escape.h"

#include <catch2/catch.hpp>

namespace {
const std::string kFffd = "\xEF\xBF\xBD";  // U+FFFD in UTF-8
}

TEST_CASE("sanitize_utf8 keeps valid text and replaces each invalid byte", "[escape]") {
  CHECK(ys::sanitize_utf8("plain, caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80") ==
        "plain, caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
  CHECK(ys::sanitize_utf8("a\xFFz") == "a" + kFffd + "z");
  CHECK(ys::sanitize_utf8("\xC0\xAF") == kFffd + kFffd);               // overlong '/'
  CHECK(ys::sanitize_utf8("\xED\xA0\x80") == kFffd + kFffd + kFffd);   // surrogate U+D800
  CHECK(ys::sanitize_utf8("\xF4\x90\x80\x80").substr(0, 3) == kFffd);  // above U+10FFFF
  CHECK(ys::sanitize_utf8("cut \xE2\x82") == "cut " + kFffd + kFffd);
}

TEST_CASE("html_escape turns markup and quote characters into entities", "[escape]") {
  CHECK(ys::html_escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
  CHECK(ys::html_escape("</td>") == "&lt;/td&gt;");
  CHECK(ys::html_escape("\"'&") == "&quot;&#39;&amp;");
  CHECK(ys::html_escape("&amp;") == "&amp;amp;");
  CHECK(ys::html_escape("x\" onmouseover=\"alert(1)") == "x&quot; onmouseover=&quot;alert(1)");
}

TEST_CASE("html_escape drops characters XML 1.0 forbids but keeps tab and newlines", "[escape]") {
  CHECK(ys::html_escape("a\tb\nc\rd") == "a\tb\nc\rd");
  CHECK(ys::html_escape(std::string("nul\0x", 5)) == "nul" + kFffd + "x");
  CHECK(ys::html_escape("esc\x1b[0m") == "esc" + kFffd + "[0m");
  CHECK(ys::html_escape("bad\xFF") == "bad" + kFffd);
  CHECK(ys::html_escape("\xEF\xBF\xBE") == kFffd);  // U+FFFE
}

TEST_CASE("csv_field quotes only what RFC 4180 requires", "[escape]") {
  CHECK(ys::csv_field("plain") == "plain");
  CHECK(ys::csv_field("") == "");
  CHECK(ys::csv_field("a,b") == "\"a,b\"");
  CHECK(ys::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(ys::csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(ys::csv_field("cr\rhere") == "\"cr\rhere\"");
  CHECK(ys::csv_field(" padded") == "\" padded\"");
  CHECK(ys::csv_field("bad\xFF") == "bad" + kFffd);
}

TEST_CASE("terminal_safe neutralises control characters and bidi overrides", "[escape]") {
  CHECK(ys::terminal_safe("a\x1b[31mb\nc\td") == "a?[31mb?c?d");
  CHECK(ys::terminal_safe("x\xE2\x80\xAEy") == "x?y");  // U+202E right-to-left override
  CHECK(ys::terminal_safe("x\xC2\x9By") == "x?y");      // U+009B, the C1 CSI
  CHECK(ys::terminal_safe("caf\xC3\xA9") == "caf\xC3\xA9");
}

TEST_CASE("display width counts code points and truncation adds an ellipsis", "[escape]") {
  CHECK(ys::display_width("caf\xC3\xA9 \xE2\x82\xAC") == 6);
  CHECK(ys::truncate_display("abcdefgh", 5, true) == "abcd\xE2\x80\xA6");
  CHECK(ys::truncate_display("abcdefgh", 5, false) == "ab...");
  CHECK(ys::truncate_display("abc", 5, false) == "abc");
  CHECK(ys::truncate_display("abcdefgh", 0, true) == "");
  CHECK(ys::truncate_utf8("\xC3\xA9\xC3\xA9\xC3\xA9", 2) == "\xC3\xA9\xC3\xA9");
}
