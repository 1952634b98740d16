#include "server/services/readings.h"

#include <algorithm>

#include "core/reading_rules.h"
#include "server/services/secrets.h"

namespace server::services {

namespace codes = core::codes;
using storage::Connection;

namespace {

core::Meter meter_of(const storage::MeteringPointRecord& mp) {
  core::Meter m;
  core::parse_energy(mp.energy, m.energy);
  core::parse_register_set(mp.registers, m.registers);
  m.digits = mp.digits;
  return m;
}

std::vector<core::PastReading> history_of(const std::vector<storage::ReadingRecord>& records) {
  std::vector<core::PastReading> out;
  out.reserve(records.size());
  for (const auto& r : records) {
    core::PastReading p;
    if (!core::parse_date(r.date, p.date) || !core::parse_register(r.reg, p.reg)) continue;
    p.value = r.value;
    core::parse_reading_source(r.source, p.source);
    p.meter_replaced = r.meter_replaced;
    out.push_back(p);
  }
  return out;
}

bool within_contract(const std::string& date, const storage::ContractRecord& c) {
  return (!c.valid_from || *c.valid_from <= date) && (!c.valid_to || date <= *c.valid_to);
}

// The API's rows for records (any order in): difference and per-day computed over `records`,
// newest first out.
std::vector<core::api::Reading> rows_of(const std::vector<storage::ReadingRecord>& records, int digits,
                                        int64_t account_id, const std::string& today) {
  std::vector<core::ListedReading> listed;
  listed.reserve(records.size());
  for (const auto& r : records) {
    core::ListedReading l;
    core::parse_date(r.date, l.date);
    core::parse_register(r.reg, l.reg);
    l.value = r.value;
    l.meter_replaced = r.meter_replaced;
    listed.push_back(l);
  }
  core::compute_differences(listed, digits);
  std::vector<core::api::Reading> out;
  out.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    const auto& r = records[i];
    core::api::Reading a;
    a.id = std::to_string(r.id);
    if (r.submission_id) a.submission_id = std::to_string(*r.submission_id);
    a.date = listed[i].date;
    a.reg = listed[i].reg;
    a.value = r.value;
    a.difference = listed[i].difference;
    a.per_day = listed[i].per_day;
    core::parse_reading_source(r.source, a.source);
    if (r.type) {
      core::ReadingType t;
      if (core::parse_reading_type(*r.type, t)) a.type = t;
    }
    a.deletable = deletable(r, account_id, today);
    out.push_back(std::move(a));
  }
  // Newest first; within a day the registers in the meter's order (VT before MT).
  std::vector<size_t> order(out.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (out[a].date != out[b].date) return out[b].date < out[a].date;
    if (records[a].submitted_at != records[b].submitted_at) return records[b].submitted_at < records[a].submitted_at;
    return static_cast<int>(out[a].reg) < static_cast<int>(out[b].reg);
  });
  std::vector<core::api::Reading> sorted;
  sorted.reserve(out.size());
  for (size_t i : order) sorted.push_back(std::move(out[i]));
  return sorted;
}

}  // namespace

ReadingListCache::Body ReadingListCache::find(int64_t account_id, int64_t mp, int64_t version,
                                              const std::string& today) {
  const Key key{account_id, mp};
  Shard& s = shard(key);
  std::lock_guard<std::mutex> lock(s.mutex);
  auto it = s.entries.find(key);
  if (it == s.entries.end() || it->second.version != version || it->second.today != today) return nullptr;
  return it->second.body;
}

void ReadingListCache::put(int64_t account_id, int64_t mp, int64_t version, const std::string& today, Body body) {
  const Key key{account_id, mp};
  Shard& s = shard(key);
  std::lock_guard<std::mutex> lock(s.mutex);
  if (s.entries.size() >= kMaxEntries) s.entries.clear();
  s.entries[key] = {version, today, std::move(body)};
}

bool deletable(const storage::ReadingRecord& r, int64_t account_id, const std::string& today) {
  if (!r.submission_id || !r.type || r.account_id != account_id) return false;
  if (*r.type == "own_record") return true;
  return r.deletable_until && today <= *r.deletable_until;
}

ReadingService::ReadingService(storage::Database& db, ContractService& contracts, AccountService& accounts,
                               const Clock& clock)
    : db_(db), contracts_(contracts), accounts_(accounts), clock_(clock) {}

Result<std::vector<core::api::Reading>> ReadingService::list(int64_t account_id, const std::string& mp_id) {
  Result<std::vector<core::api::Reading>> r;
  const std::string today = core::format_date(clock_.today());
  const bool found = db_.read([&](Connection& c) {
    auto link = contracts_.authorize(c, account_id, mp_id);
    if (!link) return false;
    auto records = storage::readings::of_metering_point(c, link->metering_point.id);
    // A new tenant sees nothing of the previous one's: only readings inside the contract.
    records.erase(std::remove_if(records.begin(), records.end(),
                                 [&](const storage::ReadingRecord& x) { return !within_contract(x.date, link->contract); }),
                  records.end());
    r.value = rows_of(records, link->metering_point.digits, account_id, today);
    return true;
  });
  if (!found) r.outcome = Outcome::fail(Status::not_found, codes::not_found);
  return r;
}

