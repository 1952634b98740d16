#include "client/app/fonts.h"

#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8, ImTextCharToUtf8

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

bool in_subset(unsigned c) {
  for (const ImWchar* r = kRanges; r[0]; r += 2)
    if (c >= r[0] && c <= r[1]) return true;
  return false;
}

// Calls f with each code point of utf8 outside ASCII (ASCII is always in the atlas).
template <typename F>
void for_each_non_ascii(std::string_view utf8, F&& f) {
  const char* p = utf8.data();
  const char* end = p + utf8.size();
  while (p < end) {
    if (static_cast<unsigned char>(*p) < 0x80) {
      ++p;
      continue;
    }
    unsigned c = 0;
    p += ImTextCharFromUtf8(&c, p, end);
    f(c);
  }
}

ImFont* add(const std::vector<unsigned char>& bytes, float css_px, const widgets::Theme& theme,
            const ImWchar* ranges) {
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

Glyphs::Glyphs() {
  for (unsigned c = 0x20; c <= 0x7E; ++c) add(c);
  // The symbols the interface draws itself: dashes, quotes, the password bullet, ellipsis, euro,
  // arrows, the check mark, the no-break space.
  for (const ImWchar* r = kRanges; r[0]; r += 2)
    if (r[0] >= 0x2000)
      for (unsigned c = r[0]; c <= r[1]; ++c) add(c);
  add(0x00A0);
}

bool Glyphs::add(unsigned c) {
  if (c > 0xFFFF || used_.GetBit(c) || !in_subset(c)) return false;
  used_.AddChar(static_cast<ImWchar>(c));
  ++count_;
  return true;
}

bool Glyphs::add_text(std::string_view utf8) {
  bool added = false;
  for_each_non_ascii(utf8, [&](unsigned c) { added |= add(c); });
  return added;
}

const ImWchar* Glyphs::ranges() {
  ranges_.clear();
  used_.BuildRanges(&ranges_);
  return ranges_.Data;
}

void build_fonts(const FontBytes& bytes, Glyphs& glyphs, widgets::Theme& theme) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  const ImWchar* ranges = glyphs.ranges();
  theme.fonts.body = add(bytes.regular, 16, theme, ranges);
  theme.fonts.strong = add(bytes.semibold, 16, theme, ranges);
  theme.fonts.heading = add(bytes.semibold, 24, theme, ranges);
  theme.fonts.title = add(bytes.semibold, 20, theme, ranges);
  theme.fonts.label = add(bytes.semibold, 14, theme, ranges);
  theme.fonts.small = add(bytes.regular, 14, theme, ranges);
  atlas->Build();
  ImGui::GetIO().FontDefault = theme.fonts.body;
}

std::string lacking_glyphs(const widgets::Theme& theme, std::string_view utf8) {
  const ImFont* fonts[] = {theme.fonts.body,  theme.fonts.strong, theme.fonts.heading,
                           theme.fonts.title, theme.fonts.label,  theme.fonts.small};
  std::string lacking;
  for_each_non_ascii(utf8, [&](unsigned c) {
    if (!in_subset(c)) return;  // Inter's subset has no such letter: nothing to build
    for (const ImFont* f : fonts) {
      if (f && f->FindGlyphNoFallback(static_cast<ImWchar>(c))) continue;
      char buf[5] = {0};
      ImTextCharToUtf8(buf, c);
      if (lacking.find(buf) == std::string::npos) lacking += buf;
      break;
    }
  });
  return lacking;
}

}  // namespace client::app
