// Content pages: the block JSON both ways (and a client that meets a block type it does not
// know), the query checks, the reading windows in words for every operator of assets/operators.json,
// the FAQ placeholder, news file names, dated headings and paging. No I/O beyond the asset file.
#include <doctest/doctest.h>

#include "core/content.h"
#include "test_support.h"

namespace api = core::api;
using core::Date;
using core::Locale;
using core::WindowRule;
using nlohmann::json;

namespace {

api::Span plain(std::string text) {
  return api::Span{std::move(text), false, false, {}};
}

api::Block paragraph(std::string text) {
  api::Block b;
  b.type = api::Block::Type::paragraph;
  b.spans = {plain(std::move(text))};
  return b;
}

api::Block heading(int level, std::string text) {
  api::Block b;
  b.type = api::Block::Type::heading;
  b.level = level;
  b.text = std::move(text);
  return b;
}

core::NewsArticle article(const char* date, const char* name, const char* title) {
  core::NewsArticle a;
  a.date = test_support::date(date);
  a.name = name;
  a.doc.title = title;
  a.doc.blocks = {paragraph(std::string("Body of ") + name), heading(2, "Sub"), heading(1, "Top")};
  return a;
}

const std::string kNb = "\xC2\xA0";

}  // namespace

TEST_CASE("content slugs are a fixed list") {
  CHECK(core::content_slugs() ==
        std::vector<std::string_view>{"faq", "news", "offers", "benefits", "links", "why", "terms"});
  for (auto slug : core::content_slugs()) {
    CHECK(core::is_content_slug(slug));
    CHECK_FALSE(core::default_content_title(slug, Locale::sl).empty());
    CHECK(core::default_content_title(slug, Locale::sl) != core::default_content_title(slug, Locale::en));
  }
  for (const char* bad : {"", "FAQ", "faq.md", "../faq", "news/2026-11-20-x", "faq ", "terms/"})
    CHECK_FALSE_MESSAGE(core::is_content_slug(bad), bad);
  CHECK(core::default_content_title("faq", Locale::sl) == "Pogosto zastavljena vprašanja");
  CHECK(core::default_content_title("news", Locale::en) == "News archive");
}

TEST_CASE("lang and page of the query") {
  Locale l = Locale::en;
  CHECK(core::check_content_lang(std::nullopt, l).empty());
  CHECK(l == Locale::sl);
  CHECK(core::check_content_lang(std::string("en"), l).empty());
  CHECK(l == Locale::en);
  for (const char* bad : {"", "EN", "de", "sl ", "sl-SI"}) {
    auto errors = core::check_content_lang(std::string(bad), l);
    REQUIRE_MESSAGE(errors.size() == 1, bad);
    CHECK(errors[0].code == "request.malformed");
    CHECK(errors[0].field == "lang");
  }
  int page = 0;
  CHECK(core::check_news_page(std::nullopt, page).empty());
  CHECK(page == 1);
  CHECK(core::check_news_page(std::string("2"), page).empty());
  CHECK(page == 2);
  CHECK(core::check_news_page(std::string("999999"), page).empty());
  CHECK(page == 999999);
  for (const char* bad : {"", "0", "-1", "+1", "01", "1.0", "1e2", "x", " 1", "1000000", "99999999999999999999"}) {
    auto errors = core::check_news_page(std::string(bad), page);
    REQUIRE_MESSAGE(errors.size() == 1, bad);
    CHECK(errors[0].code == "request.malformed");
    CHECK(errors[0].field == "page");
  }
}

