"""Accounts over real HTTP against a real server (SQLite, or PostgreSQL when the suite runs with
PORTAL_TEST_DB=postgresql): register, activate, login, sessions, forgot/reset, change password,
profile, e-mail change, phone confirmation, export, delete, and every abuse case of API.md."""
import json
import os
import statistics
import tempfile
import time
import unittest

from portal import (PASSWORD, Customer, PortalServer, ServerCase, backend, mails_to, outbox_files, profile, unique_email,
                    wait_for_mail)

class AccountsBase(ServerCase):
    server_flags = ("--trusted-proxy", "127.0.0.1/32")

    def customer(self, address=None):
        return Customer(self.server, address)

    def activated_customer(self, tag="ana", remember=False):
        """Registers, activates and logs in a new customer; returns (customer, email)."""
        c = self.customer()
        email = unique_email(tag)
        status, body, _ = c.register(email)
        self.assertEqual((status, body), (202, {"status": "activation_sent"}))
        mail = wait_for_mail(self.server, email)[0]
        status, body, _ = c.call("POST", "/api/v1/auth/activate", {"token": mail.token("/activate?token=")})
        self.assertEqual(status, 200, body)
        status, body, _ = c.login(email, remember=remember)
        self.assertEqual(status, 200, body)
        return c, email


