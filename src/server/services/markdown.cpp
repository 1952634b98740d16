#include "server/services/markdown.h"

#include <md4c.h>

#include <cstdint>
#include <string>

#include "core/text.h"

namespace server::services {

namespace api = core::api;
using Type = api::Block::Type;

namespace {

void append_utf8(std::string& out, uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;  // as CommonMark says
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The named entities a Slovenian or English text plausibly uses; md4c hands them over as written.
struct NamedEntity {
  std::string_view name;
  uint32_t cp;
};
constexpr NamedEntity kEntities[] = {
    {"amp", '&'},      {"lt", '<'},        {"gt", '>'},       {"quot", '"'},     {"apos", '\''},    {"nbsp", 0xA0},
    {"shy", 0xAD},     {"copy", 0xA9},     {"reg", 0xAE},     {"trade", 0x2122}, {"euro", 0x20AC},  {"ndash", 0x2013},
    {"mdash", 0x2014}, {"hellip", 0x2026}, {"laquo", 0xAB},   {"raquo", 0xBB},   {"bdquo", 0x201E}, {"ldquo", 0x201C},
    {"rdquo", 0x201D}, {"lsquo", 0x2018},  {"rsquo", 0x2019}, {"sbquo", 0x201A}, {"deg", 0xB0},     {"middot", 0xB7},
    {"bull", 0x2022},  {"times", 0xD7},    {"divide", 0xF7},  {"sect", 0xA7},    {"para", 0xB6},    {"plusmn", 0xB1},
    {"Scaron", 0x160}, {"scaron", 0x161},  {"Ccaron", 0x10C}, {"ccaron", 0x10D}, {"Zcaron", 0x17D}, {"zcaron", 0x17E},
    {"Cacute", 0x106}, {"cacute", 0x107},  {"Dstrok", 0x110}, {"dstrok", 0x111},
};

// "&amp;" -> "&", "&#169;" / "&#xA9;" -> "©"; an unknown name stays as written.
std::string decode_entity(std::string_view e) {
  if (e.size() < 3 || e.front() != '&' || e.back() != ';') return std::string(e);
  const std::string_view body = e.substr(1, e.size() - 2);
  std::string out;
  if (body[0] == '#') {
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    const std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 7) return std::string(e);  // md4c allows at most 7 digits
    uint32_t cp = 0;
    for (char c : digits) {
      int v = -1;
      if (c >= '0' && c <= '9') v = c - '0';
      if (hex && c >= 'a' && c <= 'f') v = c - 'a' + 10;
      if (hex && c >= 'A' && c <= 'F') v = c - 'A' + 10;
      if (v < 0) return std::string(e);
      cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(v);
    }
    append_utf8(out, cp);
    return out;
  }
  for (const auto& n : kEntities)
    if (n.name == body) {
      append_utf8(out, n.cp);
      return out;
    }
  return std::string(e);
}

// An attribute's text with its entities decoded (md4c marks them in substr_types).
std::string attribute_text(const MD_ATTRIBUTE& a) {
  std::string out;
  if (!a.text) return out;
  for (int i = 0; a.substr_offsets[i] < a.size; ++i) {
    const MD_OFFSET from = a.substr_offsets[i];
    const MD_OFFSET to = a.substr_offsets[i + 1];
    const std::string_view part(a.text + from, to - from);
    switch (a.substr_types[i]) {
      case MD_TEXT_ENTITY:
        out += decode_entity(part);
        break;
      case MD_TEXT_NULLCHAR:
        append_utf8(out, 0xFFFD);
        break;
      default:
        out += part;
        break;
    }
  }
  return out;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && core::ascii_lower(s.substr(0, prefix.size())) == prefix;
}

// Spans as the client should get them: no empty runs, neighbours of one style merged, no
// whitespace at either end (dropped HTML or an image can leave some).
void tidy(api::Spans& spans) {
  api::Spans out;
  for (auto& s : spans) {
    if (s.text.empty()) continue;
    if (!out.empty() && out.back().strong == s.strong && out.back().em == s.em && out.back().href == s.href)
      out.back().text += s.text;
    else
      out.push_back(std::move(s));
  }
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t'; };
  while (!out.empty()) {
    std::string& t = out.front().text;
    size_t n = 0;
    while (n < t.size() && is_space(t[n])) ++n;
    t.erase(0, n);
    if (!t.empty()) break;
    out.erase(out.begin());
  }
  while (!out.empty()) {
    std::string& t = out.back().text;
    while (!t.empty() && is_space(t.back())) t.pop_back();
    if (!t.empty()) break;
    out.pop_back();
  }
  spans = std::move(out);
}

// The state of one parse: md4c calls enter/leave/text in document order and we build as we go.
class Builder {
 public:
  std::vector<api::Block> blocks;  // finished blocks, in order

