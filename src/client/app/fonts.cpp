#include "client/app/fonts.h"

#include <imgui.h>

namespace client::app {

namespace {

// Latin, Latin-1, Latin Extended-A (č š ž ć đ), dashes, quotes, bullet, ellipsis, euro, arrows,
// check mark: the same set the build subsets Inter to.
const ImWchar kRanges[] = {0x0020, 0x007E, 0x00A0, 0x017F, 0x2013, 0x2014, 0x2018, 0x201E, 0x2022, 0x2022,
                           0x2026, 0x2026, 0x20AC, 0x20AC, 0x2190, 0x2193, 0x2713, 0x2713, 0};

ImFont* add(const std::vector<unsigned char>& bytes, float size_px) {
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = false;  // the bytes stay ours: the atlas is rebuilt on a DPR change
  cfg.OversampleH = 1;               // already rasterised at device pixels
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(bytes.data()),
                                                    static_cast<int>(bytes.size()), size_px, &cfg, kRanges);
}

}  // namespace

void build_fonts(const FontBytes& bytes, widgets::Theme& theme) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  theme.fonts.body = add(bytes.regular, theme.px(16));
  theme.fonts.strong = add(bytes.semibold, theme.px(16));
  theme.fonts.heading = add(bytes.semibold, theme.px(24));
  theme.fonts.small = add(bytes.regular, theme.px(14));
  atlas->Build();
  ImGui::GetIO().FontDefault = theme.fonts.body;
}

}  // namespace client::app