class RegistrationTest(AccountsBase):
    def test_register_activate_login_me_logout(self):
        c = self.customer()
        email = unique_email("Ziga.Cebasek").replace("ziga", "Ziga")
        status, body, _ = c.register("  " + email.upper() + " ")
        self.assertEqual((status, body), (202, {"status": "activation_sent"}))
        lower = email.lower()
        self.assertEqual(c.login(lower)[:2], (403, {"errors": [{"code": "auth.not_activated"}]}))
        mail = wait_for_mail(self.server, lower)[0]
        link = mail.link("/activate?token=")
        self.assertTrue(link.startswith(self.server.base.replace("127.0.0.1", "localhost").rsplit(":", 1)[0]))
        self.assertIn("Aktivirajte", mail.subject)
        self.assertIn(link, mail.html)
        token = mail.token("/activate?token=")
        self.assertEqual(c.call("POST", "/api/v1/auth/activate", {"token": token})[:2], (200, {"status": "activated"}))
        self.assertEqual(c.codes("POST", "/api/v1/auth/activate", {"token": token}), (422, ["token.invalid"]))
        status, body, headers = c.login(lower)
        self.assertEqual(status, 200)
        user = body["user"]
        self.assertEqual(user["email"], lower)
        self.assertEqual(user["name"], "Žiga Čebašek")
        self.assertEqual(user["street"], "Šmartinska cesta 5")
        self.assertEqual(user["phone"], "+38641123456")
        self.assertEqual(user["country"], "SI")
        self.assertEqual(user["gender"], "male")
        self.assertIs(user["notifications"], True)
        self.assertEqual(user["locale"], "sl")
        self.assertIsInstance(user["id"], str)
        cookie = headers["set-cookie"]
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Strict", cookie)
        self.assertNotIn("Max-Age", cookie)  # without "remember me" it ends with the browser
        self.assertNotIn("Secure", cookie)   # plain http here
        self.assertEqual(c.call("GET", "/api/v1/me")[1]["user"], user)
        status, body, headers = c.call("POST", "/api/v1/auth/logout")
        self.assertEqual((status, body), (204, None))
        self.assertIn("Max-Age=0", headers["set-cookie"])
        self.assertEqual(c.codes("GET", "/api/v1/me"), (401, ["auth.required"]))

    def test_every_registration_error_at_once(self):
        c = self.customer()
        status, body, _ = c.call("POST", "/api/v1/auth/register", {
            "email": "ni-naslov", "password": "password", "password_repeat": "drugo", "gender": "",
            "terms_accepted": False, "country": "SI", "postal_code": "123", "phone": "abc",
        })
        self.assertEqual(status, 422)
        got = {(e["code"], e.get("field")) for e in body["errors"]}
        for expected in [("email.invalid", "email"), ("password.too_short", "password"),
                         ("password.too_common", "password"), ("password.mismatch", "password_repeat"),
                         ("field.required", "gender"), ("terms.not_accepted", "terms_accepted"),
                         ("postal_code.invalid", "postal_code"), ("phone.invalid", "phone")]:
            self.assertIn(expected, got)
        short = [e for e in body["errors"] if e["code"] == "password.too_short"][0]
        self.assertEqual(short["params"]["min_length"], 10)

    def test_password_equal_to_email_and_too_long(self):
        c = self.customer()
        email = unique_email("eva")
        self.assertEqual(c.codes("POST", "/api/v1/auth/register", dict(profile(), email=email, password=email.upper(),
                                                                        password_repeat=email.upper())),
                         (422, ["password.equals_email"]))
        long_pw = "Ab1-" * 40
        self.assertEqual(c.codes("POST", "/api/v1/auth/register", dict(profile(), email=email, password=long_pw,
                                                                        password_repeat=long_pw)),
                         (422, ["password.too_long"]))

    def test_taken_email_answers_the_same_and_tells_the_owner(self):
        owner, email = self.activated_customer("owner")
        before = len(mails_to(self.server, email))
        other = self.customer()
        new = other.register(email, password="Drugo-Geslo-Za-Poskus-7")
        fresh = other.register(unique_email("fresh"))
        self.assertEqual(new[:2], fresh[:2])
        self.assertEqual(new[:2], (202, {"status": "activation_sent"}))
        mails = wait_for_mail(self.server, email, count=before + 1)
        self.assertIn("registr", mails[-1].subject.lower())
        self.assertEqual(mails[-1].links, [self.server_public() + "/login", self.server_public() + "/forgot"])
        # No second account: the other password does not log in.
        self.assertEqual(other.login(email, "Drugo-Geslo-Za-Poskus-7")[0], 401)

    def server_public(self):
        return f"http://localhost:{self.server.port}"

    def test_registering_again_before_activation_sends_a_new_link(self):
        c = self.customer()
        email = unique_email("twice")
        c.register(email)
        c.register(email)
        mails = wait_for_mail(self.server, email, count=2)
        first, second = mails[0].token("/activate?token="), mails[1].token("/activate?token=")
        self.assertNotEqual(first, second)
        self.assertEqual(c.call("POST", "/api/v1/auth/activate", {"token": second})[0], 200)
        self.assertEqual(c.login(email)[0], 200)

    def test_english_account_gets_english_mail(self):
        c = self.customer()
        email = unique_email("john")
        c.register(email, locale="en", name="John Smith")
        mail = wait_for_mail(self.server, email)[0]
        self.assertIn("Activate", mail.subject)
        self.assertIn("valid for 48 hours", mail.text)