TEST_CASE("blocks as JSON, and back") {
  api::ContentPage p;
  p.slug = "faq";
  p.lang = Locale::en;
  p.title = "Questions";
  p.updated_on = test_support::date("2026-11-20");
  p.blocks.push_back(heading(2, "Readings"));
  api::Block para;
  para.type = api::Block::Type::paragraph;
  para.spans = {plain("Call "), api::Span{"080 1558", true, false, "tel:+3868001558"},
                api::Span{" now", false, true, ""}};
  p.blocks.push_back(para);
  api::Block list;
  list.type = api::Block::Type::list;
  list.ordered = true;
  list.items = {{plain("one")}, {plain("two"), api::Span{"!", true, true, ""}}};
  p.blocks.push_back(list);
  api::Block table;
  table.type = api::Block::Type::table;
  table.header = {{plain("A")}, {plain("B")}};
  table.rows = {{{plain("1")}, {api::Span{"2", true, false, ""}}}, {{}, {plain("x")}}};
  p.blocks.push_back(table);

  const json j = api::to_json(p);
  CHECK(j == json::parse(R"({
    "slug": "faq", "lang": "en", "title": "Questions", "updated_on": "2026-11-20",
    "blocks": [
      {"type": "heading", "level": 2, "text": "Readings"},
      {"type": "paragraph", "spans": [{"text": "Call "}, {"text": "080 1558", "strong": true, "href": "tel:+3868001558"},
                                      {"text": " now", "em": true}]},
      {"type": "list", "ordered": true, "items": [[{"text": "one"}], [{"text": "two"}, {"text": "!", "strong": true, "em": true}]]},
      {"type": "table", "header": [[{"text": "A"}], [{"text": "B"}]],
       "rows": [[[{"text": "1"}], [{"text": "2", "strong": true}]], [[], [{"text": "x"}]]]}
    ]})"));
  CHECK_FALSE(j.contains("page"));

  api::ContentPage back;
  REQUIRE(api::from_json(j, back));
  CHECK(api::to_json(back) == j);

  SUBCASE("news carries page and pages") {
    p.slug = "news";
    p.page = 2;
    p.pages = 3;
    p.updated_on.reset();
    const json n = api::to_json(p);
    CHECK(n["page"] == 2);
    CHECK(n["pages"] == 3);
    CHECK(n["updated_on"].is_null());
    REQUIRE(api::from_json(n, back));
    CHECK(back.page == 2);
    CHECK(back.pages == 3);
    CHECK_FALSE(back.updated_on.has_value());
  }
  SUBCASE("a block type the client does not know is skipped; unknown members ignored") {
    json k = j;
    k["blocks"].insert(k["blocks"].begin() + 1, json{{"type", "video"}, {"src", "/x.mp4"}});
    k["extra"] = 1;
    k["blocks"][0]["anchor"] = "readings";
    REQUIRE(api::from_json(k, back));
    CHECK(api::to_json(back) == j);
  }
  SUBCASE("shapes that are not a page") {
    auto broken = [&](auto&& change) {
      json b = j;
      change(b);
      return !api::from_json(b, back);
    };
    CHECK(broken([](json& b) { b = json::array(); }));
    CHECK(broken([](json& b) { b.erase("blocks"); }));
    CHECK(broken([](json& b) { b["title"] = 1; }));
    CHECK(broken([](json& b) { b["lang"] = "de"; }));
    CHECK(broken([](json& b) { b["updated_on"] = "20. 11. 2026"; }));
    CHECK(broken([](json& b) { b["page"] = "1"; }));
    CHECK(broken([](json& b) { b["blocks"][0]["level"] = 7; }));
    CHECK(broken([](json& b) { b["blocks"][0].erase("text"); }));
    CHECK(broken([](json& b) { b["blocks"][1]["spans"][0]["strong"] = "yes"; }));
    CHECK(broken([](json& b) { b["blocks"][1]["spans"][0].erase("text"); }));
    CHECK(broken([](json& b) { b["blocks"][2]["items"] = json::object(); }));
    CHECK(broken([](json& b) { b["blocks"][3]["rows"][0] = "x"; }));
    CHECK(broken([](json& b) { b["blocks"][3]["header"][0] = json{{"text", "A"}}; }));
    CHECK(broken([](json& b) { b["blocks"].push_back(json{{"kind", "paragraph"}}); }));
    CHECK(broken([](json& b) { b["blocks"].push_back(42); }));
  }
}

