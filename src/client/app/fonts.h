// Inter, rasterised for the screen's device-pixel ratio so text stays crisp on HiDPI screens.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

#include "client/widgets/theme.h"

namespace client::app {

struct FontBytes {
  std::vector<unsigned char> regular;   // Inter Regular subset (TrueType outlines)
  std::vector<unsigned char> semibold;  // Inter SemiBold subset (TrueType outlines)
  bool ready() const { return !regular.empty() && !semibold.empty(); }
};

// The letters the atlas holds, the same in every size and weight. It starts with what the first
// screens draw (ASCII, the interface's symbols, the letters of the Slovenian texts): rasterising
// six sizes of every Latin letter took most of the start-up's font time. A frame that shows a
// letter the atlas lacks (a customer's name, an English text) adds it: the atlas is rebuilt before
// the next frame, so a rare letter is never drawn as "?" for longer than one frame.
class Glyphs {
 public:
  Glyphs();
  // Adds the letters of utf8 that Inter's subset has and the atlas lacks; true if there were any
  // (the atlas must then be rebuilt).
  bool add_text(std::string_view utf8);
  const ImWchar* ranges();  // for the next build; valid until the next call
  int count() const { return count_; }

 private:
  bool add(unsigned c);  // true if c is new and in the subset
  ImFontGlyphRangesBuilder used_;
  ImVector<ImWchar> ranges_;
  int count_ = 0;
};

// Rebuilds ImGui's font atlas for theme.scale and fills theme.fonts, sized so that "16 px" is
// a 16 CSS px em as in the DOM (ImGui sizes by ascent-descent height: Inter x 1.21, see fonts.cpp).
// The renderer's font texture must be re-created afterwards.
void build_fonts(const FontBytes& bytes, Glyphs& glyphs, widgets::Theme& theme);

// The letters of utf8 (as UTF-8) that one of the theme's fonts lacks: "" when all draw right.
std::string lacking_glyphs(const widgets::Theme& theme, std::string_view utf8);

}  // namespace client::app