class MalformedRequestTest(AccountsBase):
    def test_malformed_json_wrong_types_and_unknown_fields(self):
        c = self.customer()
        status, body, _ = c.call("POST", "/api/v1/auth/login", raw=b'{"email": ',
                                 headers={"Content-Type": "application/json"})
        self.assertEqual(status, 400)
        self.assertEqual(body["errors"][0]["code"], "request.malformed")
        status, body, _ = c.call("POST", "/api/v1/auth/login", {"email": 5, "password": "x"})
        self.assertEqual((status, body["errors"][0]), (400, {"code": "request.malformed", "field": "email"}))
        status, body, _ = c.call("POST", "/api/v1/auth/login", {"email": "a@b.si", "password": "x", "admin": True})
        self.assertEqual((status, body["errors"][0]), (400, {"code": "request.malformed", "field": "admin"}))
        status, body, _ = c.call("POST", "/api/v1/auth/register", [1, 2, 3])
        self.assertEqual((status, body["errors"][0]["code"]), (400, "request.malformed"))
        status, body, _ = c.call("POST", "/api/v1/auth/login", {"email": "a@b.si", "password": "x", "remember": "yes"})
        self.assertEqual((status, body["errors"][0]), (400, {"code": "request.malformed", "field": "remember"}))

    def test_charset_parameter_and_case_are_accepted(self):
        c = self.customer()
        status, body, _ = c.call("POST", "/api/v1/auth/forgot", raw=b'{"email":"nobody@example.si"}',
                                 headers={"Content-Type": "Application/JSON; charset=utf-8"})
        self.assertEqual(status, 202, body)

    def test_garbage_never_crashes_the_server(self):
        c = self.customer()
        samples = [b"\xff\xfe\x00", b"null", b"[]", b'{"email":{"$ne":1}}', b'{"' + b"a" * 5000 + b'":1}',
                   b'{"email":"a@b.si","password":"\\u0000"}', b"{" * 1000 + b"}" * 1000, b'"str"', b"1e999"]
        for path in ("/api/v1/auth/login", "/api/v1/auth/register", "/api/v1/auth/reset", "/api/v1/auth/activate"):
            for raw in samples:
                status, _, _ = c.call("POST", path, raw=raw, headers={"Content-Type": "application/json"})
                self.assertIn(status, (400, 401, 422), (path, raw[:30]))
        self.assertEqual(c.call("GET", "/api/v1/health")[0], 200)

    def test_endpoints_that_need_a_session_say_so(self):
        c = self.customer()
        for method, path in [("GET", "/api/v1/me"), ("PATCH", "/api/v1/me"), ("POST", "/api/v1/me/email"),
                             ("POST", "/api/v1/me/password"), ("POST", "/api/v1/me/phone/verify"),
                             ("POST", "/api/v1/me/phone/confirm"), ("GET", "/api/v1/me/export"),
                             ("DELETE", "/api/v1/me"), ("POST", "/api/v1/auth/logout")]:
            self.assertEqual(c.codes(method, path, {} if method in ("PATCH", "POST") else None),
                             (401, ["auth.required"]), path)
        c.cookies["portal_session"] = "forged-token-value"
        self.assertEqual(c.codes("GET", "/api/v1/me"), (401, ["auth.required"]))


class LoginTest(AccountsBase):
    def test_wrong_password_and_unknown_email_are_indistinguishable(self):
        c, email = self.activated_customer("known")
        stranger = self.customer()
        wrong = stranger.login(email, "Napacno-Geslo-123")
        unknown = stranger.login(unique_email("nobody"), "Napacno-Geslo-123")
        self.assertEqual(wrong[:2], (401, {"errors": [{"code": "auth.invalid_credentials"}]}))
        self.assertEqual(unknown[:2], wrong[:2])
        # Same work either way (a verification against a dummy hash): medians within a factor 2.
        # Interleaved, so a machine busy with other suites weighs on both alike.
        ghost = unique_email("ghost")
        times = {email: [], ghost: []}
        for _ in range(8):  # 1 + 8 failures for the known address: under the lockout of 10
            for e in (email, ghost):
                t0 = time.perf_counter()
                self.customer().login(e, "Napacno-Geslo-123")
                times[e].append((time.perf_counter() - t0) * 1000)
        known_ms, unknown_ms = statistics.median(times[email]), statistics.median(times[ghost])
        self.assertLess(max(known_ms, unknown_ms) / max(1e-3, min(known_ms, unknown_ms)), 2.0,
                        (known_ms, unknown_ms))

    def test_remember_me_sets_a_30_day_cookie(self):
        c, email = self.activated_customer("remember")
        status, _, headers = self.customer().login(email, remember=True)
        self.assertEqual(status, 200)
        self.assertIn("Max-Age=2592000", headers["set-cookie"])

    def test_logout_everywhere_ends_every_session(self):
        a, email = self.activated_customer("everywhere")
        b = self.customer()
        self.assertEqual(b.login(email)[0], 200)
        self.assertEqual(a.call("POST", "/api/v1/auth/logout", {"all": True})[0], 204)
        self.assertEqual(b.codes("GET", "/api/v1/me"), (401, ["auth.required"]))
        self.assertEqual(a.codes("GET", "/api/v1/me"), (401, ["auth.required"]))

    def test_logout_ends_only_this_session(self):
        a, email = self.activated_customer("single")
        b = self.customer()
        b.login(email)
        self.assertEqual(a.call("POST", "/api/v1/auth/logout")[0], 204)
        self.assertEqual(b.call("GET", "/api/v1/me")[0], 200)