TEST_CASE("reading windows in words") {
  auto rule = [](WindowRule::Kind kind, int count, int from, int to) {
    WindowRule r;
    r.kind = kind;
    r.count = count;
    r.from_day = from;
    r.to_day = to;
    return r;
  };
  using K = WindowRule::Kind;
  struct Words {
    WindowRule rule;
    const char* sl;
    const char* en;
  };
  const Words cases[] = {
      {rule(K::none, 0, 0, 0), "operater sam odčita števec", "the operator reads the meter itself"},
      {rule(K::days, 0, 1, 2), "od 1. do 2. dne v mesecu", "from day 1 to day 2 of the month"},
      {rule(K::days, 0, 1, 1), "1. dan v mesecu", "on day 1 of the month"},
      {rule(K::last_days, 1, 0, 0), "zadnji dan v mesecu", "on the last day of the month"},
      {rule(K::last_days, 2, 0, 0), "zadnja 2 dneva v mesecu", "on the last 2 days of the month"},
      {rule(K::last_days, 3, 0, 0), "zadnje 3 dni v mesecu", "on the last 3 days of the month"},
      {rule(K::last_days, 4, 0, 0), "zadnje 4 dni v mesecu", "on the last 4 days of the month"},
      {rule(K::last_days, 5, 0, 0), "zadnjih 5 dni v mesecu", "on the last 5 days of the month"},
      {rule(K::month_end_span, 1, 0, 3), "od zadnjega dne v mesecu do 3. dne naslednjega meseca",
       "from the last day of the month to day 3 of the next month"},
      {rule(K::month_end_span, 3, 0, 3), "zadnje 3 dni v mesecu in do 3. dne naslednjega meseca",
       "on the last 3 days of the month and until day 3 of the next month"},
  };
  for (const auto& c : cases) {
    CHECK(core::window_rule_words(c.rule, Locale::sl) == c.sl);
    CHECK(core::window_rule_words(c.rule, Locale::en) == c.en);
  }

  SUBCASE("per-month ranges: the common one first, the other months after it") {
    WindowRule pm;
    pm.kind = WindowRule::Kind::per_month;
    pm.months = {{{27, 30},
                  {24, 27},
                  {27, 30},
                  {26, 29},
                  {27, 30},
                  {26, 29},
                  {27, 30},
                  {27, 30},
                  {26, 29},
                  {27, 30},
                  {26, 29},
                  {27, 30}}};
    CHECK(core::window_rule_words(pm, Locale::sl) ==
          "od 27. do 30. dne v mesecu (februarja od 24. do 27. dne; aprila, junija, septembra in novembra od 26. do "
          "29. dne)");
    CHECK(core::window_rule_words(pm, Locale::en) ==
          "from day 27 to day 30 of the month (in February days 24 to 27; in April, June, September and November days "
          "26 to 29)");
    pm.months[6] = {0, 0};
    CHECK(
        core::window_rule_words(pm, Locale::en) ==
        "from day 27 to day 30 of the month (in February days 24 to 27; in April, June, September and November days 26 "
        "to 29; in July no window)");
    CHECK(core::window_rule_words(pm, Locale::sl) ==
          "od 27. do 30. dne v mesecu (februarja od 24. do 27. dne; aprila, junija, septembra in novembra od 26. do "
          "29. dne; "
          "julija brez termina)");
    for (auto& m : pm.months) m = {5, 5};
    CHECK(core::window_rule_words(pm, Locale::sl) == "5. dne v mesecu");
    CHECK(core::window_rule_words(pm, Locale::en) == "on day 5 of the month");
  }

  SUBCASE("every operator of assets/operators.json has words in both languages") {
    core::OperatorCatalog catalog;
    std::string error;
    REQUIRE_MESSAGE(catalog.load(test_support::read_source_file("assets/operators.json"), error), error);
    for (const auto& op : catalog.all())
      for (Locale l : {Locale::sl, Locale::en}) CHECK_FALSE(core::window_rule_words(op.window, l).empty());
    CHECK(core::window_rule_words(catalog.find("ELJ")->window, Locale::sl) ==
          "od zadnjega dne v mesecu do 3. dne naslednjega meseca");
    CHECK(core::window_rule_words(catalog.find("ADPL")->window, Locale::en) == "on the last 4 days of the month");
    CHECK(core::window_rule_words(catalog.find("PLIN")->window, Locale::sl) == "od 1. do 2. dne v mesecu");
    CHECK(core::window_rule_words(catalog.find("MEPL")->window, Locale::sl) == "operater sam odčita števec");

    const api::Block t = core::reading_windows_table(catalog.all(), Locale::sl);
    CHECK(t.type == api::Block::Type::table);
    REQUIRE(t.header.size() == 3);
    CHECK(api::plain_text(t.header[0]) == "Operater");
    REQUIRE(t.rows.size() == catalog.all().size());
    CHECK(api::plain_text(t.rows[0][0]) == "Elektro Ljubljana");
    CHECK(api::plain_text(t.rows[0][1]) == "elektrika");
    CHECK(api::plain_text(t.rows[5][1]) == "zemeljski plin");
    CHECK(api::plain_text(core::reading_windows_table(catalog.all(), Locale::en).header[2]) ==
          "When you can submit a reading");
  }
}

