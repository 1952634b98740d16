#include "server/services/contracts.h"

#include "core/metering_point.h"
#include "core/reading_rules.h"
#include "server/storage/account_store.h"

namespace server::services {

namespace codes = core::codes;
using storage::Connection;

std::optional<int64_t> parse_id(const std::string& id) {
  if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(id);
}

ContractService::ContractService(storage::Database& db, const core::OperatorCatalog& operators, Throttles& throttles,
                                 const AbuseLimits& limits, const Clock& clock)
    : db_(db), operators_(operators), throttles_(throttles), limits_(limits), clock_(clock) {}

core::api::Contract ContractService::view(const storage::LinkedContract& l, const core::Date& today) const {
  core::api::Contract c;
  c.id = std::to_string(l.contract.id);
  c.contract_number = l.contract.contract_number;
  core::parse_energy(l.metering_point.energy, c.energy);
  c.op.code = l.metering_point.operator_code;
  const core::Operator* op = operators_.find(l.metering_point.operator_code);
  c.op.name = op ? op->name : l.metering_point.operator_code;
  auto& mp = c.metering_point;
  mp.id = std::to_string(l.metering_point.id);
  mp.number = l.metering_point.number;
  mp.gsrn = l.metering_point.gsrn;
  mp.address = {l.metering_point.street, l.metering_point.city, l.metering_point.postal_code};
  std::vector<core::Register> regs;
  core::parse_register_set(l.metering_point.registers, regs);
  for (auto r : regs) mp.registers.emplace_back(core::register_code(r));
  mp.digits = l.metering_point.digits;
  if (op) c.window = core::window_status(op->window, today);
  c.reminder_email = l.reminder_email;
  c.reminder_sms = l.reminder_sms;
  return c;
}

Result<std::vector<core::api::Contract>> ContractService::list(int64_t account_id) {
  Result<std::vector<core::api::Contract>> r;
  const core::Date today = clock_.today();
  auto links = db_.read(
      [&](Connection& c) { return storage::links::valid_for_account(c, account_id, core::format_date(today)); });
  for (const auto& l : links) r.value.push_back(view(l, today));
  return r;
}

Result<core::api::Contract> ContractService::link(int64_t account_id, const core::api::LinkContractRequest& req) {
  Result<core::api::Contract> r;
  core::CheckedContractLink checked;
  core::Errors errors = core::check_contract_link(req.metering_point, req.contract_number, req.energy,
                                                  req.operator_code, operators_, checked);
  if (!errors.empty()) {
    r.outcome = Outcome::fail(Status::invalid, errors);
    return r;
  }
  const core::Date today = clock_.today();
  const std::string today_s = core::format_date(today);
  const std::string fail_key = "contract.failures:" + std::to_string(account_id);
  enum class Found { throttled, none, already, linked };
  int wait = 0;
  storage::LinkedContract linked;
  const Found found = db_.write([&](Connection& c) {
    if (auto w = throttles_.blocked(c, fail_key, limits_.contract_failures_per_account)) {
      wait = *w;
      return Found::throttled;
    }
    auto contract = storage::registry::contract_by_number(c, checked.contract_number);
    std::optional<storage::MeteringPointRecord> mp;
    if (contract) mp = storage::registry::metering_point(c, contract->metering_point_id);
    const auto& typed = checked.metering_point;
    const bool matches =
        contract && mp &&
        (typed.form == core::MeteringPointNumber::Form::gsrn ? mp->gsrn == typed.canonical
                                                             : mp->number == typed.canonical) &&
        mp->energy == core::energy_code(checked.energy) && checked.op && mp->operator_code == checked.op->code &&
        (!contract->valid_from || *contract->valid_from <= today_s) &&
        (!contract->valid_to || *contract->valid_to >= today_s);
    if (!matches) {
      throttles_.record(c, fail_key);
      return Found::none;
    }
    if (storage::links::exists(c, account_id, contract->id)) return Found::already;
    storage::links::insert(c, account_id, contract->id, clock_.now());
    linked = *storage::links::valid_by_contract(c, account_id, contract->id, today_s);
    return Found::linked;
  });
  switch (found) {
    case Found::throttled: r.outcome = Outcome::throttle(codes::request_too_many, wait); break;
    case Found::none: r.outcome = Outcome::fail(Status::not_found, codes::contract_not_found); break;
    case Found::already: r.outcome = Outcome::fail(Status::conflict, codes::contract_already_linked); break;
    case Found::linked:
      r.outcome = Outcome::with(Status::created);
      r.value = view(linked, today);
      break;
  }
  return r;
}

Outcome ContractService::unlink(int64_t account_id, const std::string& contract_id) {
  auto id = parse_id(contract_id);
  if (!id) return Outcome::fail(Status::not_found, codes::not_found);
  const bool removed = db_.write([&](Connection& c) { return storage::links::remove(c, account_id, *id); });
  return removed ? Outcome::with(Status::no_content) : Outcome::fail(Status::not_found, codes::not_found);
}

std::optional<storage::LinkedContract> ContractService::authorize(Connection& c, int64_t account_id,
                                                                  const std::string& metering_point_id) const {
  auto id = parse_id(metering_point_id);
  if (!id) return std::nullopt;
  return storage::links::valid_by_metering_point(c, account_id, *id, core::format_date(clock_.today()));
}

Result<core::api::Contract> ContractService::set_reminders(int64_t account_id, const std::string& metering_point_id,
                                                           const core::api::RemindersRequest& req) {
  Result<core::api::Contract> r;
  const core::Date today = clock_.today();
  auto link = db_.write([&](Connection& c) -> std::optional<storage::LinkedContract> {
    auto l = authorize(c, account_id, metering_point_id);
    if (!l) return std::nullopt;
    if (req.sms) {
      auto account = storage::accounts::by_id(c, account_id);
      if (!account || !account->phone_confirmed || account->profile.phone.empty()) {
        r.outcome = Outcome::fail(Status::invalid, codes::reminder_phone_required, "sms");
        return l;
      }
    }
    storage::links::set_reminders(c, l->link_id, req.email, req.sms);
    l->reminder_email = req.email;
    l->reminder_sms = req.sms;
    return l;
  });
  if (!link) {
    r.outcome = Outcome::fail(Status::not_found, codes::not_found);
    return r;
  }
  if (r.outcome.good()) r.value = view(*link, today);
  return r;
}

nlohmann::json ContractService::export_links(int64_t account_id) {
  auto links = db_.read([&](Connection& c) { return storage::links::all_for_account(c, account_id); });
  nlohmann::json out = nlohmann::json::array();
  const core::Date today = clock_.today();
  for (const auto& l : links) {
    nlohmann::json j = core::api::to_json(view(l, today));
    j["valid_from"] = l.contract.valid_from ? nlohmann::json(*l.contract.valid_from) : nullptr;
    j["valid_to"] = l.contract.valid_to ? nlohmann::json(*l.contract.valid_to) : nullptr;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace server::services
