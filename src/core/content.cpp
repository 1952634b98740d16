#include "core/content.h"

#include <algorithm>
#include <array>
#include <map>
#include <utility>

#include "core/text.h"

namespace core {

using nlohmann::json;

namespace {

constexpr const char* kNbsp = "\xC2\xA0";  // U+00A0: dates in headings never wrap

struct SlugTitle {
  std::string_view slug;
  const char* sl;
  const char* en;
};
constexpr std::array<SlugTitle, 7> kPages = {{
    {"faq", "Pogosto zastavljena vprašanja", "Frequently asked questions"},
    {"news", "Arhiv novic", "News archive"},
    {"offers", "Akcijske ponudbe", "Special offers"},
    {"benefits", "Moje ugodnosti", "My benefits"},
    {"links", "Koristne povezave", "Useful links"},
    {"why", "Zakaj Moj GEN-I?", "Why Moj GEN-I?"},
    {"terms", "Pogoji uporabe", "Terms of use"},
}};

}  // namespace

// [SECTION] Pages
const std::vector<std::string_view>& content_slugs() {
  static const std::vector<std::string_view> slugs = [] {
    std::vector<std::string_view> v;
    for (const auto& p : kPages) v.push_back(p.slug);
    return v;
  }();
  return slugs;
}

bool is_content_slug(std::string_view slug) {
  for (const auto& p : kPages)
    if (p.slug == slug) return true;
  return false;
}

std::string default_content_title(std::string_view slug, Locale locale) {
  for (const auto& p : kPages)
    if (p.slug == slug) return locale == Locale::en ? p.en : p.sl;
  return std::string(slug);
}

Errors check_content_lang(const std::optional<std::string>& text, Locale& out) {
  if (!text) {
    out = Locale::sl;
    return {};
  }
  if (!parse_locale(*text, out)) return {make_error(codes::request_malformed, "lang")};
  return {};
}

Errors check_news_page(const std::optional<std::string>& text, int& out) {
  if (!text) {
    out = 1;
    return {};
  }
  const std::string& t = *text;
  if (t.empty() || t.size() > 6 || t[0] == '0' || t.find_first_not_of("0123456789") != std::string::npos)
    return {make_error(codes::request_malformed, "page")};
  out = std::stoi(t);
  return {};
}

namespace api {

// [SECTION] Blocks and their JSON
const char* block_type_code(Block::Type t) {
  switch (t) {
    case Block::Type::heading:
      return "heading";
    case Block::Type::paragraph:
      return "paragraph";
    case Block::Type::list:
      return "list";
    case Block::Type::table:
      return "table";
  }
  return "paragraph";
}

namespace {

json spans_json(const Spans& spans) {
  json a = json::array();
  for (const auto& s : spans) a.push_back(to_json(s));
  return a;
}

json cells_json(const std::vector<Spans>& cells) {
  json a = json::array();
  for (const auto& c : cells) a.push_back(spans_json(c));
  return a;
}

bool span_from_json(const json& j, Span& out) {
  if (!j.is_object()) return false;
  Span s;
  auto text = j.find("text");
  if (text == j.end() || !text->is_string()) return false;
  s.text = text->get<std::string>();
  for (auto [name, flag] : {std::pair<const char*, bool*>{"strong", &s.strong}, {"em", &s.em}}) {
    auto it = j.find(name);
    if (it == j.end() || it->is_null()) continue;
    if (!it->is_boolean()) return false;
    *flag = it->get<bool>();
  }
  auto href = j.find("href");
  if (href != j.end() && !href->is_null()) {
    if (!href->is_string()) return false;
    s.href = href->get<std::string>();
  }
  out = std::move(s);
  return true;
}

// A JSON array read element by element; false when it is not an array or an element fails.
template <class T, class ReadOne>
bool array_from_json(const json& j, std::vector<T>& out, ReadOne read_one) {
  if (!j.is_array()) return false;
  std::vector<T> items;
  for (const auto& e : j) {
    T item;
    if (!read_one(e, item)) return false;
    items.push_back(std::move(item));
  }
  out = std::move(items);
  return true;
}

bool spans_from_json(const json& j, Spans& out) {
  return array_from_json(j, out, span_from_json);
}
bool cells_from_json(const json& j, std::vector<Spans>& out) {
  return array_from_json(j, out, spans_from_json);
}

// A member that must be there with the right shape: false otherwise.
const json* member(const json& j, const char* name) {
  auto it = j.find(name);
  return it == j.end() ? nullptr : &*it;
}

// false: not a block; true with `known` false: a block type this client does not know (skipped).
bool block_from_json(const json& j, Block& out, bool& known) {
  known = false;
  if (!j.is_object()) return false;
  const json* type = member(j, "type");
  if (!type || !type->is_string()) return false;
  const std::string& t = type->get_ref<const std::string&>();
  Block b;
  if (t == "heading") {
    b.type = Block::Type::heading;
    const json* level = member(j, "level");
    const json* text = member(j, "text");
    if (!level || !level->is_number_integer() || !text || !text->is_string()) return false;
    const int64_t l = level->get<int64_t>();
    if (l < 1 || l > 6) return false;
    b.level = static_cast<int>(l);
    b.text = text->get<std::string>();
  } else if (t == "paragraph") {
    b.type = Block::Type::paragraph;
    const json* spans = member(j, "spans");
    if (!spans || !spans_from_json(*spans, b.spans)) return false;
  } else if (t == "list") {
    b.type = Block::Type::list;
    const json* ordered = member(j, "ordered");
    const json* items = member(j, "items");
    if (ordered && !ordered->is_boolean()) return false;
    b.ordered = ordered && ordered->get<bool>();
    if (!items || !cells_from_json(*items, b.items)) return false;
  } else if (t == "table") {
    b.type = Block::Type::table;
    const json* header = member(j, "header");
    const json* rows = member(j, "rows");
    if (!header || !cells_from_json(*header, b.header)) return false;
    if (!rows || !array_from_json(*rows, b.rows, cells_from_json)) return false;
  } else {
    return true;  // a kind of block from a newer server: skipped
  }
  known = true;
  out = std::move(b);
  return true;
}

}  // namespace

json to_json(const Span& s) {
  json j = {{"text", s.text}};
  if (s.strong) j["strong"] = true;
  if (s.em) j["em"] = true;
  if (!s.href.empty()) j["href"] = s.href;
  return j;
}

json to_json(const Block& b) {
  json j = {{"type", block_type_code(b.type)}};
  switch (b.type) {
    case Block::Type::heading:
      j["level"] = b.level;
      j["text"] = b.text;
      break;
    case Block::Type::paragraph:
      j["spans"] = spans_json(b.spans);
      break;
    case Block::Type::list:
      j["ordered"] = b.ordered;
      j["items"] = cells_json(b.items);
      break;
    case Block::Type::table: {
      j["header"] = cells_json(b.header);
      json rows = json::array();
      for (const auto& r : b.rows) rows.push_back(cells_json(r));
      j["rows"] = std::move(rows);
      break;
    }
  }
  return j;
}

json to_json(const ContentPage& p) {
  json blocks = json::array();
  for (const auto& b : p.blocks) blocks.push_back(to_json(b));
  json j = {{"slug", p.slug},
            {"lang", locale_code(p.lang)},
            {"title", p.title},
            {"updated_on", p.updated_on ? json(format_date(*p.updated_on)) : json(nullptr)},
            {"blocks", std::move(blocks)}};
  if (p.page > 0) {
    j["page"] = p.page;
    j["pages"] = p.pages;
  }
  return j;
}

std::string plain_text(const Spans& spans) {
  std::string out;
  for (const auto& s : spans) out += s.text;
  return out;
}

bool from_json(const json& j, ContentPage& out) {
  if (!j.is_object()) return false;
  ContentPage p;
  const json* slug = member(j, "slug");
  const json* lang = member(j, "lang");
  const json* title = member(j, "title");
  const json* blocks = member(j, "blocks");
  if (!slug || !slug->is_string() || !lang || !lang->is_string() || !title || !title->is_string()) return false;
  if (!blocks || !blocks->is_array()) return false;
  p.slug = slug->get<std::string>();
  if (!parse_locale(lang->get_ref<const std::string&>(), p.lang)) return false;
  p.title = title->get<std::string>();
  if (const json* updated = member(j, "updated_on"); updated && !updated->is_null()) {
    Date d;
    if (!updated->is_string() || !parse_date(updated->get_ref<const std::string&>(), d)) return false;
    p.updated_on = d;
  }
  for (auto [name, value] : {std::pair<const char*, int*>{"page", &p.page}, {"pages", &p.pages}}) {
    const json* n = member(j, name);
    if (!n || n->is_null()) continue;
    if (!n->is_number_integer() || n->get<int64_t>() < 0 || n->get<int64_t>() > 1000000) return false;
    *value = static_cast<int>(n->get<int64_t>());
  }
  for (const auto& bj : *blocks) {
    Block b;
    bool known = false;
    if (!block_from_json(bj, b, known)) return false;
    if (known) p.blocks.push_back(std::move(b));
  }
  out = std::move(p);
  return true;
}

}  // namespace api

// [SECTION] Reading windows in words
namespace {

constexpr std::array<const char*, 12> kMonthsSlIn = {"januarja",  "februarja", "marca",    "aprila",
                                                     "maja",      "junija",    "julija",   "avgusta",
                                                     "septembra", "oktobra",   "novembra", "decembra"};
constexpr std::array<const char*, 12> kMonthsEn = {"January",   "February", "March",    "April",
                                                   "May",       "June",     "July",     "August",
                                                   "September", "October",  "November", "December"};
constexpr std::array<const char*, 12> kMonthsEnShort = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string n(int v) {
  return std::to_string(v);
}

// "a", "a in b", "a, b in c" (sl) / "a and b", "a, b and c" (en).
std::string joined(const std::vector<std::string>& parts, Locale locale) {
  const std::string last_sep = locale == Locale::en ? " and " : " in ";
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? last_sep : ", ";
    out += parts[i];
  }
  return out;
}

// Days `from`..`to` of a month, without "of the month": "od 24. do 27. dne" / "days 24 to 27".
std::string day_range(int from, int to, Locale locale) {
  if (locale == Locale::en) return from == to ? "day " + n(from) : "days " + n(from) + " to " + n(to);
  return from == to ? n(from) + ". dne" : "od " + n(from) + ". do " + n(to) + ". dne";
}

std::string last_days(int count, Locale locale) {
  if (locale == Locale::en)
    return count <= 1 ? "on the last day of the month" : "on the last " + n(count) + " days of the month";
  if (count <= 1) return "zadnji dan v mesecu";
  if (count == 2) return "zadnja 2 dneva v mesecu";
  if (count <= 4) return "zadnje " + n(count) + " dni v mesecu";
  return "zadnjih " + n(count) + " dni v mesecu";
}

std::string per_month(const WindowRule& r, Locale locale) {
  // Group the months by range; the range most months share is said first, the others after it.
  std::map<std::pair<int, int>, std::vector<int>> by_range;  // range -> months (1..12)
  for (int m = 1; m <= 12; ++m) {
    auto range = r.months[static_cast<size_t>(m - 1)];
    if (range.first <= 0) range = {0, 0};
    by_range[range].push_back(m);
  }
  const auto* common = &*by_range.begin();
  for (const auto& entry : by_range)
    if (entry.second.size() > common->second.size() ||
        (entry.second.size() == common->second.size() && entry.second.front() < common->second.front()))
      common = &entry;
  auto range_words = [locale](const std::pair<int, int>& range) {
    if (range.first <= 0) return std::string(locale == Locale::en ? "no window" : "brez termina");
    return day_range(range.first, range.second, locale);
  };
  const auto& [from, to] = common->first;
  std::string out;
  if (from <= 0)
    out = range_words(common->first);
  else if (locale == Locale::en)
    out = from == to ? "on day " + n(from) + " of the month"
                     : "from day " + n(from) + " to day " + n(to) + " of the month";
  else
    out = day_range(from, to, locale) + " v mesecu";
  // The exceptions in calendar order of their first month.
  std::vector<const std::pair<const std::pair<int, int>, std::vector<int>>*> others;
  for (const auto& entry : by_range)
    if (&entry != common) others.push_back(&entry);
  std::sort(others.begin(), others.end(), [](auto* a, auto* b) { return a->second.front() < b->second.front(); });
  std::vector<std::string> notes;
  for (const auto* entry : others) {
    std::vector<std::string> months;
    for (int m : entry->second)
      months.emplace_back(locale == Locale::en ? kMonthsEn[static_cast<size_t>(m - 1)]
                                               : kMonthsSlIn[static_cast<size_t>(m - 1)]);
    notes.push_back((locale == Locale::en ? "in " : "") + joined(months, locale) + " " + range_words(entry->first));
  }
  if (!notes.empty()) {
    out += " (";
    for (size_t i = 0; i < notes.size(); ++i) out += (i ? "; " : "") + notes[i];
    out += ")";
  }
  return out;
}

}  // namespace

