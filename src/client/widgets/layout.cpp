// Layout: the page (one scrolling, undecorated window over the whole canvas), its content
// column, cards, forms, columns, rows, the header bar and the navigation.
#include <algorithm>
#include <cmath>

#include "client/widgets/context.h"

namespace client::widgets {

using namespace detail;

namespace detail {

const Region& region() {
  return ctx().regions.back();
}
void push_region(float x, float w) {
  ctx().regions.push_back(Region{x, std::max(w, 1.0f)});
}
void pop_region() {
  if (ctx().regions.size() > 1) ctx().regions.pop_back();
}
bool in_row() {
  return ctx().row_depth > 0;
}

ImRect place(ImVec2 size) {
  Context& c = ctx();
  const Region& r = region();
  bool same_line = false;
  if (c.row_depth > 0 && c.row_count > 0) {
    const float gap = px(12);
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    same_line = w->DC.CursorPosPrevLine.x + gap + size.x <= r.x + r.w + 0.5f;
    if (same_line) ImGui::SameLine(0.0f, gap);
  }
  if (c.row_depth > 0) ++c.row_count;
  if (!same_line) ImGui::SetCursorScreenPos(ImVec2(r.x, ImGui::GetCursorScreenPos().y));
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::ItemSize(size);
  return ImRect(pos, ImVec2(pos.x + size.x, pos.y + size.y));
}

// Vertical space between blocks is ImGui's ItemSpacing.y (16 CSS px); this adds to it.
void move_down(float device) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + device));
}

}  // namespace detail

void begin_page(const char* id, std::string_view view) {
  Context& c = ctx();
  c.page = id;
  if (view != c.page_view) {
    if (!c.page_view.empty()) {
      ImGui::SetNextWindowScroll(ImVec2(0.0f, 0.0f));
      // Another screen: focus goes to its h1, so a screen reader starts reading there.
      c.focus_request = std::string(id) + ".heading.0";
    }
    c.page_view = view;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  // A kiosk's on-screen keyboard takes the bottom: the page ends above it.
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, std::max(1.0f, vp->WorkSize.y - keyboard_height())));
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                           ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                           ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoNavFocus;
  if (c.phone) flags |= ImGuiWindowFlags_NoScrollbar;  // phones scroll by dragging; no bar eats the width
  ImGui::Begin(id, nullptr, flags);
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  c.page_window = w;
  // Keyboard scrolling when none of our DOM elements has focus (the page itself does).
  if (c.focused.empty() && !ImGui::GetIO().WantTextInput && c.dialog_last.empty()) {
    float step = 0.0f;
    const float page = w->InnerRect.GetHeight() * 0.9f;
    if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) step = px(40);
    if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) step = -px(40);
    if (ImGui::IsKeyPressed(ImGuiKey_PageDown) || ImGui::IsKeyPressed(ImGuiKey_Space)) step = page;
    if (ImGui::IsKeyPressed(ImGuiKey_PageUp)) step = -page;
    if (ImGui::IsKeyPressed(ImGuiKey_Home)) step = -w->Scroll.y;
    if (ImGui::IsKeyPressed(ImGuiKey_End)) step = w->ScrollMax.y - w->Scroll.y;
    if (step != 0.0f) ImGui::SetScrollY(std::clamp(w->Scroll.y + step, 0.0f, w->ScrollMax.y));
  }
  // The content column: centred, at most 1120 CSS px, with side margins.
  const float margin = px(c.phone ? 12 : 24);
  const float full = w->WorkRect.GetWidth();
  const float col_w = std::min(px(1120), full - 2 * margin);
  const float x = w->WorkRect.Min.x + (full - col_w) * 0.5f;
  push_region(std::floor(x), std::floor(col_w));
  ImGui::SetCursorScreenPos(ImVec2(x, w->WorkRect.Min.y));
}

void end_page() {
  Context& c = ctx();
  ImGui::Dummy(ImVec2(1.0f, px(16)));  // breathing room below the last card
  pop_region();
  ImGui::End();
  c.page_window = nullptr;
}

void spacing(float css) {
  move_down(px(css));
}

// [SECTION] Cards: the background is drawn after the content (on a channel below it) so the
// card grows with what it holds in the same frame.
void begin_card(const char* id, float max_width_css) {
  Context& c = ctx();
  (void)id;
  const Region& r = region();
  const float w = std::floor(std::min(px(max_width_css), r.w));
  const float x = std::floor(r.x + (r.w - w) * 0.5f);
  move_down(px(8));
  const ImVec2 top(x, ImGui::GetCursorScreenPos().y);
  IM_ASSERT(c.split_depth == 0 && "cards do not nest");
  c.splitter.Split(dl(), 2);
  c.splitter.SetCurrentChannel(dl(), 1);
  c.split_depth = 1;
  c.card_min = top;
  c.card_w = w;
  c.card_pad = px(c.phone ? 16 : 28);
  push_region(x + c.card_pad, w - 2 * c.card_pad);
  ImGui::SetCursorScreenPos(ImVec2(x + c.card_pad, top.y + c.card_pad));
}

