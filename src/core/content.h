// Content pages (FAQ, news archive, offers, benefits, links, why, terms): the block structure the
// server makes of the supplier's Markdown and the client draws, its JSON both ways, and the pure
// parts of putting a page together (the FAQ's reading-windows table in words, the news archive's
// dated headings and paging), so the client can reuse them. No I/O: the server reads and parses
// the files (server/services/content.cpp).
//
// Index: [SECTION] Pages  [SECTION] Blocks and their JSON  [SECTION] Reading windows in words
//        [SECTION] The news archive
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/energy.h"
#include "core/error.h"
#include "core/i18n.h"

namespace core {

// [SECTION] Pages
// The slugs of GET /content/{slug}, in the menu's order. A file path is only ever built from
// one of these, never from what a client sent.
const std::vector<std::string_view>& content_slugs();
bool is_content_slug(std::string_view slug);
// The page's title when its file does not start with a `# Title` heading.
std::string default_content_title(std::string_view slug, Locale locale);

inline constexpr std::string_view kNewsSlug = "news";                                  // the paged one
inline constexpr int kNewsPerPage = 10;                                                // API.md: 10 articles a page
inline constexpr std::string_view kReadingWindowsPlaceholder = "{{reading_windows}}";  // a paragraph of its own

// `?lang=`: absent -> sl; "sl" or "en"; anything else request.malformed on "lang".
Errors check_content_lang(const std::optional<std::string>& text, Locale& out);
// `?page=` of the news archive: absent -> 1; a positive integer without sign or leading zeros
// (at most 6 digits); anything else request.malformed on "page".
Errors check_news_page(const std::optional<std::string>& text, int& out);

namespace api {

// [SECTION] Blocks and their JSON
struct Span {           // a run of text with one style
  std::string text;     // "\n" where the author forced a line break
  bool strong = false;  // JSON member only when true
  bool em = false;      // JSON member only when true
  std::string href;     // "" = not a link (JSON member only when set): http(s), mailto:, tel:, "/..."
};
using Spans = std::vector<Span>;

struct Block {
  enum class Type { heading, paragraph, list, table };
  Type type = Type::paragraph;
  int level = 1;                         // heading: 1..6
  std::string text;                      // heading: its plain text
  Spans spans;                           // paragraph
  bool ordered = false;                  // list: numbered
  std::vector<Spans> items;              // list: one Spans per item
  std::vector<Spans> header;             // table: one Spans per column
  std::vector<std::vector<Spans>> rows;  // table: rows of cells
};
const char* block_type_code(Block::Type t);  // "heading" | "paragraph" | "list" | "table"

struct ContentPage {  // GET /content/{slug}
  std::string slug;   // "faq", "news", ...
  Locale lang = Locale::sl;
  std::string title;
  std::optional<Date> updated_on;  // null when nothing tells (an empty news archive)
  std::vector<Block> blocks;
  int page = 0;   // news only (1-based); 0 = not paged, and no `page`/`pages` members
  int pages = 0;  // news only: how many pages there are (at least 1)
};

// Span: {text, strong?, em?, href?}; heading {type, level, text}; paragraph {type, spans};
// list {type, ordered, items:[spans]}; table {type, header:[spans], rows:[[spans]]}.
nlohmann::json to_json(const Span& s);
nlohmann::json to_json(const Block& b);
// {slug, lang, title, updated_on, blocks} (+ page, pages for news).
nlohmann::json to_json(const ContentPage& p);
std::string plain_text(const Spans& spans);  // the spans' texts joined

// Client side, never throws: false when the JSON does not have the shape (a known member of the
// wrong type included). Unknown members are ignored and blocks of an unknown type skipped, so
// the server may add kinds of block that older clients simply leave out.
bool from_json(const nlohmann::json& j, ContentPage& out);

}  // namespace api

// [SECTION] Reading windows in words
// An operator's window as a phrase for a table cell, e.g. "od zadnjega dne v mesecu do 3. dne
// naslednjega meseca" / "from the last day of the month to day 3 of the next month". Per-month
// rules name the most common range and list the other months ("(februarja od 24. do 27. dne; ...)").
std::string window_rule_words(const WindowRule& rule, Locale locale);
std::string energy_words(Energy energy, Locale locale);  // "elektrika" / "electricity", ...
// The table of the FAQ: header Operator | Energy | When; one row per operator, in the given order.
api::Block reading_windows_table(const std::vector<Operator>& operators, Locale locale);
// Replaces every paragraph whose whole text is kReadingWindowsPlaceholder by that table;
// returns how many it replaced.
int fill_reading_windows(std::vector<api::Block>& blocks, const std::vector<Operator>& operators, Locale locale);

// [SECTION] The news archive
// A parsed Markdown file: the text of its leading `# Title` heading (not repeated in blocks),
// "" when it has none.
struct ContentDocument {
  std::string title;
  std::vector<api::Block> blocks;
};
// Takes a leading level-1 heading off the blocks as the title.
ContentDocument split_title(std::vector<api::Block> blocks);

struct NewsArticle {
  Date date;         // from the file name
  std::string name;  // the rest of the file name, without ".md" (orders articles of one day)
  ContentDocument doc;
};
// "2026-11-20-new-tariffs.md" -> 2026-11-20 and "new-tariffs"; false for any other name (a
// real date, a dash, a name of [a-z0-9_-] characters, ".md").
bool parse_news_file_name(std::string_view file_name, Date& date, std::string& name);
// The heading an article gets: "20. 11. 2026 — Title" (sl) / "20 Nov 2026 — Title" (en); no-break
// spaces inside the date so it never wraps.
std::string news_heading(const Date& date, std::string_view title, Locale locale);
// Newest first; articles of one day by name.
void sort_news(std::vector<NewsArticle>& articles);
// Which of `count` sorted articles the 1-based `page` shows: [first, last), and how many pages
// there are (at least 1: page 1 of an empty archive is empty). Past the last page: not_found on
// "page" with params {pages}.
struct NewsSlice {
  int first = 0;  // index of the page's first article
  int last = 0;   // one past its last
  int pages = 1;  // pages in all
};
Errors news_slice(int count, int page, NewsSlice& out);
// Fills page, pages, updated_on (the newest article's date) and appends to blocks the archive's `page`:
// articles sorted as sort_news, kNewsPerPage a page, each a level-2 heading with its date
// followed by its blocks, their headings moved down to level 3..6. Only the page's articles need
// their doc (the server reads no other file).
Errors news_page(std::vector<NewsArticle> articles, int page, Locale locale, api::ContentPage& out);

}  // namespace core
