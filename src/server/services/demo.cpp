#include "server/services/demo.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "core/metering_point.h"
#include "core/reading_rules.h"
#include "server/storage/account_store.h"
#include "server/storage/invoice_store.h"
#include "server/storage/reading_store.h"
#include "server/storage/registry_store.h"

namespace server::services {

namespace {

// splitmix64: small, fast and the same everywhere, so the demo is the same on every machine.
struct Random {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int between(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<uint64_t>(hi - lo + 1)); }
  double unit() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }
};

struct City {
  const char* name;
  const char* postal_code;
  const char* power;  // electricity operator serving it
  const char* gas;    // a gas operator there
};

const City kCities[] = {
    {"Ljubljana", "1000", "ELJ", "ENLJ"},     {"Maribor", "2000", "EMB", "PLMB"},
    {"Celje", "3000", "ECE", "ENCE"},         {"Kranj", "4000", "EGO", "DOPL"},
    {"Koper", "6000", "EPR", "ISPL"},         {"Novo mesto", "8000", "ELJ", "ADPL"},
    {"Velenje", "3320", "ECE", "KPVE"},       {"Ptuj", "2250", "EMB", "JEIN"},
    {"Nova Gorica", "5000", "EPR", "ADPL"},   {"Murska Sobota", "9000", "EMB", "PETR"},
    {"Slovenj Gradec", "2380", "EMB", "JKSG"}, {"Sevnica", "8290", "ECE", "JPSE"},
    {"Vrhnika", "1360", "ELJ", "KPVR"},       {"Domžale", "1230", "ELJ", "PLIN"},
    {"Škofja Loka", "4220", "EGO", "DOPL"},   {"Krško", "8270", "ECE", "PEEN"},
    {"Žalec", "3310", "ECE", "MEPL"},         {"Jesenice", "4270", "EGO", "PETR"},
    {"Izola", "6310", "EPR", "ISPL"},         {"Postojna", "6230", "EPR", "PETR"},
};

const char* kStreets[] = {
    "Šmartinska cesta", "Celovška cesta", "Dunajska cesta", "Trubarjeva ulica", "Prešernova ulica",
    "Cankarjeva ulica", "Gregorčičeva ulica", "Vojkova cesta", "Tržaška cesta", "Partizanska cesta",
    "Slomškov trg", "Koroška cesta", "Kidričeva cesta", "Ljubljanska cesta", "Mariborska cesta",
    "Savinjska cesta", "Gorenjska cesta", "Ulica Toneta Tomšiča", "Zidanškova ulica", "Jenkova ulica",
    "Vrtna ulica", "Sončna ulica", "Cesta v Mestni log", "Pot na Golovec", "Gubčeva ulica",
    "Levstikova ulica", "Aškerčeva cesta", "Ulica Ivana Regna", "Čopova ulica", "Žabjak"};

const char* kFirstNames[] = {"Ana", "Marko", "Maja", "Luka", "Nina", "Jure", "Eva", "Žiga", "Špela", "Matej",
                             "Tina", "Rok", "Urška", "Blaž", "Katja", "Gašper", "Mojca", "Tomaž", "Nika", "Aljaž"};
const char* kLastNames[] = {"Novak", "Horvat", "Kovačič", "Krajnc", "Zupančič", "Potočnik", "Kovač", "Mlakar",
                            "Vidmar", "Kos", "Golob", "Turk", "Božič", "Kralj", "Zupan", "Bizjak", "Hribar",
                            "Korošec", "Rozman", "Čebašek"};

struct Entry {
  storage::MeteringPointRecord mp;
  storage::ContractRecord contract;
  double per_day = 10;   // consumption per day in January
  double vt_share = 0.65;
  int64_t start = 10000;
};

std::string gsrn_for(uint64_t serial) {
  std::string first17 = "383" + std::to_string(10000000000000ull + serial % 90000000000000ull);
  return first17 + std::to_string(core::gsrn_check_digit(first17));
}

// What one month of a demo customer's metering point used, from its stored (whole) readings.
struct MonthUse {
  core::Date first;   // the month's first day
  int64_t used = 0;   // kWh (electricity) or m³ (gas)
};

// Prices for the demo invoices, in tenths of a cent per kWh with network charges, plus a monthly fee.
constexpr int64_t kPowerPrice = 160, kGasPrice = 75;  // 0.160 and 0.075 EUR/kWh
constexpr int64_t kPowerFee = 450, kGasFee = 320;     // cents a month
constexpr int64_t kGasKwhPerHundredM3 = 1055;         // 10.55 kWh per m³ (the operators' usual factor)

