#include "server/services/invoice_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "core/invoice.h"

namespace server::services {

namespace {

constexpr const char* kFontFamily = "Inter";
constexpr double kPageWidth = 595.28;  // A4 in points
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 50;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;

struct Rgb {
  double r = 0, g = 0, b = 0;
};

const Rgb kText{0x1B / 255.0, 0x24 / 255.0, 0x30 / 255.0};
const Rgb kMuted{0x4E / 255.0, 0x5B / 255.0, 0x6B / 255.0};
const Rgb kRule{0xC9 / 255.0, 0xD1 / 255.0, 0xDB / 255.0};
const Rgb kShade{0xF3 / 255.0, 0xF5 / 255.0, 0xF8 / 255.0};
const Rgb kOverdue{0xB3 / 255.0, 0x26 / 255.0, 0x1E / 255.0};

// "#00549F" -> its colour; anything else -> the fallback.
Rgb parse_color(const std::string& hex, Rgb fallback) {
  if (hex.size() != 7 || hex[0] != '#') return fallback;
  unsigned value = 0;
  for (size_t i = 1; i < 7; ++i) {
    const char c = hex[i];
    const int digit = c >= '0' && c <= '9'   ? c - '0'
                      : c >= 'a' && c <= 'f' ? c - 'a' + 10
                      : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                             : -1;
    if (digit < 0) return fallback;
    value = value * 16 + static_cast<unsigned>(digit);
  }
  return {((value >> 16) & 0xFF) / 255.0, ((value >> 8) & 0xFF) / 255.0, (value & 0xFF) / 255.0};
}

// 12345 -> "12.345": meter values and kWh the Slovenian way.
std::string format_count(int64_t n) {
  const std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out = n < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return out;
}

std::string register_label(const std::string& reg) {
  if (reg == "VT") return "VT – višja tarifa";
  if (reg == "MT") return "MT – nižja tarifa";
  if (reg == "ET") return "ET – enotna tarifa";
  if (reg == "M3") return "Plin";
  return reg;
}

std::string status_label(const std::string& status) {
  if (status == "paid") return "plačan";
  if (status == "overdue") return "zapadel, neplačan";
  return "odprt";
}

struct Style {
  double size = 9;  // points
  bool bold = false;
  Rgb color = kText;
  PangoAlignment align = PANGO_ALIGN_LEFT;
};

// One page's drawing: text boxes through one pango layout, rules and shaded boxes through cairo.
class Canvas {
 public:
  Canvas(cairo_t* cr, PangoFontMap* fonts) : cr_(cr) {
    // Points are the PDF's units; no hinting, so the layout is the same at every zoom.
    PangoContext* context = pango_font_map_create_context(fonts);
    pango_cairo_update_context(cr, context);
    pango_cairo_context_set_resolution(context, 72);
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context, options);
    cairo_font_options_destroy(options);
    layout_ = pango_layout_new(context);
    g_object_unref(context);  // the layout holds it
    pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
  }
  ~Canvas() { g_object_unref(layout_); }
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;