class ThrottleTest(AccountsBase):
    def test_failed_logins_lock_the_email_whether_or_not_it_exists(self):
        _, email = self.activated_customer("locked")
        for target in (email, unique_email("phantom")):
            attacker = self.customer()
            for i in range(10):
                self.assertEqual(attacker.login(target, f"Napacno-{i}-Geslo")[0], 401, i)
            status, body, headers = attacker.login(target, "Napacno-X-Geslo")
            self.assertEqual(status, 429)
            self.assertEqual(body["errors"][0]["code"], "auth.too_many_attempts")
            self.assertGreater(int(headers["retry-after"]), 0)
            self.assertLessEqual(int(headers["retry-after"]), 900)
            # From another address too, and even with the right password: the lock is per e-mail.
            status, body, _ = self.customer().login(target, PASSWORD)
            self.assertEqual((status, body["errors"][0]["code"]), (429, "auth.too_many_attempts"))

    def test_a_household_behind_one_address_works_normally(self):
        office = "10.99.0.1"
        c = self.customer(office)
        emails = [unique_email(f"office{i}") for i in range(10)]
        for e in emails:
            self.assertEqual(c.register(e)[0], 202)
        for e in emails:
            token = wait_for_mail(self.server, e)[0].token("/activate?token=")
            self.assertEqual(c.call("POST", "/api/v1/auth/activate", {"token": token})[0], 200)
        for i in range(20):
            self.assertEqual(self.customer(office).login(emails[i % 10])[0], 200, i)
        for i in range(10):
            self.assertEqual(self.customer(office).call("POST", "/api/v1/auth/forgot",
                                                        {"email": emails[i]})[0], 202, i)


class RateLimitFileTest(unittest.TestCase):
    def test_rate_limits_file_and_trusted_proxy(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"register_per_address": {"count": 2, "window_s": 3600}}, f)
        try:
            with PortalServer("--rate-limits", f.name, "--trusted-proxy", "127.0.0.1/32") as s:
                a = Customer(s, "192.0.2.10")
                self.assertEqual(a.register(unique_email("r1"))[0], 202)
                self.assertEqual(a.register(unique_email("r2"))[0], 202)
                status, body, headers = a.register(unique_email("r3"))
                self.assertEqual((status, body["errors"][0]["code"]), (429, "request.too_many"))
                self.assertGreater(int(headers["retry-after"]), 3500)
                self.assertEqual(Customer(s, "192.0.2.11").register(unique_email("r4"))[0], 202)
            # Without --trusted-proxy, X-Forwarded-For is not believed: all share 127.0.0.1.
            with PortalServer("--rate-limits", f.name) as s:
                self.assertEqual(Customer(s, "192.0.2.20").register(unique_email("s1"))[0], 202)
                self.assertEqual(Customer(s, "192.0.2.21").register(unique_email("s2"))[0], 202)
                self.assertEqual(Customer(s, "192.0.2.22").register(unique_email("s3"))[0], 429)
        finally:
            os.remove(f.name)

    def test_a_bad_rate_limits_file_is_refused_at_start(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"no_such_limit": {"count": 2}}, f)
        try:
            with self.assertRaises(RuntimeError) as ctx:
                PortalServer("--rate-limits", f.name).start()
            self.assertIn("unknown limit no_such_limit", str(ctx.exception))
        finally:
            os.remove(f.name)