// The demo customer's monthly invoices of one contract: issued five days after the month (today
// at the latest), due fifteen days later; the newest two are open (the older of them overdue by
// then), the rest paid. Numbers "YYYY-MM-NNNN": the month billed and the contract's place.
int insert_demo_invoices(storage::Connection& c, int64_t contract_id, int place, bool gas,
                         const std::vector<MonthUse>& months, const core::Date& today, int64_t now) {
  int count = 0;
  for (size_t k = 0; k < months.size(); ++k) {
    const MonthUse& m = months[k];
    storage::InvoiceRecord inv;
    char number[32];
    std::snprintf(number, sizeof number, "%04d-%02d-%04d", m.first.year, m.first.month, place);
    inv.number = number;
    inv.contract_id = contract_id;
    const core::Date last = core::last_day_of_month(m.first.year, m.first.month);
    const core::Date issued = std::min(last.plus_days(5), today);
    inv.period_from = core::format_date(m.first);
    inv.period_to = core::format_date(last);
    inv.issued_on = core::format_date(issued);
    inv.due_on = core::format_date(issued.plus_days(15));
    const int64_t kwh = gas ? (m.used * kGasKwhPerHundredM3 + 50) / 100 : m.used;
    inv.consumption_kwh = kwh;
    inv.amount_cents = (kwh * (gas ? kGasPrice : kPowerPrice) + 5) / 10 + (gas ? kGasFee : kPowerFee);
    inv.status = k + 2 >= months.size() ? "open" : "paid";
    inv.updated_at = now;
    storage::invoices::upsert(c, inv);
    ++count;
  }
  return count;
}

// Seasonal factor: 1 in January, lowest in July.
double season(int month, double summer) {
  const double c = std::cos(2.0 * 3.14159265358979 * (month - 1) / 12.0);
  return summer + (1.0 - summer) * (1.0 + c) / 2.0;
}

}  // namespace