  void enter_block(MD_BLOCKTYPE type, void* detail) {
    switch (type) {
      case MD_BLOCK_UL:
      case MD_BLOCK_OL:
        if (list_depth_ == 0) {
          list_ = api::Block{};
          list_.type = Type::list;
          list_.ordered = type == MD_BLOCK_OL;
        } else {
          finish_item();  // a nested list: its items follow the parent item's text
        }
        ++list_depth_;
        break;
      case MD_BLOCK_LI:
        finish_item();
        sink_ = &item_;
        break;
      case MD_BLOCK_H:
      case MD_BLOCK_P:
      case MD_BLOCK_CODE:
        if (list_depth_ > 0) {  // inside an item: one more paragraph of it
          if (!item_.empty()) item_.push_back(plain("\n"));
          sink_ = &item_;
          break;
        }
        current_ = api::Block{};
        current_.type = type == MD_BLOCK_H ? Type::heading : Type::paragraph;
        if (type == MD_BLOCK_H) current_.level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
        sink_ = &current_.spans;
        break;
      case MD_BLOCK_HTML:
        in_html_ = true;
        break;
      case MD_BLOCK_TABLE:
        if (list_depth_ > 0) {  // a table inside a list item: the list so far, the table, then the rest
          finish_item();
          if (!list_.items.empty()) blocks.push_back(list_);
          list_.items.clear();
        }
        table_ = api::Block{};
        table_.type = Type::table;
        break;
      case MD_BLOCK_THEAD:
        in_head_ = true;
        break;
      case MD_BLOCK_TR:
        row_.clear();
        break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD:
        cell_.clear();
        sink_ = &cell_;
        break;
      default:  // document, quote (its paragraphs are paragraphs), thematic break, table body
        break;
    }
  }

  void leave_block(MD_BLOCKTYPE type) {
    switch (type) {
      case MD_BLOCK_UL:
      case MD_BLOCK_OL:
        finish_item();
        if (--list_depth_ == 0 && !list_.items.empty()) blocks.push_back(std::move(list_));
        break;
      case MD_BLOCK_LI:
        finish_item();
        break;
      case MD_BLOCK_H:
      case MD_BLOCK_P:
      case MD_BLOCK_CODE:
        if (list_depth_ > 0) break;
        sink_ = nullptr;
        tidy(current_.spans);
        if (current_.spans.empty()) break;
        if (current_.type == Type::heading) {
          current_.text = api::plain_text(current_.spans);
          current_.spans.clear();
        }
        blocks.push_back(std::move(current_));
        break;
      case MD_BLOCK_HTML:
        in_html_ = false;
        break;
      case MD_BLOCK_THEAD:
        in_head_ = false;
        break;
      case MD_BLOCK_TR:
        if (in_head_)
          table_.header = std::move(row_);
        else
          table_.rows.push_back(std::move(row_));
        row_.clear();
        break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD:
        tidy(cell_);
        row_.push_back(std::move(cell_));
        cell_.clear();
        sink_ = list_depth_ > 0 ? &item_ : nullptr;
        break;
      case MD_BLOCK_TABLE:
        blocks.push_back(std::move(table_));
        break;
      default:
        break;
    }
  }

  void enter_span(MD_SPANTYPE type, void* detail) {
    switch (type) {
      case MD_SPAN_EM:
        ++em_;
        break;
      case MD_SPAN_STRONG:
        ++strong_;
        break;
      case MD_SPAN_A: {
        const std::string href = attribute_text(static_cast<MD_SPAN_A_DETAIL*>(detail)->href);
        hrefs_.push_back(is_allowed_href(href) ? href : std::string());
        break;
      }
      default:
        break;  // images: their alt text follows as text; code spans: plain text
    }
  }