class ForgotResetTest(AccountsBase):
    def test_forgot_and_reset_end_every_session(self):
        a, email = self.activated_customer("reset")
        b = self.customer()
        b.login(email)
        self.assertEqual(self.customer().call("POST", "/api/v1/auth/forgot", {"email": email})[:2],
                         (202, {"status": "accepted"}))
        mail = wait_for_mail(self.server, email, subject_contains="Ponastavitev")[0]
        token = mail.token("/reset?token=")
        stranger = self.customer()
        # The page asks first; asking uses nothing up.
        for _ in range(2):
            self.assertEqual(stranger.call("POST", "/api/v1/auth/reset/check", {"token": token})[:2],
                             (200, {"status": "valid"}))
        status, body, _ = stranger.call("POST", "/api/v1/auth/reset",
                                        {"token": token, "password": "kratko", "password_repeat": "kratko"})
        self.assertEqual((status, [e["code"] for e in body["errors"]]), (422, ["password.too_short"]))
        new_pw = "Novo-Mocno-Geslo-2026"
        self.assertEqual(stranger.call("POST", "/api/v1/auth/reset",
                                       {"token": token, "password": new_pw, "password_repeat": new_pw})[:2],
                         (200, {"status": "password_reset"}))
        self.assertEqual(a.codes("GET", "/api/v1/me"), (401, ["auth.required"]))
        self.assertEqual(b.codes("GET", "/api/v1/me"), (401, ["auth.required"]))
        self.assertEqual(self.customer().login(email)[0], 401)
        self.assertEqual(self.customer().login(email, new_pw)[0], 200)
        self.assertEqual(stranger.codes("POST", "/api/v1/auth/reset",
                                        {"token": token, "password": new_pw + "x", "password_repeat": new_pw + "x"}),
                         (422, ["token.invalid"]))
        self.assertEqual(stranger.codes("POST", "/api/v1/auth/reset/check", {"token": token}), (422, ["token.invalid"]))
        notice = wait_for_mail(self.server, email, subject_contains="ponastavljeno")[0]
        self.assertIn("/login", notice.text)

    def test_forgot_for_an_unknown_address_sends_nothing_and_says_the_same(self):
        c = self.customer()
        email = unique_email("nobody")
        known_c, known = self.activated_customer("knownforgot")
        self.assertEqual(c.call("POST", "/api/v1/auth/forgot", {"email": email})[:2],
                         c.call("POST", "/api/v1/auth/forgot", {"email": known})[:2])
        wait_for_mail(self.server, known, subject_contains="Ponastavitev")
        time.sleep(0.5)
        self.assertEqual(mails_to(self.server, email), [])

    def test_forgot_before_activation_sends_the_activation_link_again(self):
        c = self.customer()
        email = unique_email("late")
        c.register(email)
        wait_for_mail(self.server, email)
        c.call("POST", "/api/v1/auth/forgot", {"email": email})
        second = wait_for_mail(self.server, email, count=2)[1]
        self.assertEqual(c.call("POST", "/api/v1/auth/activate", {"token": second.token("/activate?token=")})[0], 200)
        self.assertEqual(c.login(email)[0], 200)

    def test_earlier_reset_links_stay_valid_until_used(self):
        _, email = self.activated_customer("twolinks")
        c = self.customer()
        c.call("POST", "/api/v1/auth/forgot", {"email": email})
        c.call("POST", "/api/v1/auth/forgot", {"email": email})
        mails = wait_for_mail(self.server, email, count=2, subject_contains="Ponastavitev")
        pw = "Prvo-Novo-Geslo-2026"
        self.assertEqual(c.call("POST", "/api/v1/auth/reset", {"token": mails[0].token("/reset?token="),
                                                                "password": pw, "password_repeat": pw})[0], 200)

    def test_unknown_and_missing_tokens(self):
        c = self.customer()
        self.assertEqual(c.codes("POST", "/api/v1/auth/activate", {"token": "x" * 43}), (422, ["token.invalid"]))
        self.assertEqual(c.codes("POST", "/api/v1/auth/activate", {}), (422, ["field.required"]))
        self.assertEqual(c.codes("POST", "/api/v1/auth/reset", {"token": "nope", "password": "Abcdefgh-12345",
                                                                 "password_repeat": "Abcdefgh-12345"}),
                         (422, ["token.invalid"]))
        self.assertEqual(c.codes("POST", "/api/v1/auth/reset/check", {"token": "nope"}), (422, ["token.invalid"]))
        self.assertEqual(c.codes("POST", "/api/v1/auth/reset/check", {}), (422, ["field.required"]))
        self.assertEqual(c.codes("POST", "/api/v1/auth/reset/check", {"token": 5}), (400, ["request.malformed"]))
        # An activation link is not a reset link.
        email = unique_email("notareset")
        c.register(email)
        activation = wait_for_mail(self.server, email)[0].token("/activate?token=")
        self.assertEqual(c.codes("POST", "/api/v1/auth/reset/check", {"token": activation}), (422, ["token.invalid"]))