void end_card() {
  Context& c = ctx();
  pop_region();
  const float bottom = ImGui::GetCursorScreenPos().y - ImGui::GetStyle().ItemSpacing.y + c.card_pad;
  const ImRect r(c.card_min, ImVec2(c.card_min.x + c.card_w, std::max(bottom, c.card_min.y + 2 * c.card_pad)));
  c.splitter.SetCurrentChannel(dl(), 0);
  const float round = px(10);
  ImDrawList* d = dl();
  d->AddRectFilled(ImVec2(r.Min.x, r.Min.y + px(1)), ImVec2(r.Max.x, r.Max.y + px(2)), IM_COL32(27, 36, 48, 14), round);
  d->AddRectFilled(r.Min, r.Max, pal().surface, round);
  d->AddRect(r.Min, r.Max, pal().border, round, 0, px(1));
  c.splitter.Merge(d);
  c.split_depth = 0;
  ImGui::SetCursorScreenPos(r.Min);
  ImGui::ItemSize(r.GetSize());
}

void begin_form(const char* id) {
  ctx().form = id;
}
void end_form() {
  ctx().form.clear();
}

// [SECTION] Columns: side by side on wide screens; stacked on phones.
void begin_columns(const char* id, int count) {
  (void)id;
  const Region& r = region();
  ColumnsState s;
  s.count = std::max(1, count);
  s.stacked = ctx().phone || s.count == 1 || r.w < px(480);
  s.x = r.x;
  s.w = r.w;
  s.top = ImGui::GetCursorScreenPos().y;
  s.bottom = s.top;
  if (!s.stacked) {
    const float gap = px(24);
    s.col_w = std::floor((r.w - gap * static_cast<float>(s.count - 1)) / static_cast<float>(s.count));
    push_region(s.x, s.col_w);
  }
  ctx().columns.push_back(s);
}

void next_column() {
  if (ctx().columns.empty()) return;
  ColumnsState& s = ctx().columns.back();
  if (s.stacked) return;
  s.bottom = std::max(s.bottom, ImGui::GetCursorScreenPos().y);
  pop_region();
  s.index = std::min(s.index + 1, s.count - 1);
  const float x = s.x + (s.col_w + px(24)) * static_cast<float>(s.index);
  push_region(x, s.col_w);
  ImGui::SetCursorScreenPos(ImVec2(x, s.top));
}

void end_columns() {
  if (ctx().columns.empty()) return;
  ColumnsState s = ctx().columns.back();
  ctx().columns.pop_back();
  if (s.stacked) return;
  s.bottom = std::max(s.bottom, ImGui::GetCursorScreenPos().y);
  pop_region();
  ImGui::SetCursorScreenPos(ImVec2(s.x, s.bottom));
  ImGui::Dummy(ImVec2(0.0f, 0.0f));
  move_down(-ImGui::GetStyle().ItemSpacing.y);  // the Dummy's own spacing is not wanted
}

// [SECTION] Rows
void begin_row() {
  Context& c = ctx();
  ++c.row_depth;
  c.row_count = 0;
}

void end_row() {
  Context& c = ctx();
  c.row_depth = std::max(0, c.row_depth - 1);
  c.row_count = 0;
}

// [SECTION] Header and navigation
void header_bar(std::string_view brand, std::string_view trailing) {
  Context& c = ctx();
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  const float y = ImGui::GetCursorScreenPos().y;
  const float h = px(c.phone ? 56 : 64);
  const ImRect bar(ImVec2(w->Pos.x, y), ImVec2(w->Pos.x + w->Size.x, y + h));
  ImDrawList* d = dl();
  d->AddRectFilled(bar.Min, bar.Max, pal().primary);
  d->AddRectFilled(ImVec2(bar.Min.x, bar.Max.y - px(4)), bar.Max, pal().accent);
  const Region& r = region();
  ImFont* f = c.phone ? theme().fonts.title : theme().fonts.heading;
  const float text_y = y + (h - px(4) - f->FontSize) * 0.5f;
  float right = r.x + r.w;
  if (!trailing.empty()) {
    ImFont* tf = theme().fonts.body;
    const ImVec2 ts = text_size(tf, trailing);
    const float max_w = r.w * 0.45f;
    if (ts.x <= max_w) {
      draw_text(tf, ImVec2(right - ts.x, y + (h - px(4) - tf->FontSize) * 0.5f), pal().on_primary, trailing);
      right -= ts.x + px(16);
    }
  }
  const ImRect brand_r(ImVec2(r.x, text_y), ImVec2(std::min(right, r.x + text_size(f, brand).x), text_y + f->FontSize));
  d->PushClipRect(bar.Min, ImVec2(right, bar.Max.y), true);
  draw_text(f, brand_r.Min, pal().on_primary, brand);
  d->PopClipRect();
  Item& item = add_item(c.page + ".banner", "banner", brand, bar);
  item.value = trailing;
  ImGui::SetCursorScreenPos(ImVec2(r.x, y));
  ImGui::ItemSize(ImVec2(1.0f, h - ImGui::GetStyle().ItemSpacing.y));  // the nav or content follows closely
}