  void leave_span(MD_SPANTYPE type) {
    switch (type) {
      case MD_SPAN_EM:
        --em_;
        break;
      case MD_SPAN_STRONG:
        --strong_;
        break;
      case MD_SPAN_A:
        if (!hrefs_.empty()) hrefs_.pop_back();
        break;
      default:
        break;
    }
  }

  void text(MD_TEXTTYPE type, std::string_view t) {
    if (in_html_ || !sink_) return;
    switch (type) {
      case MD_TEXT_HTML:
        return;  // raw HTML is never passed on
      case MD_TEXT_SOFTBR:
        add(" ");
        return;
      case MD_TEXT_BR:
        add("\n");
        return;
      case MD_TEXT_ENTITY:
        add(decode_entity(t));
        return;
      case MD_TEXT_NULLCHAR:
        add("\xEF\xBF\xBD");
        return;
      default:
        add(std::string(t));
        return;  // normal text, code
    }
  }

 private:
  static api::Span plain(std::string text) { return api::Span{std::move(text), false, false, {}}; }

  void add(std::string text) {
    api::Span s{std::move(text), strong_ > 0, em_ > 0, hrefs_.empty() ? std::string() : hrefs_.back()};
    api::Spans& spans = *sink_;
    if (!spans.empty() && spans.back().strong == s.strong && spans.back().em == s.em && spans.back().href == s.href)
      spans.back().text += s.text;
    else
      spans.push_back(std::move(s));
  }

  void finish_item() {
    tidy(item_);
    if (!item_.empty()) list_.items.push_back(std::move(item_));
    item_.clear();
  }

  api::Spans* sink_ = nullptr;      // where text goes now; nullptr = nowhere (e.g. a thematic break)
  api::Block current_;              // the heading or paragraph being read
  api::Block list_;                 // the outermost list being read
  api::Spans item_;                 // its item being read
  int list_depth_ = 0;              // lists open (nested ones are flattened into list_)
  api::Block table_;                // the table being read
  std::vector<api::Spans> row_;     // its row being read
  api::Spans cell_;                 // its cell being read
  bool in_head_ = false;            // the row is the header
  bool in_html_ = false;            // inside a raw HTML block: nothing of it is kept
  int strong_ = 0, em_ = 0;         // open emphasis
  std::vector<std::string> hrefs_;  // open links; "" for a link whose target is not allowed
};

}  // namespace

bool is_allowed_href(std::string_view href) {
  for (char c : href) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '\\') return false;  // no spaces, controls or backslashes ("/\host")
  }
  if (starts_with_ci(href, "https://")) return href.size() > 8;
  if (starts_with_ci(href, "http://")) return href.size() > 7;
  if (starts_with_ci(href, "mailto:")) return href.size() > 7;
  if (starts_with_ci(href, "tel:")) return href.size() > 4;
  return href.size() >= 1 && href[0] == '/' && (href.size() == 1 || href[1] != '/');  // "//host" leaves the site
}

std::vector<api::Block> markdown_blocks(std::string_view markdown) {
  if (markdown.substr(0, 3) == "\xEF\xBB\xBF") markdown.remove_prefix(3);
  Builder b;
  MD_PARSER parser{};
  parser.abi_version = 0;
  // GitHub's tables and autolinks. Raw HTML is recognised (not MD_FLAG_NOHTML) so that it can be
  // dropped: with NOHTML a <script> line would reach the customer as literal text.
  parser.flags = MD_FLAG_TABLES | MD_FLAG_PERMISSIVEAUTOLINKS;
  parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* u) {
    static_cast<Builder*>(u)->enter_block(t, d);
    return 0;
  };
  parser.leave_block = [](MD_BLOCKTYPE t, void*, void* u) {
    static_cast<Builder*>(u)->leave_block(t);
    return 0;
  };
  parser.enter_span = [](MD_SPANTYPE t, void* d, void* u) {
    static_cast<Builder*>(u)->enter_span(t, d);
    return 0;
  };
  parser.leave_span = [](MD_SPANTYPE t, void*, void* u) {
    static_cast<Builder*>(u)->leave_span(t);
    return 0;
  };
  parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* u) {
    static_cast<Builder*>(u)->text(t, std::string_view(s, n));
    return 0;
  };
  md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &b);
  return std::move(b.blocks);
}

}  // namespace server::services
