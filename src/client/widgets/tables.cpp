// Tables: a header with sortable columns and rows of wrapped cells on wide screens; on phones
// each row is a stacked card (column label above each value) and the sortable columns become
// a "sort by" line.
#include <algorithm>
#include <cmath>

#include "client/widgets/context.h"

namespace client::widgets {

using namespace detail;

namespace {

constexpr float kCellPadX = 12, kCellPadY = 12, kCardPad = 14;

const char* arrow(bool descending) {
  return descending ? " \xE2\x86\x93" : " \xE2\x86\x91";
}  // ↓ ↑

void finish_row(Table& t) {
  if (t.row < 0) return;
  Context& c = ctx();
  const Region& reg = region();
  ImRect row(ImVec2(reg.x, t.row_top), ImVec2(reg.x + reg.w, t.row_bottom));
  if (t.stacked) {
    row.Max.y += px(kCardPad) - px(8);
    dl()->AddRect(row.Min, row.Max, pal().border, px(8), 0, px(1));
  } else {
    dl()->AddLine(ImVec2(row.Min.x, row.Max.y), ImVec2(row.Max.x, row.Max.y), pal().border, px(1));
  }
  // The row's place in the layout (its cells were drawn at absolute positions).
  ImGui::SetCursorScreenPos(row.Min);
  place(row.GetSize());
  move_down(t.stacked ? px(12) - ImGui::GetStyle().ItemSpacing.y : -ImGui::GetStyle().ItemSpacing.y);
  Item& item = add_item(t.id + ".row." + std::to_string(t.row), "row", "", row);
  item.row = t.row;
  t.row = -1;
  (void)c;
}

}  // namespace

bool begin_table(const char* id, std::string_view caption, const std::vector<Column>& columns, TableSort& sort) {
  Context& c = ctx();
  const Theme& th = theme();
  c.table.emplace();
  Table& t = *c.table;
  t.id = id;
  t.caption = std::string(caption);
  t.columns = columns;
  for (const Column& col : columns) t.labels.emplace_back(col.label);
  t.stacked = c.phone;
  const Region& reg = region();
  bool clicked_any = false;
  int clicked = -1;
  t.table_top = ImGui::GetCursorScreenPos().y;

  if (!t.stacked) {
    float total = 0.0f;
    for (const Column& col : columns) total += std::max(0.01f, col.weight);
    float x = reg.x;
    for (size_t i = 0; i < columns.size(); ++i) {
      float w = std::floor(reg.w * std::max(0.01f, columns[i].weight) / total);
      if (i + 1 == columns.size()) w = reg.x + reg.w - x;
      t.layout.push_back({x, w});
      x += w;
    }
    ImFont* f = th.fonts.label;
    float hh = 0.0f;
    for (size_t i = 0; i < columns.size(); ++i)
      hh = std::max(hh, text_size(f, t.labels[i] + "  \xE2\x86\x93", t.layout[i].w - 2 * px(kCellPadX)).y);
    const ImRect hr = place(ImVec2(reg.w, std::max(hh + 2 * px(10), min_target_px())));
    t.table_top = hr.Min.y;
    for (size_t i = 0; i < columns.size(); ++i) {
      const int ci = static_cast<int>(i);
      const ImRect cell(ImVec2(t.layout[i].x, hr.Min.y), ImVec2(t.layout[i].x + t.layout[i].w, hr.Max.y));
      const std::string hid = t.id + ".col." + std::to_string(i);
      const bool sorted = sort.column == ci;
      bool hovered = false;
      if (columns[i].sortable) {
        if (behavior(hid, cell, &hovered, nullptr) || take_activation(hid)) clicked = ci;
      }
      const std::string text = t.labels[i] + (sorted ? arrow(sort.descending) : "");
      const float tw = t.layout[i].w - 2 * px(kCellPadX);
      const ImVec2 ts = text_size(f, text, tw);
      const float tx = columns[i].numeric ? cell.Max.x - px(kCellPadX) - ts.x : cell.Min.x + px(kCellPadX);
      const ImU32 col = sorted || hovered ? pal().primary : pal().text;
      draw_text(f, ImVec2(tx, cell.Min.y + px(10)), col, text, tw);
      // A sortable header is underlined under the mouse; on a kiosk (fingers, no hover) always.
      if ((hovered || th.kiosk) && columns[i].sortable)
        dl()->AddRectFilled(ImVec2(tx, cell.Min.y + px(10) + f->FontSize),
                            ImVec2(tx + ts.x, cell.Min.y + px(11) + f->FontSize), col);
      if (focus_visible(hid)) {
        ImRect in = cell;
        in.Expand(-px(4));
        focus_ring(in, 4);
      }
      Item& item = add_item(hid, "columnheader", t.labels[i], cell);
      item.value = sorted ? (sort.descending ? "descending" : "ascending") : "";
      item.state.selected = sorted;
      if (columns[i].sortable) add_control(hid, "button", t.labels[i], cell).state.selected = sorted;
    }
    dl()->AddLine(ImVec2(reg.x, hr.Max.y - px(1)), ImVec2(reg.x + reg.w, hr.Max.y - px(1)), pal().field_border, px(1));
    move_down(-ImGui::GetStyle().ItemSpacing.y);
  } else if (std::any_of(columns.begin(), columns.end(), [](const Column& col) { return col.sortable; })) {
    // Phones: "Sort by: Date ↓  Value" as a wrapping line of small buttons.
    ImFont* f = th.fonts.small;
    begin_row();
    const std::string_view lbl = T("widgets.sort_by");
    const ImRect lr = place(ImVec2(text_size(f, lbl).x, px(36)));
    draw_text(f, ImVec2(lr.Min.x, lr.GetCenter().y - f->FontSize * 0.5f), pal().text_muted, lbl);
    t.table_top = lr.Min.y;
    for (size_t i = 0; i < columns.size(); ++i) {
      if (!columns[i].sortable) continue;
      const int ci = static_cast<int>(i);
      const bool sorted = sort.column == ci;
      const std::string text = t.labels[i] + (sorted ? arrow(sort.descending) : "");
      ImFont* bf = sorted ? th.fonts.label : f;
      const std::string hid = t.id + ".col." + std::to_string(i);
      const ImRect b = place(ImVec2(text_size(bf, text).x + px(24), px(36)));
      bool hovered = false, held = false;
      if (behavior(hid, b, &hovered, &held) || take_activation(hid)) clicked = ci;
      dl()->AddRectFilled(b.Min, b.Max,
                          sorted || held ? pal().selection
                          : hovered      ? pal().primary_tint
                                         : pal().surface,
                          px(18));
      dl()->AddRect(b.Min, b.Max, sorted ? pal().primary : pal().field_border, px(18), 0, px(1));
      draw_text(bf, ImVec2(b.Min.x + px(12), b.GetCenter().y - bf->FontSize * 0.5f),
                sorted ? pal().primary : pal().text, text);
      if (focus_visible(hid)) focus_ring(b, 18);
      Item& item = add_item(hid, "columnheader", t.labels[i], b);
      item.value = sorted ? (sort.descending ? "descending" : "ascending") : "";
      item.state.selected = sorted;
      add_control(hid, "button", t.labels[i], b).state.selected = sorted;
    }
    end_row();
    move_down(-px(4));
  }
  if (clicked >= 0) {
    if (sort.column == clicked)
      sort.descending = !sort.descending;
    else {
      sort.column = clicked;
      sort.descending = false;
    }
    clicked_any = true;
  }
  return clicked_any;
}

void table_row(int row) {
  Context& c = ctx();
  if (!c.table) return;
  Table& t = *c.table;
  finish_row(t);
  t.row = row;
  t.cell = 0;
  t.row_top = ImGui::GetCursorScreenPos().y;
  t.row_bottom = t.row_top + (t.stacked ? px(kCardPad) : 0.0f);
}

void table_cell(std::string_view text) {
  Context& c = ctx();
  if (!c.table || c.table->row < 0) return;
  Table& t = *c.table;
  const size_t ci = static_cast<size_t>(t.cell++);
  if (ci >= t.columns.size()) return;
  const Theme& th = theme();
  ImFont* f = th.fonts.body;
  const std::string cid = t.id + ".row." + std::to_string(t.row) + "." + std::to_string(ci);
  ImRect cell;
  if (t.stacked) {
    const Region& reg = region();
    const float x = reg.x + px(kCardPad), w = reg.w - 2 * px(kCardPad);
    ImFont* lf = th.fonts.small;
    const float lh = text_size(lf, t.labels[ci], w).y;
    const float vh = text_size(f, text, w).y;
    const float y = t.row_bottom;
    draw_text(lf, ImVec2(x, y), pal().text_muted, t.labels[ci], w);
    draw_text(f, ImVec2(x, y + lh + px(2)), pal().text, text, w);
    cell = ImRect(ImVec2(x, y), ImVec2(x + w, y + lh + px(2) + vh));
    t.row_bottom = cell.Max.y + px(8);
  } else {
    const TableColumnLayout& l = t.layout[ci];
    const float w = l.w - 2 * px(kCellPadX);
    const ImVec2 ts = text_size(f, text, w);
    const float x = t.columns[ci].numeric ? l.x + l.w - px(kCellPadX) - ts.x : l.x + px(kCellPadX);
    const float y = t.row_top + px(kCellPadY);
    draw_text(f, ImVec2(x, y), pal().text, text, w);
    cell = ImRect(ImVec2(l.x, t.row_top), ImVec2(l.x + l.w, y + ts.y + px(kCellPadY)));
    t.row_bottom = std::max(t.row_bottom, cell.Max.y);
  }
  Item& item = add_item(cid, "cell", t.labels[ci], cell);
  item.value = text;
  item.row = t.row;
}

bool table_cell_button(const char* id, std::string_view label, ButtonKind kind) {
  Context& c = ctx();
  if (!c.table || c.table->row < 0) return false;
  Table& t = *c.table;
  const size_t ci = static_cast<size_t>(t.cell++);
  const std::string bid = t.id + ".row." + std::to_string(t.row) + "." + id;
  ImRect r;
  if (t.stacked) {
    const Region& reg = region();
    const float w = reg.w - 2 * px(kCardPad);
    const ImVec2 s = button_size(label, kind, false, w, false);
    const float x = reg.x + px(kCardPad) - (kind == ButtonKind::quiet ? px(12) : 0.0f);  // quiet: text lines up
    r = ImRect(ImVec2(x, t.row_bottom), ImVec2(x + s.x, t.row_bottom + s.y));
    t.row_bottom = r.Max.y + px(8);
  } else {
    if (ci >= t.layout.size()) return false;
    const TableColumnLayout& l = t.layout[ci];
    const ImVec2 s = button_size(label, kind, false, l.w - 2 * px(kCellPadX), false);
    const float h = std::max(px(36), s.y - px(8));
    const float x = t.columns[ci].numeric ? l.x + l.w - px(kCellPadX) - s.x
                                          : l.x + px(kCellPadX) - (kind == ButtonKind::quiet ? px(12) : 0.0f);
    const float y = t.row_top + px(kCellPadY) + theme().fonts.body->FontSize * 0.5f - h * 0.5f;
    r = ImRect(ImVec2(x, std::max(t.row_top + px(4), y)), ImVec2(x + s.x, std::max(t.row_top + px(4), y) + h));
    t.row_bottom = std::max(t.row_bottom, r.Max.y + px(4));
  }
  return paint_button(bid, r, label, kind, false, false, t.row);
}

void end_table() {
  Context& c = ctx();
  if (!c.table) return;
  Table& t = *c.table;
  finish_row(t);
  const Region& reg = region();
  const float bottom = ImGui::GetCursorScreenPos().y - (t.stacked ? px(12) : 0.0f);
  const size_t before = c.items.size();
  add_item(t.id, "table", t.caption,
           ImRect(ImVec2(reg.x, t.table_top), ImVec2(reg.x + reg.w, std::max(bottom, t.table_top + 1))));
  // The table's own item goes before its headers and rows, as in the DOM.
  if (c.items.size() > before) {
    size_t first = before;
    const std::string prefix = t.id + ".";
    while (first > 0 && c.items[first - 1].id.rfind(prefix, 0) == 0) --first;
    std::rotate(c.items.begin() + static_cast<std::ptrdiff_t>(first), c.items.end() - 1, c.items.end());
  }
  move_down(ImGui::GetStyle().ItemSpacing.y);
  c.table.reset();
}

}  // namespace client::widgets
