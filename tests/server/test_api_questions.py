"""Imam vprašanje over real HTTP (SQLite, or PostgreSQL with PORTAL_TEST_DB=postgresql), with the
mails received by a real SMTP server (aiosmtpd on loopback): asking (exact body, every validation
code, lengths counted in characters, a metering point that is not the caller's), the supplier's
mail with Reply-To the customer and the customer's confirmation, no header made from what a
customer types, throttling, the list newest first, answering with portal-admin (the customer's
mail, the list), and questions leaving with a deleted account."""
import datetime
import json
import os
import subprocess
import tempfile
import time
import unittest

from aiosmtpd.controller import Controller

from portal import (ADMIN, PASSWORD, ROOT, SERVER, Customer, Inbox, PortalServer, Registry, free_port, new_customer,
                    unique_email, wait_for_mail)

SUPPORT = "podpora@gen-i.example"
MAIL_FROM = "Moj GEN-I <portal@gen-i.example>"
QUESTION_KEYS = {"id", "topic", "metering_point_id", "message", "status", "created_at", "answer", "answered_at"}


def instant(text):
    """An ISO 8601 time with an offset, as a datetime (fails on anything else)."""
    value = datetime.datetime.fromisoformat(text)
    assert value.tzinfo is not None, text
    return value


class QuestionsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.inbox = Inbox()
        cls.smtp = Controller(cls.inbox, hostname="127.0.0.1", port=free_port())
        cls.smtp.start()
        cls.server = PortalServer("--trusted-proxy", "127.0.0.1/32", "--smtp-url",
                                  f"smtp://127.0.0.1:{cls.smtp.port}", "--mail-from", MAIL_FROM,
                                  "--support-email", SUPPORT)
        try:
            Registry.load(cls.server)
            cls.server.start()
        except Exception:
            cls.smtp.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()
        cls.smtp.stop()

    # [SECTION] Helpers
    @property
    def public_url(self):
        return f"http://localhost:{self.server.port}"  # the server's links: --public-url's default

    @property
    def db(self):
        return self.server.db or os.path.join(self.server.data_dir, "portal.db")

    def customer(self, tag="vprasalec", contract=("3-345341", "E-100", "electricity", "ELJ"), **profile):
        """A registered, activated, logged-in customer (the activation link read from the SMTP
        inbox) with `contract` linked; .email and .mp (the metering point's id, or None)."""
        c = Customer(self.server)
        c.email = unique_email(tag)
        status, body, _ = c.register(c.email, **profile)
        self.assertEqual(status, 202, body)
        _, _, msg = self.inbox.wait_for(c.email)[0]  # the activation mail
        link = next(l for l in self.text_of(msg).splitlines()
                    if "/activate?token=" in l)
        self.assertEqual(c.call("POST", "/api/v1/auth/activate", {"token": link.split("token=", 1)[1]})[0], 200)
        self.assertEqual(c.login(c.email)[0], 200)
        c.mp = None
        if contract:
            number, contract_number, energy, operator = contract
            status, body, _ = c.call("POST", "/api/v1/contracts", {"metering_point": number, "contract_number":
                                     contract_number, "energy": energy, "operator": operator})
            self.assertEqual(status, 201, body)
            c.mp = body["contract"]["metering_point"]["id"]
        return c

    def ask(self, c, message, topic="readings", **extra):
        body = {"topic": topic, "message": message}
        body.update(extra)
        return c.call("POST", "/api/v1/questions", body)

    def asked(self, c, message, topic="readings", **extra):
        status, body, _ = self.ask(c, message, topic, **extra)
        self.assertEqual(status, 201, body)
        return body["question"]

    def questions(self, c):
        status, body, _ = c.call("GET", "/api/v1/questions")
        self.assertEqual(status, 200, body)
        return body

    def answer(self, *args, stdin=None):
        """portal-admin answer-question with the server's sender and public URL."""
        p = subprocess.run([ADMIN, "--db", self.db, "--mail-from", MAIL_FROM, "--public-url", self.public_url,
                            "answer-question"] + list(args), input=stdin, capture_output=True, text=True)
        return p.returncode, p.stdout, p.stderr

    @staticmethod
    def text_of(msg):
        return msg.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")

    # [SECTION] Asking
    def test_a_question_is_stored_and_answered_201_with_the_exact_body(self):
        c = self.customer()
        before = datetime.datetime.now(datetime.timezone.utc)
        message = "Števec kaže čudno stanje. Kaj naj storim?"
        status, body, headers = self.ask(c, message, metering_point_id=c.mp)
        self.assertEqual(status, 201, body)
        self.assertEqual(set(body), {"question"})
        q = body["question"]
        self.assertEqual(set(q), QUESTION_KEYS)
        self.assertIsInstance(q["id"], str)
        self.assertEqual(q, {"id": q["id"], "topic": "readings", "metering_point_id": c.mp, "message": message,
                             "status": "received", "created_at": q["created_at"], "answer": None,
                             "answered_at": None})
        created = instant(q["created_at"])
        self.assertLessEqual(abs((created - before).total_seconds()), 60)
        self.assertEqual(headers["cache-control"], "no-store")
        self.assertEqual(self.questions(c), [q])

    def test_without_a_metering_point_absent_null_or_empty(self):
        c = self.customer(contract=None)
        for extra in ({}, {"metering_point_id": None}, {"metering_point_id": ""}):
            q = self.asked(c, "Kako spremenim e-poštni naslov?", "portal", **extra)
            self.assertIsNone(q["metering_point_id"])

    def test_the_supplier_and_the_customer_get_their_mails_over_smtp(self):
        c = self.customer(name="Ana Novak", phone="041 555 123")
        message = "Pozdravljeni,\n\nzakaj je zadnji račun višji kot prejšnji?\nHvala."
        q = self.asked(c, message, "invoices", metering_point_id=c.mp)

        sender, rcpt, msg = self.inbox.wait_for(SUPPORT, subject_contains=f"št. {q['id']} ")[0]
        self.assertEqual(sender, "portal@gen-i.example")
        self.assertEqual(rcpt, [SUPPORT])
        self.assertEqual(msg["To"], SUPPORT)
        self.assertEqual(msg["Reply-To"], c.email)
        self.assertIn("Moj GEN-I", str(msg["From"]))
        self.assertEqual(str(msg["Subject"]), f"Vprašanje št. {q['id']} iz portala Moj GEN-I: Računi")
        self.assertEqual(msg.get_content_type(), "text/plain")  # text only: no HTML part at all
        self.assertIsNone(msg.get_body(preferencelist=("html",)))
        text = self.text_of(msg)
        self.assertIn(message, text)
        self.assertIn("Stranka: Ana Novak", text)
        self.assertIn(f"E-pošta: {c.email}", text)
        self.assertIn("Telefon: +386 41 555 123", text)
        self.assertIn("Merilno mesto: 3345341, Šmartinska cesta 5, 1000 Ljubljana", text)
        self.assertIn(f"portal-admin answer-question {q['id']}", text)

        sender, rcpt, mine = self.inbox.wait_for(c.email, subject_contains="Prejeli smo")[0]
        self.assertEqual(rcpt, [c.email])
        self.assertEqual(str(mine["Subject"]), f"Prejeli smo vaše vprašanje (št. {q['id']})")
        self.assertIsNone(mine["Reply-To"])
        self.assertEqual(mine.get_content_type(), "text/plain")
        text = self.text_of(mine)
        self.assertIn(message, text)
        self.assertIn("Tema: Računi", text)
        self.assertIn(f"{self.public_url}/question", [l.strip() for l in text.splitlines()])

    def test_the_confirmation_speaks_the_customers_language(self):
        c = self.customer(locale="en", contract=None)
        q = self.asked(c, "How do I change my e-mail address?", "portal")
        _, _, mine = self.inbox.wait_for(c.email, subject_contains="received your question")[0]
        self.assertEqual(str(mine["Subject"]), f"We have received your question (no. {q['id']})")
        self.assertIn("Topic: Using the portal", self.text_of(mine))
        support = [m for _, _, m in self.inbox.wait_for(SUPPORT, subject_contains=f"št. {q['id']} ")]
        self.assertEqual(len(support), 1)
        self.assertIn("Tema: Uporaba portala", self.text_of(support[0]))  # the supplier's staff read Slovenian
        self.assertIn("Merilno mesto: ni izbrano", self.text_of(support[0]))

    def test_nothing_a_customer_types_becomes_a_header(self):
        c = self.customer(name="Ana <bcc@evil.example>, Novak", contract=None)
        typed = "Pozdravljeni,\r\nBcc: x@evil.example\r\nSubject: prevzeto\r\n\r\nto je telo"
        q = self.asked(c, typed, "other")
        self.assertEqual(q["message"], "Pozdravljeni,\nBcc: x@evil.example\nSubject: prevzeto\n\nto je telo")
        support = self.inbox.wait_for(SUPPORT, subject_contains=f"št. {q['id']} ")
        self.inbox.wait_for(c.email, subject_contains=f"št. {q['id']})")
        _, rcpt, msg = support[0]
        self.assertEqual(rcpt, [SUPPORT])
        self.assertIsNone(msg["Bcc"])
        self.assertEqual(str(msg["Subject"]), f"Vprašanje št. {q['id']} iz portala Moj GEN-I: Drugo")
        self.assertEqual(msg["Reply-To"], c.email)
        for name, value in msg.items():
            self.assertNotIn("evil", str(value), name)
        self.assertIn("Bcc: x@evil.example", self.text_of(msg))  # in the body, as text
        self.assertIn("Stranka: Ana <bcc@evil.example>, Novak", self.text_of(msg))
        time.sleep(0.5)
        self.assertEqual(self.inbox.received("x@evil.example"), [])
        self.assertEqual(self.inbox.received("bcc@evil.example"), [])

    # [SECTION] Every refusal
    def test_lengths_are_counted_in_characters(self):
        c = self.customer(contract=None)
        status, body, _ = self.ask(c, "a" * 9)
        self.assertEqual((status, body),
                         (422, {"errors": [{"code": "question.too_short", "field": "message", "params": {"min": 10}}]}))
        self.assertEqual(self.asked(c, "a" * 10)["message"], "a" * 10)
        self.assertEqual(self.asked(c, "b" * 4000)["message"], "b" * 4000)
        status, body, _ = self.ask(c, "a" * 4001)
        self.assertEqual((status, body),
                         (422, {"errors": [{"code": "question.too_long", "field": "message", "params": {"max": 4000}}]}))
        status, body, _ = self.ask(c, "č" * 9)
        self.assertEqual((status, body["errors"][0]["code"]), (422, "question.too_short"))
        self.assertEqual(self.asked(c, "č" * 10)["message"], "č" * 10)
        status, body, _ = self.ask(c, "  " + "a" * 9 + "\n\n  ")  # trimmed before counting
        self.assertEqual((status, body["errors"][0]["code"]), (422, "question.too_short"))
        self.assertEqual(len(self.questions(c)), 3)

    def test_every_validation_code_at_once(self):
        c = self.customer(contract=None)
        status, body, _ = self.ask(c, "", topic="billing")
        self.assertEqual(status, 422)
        self.assertEqual(body["errors"], [{"code": "field.invalid", "field": "topic"},
                                          {"code": "field.required", "field": "message"}])
        status, body, _ = c.call("POST", "/api/v1/questions", {})
        self.assertEqual((status, body["errors"]), (422, [{"code": "field.required", "field": "topic"},
                                                         {"code": "field.required", "field": "message"}]))
        status, body, _ = self.ask(c, "Zvonec \u0007 zazvoni dvakrat", topic="other")
        self.assertEqual((status, body["errors"]), (422, [{"code": "field.invalid_characters", "field": "message"}]))
        status, body, _ = self.ask(c, "Prva vrstica\rdruga vrstica", topic="other")
        self.assertEqual((status, body["errors"]), (422, [{"code": "field.invalid_characters", "field": "message"}]))
        self.assertEqual(self.questions(c), [])

    def test_malformed_requests_are_400_naming_the_member(self):
        c = self.customer(contract=None)
        cases = [
            (b'{"topic":"other","message":', None),
            (b'["other"]', None),
            (b'{"topic":"other","message":"Dovolj dolgo sporo\xc4\x8dilo","metering_point_id":5}', "metering_point_id"),
            (b'{"topic":["other"],"message":"Dovolj dolgo sporocilo"}', "topic"),
            (b'{"topic":"other","message":"Dovolj dolgo sporocilo","cc":"x@evil.example"}', "cc"),
        ]
        for raw, field in cases:
            status, body, _ = c.call("POST", "/api/v1/questions", raw=raw, headers={"Content-Type": "application/json"})
            expected = {"code": "request.malformed", **({"field": field} if field else {})}
            self.assertEqual((status, body), (400, {"errors": [expected]}), raw)
        status, body, _ = c.call("POST", "/api/v1/questions", raw=b"topic=other&message=hello+world",
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual((status, body["errors"][0]["code"]), (415, "request.unsupported_media_type"))
        self.assertEqual(self.questions(c), [])

    def test_without_a_session_401(self):
        anonymous = Customer(self.server)
        status, body, _ = anonymous.call("GET", "/api/v1/questions")
        self.assertEqual((status, body), (401, {"errors": [{"code": "auth.required"}]}))
        status, body, _ = self.ask(anonymous, "Ali me kdo sliši brez prijave?")
        self.assertEqual((status, body), (401, {"errors": [{"code": "auth.required"}]}))

    def test_a_metering_point_that_is_not_the_callers_is_404(self):
        owner = self.customer(contract=("2123456", "E-101", "electricity", "EMB"))
        other = self.customer(contract=("DOPL-123456789012", "P-200", "gas", "DOPL"))
        mails_before = len(self.inbox.received(SUPPORT))
        for mp in (owner.mp, "999999", "abc", "-1", "1 OR 1=1"):
            status, body, _ = self.ask(other, "Zakaj ne vidim tega merilnega mesta?", metering_point_id=mp)
            self.assertEqual((status, body), (404, {"errors": [{"code": "not_found", "field": "metering_point_id"}]}),
                             mp)
        self.assertEqual(self.questions(other), [])
        self.asked(other, "Zakaj ne vidim tega merilnega mesta?", metering_point_id=other.mp)
        self.inbox.wait_for(SUPPORT, count=mails_before + 1)
        time.sleep(0.3)
        self.assertEqual(len(self.inbox.received(SUPPORT)), mails_before + 1)  # the refused ones mailed nobody

    def test_throttled_after_five_an_hour_with_retry_after(self):
        c = self.customer(contract=None)
        for i in range(5):
            self.asked(c, f"Vprašanje številka {i + 1}, prosim za odgovor.", "other")
        status, body, headers = self.ask(c, "Šesto vprašanje v isti uri.", "other")
        self.assertEqual(status, 429, body)
        self.assertEqual([e["code"] for e in body["errors"]], ["request.too_many"])
        retry_after = int(headers["retry-after"])
        self.assertTrue(3500 <= retry_after <= 3600, retry_after)
        self.assertEqual(body["errors"][0]["params"]["retry_after_seconds"], retry_after)
        status, body, _ = self.ask(c, "kratko", "other")  # validation still answers first
        self.assertEqual((status, body["errors"][0]["code"]), (422, "question.too_short"))
        self.assertEqual(len(self.questions(c)), 5)
        self.asked(self.customer(contract=None), "Drug uporabnik lahko še vpraša.", "other")  # per account

    # [SECTION] The list and the answer
    def test_the_list_is_the_callers_newest_first(self):
        c = self.customer()
        first = self.asked(c, "Prvo vprašanje o odčitkih.", "readings", metering_point_id=c.mp)
        second = self.asked(c, "Drugo vprašanje o računih.", "invoices")
        third = self.asked(c, "Tretje vprašanje o pogodbi.", "contract", metering_point_id=c.mp)
        other = self.customer()
        self.asked(other, "Vprašanje nekoga drugega.", "other")
        listed = self.questions(c)
        self.assertEqual(listed, [third, second, first])
        self.assertEqual([q["message"] for q in self.questions(other)], ["Vprašanje nekoga drugega."])
        status, body, _ = c.call("GET", "/api/v1/me/export")
        self.assertEqual(status, 200)
        self.assertEqual(body["questions"], [third, second, first])

    def test_portal_admin_answers_and_the_customer_is_told(self):
        c = self.customer()
        q = self.asked(c, "Kdaj bo zamenjan moj števec?", "readings", metering_point_id=c.mp)
        reply = "Pozdravljeni,\n\nštevec bo zamenjan v ponedeljek.\n\nLep pozdrav"
        rc, out, err = self.answer(q["id"], reply)
        self.assertEqual(rc, 0, err)
        self.assertIn(f"question {q['id']} answered", out)

        [listed] = self.questions(c)
        self.assertEqual(listed["status"], "answered")
        self.assertEqual(listed["answer"], reply)
        answered_at = instant(listed["answered_at"])
        self.assertGreaterEqual(answered_at, instant(listed["created_at"]))
        self.assertEqual({k: v for k, v in listed.items() if k not in ("status", "answer", "answered_at")},
                         {k: v for k, v in q.items() if k not in ("status", "answer", "answered_at")})

        _, rcpt, mail = self.inbox.wait_for(c.email, subject_contains="Odgovor")[0]
        self.assertEqual(rcpt, [c.email])
        self.assertEqual(str(mail["Subject"]), f"Odgovor na vaše vprašanje (št. {q['id']})")
        self.assertIn("Moj GEN-I", str(mail["From"]))
        self.assertEqual(mail.get_content_type(), "text/plain")
        text = self.text_of(mail)
        self.assertIn("števec bo zamenjan v ponedeljek.", text)
        self.assertIn("Kdaj bo zamenjan moj števec?", text)
        self.assertIn(f"{self.public_url}/question", [l.strip() for l in text.splitlines()])

        rc, out, err = self.answer(q["id"], "Drug odgovor.")
        self.assertEqual(rc, 1)
        self.assertIn("question.already_answered", err)
        self.assertEqual(self.questions(c)[0]["answer"], reply)
        time.sleep(0.5)
        self.assertEqual(len(self.inbox.received(c.email, subject_contains="Odgovor")), 1)

    def test_portal_admin_refuses_unknown_ids_and_empty_answers(self):
        c = self.customer(contract=None)
        q = self.asked(c, "Ali je odgovor lahko prazen?", "other")
        for args, code in [(["999999", "Odgovor."], "not_found"), (["abc", "Odgovor."], "not_found"),
                           ([q["id"], ""], "field.required"), ([q["id"], "  \n "], "field.required"),
                           ([q["id"], "Zvonec \u0007"], "field.invalid_characters"),
                           ([q["id"], "ž" * 10001], "field.too_long")]:
            rc, out, err = self.answer(*args)
            self.assertEqual(rc, 1, args)
            self.assertTrue(err.startswith(f"answer-question:0: {code} "), err)
        p = subprocess.run([ADMIN, "--db", self.db, "answer-question", q["id"]], capture_output=True, text=True)
        self.assertEqual(p.returncode, 2)  # no TEXT: usage
        self.assertEqual(self.questions(c)[0]["status"], "received")

    def test_an_answer_from_stdin_and_one_that_starts_with_dashes(self):
        c = self.customer(contract=None)
        q1 = self.asked(c, "Prvo vprašanje za daljši odgovor.", "other")
        q2 = self.asked(c, "Drugo vprašanje za čuden odgovor.", "other")
        rc, _, err = self.answer(q1["id"], "-", stdin="Prva vrstica\r\nDruga vrstica\r\n")
        self.assertEqual(rc, 0, err)
        p = subprocess.run([ADMIN, "--db", self.db, "--mail-from", MAIL_FROM, "--", "answer-question", q2["id"],
                            "--db je ime možnosti"], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        answers = {q["id"]: q["answer"] for q in self.questions(c)}
        self.assertEqual(answers, {q1["id"]: "Prva vrstica\nDruga vrstica", q2["id"]: "--db je ime možnosti"})

    def test_a_deleted_account_takes_its_questions(self):
        c = self.customer()
        q = self.asked(c, "Vprašanje pred izbrisom računa.", "portal", metering_point_id=c.mp)
        status, body, _ = c.call("DELETE", "/api/v1/me", {"current_password": PASSWORD})
        self.assertEqual(status, 204, body)
        rc, _, err = self.answer(q["id"], "Odgovor prepozno.")
        self.assertEqual(rc, 1)
        self.assertIn("not_found", err)


class SupportAddressTest(unittest.TestCase):
    """Where questions go without --support-email (the branding's address), the limit from a
    --rate-limits file, and a bad --support-email refused at start."""

    def test_the_brandings_address_and_a_limit_from_the_rate_limits_file(self):
        with open(os.path.join(ROOT, "assets", "branding.json"), encoding="utf-8") as f:
            support = json.load(f)["support_email"]
        limits = os.path.join(self.enterContext(tempfile.TemporaryDirectory()), "limits.json")
        with open(limits, "w", encoding="utf-8") as f:
            json.dump({"questions_per_account": {"count": 1, "window_s": 60}}, f)
        with PortalServer("--trusted-proxy", "127.0.0.1/32", "--rate-limits", limits) as s:
            c = new_customer(s)
            status, body, _ = c.call("POST", "/api/v1/questions", {"topic": "other", "message": "Kam gre to vprašanje?"})
            self.assertEqual(status, 201, body)
            [mail] = wait_for_mail(s, support)
            self.assertEqual(mail.msg["Reply-To"], c.email)
            self.assertIn("Kam gre to vprašanje?", mail.text)
            status, body, headers = c.call("POST", "/api/v1/questions", {"topic": "other", "message": "Še eno vprašanje."})
            self.assertEqual((status, body["errors"][0]["code"]), (429, "request.too_many"))
            self.assertTrue(1 <= int(headers["retry-after"]) <= 60, headers["retry-after"])

    def test_a_support_email_that_is_not_an_address_stops_the_server(self):
        p = subprocess.run([SERVER, "--port", "0", "--support-email", "podpora(at)gen-i.si"], capture_output=True,
                           text=True, timeout=30)
        self.assertEqual(p.returncode, 2)
        self.assertIn("bad value for --support-email", p.stderr)


if __name__ == "__main__":
    unittest.main()