std::string window_rule_words(const WindowRule& r, Locale locale) {
  const bool en = locale == Locale::en;
  using K = WindowRule::Kind;
  switch (r.kind) {
    case K::none:
      return en ? "the operator reads the meter itself" : "operater sam odčita števec";
    case K::days:
      if (r.from_day == r.to_day)
        return en ? "on day " + n(r.from_day) + " of the month" : n(r.from_day) + ". dan v mesecu";
      return en ? "from day " + n(r.from_day) + " to day " + n(r.to_day) + " of the month"
                : "od " + n(r.from_day) + ". do " + n(r.to_day) + ". dne v mesecu";
    case K::last_days:
      return last_days(r.count, locale);
    case K::month_end_span:
      if (r.count <= 1)
        return en ? "from the last day of the month to day " + n(r.to_day) + " of the next month"
                  : "od zadnjega dne v mesecu do " + n(r.to_day) + ". dne naslednjega meseca";
      return last_days(r.count, locale) + (en ? " and until day " + n(r.to_day) + " of the next month"
                                              : " in do " + n(r.to_day) + ". dne naslednjega meseca");
    case K::per_month:
      return per_month(r, locale);
  }
  return {};
}

std::string energy_words(Energy energy, Locale locale) {
  if (energy == Energy::gas) return locale == Locale::en ? "natural gas" : "zemeljski plin";
  return locale == Locale::en ? "electricity" : "elektrika";
}