class ExpiryTest(unittest.TestCase):
    """Tokens and sessions expire: the server restarts with a later PORTAL_NOW on the same database."""

    def run_at(self, when, data_dir, db):
        return PortalServer("--dev", "--trusted-proxy", "127.0.0.1/32", env={"PORTAL_NOW": when},
                            data_dir=data_dir, db=db)

    def test_tokens_and_idle_sessions_expire(self):
        data_dir = tempfile.mkdtemp(prefix="portal-expiry-")
        first = self.run_at("2026-03-10T10:00:00+01:00", data_dir, None).start()
        db = first.db
        try:
            c = Customer(first)
            active = unique_email("active")
            c.register(active)
            c.call("POST", "/api/v1/auth/activate",
                   {"token": wait_for_mail(first, active)[0].token("/activate?token=")})
            late = unique_email("late")
            c.register(late)
            activation = wait_for_mail(first, late)[0].token("/activate?token=")
            c.call("POST", "/api/v1/auth/forgot", {"email": active})
            reset = wait_for_mail(first, active, subject_contains="Ponastavitev")[0].token("/reset?token=")
            browser, remembered = Customer(first), Customer(first)
            self.assertEqual(browser.login(active)[0], 200)
            self.assertEqual(remembered.login(active, remember=True)[0], 200)
        finally:
            first.stop()
        # 61 minutes later: the reset link has expired; the browser session idled out? not yet (2 h).
        second = self.run_at("2026-03-10T11:01:00+01:00", data_dir, db).start()
        try:
            for cl in (browser, remembered):
                cl.server = second
            pw = "Novo-Mocno-Geslo-2026"
            self.assertEqual(Customer(second).codes("POST", "/api/v1/auth/reset",
                                                    {"token": reset, "password": pw, "password_repeat": pw}),
                             (422, ["token.expired"]))
            self.assertEqual(Customer(second).codes("POST", "/api/v1/auth/reset/check", {"token": reset}),
                             (422, ["token.expired"]))
            self.assertEqual(browser.call("GET", "/api/v1/me")[0], 200)
        finally:
            second.stop()
        # 50 hours later: the browser session idled out (2 h), the activation link (48 h) expired,
        # "remember me" holds.
        third = self.run_at("2026-03-12T12:00:00+01:00", data_dir, db).start()
        try:
            for cl in (browser, remembered):
                cl.server = third
            self.assertEqual(browser.codes("GET", "/api/v1/me"), (401, ["auth.required"]))
            self.assertEqual(remembered.call("GET", "/api/v1/me")[0], 200)
            self.assertEqual(Customer(third).codes("POST", "/api/v1/auth/activate", {"token": activation}),
                             (422, ["token.expired"]))
        finally:
            third.stop()
        # Across the DST change of 29 March, day 20: still signed in; day 31: the 30 days are over.
        for when, expected in (("2026-03-30T09:00:00+02:00", 200), ("2026-04-10T09:00:00+02:00", 401)):
            later = self.run_at(when, data_dir, db).start()
            try:
                remembered.server = later
                self.assertEqual(remembered.call("GET", "/api/v1/me")[0], expected, when)
            finally:
                later.stop()
        later.cleanup()

    def test_portal_now_is_ignored_without_dev(self):
        with PortalServer(env={"PORTAL_NOW": "2030-01-01T00:00:00Z"}) as s:
            self.assertTrue(any("PORTAL_NOW is ignored without --dev" in l for l in s.lines))