Result<ReadingListCache::Body> ReadingService::list_json(int64_t account_id, const std::string& mp_id) {
  Result<ReadingListCache::Body> r;
  const std::string today = core::format_date(clock_.today());
  // One indexed read answers both "may this account see it?" and "has it changed?".
  auto link = db_.once([&](Connection& c) { return contracts_.authorize(c, account_id, mp_id); });
  if (!link) {
    r.outcome = Outcome::fail(Status::not_found, codes::not_found);
    return r;
  }
  const auto& mp = link->metering_point;
  if ((r.value = cache_.find(account_id, mp.id, mp.version, today))) return r;
  auto rows = list(account_id, mp_id);
  if (!rows.good()) {
    r.outcome = rows.outcome;
    return r;
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& x : rows.value) list.push_back(core::api::to_json(x));
  r.value = std::make_shared<const std::string>(list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  // Cached under the version read before the list: a change in between only costs a rebuild.
  cache_.put(account_id, mp.id, mp.version, today, r.value);
  return r;
}

Result<ReadingListCache::Body> ReadingService::list_json_for_token(const std::string& token,
                                                                  const std::string& mp_id) {
  Result<ReadingListCache::Body> r;
  if (token.empty() || token.size() > 100) {
    r.outcome = Outcome::fail(Status::unauthorized, codes::auth_required);
    return r;
  }
  const std::string today = core::format_date(clock_.today());
  auto id = parse_id(mp_id);
  auto found = db_.once([&](Connection& c) {
    return storage::links::for_session(c, token_hash(token), id ? *id : -1, today);
  });
  std::optional<SessionInfo> session;
  if (found) session = accounts_.accept(found->session);
  if (!session) {
    r.outcome = Outcome::fail(Status::unauthorized, codes::auth_required);
    return r;
  }
  if (!id || !found->version) {
    r.outcome = Outcome::fail(Status::not_found, codes::not_found);
    return r;
  }
  if ((r.value = cache_.find(session->account_id, *id, *found->version, today))) return r;
  return list_json(session->account_id, mp_id);
}

Result<core::api::SubmissionResult> ReadingService::submit(int64_t account_id, const std::string& mp_id,
                                                           const core::api::SubmitReadingRequest& req,
                                                           const std::string& idempotency_key) {
  Result<core::api::SubmissionResult> r;
  const core::Date today = clock_.today();
  const std::string today_s = core::format_date(today);
  auto attempt = [&](Connection& c) {
    r = {};
    if (!idempotency_key.empty()) {
      if (auto stored = storage::idempotency::find(c, account_id, idempotency_key)) {
        // A retry: the first answer again, nothing written twice.
        auto body = nlohmann::json::parse(stored->response, nullptr, false);
        r.outcome = Outcome::with(static_cast<Status>(stored->status));
        core::api::from_json(body, r.value);
        return;
      }
    }
    auto link = contracts_.authorize(c, account_id, mp_id);
    if (!link) {
      r.outcome = Outcome::fail(Status::not_found, codes::not_found);
      return;
    }
    const auto& mp = link->metering_point;
    const core::Operator* op = contracts_.operators().find(mp.operator_code);
    core::SubmissionContext ctx;
    ctx.today = today;
    ctx.meter = meter_of(mp);
    if (op) ctx.window = op->window;
    auto records = storage::readings::of_metering_point(c, mp.id);
    ctx.history = history_of(records);
    const core::SubmissionVerdict verdict = core::check_submission(req.submission, ctx);
    if (!verdict.errors.empty()) {
      r.outcome = Outcome::fail(Status::invalid, verdict.errors);
      return;
    }
    if (!verdict.conflicts.empty()) {
      r.outcome = Outcome::fail(Status::conflict, verdict.conflicts);
      return;
    }
    const auto& ok = verdict.accepted;
    const std::string date = core::format_date(ok.date);
    const std::string type = core::reading_type_code(ok.type);
    if (auto existing = storage::readings::live_submission(c, mp.id, date, type)) {
      storage::ReadingRecord probe;
      probe.submission_id = existing->id;
      probe.type = existing->type;
      probe.account_id = existing->account_id;
      probe.deletable_until = existing->deletable_until;
      if (!deletable(probe, account_id, today_s)) {
        r.outcome = Outcome::fail(Status::conflict, codes::reading_duplicate, "date", {{"date", date}});
        return;
      }
      storage::readings::delete_submission(c, existing->id, clock_.now());  // replaced by this one
      records.erase(std::remove_if(records.begin(), records.end(),
                                   [&](const storage::ReadingRecord& x) { return x.submission_id == existing->id; }),
                    records.end());
    }
    storage::SubmissionRecord s;
    s.metering_point_id = mp.id;
    s.account_id = account_id;
    s.date = date;
    s.type = type;
    s.submitted_at = clock_.now();
    if (ok.type == core::ReadingType::submission && op) {
      // Deletable while the window it was submitted in stays open.
      if (auto span = core::window_containing(op->window, today)) s.deletable_until = core::format_date(span->closes_on);
    }
    s.meter_replaced = req.submission.meter_replaced;
    s.confirmed_unusual = !verdict.warnings.empty();
    s.id = storage::readings::insert_submission(c, s);
    std::vector<int64_t> new_ids;
    for (const auto& [reg, value] : ok.values) {
      storage::ReadingRecord rr;
      rr.metering_point_id = mp.id;
      rr.date = date;
      rr.reg = core::register_code(reg);
      rr.value = value;
      rr.source = "customer";
      rr.submission_id = s.id;
      rr.meter_replaced = s.meter_replaced;
      rr.type = type;
      rr.account_id = account_id;
      rr.deletable_until = s.deletable_until;
      rr.submitted_at = s.submitted_at;
      rr.id = storage::readings::insert_reading(c, rr);
      new_ids.push_back(rr.id);
      records.push_back(rr);
    }
    r.value.submission_id = std::to_string(s.id);
    for (auto& row : rows_of(records, mp.digits, account_id, today_s))
      if (row.submission_id && *row.submission_id == r.value.submission_id) r.value.readings.push_back(row);
    r.value.warnings = verdict.warnings;
    r.outcome = Outcome::with(Status::created);
    if (!idempotency_key.empty())
      storage::idempotency::put(c, account_id, idempotency_key, static_cast<int>(Status::created),
                                core::api::to_json(r.value).dump(), clock_.now());
  };
  try {
    db_.write(attempt);
  } catch (const storage::DbError& e) {
    // A concurrent submission for the same day or the same idempotency key won the race: run
    // again, now seeing it (it is replaced, or this is a duplicate, or the stored answer).
    if (e.kind != storage::DbError::Kind::unique) throw;
    db_.write(attempt);
  }
  return r;
}

Outcome ReadingService::delete_submission(int64_t account_id, const std::string& submission_id) {
  auto id = parse_id(submission_id);
  if (!id) return Outcome::fail(Status::not_found, codes::not_found);
  const std::string today = core::format_date(clock_.today());
  return db_.write([&](Connection& c) {
    auto s = storage::readings::submission(c, *id);
    // Only the caller's own submissions, on a metering point still linked: else 404 as if absent.
    if (!s || s->deleted_at || s->account_id != account_id ||
        !contracts_.authorize(c, account_id, std::to_string(s->metering_point_id)))
      return Outcome::fail(Status::not_found, codes::not_found);
    storage::ReadingRecord probe;
    probe.submission_id = s->id;
    probe.type = s->type;
    probe.account_id = s->account_id;
    probe.deletable_until = s->deletable_until;
    if (!deletable(probe, account_id, today)) return Outcome::fail(Status::forbidden, codes::reading_not_deletable);
    storage::readings::delete_submission(c, s->id, clock_.now());
    return Outcome::with(Status::no_content);
  });
}

Result<ReadingTable> ReadingService::table(int64_t account_id, const std::string& mp_id) {
  Result<ReadingTable> r;
  auto rows = list(account_id, mp_id);
  if (!rows.good()) {
    r.outcome = rows.outcome;
    return r;
  }
  auto link = db_.read([&](Connection& c) { return contracts_.authorize(c, account_id, mp_id); });
  if (!link) {
    r.outcome = Outcome::fail(Status::not_found, codes::not_found);
    return r;
  }
  const auto& mp = link->metering_point;
  r.value.number = mp.number;
  r.value.place = mp.street + (mp.city.empty() ? "" : ", " + (mp.postal_code.empty() ? "" : mp.postal_code + " ") + mp.city);
  r.value.rows = std::move(rows.value);
  return r;
}

nlohmann::json ReadingService::export_submissions(int64_t account_id) {
  auto rows = db_.read([&](Connection& c) { return storage::readings::of_account(c, account_id); });
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : rows)
    out.push_back({{"submission_id", std::to_string(r.submission_id)},
                   {"metering_point", r.number},
                   {"date", r.date},
                   {"register", r.reg},
                   {"value", r.value},
                   {"type", r.type},
                   {"submitted_at", core::format_instant_ljubljana(r.submitted_at)},
                   {"deleted", r.deleted}});
  return out;
}

}  // namespace server::services