api::Block reading_windows_table(const std::vector<Operator>& operators, Locale locale) {
  const bool en = locale == Locale::en;
  api::Block t;
  t.type = api::Block::Type::table;
  for (const char* h : {en ? "Operator" : "Operater", en ? "Energy" : "Energija",
                        en ? "When you can submit a reading" : "Kdaj lahko sporočite stanje"})
    t.header.push_back({api::Span{h, false, false, {}}});
  for (const auto& op : operators)
    t.rows.push_back({{api::Span{op.name, false, false, {}}},
                      {api::Span{energy_words(op.energy, locale), false, false, {}}},
                      {api::Span{window_rule_words(op.window, locale), false, false, {}}}});
  return t;
}

int fill_reading_windows(std::vector<api::Block>& blocks, const std::vector<Operator>& operators, Locale locale) {
  int replaced = 0;
  for (auto& b : blocks) {
    if (b.type != api::Block::Type::paragraph) continue;
    bool plain = true;
    for (const auto& s : b.spans) plain = plain && s.href.empty() && !s.strong && !s.em;
    if (!plain || trim(api::plain_text(b.spans)) != kReadingWindowsPlaceholder) continue;
    b = reading_windows_table(operators, locale);
    ++replaced;
  }
  return replaced;
}

// [SECTION] The news archive
ContentDocument split_title(std::vector<api::Block> blocks) {
  ContentDocument doc;
  if (!blocks.empty() && blocks.front().type == api::Block::Type::heading && blocks.front().level == 1) {
    doc.title = blocks.front().text;
    blocks.erase(blocks.begin());
  }
  doc.blocks = std::move(blocks);
  return doc;
}

