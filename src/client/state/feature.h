// A feature of the portal (accounts, readings, invoices, questions, content...) as the Store
// sees it: the forms it owns (their validation with core and their submit), what its screens
// need when they open, the actions it answers, and what it forgets at sign-out. Its state slice
// lives in AppState so screens can draw it; its effects go through the Store's Effects. A
// newcomer finds a feature by its name: state/invoices.cpp holds everything about invoices.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "client/api/api_client.h"
#include "client/platform/browser.h"
#include "client/state/effects.h"
#include "client/state/routes.h"
#include "core/error.h"

namespace client {

// Where a piece of loaded data is: every feature's slice has one per thing it loads.
struct Load {
  bool loading = false;  // a request is on its way
  bool loaded = false;   // data is here (maybe stale while loading again)
  core::Errors errors;   // the last attempt failed: show them and offer a retry
};

struct Action;
struct AppState;
struct Form;
class Store;

// What a feature may use: the state, the API, the browser, the effects, and the Store's
// navigation and banner (so every feature moves between screens the same way).
struct FeatureContext {
  AppState& state;
  api::ApiClient& api;
  platform::Browser& browser;
  Effects& effects;
  Store& store;
};

class Feature {
 public:
  explicit Feature(FeatureContext ctx) : ctx_(ctx) {}
  virtual ~Feature() = default;
  Feature(const Feature&) = delete;
  Feature& operator=(const Feature&) = delete;

  virtual const char* name() const = 0;                     // "invoices"
  virtual std::vector<std::string> forms() const { return {}; }  // the forms it owns
  virtual void enter(const Route&) {}                       // one of its screens opens
  virtual core::Errors check(const std::string& /*form*/) { return {}; }  // core's rules on a form
  virtual void send(const std::string& /*form*/) {}         // a checked form goes to the server
  virtual void edited(const std::string& /*form*/, const std::string& /*field*/) {}  // after an edit
  virtual bool apply(const Action&) { return false; }       // true if it handled the action
  virtual bool confirmed(const std::string& /*kind*/, const std::string& /*id*/) { return false; }
  virtual bool retry(const std::string& /*what*/, const std::string& /*id*/) { return false; }
  virtual void signed_out() {}                              // forget the customer's data

 protected:
  AppState& state() { return ctx_.state; }
  api::ApiClient& api() { return ctx_.api; }
  platform::Browser& browser() { return ctx_.browser; }
  template <class T>
  void await(api::Pending<T> pending, std::function<void(const api::Reply<T>&)> done) {
    ctx_.effects.await<T>(std::move(pending), std::move(done), signed_in());
  }
  template <class T>
  void await_always(api::Pending<T> pending, std::function<void(const api::Reply<T>&)> done) {  // not the customer's
    ctx_.effects.await_always<T>(std::move(pending), std::move(done));
  }
  bool signed_in() const;  // a customer is signed in (what is asked now is theirs)
  void go(const Route& r, bool push);
  void banner(std::string key, int tone, nlohmann::json params = nlohmann::json::object());
  void error_banner(const core::Errors& errors);  // the first error's message, or server.error
  Form& form(const std::string& name);
  // A form's reply arrived: not busy, the answer kept, retry-after and done set. Returns the form.
  template <class T>
  Form& finish(const std::string& name, const api::Reply<T>& r) {
    return finished(name, r.ok(), r.errors, r.retry_after_s);
  }
  Form& finished(const std::string& name, bool ok, const core::Errors& answer, int retry_after_s);

  FeatureContext ctx_;
};

}  // namespace client