class SignedInTest(AccountsBase):
    def test_change_password_ends_the_other_sessions(self):
        a, email = self.activated_customer("change")
        b = self.customer()
        b.login(email)
        new_pw = "Spremenjeno-Geslo-99"
        status, body, _ = a.call("POST", "/api/v1/me/password",
                                 {"current_password": "napacno", "password": "1234567890",
                                  "password_repeat": "x"})
        self.assertEqual(status, 422)
        self.assertEqual({(e["code"], e.get("field")) for e in body["errors"]},
                         {("password.current_wrong", "current_password"), ("password.too_common", "password"),
                          ("password.mismatch", "password_repeat")})
        self.assertEqual(a.call("POST", "/api/v1/me/password", {"current_password": PASSWORD, "password": new_pw,
                                                                 "password_repeat": new_pw})[:2],
                         (200, {"status": "password_changed"}))
        self.assertEqual(a.call("GET", "/api/v1/me")[0], 200)
        self.assertEqual(b.codes("GET", "/api/v1/me"), (401, ["auth.required"]))
        self.assertEqual(self.customer().login(email, new_pw)[0], 200)
        wait_for_mail(self.server, email, subject_contains="spremenjeno")

    def test_profile_update(self):
        c, email = self.activated_customer("profile")
        status, body, _ = c.call("PATCH", "/api/v1/me", {"city": "Maribor", "postal_code": "2000", "post": "Maribor",
                                                         "locale": "en", "notifications": False})
        self.assertEqual(status, 200, body)
        u = body["user"]
        self.assertEqual((u["city"], u["postal_code"], u["post"], u["locale"], u["notifications"]),
                         ("Maribor", "2000", "Maribor", "en", False))
        self.assertEqual(u["name"], "Žiga Čebašek")  # untouched
        self.assertEqual(c.codes("PATCH", "/api/v1/me", {"postal_code": "0999"}), (422, ["postal_code.invalid"]))
        self.assertEqual(c.codes("PATCH", "/api/v1/me", {"email": "x@y.si"}), (400, ["request.malformed"]))
        status, body, _ = c.call("PATCH", "/api/v1/me", {"country": "AT", "postal_code": "A-1010", "post": ""})
        self.assertEqual(status, 200, body)
        self.assertEqual(c.call("GET", "/api/v1/me")[1]["user"]["country"], "AT")

    def test_email_change_is_confirmed_at_the_new_address(self):
        c, email = self.activated_customer("oldaddr")
        new = unique_email("newaddr")
        self.assertEqual(c.codes("POST", "/api/v1/me/email", {"email": new, "current_password": "napacno"}),
                         (422, ["password.current_wrong"]))
        self.assertEqual(c.codes("POST", "/api/v1/me/email", {"email": "ni-naslov", "current_password": PASSWORD}),
                         (422, ["email.invalid"]))
        self.assertEqual(c.call("POST", "/api/v1/me/email", {"email": new, "current_password": PASSWORD})[0], 202)
        confirm = wait_for_mail(self.server, new)[0]
        notice = wait_for_mail(self.server, email, subject_contains="spremembo")[0]
        self.assertIn(new, notice.text)
        self.assertEqual(c.call("GET", "/api/v1/me")[1]["user"]["email"], email)  # not yet
        token = confirm.token("/confirm-email?token=")
        self.assertEqual(self.customer().call("POST", "/api/v1/auth/confirm-email", {"token": token})[:2],
                         (200, {"status": "email_changed"}))
        self.assertEqual(c.call("GET", "/api/v1/me")[1]["user"]["email"], new)
        self.assertEqual(self.customer().login(new)[0], 200)
        self.assertEqual(self.customer().login(email)[0], 401)

    def test_phone_confirmation_by_sms_code(self):
        c, _ = self.activated_customer("phone")
        self.assertFalse(c.call("GET", "/api/v1/me")[1]["user"]["phone_confirmed"])
        before = set(outbox_files(self.server, "sms"))
        self.assertEqual(c.call("POST", "/api/v1/me/phone/verify")[:2], (202, {"status": "code_sent"}))
        deadline = time.time() + 10
        new = []
        while time.time() < deadline and not new:
            new = [p for p in outbox_files(self.server, "sms") if p not in before]
            time.sleep(0.05)
        self.assertEqual(len(new), 1)
        text = open(new[0], encoding="utf-8").read()
        self.assertIn("To: +38641123456", text)
        code = [w.rstrip(".") for w in text.split() if w.rstrip(".").isdigit() and len(w.rstrip(".")) == 6][0]
        wrong = "000000" if code != "000000" else "111111"
        self.assertEqual(c.codes("POST", "/api/v1/me/phone/confirm", {"code": wrong}), (422, ["token.invalid"]))
        status, body, _ = c.call("POST", "/api/v1/me/phone/confirm", {"code": code})
        self.assertEqual(status, 200, body)
        self.assertTrue(body["user"]["phone_confirmed"])
        status, body, headers = c.call("POST", "/api/v1/me/phone/verify")  # again within a minute
        self.assertEqual((status, body["errors"][0]["code"]), (429, "request.too_many"))
        self.assertIn("retry-after", headers)
        # A new number needs a new confirmation.
        self.assertFalse(c.call("PATCH", "/api/v1/me", {"phone": "+386 31 222 333"})[1]["user"]["phone_confirmed"])

    def test_export_and_delete(self):
        c, email = self.activated_customer("leaving")
        status, body, headers = c.call("GET", "/api/v1/me/export")
        self.assertEqual(status, 200)
        self.assertEqual(body["account"]["email"], email)
        self.assertEqual(body["account"]["street"], "Šmartinska cesta 5")
        self.assertIn("attachment", headers["content-disposition"])
        self.assertEqual(c.codes("DELETE", "/api/v1/me", {"current_password": "napacno"}),
                         (422, ["password.current_wrong"]))
        status, _, headers = c.call("DELETE", "/api/v1/me", {"current_password": PASSWORD})
        self.assertEqual(status, 204)
        self.assertIn("Max-Age=0", headers["set-cookie"])
        self.assertEqual(c.codes("GET", "/api/v1/me"), (401, ["auth.required"]))
        self.assertEqual(self.customer().login(email)[0], 401)
        wait_for_mail(self.server, email, subject_contains="izbrisan")