DemoSummary load_demo(storage::Database& db, const core::OperatorCatalog& operators, PasswordHasher& hasher,
                      const Clock& clock) {
  DemoSummary summary;
  const bool empty = db.read([](storage::Connection& c) {
    return storage::registry::count_metering_points(c) == 0 && !storage::accounts::by_email(c, kDemoEmail);
  });
  if (!empty) return summary;

  Random rnd{20261125};
  std::vector<Entry> entries;
  auto fixed = [&](const char* contract, const char* number, const char* op, const char* energy, const char* regs,
                   const char* street, const City& city, const char* customer, double per_day) {
    Entry e;
    e.mp.number = number;
    e.mp.gsrn = gsrn_for(entries.size() + 1);
    e.mp.energy = energy;
    e.mp.operator_code = op;
    e.mp.street = street;
    e.mp.city = city.name;
    e.mp.postal_code = city.postal_code;
    e.mp.registers = regs;
    e.mp.digits = std::string(energy) == "gas" ? 5 : 6;
    e.contract.contract_number = contract;
    e.contract.customer_name = customer;
    e.contract.valid_from = "2023-01-01";
    e.per_day = per_day;
    e.start = std::string(energy) == "gas" ? 4210 : 23840;
    entries.push_back(e);
  };
  fixed("E-2024-000001", "3345341", "ELJ", "electricity", "VT+MT", "Šmartinska cesta 5", kCities[0], "Ana Novak", 11);
  fixed("P-2024-000002", "DOPL-123456789012", "DOPL", "gas", "M3", "Koroška cesta 21", kCities[3], "Ana Novak", 5.5);
  fixed("E-2024-000003", "2123456", "EMB", "electricity", "ET", "Partizanska cesta 12", kCities[1], "Marko Horvat", 8);
  fixed("P-2024-000004", "ENLJ-200000000004", "ENLJ", "gas", "M3", "Trubarjeva ulica 9", kCities[0], "Maja Kovačič",
        4.2);

  // Every operator gets metering points; gas points go to towns its network serves.
  const int total = 320;
  for (int i = static_cast<int>(entries.size()); i < total; ++i) {
    Entry e;
    const City& city = kCities[static_cast<size_t>(rnd.between(0, std::size(kCities) - 1))];
    const bool gas = i % 3 == 0;
    std::string op = gas ? city.gas : city.power;
    if (gas && i % 7 == 0) op = operators.all()[static_cast<size_t>(i) % operators.all().size()].code;
    const core::Operator* o = operators.find(op);
    if (!o || (o->energy == core::Energy::gas) != gas) op = gas ? "PETR" : "ELJ";
    e.mp.energy = gas ? "gas" : "electricity";
    e.mp.operator_code = op;
    e.mp.number = gas ? op + "-" + std::to_string(200000000000ull + static_cast<uint64_t>(i))
                      : std::to_string(1000000 + (static_cast<long long>(i) * 7919) % 9000000);
    e.mp.gsrn = gsrn_for(static_cast<uint64_t>(i) * 104729 + 17);
    e.mp.street = std::string(kStreets[rnd.next() % std::size(kStreets)]) + " " + std::to_string(rnd.between(1, 120));
    if (rnd.between(0, 9) == 0) e.mp.street += static_cast<char>('a' + rnd.between(0, 3));
    e.mp.city = city.name;
    e.mp.postal_code = city.postal_code;
    e.mp.registers = gas ? "M3" : (rnd.between(0, 9) < 6 ? "VT+MT" : "ET");
    e.mp.digits = gas ? 5 : 6;
    e.contract.contract_number = std::string(gas ? "P" : "E") + "-2024-" + std::to_string(1000000 + i).substr(1);
    e.contract.customer_name = std::string(kFirstNames[rnd.next() % std::size(kFirstNames)]) + " " +
                               kLastNames[rnd.next() % std::size(kLastNames)];
    e.contract.valid_from = "2023-01-01";
    if (i % 41 == 0) e.contract.valid_to = "2025-06-30";   // moved out: disappears from view
    e.per_day = gas ? 2.0 + rnd.unit() * 6.0 : 5.0 + rnd.unit() * 12.0;
    e.vt_share = 0.55 + rnd.unit() * 0.2;
    e.start = gas ? rnd.between(300, 30000) : rnd.between(1000, 60000);
    entries.push_back(e);
  }

  // The demo customer, activated, phone confirmed.
  const std::string hash = hasher.hash(kDemoPassword);
  const core::Date today = clock.today();
  const int64_t now = clock.now();
  const bool loaded = db.write([&](storage::Connection& c) {
    storage::registry::lock_for_setup(c);  // another instance may be loading it right now
    if (storage::registry::count_metering_points(c) != 0 || storage::accounts::by_email(c, kDemoEmail)) return false;
    int readings = 0;
    std::vector<MonthUse> demo_months[2];  // the demo customer's two contracts, oldest month first
    for (size_t i = 0; i < entries.size(); ++i) {
      Entry& e = entries[i];
      e.contract.metering_point_id = storage::registry::upsert_metering_point(c, e.mp);
      e.contract.id = storage::registry::upsert_contract(c, e.contract);
      // Monthly operator readings on the last day of the 24 months before this one.
      const core::Date first_of_month{today.year, today.month, 1};
      double vt = static_cast<double>(e.start), mt = static_cast<double>(e.start) * 0.4, total = vt;
      for (int k = 24; k >= 1; --k) {
        const core::Date month_start = core::add_months(first_of_month, -k);
        const core::Date day = core::last_day_of_month(month_start.year, month_start.month);
        const bool gas = e.mp.energy == "gas";
        const double use = e.per_day * season(day.month, gas ? 0.08 : 0.7) * day.day * (0.9 + 0.2 * rnd.unit());
        const std::string source = (k % 6 == 3) ? "estimate" : "operator";
        const std::string date = core::format_date(day);
        const int64_t before = static_cast<int64_t>(vt) + static_cast<int64_t>(mt) + static_cast<int64_t>(total);
        if (e.mp.registers == "VT+MT") {
          vt += use * e.vt_share;
          mt += use * (1 - e.vt_share);
          storage::readings::upsert_operator_reading(c, e.contract.metering_point_id, date, "VT",
                                                     static_cast<int64_t>(vt), source);
          storage::readings::upsert_operator_reading(c, e.contract.metering_point_id, date, "MT",
                                                     static_cast<int64_t>(mt), source);
          readings += 2;
        } else {
          total += use;
          storage::readings::upsert_operator_reading(c, e.contract.metering_point_id, date, gas ? "M3" : "ET",
                                                     static_cast<int64_t>(total), source);
          readings += 1;
        }
        if (i < 2) {
          const int64_t after = static_cast<int64_t>(vt) + static_cast<int64_t>(mt) + static_cast<int64_t>(total);
          demo_months[i].push_back({month_start, after - before});
        }
      }
    }
    core::ProfileFields p;
    p.name = "Ana Novak";
    p.street = "Šmartinska cesta 5";
    p.city = "Ljubljana";
    p.postal_code = "1000";
    p.post = "Ljubljana";
    p.country = "SI";
    p.phone = "+38641123456";
    p.gender = "female";
    p.notifications = true;
    p.locale = "sl";
    const int64_t account = storage::accounts::insert(c, kDemoEmail, hash, p, now);
    storage::accounts::activate(c, account, now);
    storage::accounts::update_profile(c, account, p, true);
    storage::links::insert(c, account, entries[0].contract.id, now);
    storage::links::insert(c, account, entries[1].contract.id, now);
    for (int k = 0; k < 2; ++k)
      summary.invoices += insert_demo_invoices(c, entries[k].contract.id, k + 1, entries[k].mp.energy == "gas",
                                               demo_months[k], today, now);
    summary.readings = readings;
    return true;
  });
  if (!loaded) return summary;
  summary.loaded = true;
  summary.contracts = static_cast<int>(entries.size());
  return summary;
}

}  // namespace server::services