  // Draws `text` wrapped in a box `width` wide with its top at y; returns the height it took.
  double text(double x, double y, double width, const std::string& text, const Style& style) {
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, kFontFamily);
    pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);
    pango_layout_set_font_description(layout_, font);
    pango_font_description_free(font);
    pango_layout_set_width(layout_, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_alignment(layout_, style.align);
    pango_layout_set_text(layout_, text.c_str(), static_cast<int>(text.size()));
    if (drawing_) {
      cairo_set_source_rgb(cr_, style.color.r, style.color.g, style.color.b);
      cairo_move_to(cr_, x, y);
      pango_cairo_show_layout(cr_, layout_);
    }
    int w = 0, h = 0;
    pango_layout_get_size(layout_, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  // While off, text is laid out and measured but nothing is drawn (to size a box before its text).
  void set_drawing(bool on) { drawing_ = on; }

  void rule(double x, double y, double width, Rgb color, double thickness = 0.6) {
    if (!drawing_) return;
    cairo_set_source_rgb(cr_, color.r, color.g, color.b);
    cairo_set_line_width(cr_, thickness);
    cairo_move_to(cr_, x, y);
    cairo_line_to(cr_, x + width, y);
    cairo_stroke(cr_);
  }

  void box(double x, double y, double width, double height, Rgb color) {
    if (!drawing_) return;
    cairo_set_source_rgb(cr_, color.r, color.g, color.b);
    cairo_rectangle(cr_, x, y, width, height);
    cairo_fill(cr_);
  }

 private:
  cairo_t* cr_;
  PangoLayout* layout_ = nullptr;
  bool drawing_ = true;
};

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

std::string period_text(const InvoiceDocument& d) {
  return core::format_date_sl(d.period_from) + " – " + core::format_date_sl(d.period_to);
}

// Label on the left, value on the right of a row `width` wide; returns the row's height.
double label_value(Canvas& page, double x, double y, double width, const std::string& label, const std::string& value,
                   Style value_style = {}) {
  Style label_style;
  label_style.color = kMuted;
  const double h1 = page.text(x, y, width * 0.45, label, label_style);
  value_style.align = PANGO_ALIGN_RIGHT;
  const double h2 = page.text(x + width * 0.45, y, width * 0.55, value, value_style);
  return std::max(h1, h2);
}

// [SECTION] The page, top to bottom
double draw_header(Canvas& page, const InvoiceDocument& d, Rgb primary) {
  double y = kMargin;
  const double left_width = kContentWidth * 0.62;
  y += page.text(kMargin, y, left_width, d.supplier.name, {12.5, true, primary});
  y += 3;
  Style small{8.5, false, kMuted};
  y += page.text(kMargin, y, left_width, d.supplier.address, small);
  std::string contact = d.supplier.website;
  if (!d.supplier.email.empty()) contact += (contact.empty() ? "" : " · ") + d.supplier.email;
  if (!d.supplier.phone.empty()) contact += (contact.empty() ? "" : " · ") + std::string("tel. ") + d.supplier.phone;
  if (!contact.empty()) y += page.text(kMargin, y, left_width, contact, small);
  const double right_x = kMargin + left_width;
  const double right_width = kContentWidth - left_width;
  double ry = kMargin - 3;
  ry += page.text(right_x, ry, right_width, "RAČUN", {22, true, kText, PANGO_ALIGN_RIGHT});
  page.text(right_x, ry, right_width, "št. " + d.number, {10.5, true, kText, PANGO_ALIGN_RIGHT});
  y = std::max(y, ry + 14) + 12;
  page.rule(kMargin, y, kContentWidth, primary, 1.2);
  return y + 16;
}

double draw_parties(Canvas& page, const InvoiceDocument& d, double y) {
  const double column = kContentWidth * 0.48;
  double ly = y;
  ly += page.text(kMargin, ly, column, "Kupec", {8, true, kMuted});
  ly += 2;
  ly += page.text(kMargin, ly, column, d.customer_name, {10.5, true});
  for (const auto& line : d.customer_address) ly += page.text(kMargin, ly, column, line, {9.5});

  const double rx = kMargin + kContentWidth - column;
  double ry = y;
  Style value;
  ry += label_value(page, rx, ry, column, "Datum izdaje", core::format_date_sl(d.issued_on), value) + 3;
  ry += label_value(page, rx, ry, column, "Obračunsko obdobje", period_text(d), value) + 3;
  ry += label_value(page, rx, ry, column, "Rok plačila", core::format_date_sl(d.due_on), {9, true}) + 3;
  ry += label_value(page, rx, ry, column, "Številka pogodbe", d.contract_number, value) + 3;
  Style status{9, d.status != "open", d.status == "overdue" ? kOverdue : kText};
  ry += label_value(page, rx, ry, column, "Stanje računa", status_label(d.status), status) + 3;
  return std::max(ly, ry) + 18;
}

double draw_metering_point(Canvas& page, const InvoiceDocument& d, double y) {
  const double pad = 10;
  const double inner = kContentWidth - 2 * pad;
  y += pad;
  y += page.text(kMargin + pad, y, inner, "Odjemno mesto", {8, true, kMuted}) + 2;
  std::string number = d.metering_point;
  if (!d.gsrn.empty()) number += "   (GSRN " + d.gsrn + ")";
  y += page.text(kMargin + pad, y, inner, number, {10.5, true}) + 1;
  if (!d.metering_point_address.empty()) y += page.text(kMargin + pad, y, inner, d.metering_point_address, {9.5});
  std::string supply = d.energy == "gas" ? "Zemeljski plin" : "Električna energija";
  if (!d.operator_name.empty()) supply += " · operater " + d.operator_name;
  y += page.text(kMargin + pad, y, inner, supply, {9, false, kMuted});
  return y + pad;
}

double draw_readings(Canvas& page, const InvoiceDocument& d, double y, Rgb primary) {
  const std::string unit = d.energy == "gas" ? "m³" : "kWh";
  y += page.text(kMargin, y, kContentWidth, "Odčitki in poraba", {11, true, primary}) + 6;
  // Columns: register, from date, from value, to date, to value, difference.
  const double widths[] = {122, 66, 72, 82, 72, 81.28};  // a date after a right-aligned value keeps a gap
  double xs[6];
  double x = kMargin;
  for (int i = 0; i < 6; ++i) {
    xs[i] = x;
    x += widths[i];
  }
  const char* headers[] = {"Tarifa", "Od dne", "Začetno stanje", "Do dne", "Končno stanje", nullptr};
  const std::string difference_header = "Razlika (" + unit + ")";
  page.box(kMargin, y - 3, kContentWidth, 17, kShade);
  for (int i = 0; i < 6; ++i) {
    Style h{8, true, kMuted, i == 2 || i == 4 || i == 5 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT};
    page.text(xs[i] + (i == 3   ? 14
                       : i == 0 ? 4
                                : 0),
              y, widths[i] - (i == 3 ? 14 : 4), headers[i] ? headers[i] : difference_header, h);
  }
  y += 18;
  bool any_estimate = false;
  for (const auto& row : d.readings) {
    auto date = [](const std::optional<core::Date>& v) { return v ? core::format_date_sl(*v) : std::string("–"); };
    auto value = [](const std::optional<int64_t>& v) { return v ? format_count(*v) : std::string("–"); };
    std::string label = register_label(row.reg);
    if (row.estimated) {
      label += " *";
      any_estimate = true;
    }
    const std::string diff = row.from_value && row.to_value && *row.to_value >= *row.from_value
                                 ? format_count(*row.to_value - *row.from_value)
                                 : std::string("–");
    const std::string cells[] = {
        label, date(row.from_date), value(row.from_value), date(row.to_date), value(row.to_value), diff};
    double h = 0;
    for (int i = 0; i < 6; ++i) {
      Style s{9, false, kText, i == 2 || i == 4 || i == 5 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT};
      h = std::max(h, page.text(xs[i] + (i == 3 ? 14 : i == 0 ? 4 : 0), y, widths[i] - (i == 3 ? 14 : 4), cells[i], s));
    }
    y += h + 4;
    page.rule(kMargin, y - 2, kContentWidth, kRule, 0.4);
  }
  if (d.readings.empty()) {
    y += page.text(kMargin + 4, y, kContentWidth, "Za to obdobje ni odčitkov.", {9, false, kMuted}) + 4;
    page.rule(kMargin, y - 2, kContentWidth, kRule, 0.4);
  }
  y += 4;
  if (d.consumption_kwh) {
    y += label_value(page, kMargin + kContentWidth * 0.5, y, kContentWidth * 0.5, "Obračunana poraba",
                     format_count(*d.consumption_kwh) + " kWh", {9.5, true}) +
         2;
  }
  if (any_estimate)
    y += page.text(kMargin, y, kContentWidth, "* ocena operaterja (stanje ni bilo odčitano)", {7.5, false, kMuted});
  return y + 16;
}

double draw_amounts(Canvas& page, const InvoiceDocument& d, double y, Rgb primary) {
  const core::VatSplit split = core::split_vat(d.amount_cents);
  const double width = kContentWidth * 0.5;
  const double x = kMargin + kContentWidth - width;
  y += page.text(kMargin, y, kContentWidth, "Obračun", {11, true, primary}) + 6;
  y += label_value(page, x, y, width, "Znesek brez DDV", core::format_eur(split.net_cents)) + 4;
  y += label_value(page, x, y, width, "DDV (" + std::to_string(core::kVatPercent) + " %)",
                   core::format_eur(split.vat_cents)) +
       6;
  page.rule(x, y, width, kText, 0.8);
  y += 6;
  Style total{12, true};
  const double h1 = page.text(x, y, width * 0.5, "Za plačilo", total);
  total.align = PANGO_ALIGN_RIGHT;
  const double h2 = page.text(x + width * 0.5, y, width * 0.5, core::format_eur(d.amount_cents), total);
  return y + std::max(h1, h2) + 20;
}

double draw_payment(Canvas& page, const InvoiceDocument& d, double y, Rgb primary) {
  const double pad = 12;
  const double height = d.status == "paid" ? 64 : 92;
  page.box(kMargin, y, kContentWidth, height, kShade);
  double ty = y + pad;
  const double inner = kContentWidth - 2 * pad;
  const double x = kMargin + pad;
  if (d.status == "paid") {
    ty += page.text(x, ty, inner, "Račun je plačan. Hvala!", {11, true, primary}) + 4;
    page.text(x, ty, inner, "Referenca plačila: " + core::payment_reference(d.number), {9});
    return y + height + 16;
  }
  ty += page.text(x, ty, inner, "Podatki za plačilo", {11, true, primary}) + 6;
  const double column = inner * 0.5;
  label_value(page, x, ty, column - 12, "Znesek", core::format_eur(d.amount_cents), {9.5, true});
  ty += label_value(page, x + column, ty, column, "Rok plačila", core::format_date_sl(d.due_on), {9.5, true}) + 4;
  label_value(page, x, ty, column - 12, "Referenca", core::payment_reference(d.number), {9.5, true});
  ty += label_value(page, x + column, ty, column, "Namen", "Račun " + d.number) + 4;
  if (d.status == "overdue")
    page.text(x, ty, inner, "Rok plačila je potekel. Prosimo, poravnajte račun čim prej.", {9, true, kOverdue});
  return y + height + 16;
}

void draw_footer(Canvas& page, const InvoiceDocument& d) {
  const double y = kPageHeight - kMargin - 30;
  page.rule(kMargin, y, kContentWidth, kRule, 0.5);
  Style small{7.5, false, kMuted, PANGO_ALIGN_CENTER};
  double ty = y + 6;
  ty += page.text(kMargin, ty, kContentWidth, d.supplier.name + ", " + d.supplier.address, small);
  page.text(kMargin, ty, kContentWidth,
            "Račun je izdan v elektronski obliki in je veljaven brez podpisa in žiga. Cene vključujejo omrežnino "
            "in prispevke.",
            small);
}

}  // namespace

bool load_invoice_supplier(const std::string& assets_dir, InvoiceSupplier& out, std::string& error) {
  const std::string path = assets_dir + "/branding.json";
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  const auto j = nlohmann::json::parse(text.str(), nullptr, false);
  auto string = [&j](const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (!in || !j.is_object() || string("supplier").empty()) {
    error = "cannot read the supplier's name (\"supplier\") from " + path;
    return false;
  }
  InvoiceSupplier s;
  s.name = string("supplier");
  s.address = string("supplier_address");
  s.website = string("website");
  s.email = string("support_email");
  if (j.contains("help") && j["help"].is_object() && j["help"].contains("phone") && j["help"]["phone"].is_string())
    s.phone = j["help"]["phone"].get<std::string>();
  if (j.contains("colors") && j["colors"].is_object() && j["colors"].contains("primary") &&
      j["colors"]["primary"].is_string())
    s.primary_color = j["colors"]["primary"].get<std::string>();
  out = std::move(s);
  return true;
}

struct InvoicePdf::Fonts {
  std::mutex mutex;  // a font map is not for two threads at once
  PangoFontMap* map = pango_cairo_font_map_new();
  ~Fonts() { g_object_unref(map); }
};

InvoicePdf::InvoicePdf() : fonts_(std::make_unique<Fonts>()) {}
InvoicePdf::~InvoicePdf() = default;

std::string InvoicePdf::render(const InvoiceDocument& d) const {
  std::lock_guard<std::mutex> lock(fonts_->mutex);
  std::string bytes;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append_to_string, &bytes, kPageWidth, kPageHeight);
  const std::string title = "Račun " + d.number;
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, d.supplier.name.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Moj portal");
  // The document is dated by its issue date, so the same invoice gives the same bytes.
  const std::string created = core::format_date(d.issued_on) + "T00:00:00";
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, created.c_str());
  cairo_t* cr = cairo_create(surface);
  {
    Canvas page(cr, fonts_->map);
    const Rgb primary = parse_color(d.supplier.primary_color, {0, 0x54 / 255.0, 0x9F / 255.0});
    double y = draw_header(page, d, primary);
    y = draw_parties(page, d, y);
    // The metering point on a shaded box: measured first, then the box, then the text on it.
    page.set_drawing(false);
    const double height = draw_metering_point(page, d, y) - y;
    page.set_drawing(true);
    page.box(kMargin, y, kContentWidth, height, kShade);
    y = draw_metering_point(page, d, y) + 18;
    y = draw_readings(page, d, y, primary);
    y = draw_amounts(page, d, y, primary);
    draw_payment(page, d, y, primary);
    draw_footer(page, d);
  }
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("invoice PDF: ") + cairo_status_to_string(status));
  return bytes;
}

std::string InvoicePdf::font_family() const {
  std::lock_guard<std::mutex> lock(fonts_->mutex);
  PangoContext* context = pango_font_map_create_context(fonts_->map);
  PangoFontDescription* wanted = pango_font_description_from_string(kFontFamily);
  PangoFont* font = pango_font_map_load_font(fonts_->map, context, wanted);
  std::string family;
  if (font) {
    PangoFontDescription* got = pango_font_describe(font);
    if (const char* name = pango_font_description_get_family(got)) family = name;
    pango_font_description_free(got);
    g_object_unref(font);
  }
  pango_font_description_free(wanted);
  g_object_unref(context);
  return family;
}

}  // namespace server::services