class SecureCookieTest(unittest.TestCase):
    def test_https_public_url_makes_cookies_secure(self):
        with PortalServer("--public-url", "https://moj.example.si") as s:
            c = Customer(s)
            email = unique_email("secure")
            c.register(email)
            mail = wait_for_mail(s, email)[0]
            self.assertTrue(mail.link("/activate?token=").startswith("https://moj.example.si/activate?token="))
            c.call("POST", "/api/v1/auth/activate", {"token": mail.token("/activate?token=")})
            status, _, headers = c.login(email)
            self.assertEqual(status, 200)
            self.assertIn("; Secure", headers["set-cookie"])
            self.assertIn("Strict-Transport-Security", "".join(f"{k.title()}" for k in headers))


class ProductionHashTest(unittest.TestCase):
    @unittest.skipUnless(backend() == "sqlite", "reads the SQLite file directly")
    def test_argon2id_production_parameters(self):
        import sqlite3
        with PortalServer(fast_hash=False) as s:
            email = unique_email("prod")
            self.assertEqual(Customer(s).register(email)[0], 202)
            wait_for_mail(s, email)
            db = sqlite3.connect(os.path.join(s.data_dir, "portal.db"))
            (h,) = db.execute("SELECT password_hash FROM accounts WHERE email = ?", (email,)).fetchone()
            db.close()
            self.assertTrue(h.startswith("$argon2id$v=19$m=65536,t=2,p=1$"), h)


if __name__ == "__main__":
    unittest.main()
