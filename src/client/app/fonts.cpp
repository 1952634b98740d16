#include "client/app/fonts.h"

#include <imgui.h>

#include <cstdint>
#include <cstring>

namespace client::app {

namespace {

// Latin, Latin-1, Latin Extended-A (č š ž ć đ), dashes, quotes, bullet, ellipsis, euro, arrows,
// check mark: the same set the build subsets Inter to.
const ImWchar kRanges[] = {0x0020, 0x007E, 0x00A0, 0x017F, 0x2013, 0x2014, 0x2018, 0x201E, 0x2022, 0x2022,
                           0x2026, 0x2026, 0x20AC, 0x20AC, 0x2190, 0x2193, 0x2713, 0x2713, 0};

// Inter 3.x: (2728 + 680) / 2816. Used only if the font's own tables cannot be read.
constexpr float kInterEmFactor = 1.2102f;

unsigned read_u16(const std::vector<unsigned char>& b, size_t at) {
  return at + 2 <= b.size() ? (static_cast<unsigned>(b[at]) << 8) | b[at + 1] : 0;
}
uint32_t read_u32(const std::vector<unsigned char>& b, size_t at) {
  return (static_cast<uint32_t>(read_u16(b, at)) << 16) | read_u16(b, at + 2);
}

// ImGui sizes a font by its ascent-to-descent height (stb_truetype's ScaleForPixelHeight over
// the hhea ascender and descender), CSS by its em. For Inter that height is 1.21 em, so a font
// requested at 16 px would look like 13.2 px CSS text. This returns (ascender - descender) /
// unitsPerEm read from the font's hhea and head tables: ImGui size = CSS size x this factor.
float em_factor(const std::vector<unsigned char>& font) {
  const unsigned tables = read_u16(font, 4);
  int units_per_em = 0, ascender = 0, descender = 0;
  for (unsigned i = 0; i < tables; ++i) {
    const size_t rec = 12 + 16 * static_cast<size_t>(i);
    const uint32_t offset = read_u32(font, rec + 8);
    if (std::memcmp(&font[rec], "head", 4) == 0) units_per_em = static_cast<int>(read_u16(font, offset + 18));
    if (std::memcmp(&font[rec], "hhea", 4) == 0) {
      ascender = static_cast<int16_t>(read_u16(font, offset + 4));
      descender = static_cast<int16_t>(read_u16(font, offset + 6));
    }
  }
  if (units_per_em <= 0 || ascender <= descender) return kInterEmFactor;
  const float f = static_cast<float>(ascender - descender) / static_cast<float>(units_per_em);
  return (f > 0.8f && f < 2.0f) ? f : kInterEmFactor;
}

// The semibold sizes and the small regular one draw the interface's own texts (labels, buttons,
// headings, hints, errors): Latin-1 and the letters of Slovenian and its neighbours' languages
// (Croatian, Hungarian, Czech, Slovak, Polish), not all of Latin Extended-A. A smaller atlas is
// built before the first frame faster; the body size, which shows what customers typed (names,
// streets), keeps everything.
const ImWchar kUiRanges[] = {0x0020, 0x007E, 0x00A0, 0x00FF, 0x0104, 0x0107, 0x010C, 0x0111, 0x0118, 0x011B,
                             0x0139, 0x0148, 0x0150, 0x0151, 0x0154, 0x0155, 0x0158, 0x0161, 0x0164, 0x0165,
                             0x016E, 0x0171, 0x0179, 0x017E, 0x2013, 0x2014, 0x2018, 0x201E, 0x2022, 0x2022,
                             0x2026, 0x2026, 0x20AC, 0x20AC, 0x2190, 0x2193, 0x2713, 0x2713, 0};

ImFont* add(const std::vector<unsigned char>& bytes, float css_px, const widgets::Theme& theme,
            const ImWchar* ranges = kRanges) {
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = false;  // the bytes stay ours: the atlas is rebuilt on a DPR change
  cfg.OversampleH = 1;               // already rasterised at device pixels
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  const float size = theme.px(css_px) * em_factor(bytes);
  return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(bytes.data()),
                                                    static_cast<int>(bytes.size()), size, &cfg, ranges);
}

}  // namespace

void build_fonts(const FontBytes& bytes, widgets::Theme& theme) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  theme.fonts.body = add(bytes.regular, 16, theme);
  theme.fonts.strong = add(bytes.semibold, 16, theme, kUiRanges);
  theme.fonts.heading = add(bytes.semibold, 24, theme, kUiRanges);
  theme.fonts.title = add(bytes.semibold, 20, theme, kUiRanges);
  theme.fonts.label = add(bytes.semibold, 14, theme, kUiRanges);
  theme.fonts.small = add(bytes.regular, 14, theme, kUiRanges);
  atlas->Build();
  ImGui::GetIO().FontDefault = theme.fonts.body;
}

}  // namespace client::app