TEST_CASE("the FAQ's placeholder paragraph becomes the windows table") {
  core::Operator op;
  op.code = "ELJ";
  op.name = "Elektro Ljubljana";
  op.window.kind = WindowRule::Kind::last_days;
  op.window.count = 2;
  std::vector<api::Block> blocks = {heading(2, "Kdaj lahko sporočim števčno stanje?"), paragraph("{{reading_windows}}"),
                                    paragraph("See {{reading_windows}} above"), paragraph(" {{reading_windows}} ")};
  api::Block styled = paragraph("{{reading_windows}}");
  styled.spans[0].strong = true;
  blocks.push_back(styled);
  CHECK(core::fill_reading_windows(blocks, {op}, Locale::sl) == 2);
  CHECK(blocks[1].type == api::Block::Type::table);
  REQUIRE(blocks[1].rows.size() == 1);
  CHECK(api::plain_text(blocks[1].rows[0][2]) == "zadnja 2 dneva v mesecu");
  CHECK(blocks[2].type == api::Block::Type::paragraph);  // not alone in its paragraph: left as written
  CHECK(blocks[3].type == api::Block::Type::table);
  CHECK(blocks[4].type == api::Block::Type::paragraph);  // styled: the author meant the words
}

TEST_CASE("a leading level-1 heading is the title") {
  auto doc = core::split_title({heading(1, "Akcijske ponudbe"), paragraph("x"), heading(1, "Later")});
  CHECK(doc.title == "Akcijske ponudbe");
  REQUIRE(doc.blocks.size() == 2);
  CHECK(doc.blocks[1].text == "Later");
  doc = core::split_title({heading(2, "Not a title"), paragraph("x")});
  CHECK(doc.title.empty());
  CHECK(doc.blocks.size() == 2);
  CHECK(core::split_title({}).title.empty());
}

TEST_CASE("news file names") {
  Date date;
  std::string name;
  REQUIRE(core::parse_news_file_name("2026-11-20-new-tariffs.md", date, name));
  CHECK(date == test_support::date("2026-11-20"));
  CHECK(name == "new-tariffs");
  REQUIRE(core::parse_news_file_name("2024-02-29-a_1.md", date, name));
  CHECK(name == "a_1");
  for (const char* bad : {"2026-11-20.md", "2026-11-20-.md", "2026-11-31-x.md", "2026-2-01-x.md", "2026-11-20-x.txt",
                          "2026-11-20-x.md~", "2026-11-20_x.md", "2026-11-20-X.md", "2026-11-20-a b.md",
                          "2026-11-20-../x.md", ".2026-11-20-x.md", "x.md", "", "2025-02-29-x.md"})
    CHECK_FALSE_MESSAGE(core::parse_news_file_name(bad, date, name), bad);
}

TEST_CASE("dated headings of articles") {
  CHECK(core::news_heading(test_support::date("2026-11-20"), "Nove cene", Locale::sl) ==
        "20." + kNb + "11." + kNb + "2026 — Nove cene");
  CHECK(core::news_heading(test_support::date("2026-01-05"), "New prices", Locale::en) ==
        "5" + kNb + "Jan" + kNb + "2026 — New prices");
  CHECK(core::news_heading(test_support::date("2026-12-31"), "", Locale::en) == "31" + kNb + "Dec" + kNb + "2026");
}

