// Charts: grouped bars with a value axis, a legend and the values under the pointer, drawn with
// ImGui's draw list in the page's colours. One "img" item describes the whole chart in words.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "client/widgets/context.h"

namespace client::widgets {

using namespace detail;

namespace {

// 1, 2, 2.5 or 5 times a power of ten: the axis' step for about `lines` lines up to `max`.
double nice_step(double max, int lines) {
  const double raw = max / std::max(1, lines);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double norm = raw / mag;
  const double step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag;
  return std::max(step, 1.0);  // readings are whole units
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", std::round(v));
  return buf;
}

ImU32 series_colour(size_t i) {
  const Palette& p = pal();
  const ImU32 colours[] = {p.primary, p.warning, p.success, p.accent};  // each >= 3:1 on the surface
  return colours[i % 4];
}

}  // namespace

void bar_chart(const char* id, std::string_view description, std::string_view table_label,
               const std::vector<std::string>& categories,
               const std::vector<std::string>& titles, const std::vector<ChartSeries>& series, std::string_view unit,
               float height_css) {
  const Theme& t = theme();
  ImFont* f = t.fonts.small;
  const float w = region().w;
  const size_t n = categories.size();

  // The legend: a swatch and the series' name, wrapping.
  const float swatch = px(12), item_gap = px(20);
  std::vector<ImVec2> legend_pos;
  float lx = 0.0f, ly = 0.0f;
  for (const ChartSeries& s : series) {
    const float iw = swatch + px(8) + text_size(f, s.label).x;
    if (lx > 0.0f && lx + iw > w) {
      lx = 0.0f;
      ly += f->FontSize + px(8);
    }
    legend_pos.emplace_back(lx, ly);
    lx += iw + item_gap;
  }
  const float legend_h = series.empty() ? 0.0f : ly + f->FontSize + px(12);

  double max = 0.0;
  for (const ChartSeries& s : series)
    for (const auto& v : s.values)
      if (v) max = std::max(max, *v);
  const double step = nice_step(max > 0 ? max : 1.0, 4);
  const double top = std::max(step, std::ceil((max > 0 ? max : 1.0) / step - 1e-6) * step);  // 300.0000001 is 300

  float gutter = 0.0f;
  for (double v = 0; v <= top + step * 0.5; v += step) gutter = std::max(gutter, text_size(f, number(v)).x);
  gutter += px(8);
  const float plot_h = px(height_css), bottom_h = f->FontSize + px(10);
  const ImRect r = place(ImVec2(w, legend_h + plot_h + bottom_h));
  ImDrawList* d = dl();

  for (size_t i = 0; i < series.size(); ++i) {
    const ImVec2 p(r.Min.x + legend_pos[i].x, r.Min.y + legend_pos[i].y);
    const float sy = p.y + (f->FontSize - swatch) * 0.5f;
    d->AddRectFilled(ImVec2(p.x, sy), ImVec2(p.x + swatch, sy + swatch), series_colour(i), px(2));
    draw_text(f, ImVec2(p.x + swatch + px(8), p.y), pal().text, series[i].label);
  }

  const ImRect plot(ImVec2(r.Min.x + gutter, r.Min.y + legend_h), ImVec2(r.Max.x, r.Min.y + legend_h + plot_h));
  const float ph = plot.GetHeight();
  auto y_of = [&](double v) { return plot.Max.y - static_cast<float>(v / top) * ph; };
  for (double v = 0; v <= top + step * 0.5; v += step) {
    const float y = std::round(y_of(v));
    d->AddLine(ImVec2(plot.Min.x, y), ImVec2(plot.Max.x, y), v == 0 ? pal().field_border : pal().border, px(1));
    const std::string label = number(v);
    draw_text(f, ImVec2(plot.Min.x - px(8) - text_size(f, label).x, y - f->FontSize * 0.5f), pal().text_muted, label);
  }
  if (n == 0) {
    add_item(id, "img", description, r);
    return;
  }

  // The group under the pointer (mouse or a finger's tap) is highlighted and its values shown.
  const float gw = plot.GetWidth() / static_cast<float>(n);
  int hovered = -1;
  const ImRect hit(plot.Min, ImVec2(plot.Max.x, plot.Max.y + bottom_h));
  if (ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(hit.Min, hit.Max, false)) {
    hovered = std::clamp(static_cast<int>((ImGui::GetIO().MousePos.x - plot.Min.x) / gw), 0, static_cast<int>(n) - 1);
    d->AddRectFilled(ImVec2(plot.Min.x + gw * static_cast<float>(hovered), plot.Min.y),
                     ImVec2(plot.Min.x + gw * static_cast<float>(hovered + 1), plot.Max.y), pal().primary_tint);
  }

  const float group = gw * (series.size() > 1 ? 0.78f : 0.6f);
  const float bw = series.empty() ? 0.0f : group / static_cast<float>(series.size());
  const float bar_gap = series.size() > 1 ? std::min(px(2), bw * 0.15f) : 0.0f;
  for (size_t i = 0; i < n; ++i) {
    const float gx = plot.Min.x + gw * static_cast<float>(i) + (gw - group) * 0.5f;
    for (size_t k = 0; k < series.size(); ++k) {
      const auto& vals = series[k].values;
      if (i >= vals.size() || !vals[i] || *vals[i] <= 0) continue;
      const float x0 = gx + bw * static_cast<float>(k), x1 = x0 + bw - bar_gap;
      const float y0 = std::min(y_of(*vals[i]), plot.Max.y - px(1));
      d->AddRectFilled(ImVec2(std::round(x0), y0), ImVec2(std::max(std::round(x1), std::round(x0) + 1), plot.Max.y),
                       series_colour(k), std::min(px(2), bw * 0.3f), ImDrawFlags_RoundCornersTop);
    }
  }
  d->AddLine(ImVec2(plot.Min.x, plot.Max.y), ImVec2(plot.Max.x, plot.Max.y), pal().field_border, px(1));

  // Axis labels: as many as fit, always the newest (last) category.
  float label_w = 0.0f;
  for (const auto& c : categories) label_w = std::max(label_w, text_size(f, c).x);
  const int every = std::max(1, static_cast<int>(std::ceil((label_w + px(8)) / std::max(gw, 1.0f))));
  for (size_t i = 0; i < n; ++i) {
    if ((n - 1 - i) % static_cast<size_t>(every) != 0) continue;
    const float cx = plot.Min.x + gw * (static_cast<float>(i) + 0.5f);
    const float tw = text_size(f, categories[i]).x;
    const float x = std::clamp(cx - tw * 0.5f, r.Min.x, r.Max.x - tw);
    draw_text(f, ImVec2(x, plot.Max.y + px(6)), static_cast<int>(i) == hovered ? pal().primary : pal().text_muted,
              categories[i]);
  }

  if (hovered >= 0) {
    const size_t i = static_cast<size_t>(hovered);
    std::vector<std::string> lines;
    lines.push_back(i < titles.size() && !titles[i].empty() ? titles[i] : categories[i]);
    for (const ChartSeries& s : series) {
      const bool has = i < s.values.size() && s.values[i];
      lines.push_back(s.label + ": " +
                      (has ? number(*s.values[i]) + " " + std::string(unit) : std::string("\xE2\x80\x93")));
    }
    float bw_box = 0.0f;
    for (size_t l = 0; l < lines.size(); ++l)
      bw_box = std::max(bw_box, text_size(l == 0 ? t.fonts.label : f, lines[l]).x);
    const float pad = px(8), lh = f->FontSize + px(4);
    const ImVec2 size(bw_box + 2 * pad, lh * static_cast<float>(lines.size()) - px(4) + 2 * pad);
    const float cx = plot.Min.x + gw * (static_cast<float>(i) + 0.5f);
    const float bx = std::clamp(cx - size.x * 0.5f, r.Min.x, std::max(r.Min.x, r.Max.x - size.x));
    const float by = plot.Min.y + px(4);
    ImDrawList* fg = ImGui::GetForegroundDrawList();
    fg->AddRectFilled(ImVec2(bx, by), ImVec2(bx + size.x, by + size.y), pal().surface, px(6));
    fg->AddRect(ImVec2(bx, by), ImVec2(bx + size.x, by + size.y), pal().field_border, px(6), 0, px(1));
    for (size_t l = 0; l < lines.size(); ++l) {
      ImFont* lf = l == 0 ? t.fonts.label : f;
      const std::string& text = lines[l];
      fg->AddText(lf, lf->FontSize, ImVec2(std::floor(bx + pad), std::floor(by + pad + lh * static_cast<float>(l))),
                  pal().text, text.data(), text.data() + text.size());
    }
  }
  add_item(id, "img", description, r);
  // The same numbers as a table for screen readers (not drawn: its parts lie over the chart):
  // one row per month, a column per series.
  const std::string tid = std::string(id) + ".data";
  add_item(tid, "table", table_label, r);
  const float col_w = r.GetWidth() / static_cast<float>(series.size() + 1);
  const float row_h = r.GetHeight() / static_cast<float>(categories.size() + 1);
  auto cell = [&](size_t row, size_t col) {
    const ImVec2 a(r.Min.x + col_w * static_cast<float>(col), r.Min.y + row_h * static_cast<float>(row));
    return ImRect(a, ImVec2(a.x + col_w, a.y + row_h));
  };
  add_item(tid + ".col.0", "columnheader", "", cell(0, 0));
  for (size_t k = 0; k < series.size(); ++k)
    add_item(tid + ".col." + std::to_string(k + 1), "columnheader", series[k].label, cell(0, k + 1));
  for (size_t i = 0; i < categories.size(); ++i) {
    const std::string rid = tid + ".row." + std::to_string(i);
    const std::string& name = i < titles.size() ? titles[i] : categories[i];
    add_item(rid + ".0", "cell", name, cell(i + 1, 0)).value = name;
    for (size_t k = 0; k < series.size(); ++k) {
      const auto& v = k < series.size() && i < series[k].values.size() ? series[k].values[i] : std::nullopt;
      char buf[32] = "";
      if (v) std::snprintf(buf, sizeof buf, "%.0f", *v);
      add_item(rid + "." + std::to_string(k + 1), "cell", series[k].label, cell(i + 1, k + 1)).value =
          v ? std::string(buf) + " " + std::string(unit) : "–";
    }
    add_item(rid, "row", "", ImRect(cell(i + 1, 0).Min, cell(i + 1, series.size()).Max));
  }
}

}  // namespace client::widgets
