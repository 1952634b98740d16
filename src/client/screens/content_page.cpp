// The supplier's content pages (Pogosto zastavljena vprašanja, Arhiv novic, Akcijske ponudbe, Moje
// ugodnosti, Koristne povezave, Zakaj Moj GEN-I?, Pogoji uporabe): the blocks the server made of
// its Markdown drawn as real headings, paragraphs with bold text and links, lists and tables.
// Links inside the portal navigate, e-mail and phone links go to the device, others open a new
// tab and are marked as leaving the portal. The news archive is paged.
#include "client/screens/reading_common.h"
#include "client/screens/screens.h"
#include "client/widgets/widgets.h"

namespace client::screens {

using widgets::T;
using widgets::Tf;

namespace {

constexpr float kCardWidth = 880;

// A kiosk keeps only the portal's own links: e-mail, phone and other sites are text there.
std::vector<widgets::TextRun> runs_of(const core::api::Spans& spans, bool kiosk) {
  std::vector<widgets::TextRun> out;
  for (const auto& s : spans) {
    const bool ours = s.href.rfind('/', 0) == 0;
    out.push_back({s.text, s.strong, s.em, kiosk && !ours ? "" : s.href});
  }
  return out;
}

// What a link does: a page of the portal, the device's mail app or dialler, or a new tab.
void follow(const std::string& href, Actions& a) {
  if (href.empty()) return;
  if (href.front() == '/')
    a.navigate(parse_route(href));
  else if (href.rfind("mailto:", 0) == 0 || href.rfind("tel:", 0) == 0)
    a.open_contact(href);
  else
    a.open_link(href);
}

void draw_blocks(const std::string& id, const std::string& title, const std::vector<core::api::Block>& blocks, bool kiosk,
                 Actions& a) {
  const std::string external(T("content.external"));
  std::string caption = title;  // a table is named by the heading above it
  int n = 0;
  for (const auto& b : blocks) {
    const std::string bid = id + "." + std::to_string(n++);
    switch (b.type) {
      case core::api::Block::Type::heading:
        widgets::heading(b.text, b.level <= 1 ? 2 : b.level >= 3 ? 3 : b.level);  // the title is the one h1
        caption = b.text;
        break;
      case core::api::Block::Type::paragraph:
        follow(widgets::rich_text(bid.c_str(), runs_of(b.spans, kiosk), {}, external), a);
        break;
      case core::api::Block::Type::list: {
        int i = 0;
        for (const auto& item : b.items) {
          ++i;
          const std::string marker = b.ordered ? std::to_string(i) + "." : "\xE2\x80\xA2";  // •
          const std::string iid = bid + "." + std::to_string(i);
          follow(widgets::rich_text(iid.c_str(), runs_of(item, kiosk), marker, external), a);
        }
        break;
      }
      case core::api::Block::Type::table: {
        std::vector<std::string> labels;
        for (const auto& h : b.header) labels.push_back(core::api::plain_text(h));
        std::vector<widgets::Column> cols;
        for (const auto& l : labels) cols.push_back({l, 1, false, false});
        widgets::TableSort sort;
        widgets::begin_table(bid.c_str(), caption, cols, sort);
        int r = 0;
        for (const auto& row : b.rows) {
          widgets::table_row(r++);
          for (size_t c = 0; c < cols.size(); ++c) widgets::table_cell(c < row.size() ? core::api::plain_text(row[c]) : "");
        }
        widgets::end_table();
        break;
      }
    }
    widgets::spacing(4);
  }
}

}  // namespace

void draw_content(const AppState& s, Actions& a) {
  const std::string slug = content_slug_of(s.route.screen);
  const std::string lang = core::locale_code(s.locale);
  const bool news = slug == core::kNewsSlug;
  const int page_no = news ? s.content.news_page : 0;
  static const ContentView::Page none;  // read-only: nothing loaded yet
  auto it = s.content.pages.find(content_key(slug, lang, page_no));
  const ContentView::Page& p = it == s.content.pages.end() ? none : it->second;
  const std::string id = "content." + slug;

  widgets::begin_card(id.c_str(), kCardWidth);
  if (!p.load.loaded) widgets::heading(Tf(screen_key(s.route.screen), {{"product", s.brand.product}}));
  if (reading::draw_load_state(id.c_str(), p.load, T("content.loading"), T("content.load_failed"), a, "content")) {
    widgets::end_card();
    return;
  }
  widgets::heading(p.page.title);
  if (p.page.updated_on && !news)
    widgets::muted(Tf("content.updated_on", {{"date", reading::date_text(*p.page.updated_on)}}));
  if (news && p.page.blocks.empty()) widgets::paragraph(T("content.news.empty"));
  draw_blocks(id, p.page.title, p.page.blocks, s.kiosk.on, a);
  if (news && p.page.pages > 1) {
    widgets::muted(Tf("content.news.page_of", {{"page", p.page.page}, {"pages", p.page.pages}}));
    widgets::begin_row();
    if (p.page.page > 1 &&
        widgets::button("content.news.newer", T("content.news.newer"), widgets::ButtonKind::secondary))
      a.news_page(p.page.page - 1);
    if (p.page.page < p.page.pages &&
        widgets::button("content.news.older", T("content.news.older"), widgets::ButtonKind::secondary))
      a.news_page(p.page.page + 1);
    widgets::end_row();
  }
  if (s.route.screen == Screen::terms) {  // read from the registration or from the menu
    widgets::spacing(8);
    const bool signed_in = s.session == Session::signed_in;
    if (widgets::button("terms.back", T(signed_in ? "shell.back_home" : "terms.back_register")))
      a.navigate(signed_in ? Screen::home : Screen::register_);
  }
  widgets::end_card();
}

}  // namespace client::screens