TEST_CASE("the news archive: newest first, ten a page") {
  std::vector<core::NewsArticle> articles;
  // 23 articles, two on 2026-03-10 (ordered by name), given in no particular order.
  const char* dates[] = {"2026-01-10", "2026-05-01", "2025-12-24", "2026-03-10", "2026-03-10", "2026-02-01",
                         "2026-04-01", "2026-06-01", "2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01",
                         "2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06",
                         "2026-11-07", "2026-11-08", "2026-11-09", "2026-11-10", "2026-11-11"};
  const char* names[] = {"a", "b", "c", "zeta", "alpha", "d", "e", "f", "g", "h", "i", "j",
                         "k", "l", "m", "n",    "o",     "p", "q", "r", "s", "t", "u"};
  for (size_t i = 0; i < 23; ++i) articles.push_back(article(dates[i], names[i], names[i]));

  api::ContentPage p1;
  REQUIRE(core::news_page(articles, 1, Locale::sl, p1).empty());
  CHECK(p1.page == 1);
  CHECK(p1.pages == 3);
  CHECK(p1.updated_on == test_support::date("2026-11-11"));
  // Each article: its dated heading, then its blocks (a paragraph and two headings moved down).
  REQUIRE(p1.blocks.size() == 40);
  CHECK(p1.blocks[0].type == api::Block::Type::heading);
  CHECK(p1.blocks[0].level == 2);
  CHECK(p1.blocks[0].text == "11." + kNb + "11." + kNb + "2026 — u");
  CHECK(api::plain_text(p1.blocks[1].spans) == "Body of u");
  CHECK(p1.blocks[2].level == 3);  // ## -> ###
  CHECK(p1.blocks[3].level == 3);  // # inside an article -> ### (below the article's own heading)
  CHECK(p1.blocks[36].text.find("2026 — l") != std::string::npos);

  api::ContentPage p2;
  REQUIRE(core::news_page(articles, 2, Locale::en, p2).empty());
  CHECK(p2.page == 2);
  CHECK(p2.updated_on == test_support::date("2026-11-11"));
  REQUIRE(p2.blocks.size() == 40);
  CHECK(p2.blocks[0].text == "1" + kNb + "Nov" + kNb + "2026 — k");
  CHECK(p2.blocks[32].text == "10" + kNb + "Mar" + kNb + "2026 — alpha");  // same day: by name
  CHECK(p2.blocks[36].text == "10" + kNb + "Mar" + kNb + "2026 — zeta");

  api::ContentPage p3;
  REQUIRE(core::news_page(articles, 3, Locale::sl, p3).empty());
  REQUIRE(p3.blocks.size() == 12);
  CHECK(p3.blocks[0].text == "1." + kNb + "2." + kNb + "2026 — d");
  CHECK(p3.blocks[4].text == "10." + kNb + "1." + kNb + "2026 — a");
  CHECK(p3.blocks[8].text == "24." + kNb + "12." + kNb + "2025 — c");
  CHECK(p3.updated_on == test_support::date("2026-11-11"));

  api::ContentPage p4;
  auto errors = core::news_page(articles, 4, Locale::sl, p4);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == "not_found");
  CHECK(errors[0].field == "page");
  CHECK(errors[0].params == json{{"pages", 3}});

  SUBCASE("an empty archive has one empty page") {
    api::ContentPage empty;
    REQUIRE(core::news_page({}, 1, Locale::sl, empty).empty());
    CHECK(empty.page == 1);
    CHECK(empty.pages == 1);
    CHECK(empty.blocks.empty());
    CHECK_FALSE(empty.updated_on.has_value());
    CHECK(core::news_page({}, 2, Locale::sl, empty).size() == 1);
  }
  SUBCASE("exactly ten articles are one page") {
    articles.resize(10);
    api::ContentPage p;
    REQUIRE(core::news_page(articles, 1, Locale::sl, p).empty());
    CHECK(p.pages == 1);
    CHECK(core::news_page(articles, 2, Locale::sl, p).size() == 1);
  }
}
