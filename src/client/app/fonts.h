// Inter, rasterised for the screen's device-pixel ratio so text stays crisp on HiDPI screens.
#pragma once

#include <vector>

#include "client/widgets/theme.h"

namespace client::app {

struct FontBytes {
  std::vector<unsigned char> regular;   // Inter Regular subset (.otf)
  std::vector<unsigned char> semibold;  // Inter SemiBold subset (.otf)
  bool ready() const { return !regular.empty() && !semibold.empty(); }
};

// Rebuilds ImGui's font atlas for theme.scale and fills theme.fonts, sized so that "16 px" is
// a 16 CSS px em as in the DOM (ImGui sizes by ascent-descent height: Inter x 1.21, see fonts.cpp).
// The renderer's font texture must be re-created afterwards.
void build_fonts(const FontBytes& bytes, widgets::Theme& theme);

}  // namespace client::app