bool parse_news_file_name(std::string_view file_name, Date& date, std::string& name) {
  constexpr std::string_view ext = ".md";
  if (file_name.size() < 10 + 1 + 1 + ext.size()) return false;
  if (file_name.substr(file_name.size() - ext.size()) != ext || file_name[10] != '-') return false;
  Date d;
  if (!parse_date(file_name.substr(0, 10), d)) return false;
  const std::string_view rest = file_name.substr(11, file_name.size() - 11 - ext.size());
  if (rest.empty() || rest.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") != std::string_view::npos)
    return false;
  date = d;
  name = std::string(rest);
  return true;
}

std::string news_heading(const Date& date, std::string_view title, Locale locale) {
  std::string when;
  if (locale == Locale::en)
    when = n(date.day) + kNbsp + kMonthsEnShort[static_cast<size_t>(date.month - 1)] + kNbsp + n(date.year);
  else
    when = n(date.day) + "." + kNbsp + n(date.month) + "." + kNbsp + n(date.year);
  return title.empty() ? when : when + " \xE2\x80\x94 " + std::string(title);  // em dash
}

void sort_news(std::vector<NewsArticle>& articles) {
  std::sort(articles.begin(), articles.end(), [](const NewsArticle& a, const NewsArticle& b) {
    if (a.date != b.date) return a.date > b.date;
    return a.name < b.name;
  });
}

Errors news_slice(int count, int page, NewsSlice& out) {
  const int pages = std::max(1, (count + kNewsPerPage - 1) / kNewsPerPage);
  if (page < 1 || page > pages) return {make_error(codes::not_found, "page", {{"pages", pages}})};
  out.pages = pages;
  out.first = (page - 1) * kNewsPerPage;
  out.last = std::min(count, out.first + kNewsPerPage);
  return {};
}

Errors news_page(std::vector<NewsArticle> articles, int page, Locale locale, api::ContentPage& out) {
  sort_news(articles);
  NewsSlice slice;
  if (Errors errors = news_slice(static_cast<int>(articles.size()), page, slice); !errors.empty()) return errors;
  out.page = page;
  out.pages = slice.pages;
  out.updated_on.reset();
  if (!articles.empty()) out.updated_on = articles.front().date;
  for (int i = slice.first; i < slice.last; ++i) {
    NewsArticle& a = articles[static_cast<size_t>(i)];
    api::Block h;
    h.type = api::Block::Type::heading;
    h.level = 2;
    h.text = news_heading(a.date, a.doc.title, locale);
    out.blocks.push_back(std::move(h));
    for (auto& b : a.doc.blocks) {
      if (b.type == api::Block::Type::heading) b.level = std::min(6, std::max(3, b.level + 1));
      out.blocks.push_back(std::move(b));
    }
  }
  return {};
}

}  // namespace core