void begin_nav(const char* id, std::string_view menu_label) {
  Context& c = ctx();
  c.nav = id;
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  const float y = ImGui::GetCursorScreenPos().y;
  c.nav_min = ImVec2(w->Pos.x, y);
  c.nav_w = w->Size.x;
  IM_ASSERT(c.split_depth == 0 && "navigation inside a card");
  c.splitter.Split(dl(), 2);
  c.splitter.SetCurrentChannel(dl(), 1);
  c.split_depth = 1;
  const Region& r = region();
  c.nav_open = false;
  if (c.phone) {
    // The menu button: three bars and the label, at the right.
    const std::string bid = std::string(id) + ".menu";
    bool open = c.expanded_navs.count(id) > 0;
    ImFont* f = theme().fonts.strong;
    const ImVec2 ts = text_size(f, menu_label);
    const float bw = ts.x + px(16 + 20 + 8 + 16), bh = std::max(px(44), min_target_px());
    const ImRect b(ImVec2(r.x + r.w - bw, y + px(6)), ImVec2(r.x + r.w, y + px(6) + bh));
    bool hovered = false, held = false;
    if (behavior(bid, b, &hovered, &held) || take_activation(bid)) {
      open = !open;
      if (open)
        c.expanded_navs.insert(id);
      else
        c.expanded_navs.erase(id);
    }
    if (hovered || held) dl()->AddRectFilled(b.Min, b.Max, held ? pal().selection : pal().primary_tint, px(6));
    const float ix = b.Min.x + px(16), iy = b.GetCenter().y;
    for (int i = -1; i <= 1; ++i)
      dl()->AddRectFilled(ImVec2(ix, iy + px(6) * static_cast<float>(i) - px(1)),
                          ImVec2(ix + px(20), iy + px(6) * static_cast<float>(i) + px(1)), pal().text, px(1));
    draw_text(f, ImVec2(ix + px(28), iy - f->FontSize * 0.5f), pal().text, menu_label);
    if (focus_visible(bid)) focus_ring(b, 6);
    Item& item = add_item(bid, "button", menu_label, b);
    item.state.expanded = open;
    Control& k = add_control(bid, "button", menu_label, b);
    k.expandable = true;
    k.state.expanded = open;
    ImGui::SetCursorScreenPos(ImVec2(r.x, y));
    ImGui::ItemSize(ImVec2(1.0f, px(56)));
    c.nav_open = open;
    if (open) move_down(-px(8));
  } else {
    ImGui::SetCursorScreenPos(ImVec2(r.x, y));
    begin_row();
  }
}

void end_nav() {
  Context& c = ctx();
  if (!c.phone) end_row();
  const float content_bottom = ImGui::GetCursorScreenPos().y - ImGui::GetStyle().ItemSpacing.y;
  const float bottom = c.phone ? (c.nav_open ? content_bottom + px(8) : c.nav_min.y + px(56))
                               : std::max(c.nav_min.y + px(52), content_bottom);
  const ImRect bar(c.nav_min, ImVec2(c.nav_min.x + c.nav_w, bottom));
  c.splitter.SetCurrentChannel(dl(), 0);
  dl()->AddRectFilled(bar.Min, bar.Max, pal().surface);
  dl()->AddLine(ImVec2(bar.Min.x, bar.Max.y - px(1)), ImVec2(bar.Max.x, bar.Max.y - px(1)), pal().border, px(1));
  c.splitter.Merge(dl());
  c.split_depth = 0;
  add_item(c.nav, "navigation", "", bar);
  ImGui::SetCursorScreenPos(ImVec2(region().x, bar.Min.y));
  ImGui::ItemSize(ImVec2(1.0f, bar.GetHeight()));
  c.nav.clear();
}

}  // namespace client::widgets
