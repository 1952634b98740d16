"""Content pages over real HTTP (SQLite, or PostgreSQL with PORTAL_TEST_DB=postgresql; the pages
touch no database, but the server runs on both): every slug in both languages from the real texts
in assets/content, the FAQ's reading-windows table built from assets/operators.json, the news
archive's paging, the query's codes, raw HTML and unsafe links never passed on, exact blocks for a
fixture, and a file edited (or added, or removed) while the server runs showing on the next
request. Fixtures live in a temporary copy of assets/ passed with --assets."""
import datetime
import json
import os
import re
import shutil
import tempfile
import unittest

from portal import ROOT, PortalServer

ASSETS = os.path.join(ROOT, "assets")
SLUGS = ["faq", "news", "offers", "benefits", "links", "why", "terms"]
NBSP = "\u00a0"
MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
ALLOWED_HREF = re.compile(r"^(https?://\S+|mailto:\S+|tel:\S+|/(?![/\\])\S*)$", re.IGNORECASE)
WINDOWS_QUESTION = {"sl": "Kdaj lahko sporočim števčno stanje?", "en": "When can I submit a meter reading?"}


def operators():
    with open(os.path.join(ASSETS, "operators.json"), encoding="utf-8") as f:
        return json.load(f)["operators"]


def spans_of(block):
    """Every span list of a block (paragraph spans, list items, table cells)."""
    if block["type"] == "paragraph":
        return [block["spans"]]
    if block["type"] == "list":
        return list(block["items"])
    if block["type"] == "table":
        return list(block["header"]) + [cell for row in block["rows"] for cell in row]
    return []


def all_spans(page):
    return [s for b in page["blocks"] for spans in spans_of(b) for s in spans]


def all_text(page):
    parts = [page["title"]]
    for b in page["blocks"]:
        if b["type"] == "heading":
            parts.append(b["text"])
        parts += ["".join(s["text"] for s in spans) for spans in spans_of(b)]
    return "\n".join(parts)


def cell_text(cell):
    return "".join(s["text"] for s in cell)


def news_heading(date, title, lang):
    d = datetime.date.fromisoformat(date)
    when = (f"{d.day}.{NBSP}{d.month}.{NBSP}{d.year}" if lang == "sl"
            else f"{d.day}{NBSP}{MONTHS_EN[d.month - 1]}{NBSP}{d.year}")
    return f"{when} — {title}" if title else when


def news_files(assets, lang):
    folder = os.path.join(assets, "content", lang, "news")
    names = [n for n in os.listdir(folder) if re.fullmatch(r"\d{4}-\d{2}-\d{2}-[a-z0-9_-]+\.md", n)]
    return sorted(names, key=lambda n: (-datetime.date.fromisoformat(n[:10]).toordinal(), n))


def first_heading(path):
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            if line.startswith("# "):
                return line[2:].strip()
            if line.strip():
                return ""
    return ""


class ContentCase(unittest.TestCase):
    server = None

    def page(self, slug, query="", headers=None, expect=200):
        status, hdrs, body = self.server.json("GET", f"/api/v1/content/{slug}{query}", headers=headers)
        self.assertEqual(status, expect, body)
        return body, hdrs

    def error(self, path, status, code, field=None):
        got, _, body = self.server.json("GET", path)
        self.assertEqual(got, status, body)
        self.assertEqual(len(body["errors"]), 1, body)
        self.assertEqual(body["errors"][0]["code"], code)
        self.assertEqual(body["errors"][0].get("field"), field)
        return body["errors"][0]


class RealTexts(ContentCase):
    """The texts the supplier ships in assets/content, served without a session."""

    @classmethod
    def setUpClass(cls):
        cls.server = PortalServer().start()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def test_every_slug_in_both_languages(self):
        for lang in ("sl", "en"):
            for slug in SLUGS:
                with self.subTest(slug=slug, lang=lang):
                    page, hdrs = self.page(slug, f"?lang={lang}")
                    self.assertEqual(page["slug"], slug)
                    self.assertEqual(page["lang"], lang)
                    self.assertTrue(page["title"].strip())
                    self.assertTrue(page["blocks"], "no blocks")
                    self.assertRegex(page["updated_on"], r"^\d{4}-\d{2}-\d{2}$")
                    self.assertEqual(hdrs["content-language"], lang)
                    self.assertEqual(hdrs["cache-control"], "no-cache")
                    self.assertNotIn("set-cookie", hdrs)
                    if slug != "news":
                        path = os.path.join(ASSETS, "content", lang, f"{slug}.md")
                        self.assertTrue(os.path.isfile(path), path)
                        self.assertEqual(page["title"], first_heading(path) or page["title"])
                        self.assertNotIn("page", page)
                    for b in page["blocks"]:
                        self.assertIn(b["type"], ("heading", "paragraph", "list", "table"))
                        if b["type"] == "heading":
                            self.assertIn(b["level"], range(1, 7))
                            self.assertTrue(b["text"].strip())
                    for s in all_spans(page):
                        self.assertIsInstance(s["text"], str)
                        if "href" in s:
                            self.assertRegex(s["href"], ALLOWED_HREF)
                    text = all_text(page)
                    self.assertNotIn("{{reading_windows}}", text)
                    self.assertNotRegex(text, r"<\s*/?\s*(script|div|span|a|p|br|b|i)\b", "raw HTML passed on")
        # Without ?lang the pages are Slovenian.
        page, _ = self.page("faq")
        self.assertEqual(page["lang"], "sl")

    def test_titles_differ_between_languages(self):
        for slug in SLUGS:
            with self.subTest(slug=slug):
                sl, _ = self.page(slug, "?lang=sl")
                en, _ = self.page(slug, "?lang=en")
                self.assertNotEqual(sl["title"], en["title"])

    def test_faq_windows_table_has_every_operator(self):
        ops = operators()
        for lang in ("sl", "en"):
            with self.subTest(lang=lang):
                page, _ = self.page("faq", f"?lang={lang}")
                blocks = page["blocks"]
                questions = [i for i, b in enumerate(blocks)
                             if b["type"] == "heading" and b["text"] == WINDOWS_QUESTION[lang]]
                self.assertEqual(len(questions), 1, [b.get("text") for b in blocks if b["type"] == "heading"])
                # The answer: the blocks up to the next heading, with the generated table among them.
                answer = []
                for b in blocks[questions[0] + 1:]:
                    if b["type"] == "heading":
                        break
                    answer.append(b)
                tables = [b for b in answer if b["type"] == "table"]
                self.assertEqual(len(tables), 1, answer)
                table = tables[0]
                self.assertEqual([cell_text(c) for c in table["header"]],
                                 ["Operater", "Energija", "Kdaj lahko sporočite stanje"] if lang == "sl"
                                 else ["Operator", "Energy", "When you can submit a reading"])
                self.assertEqual([cell_text(r[0]) for r in table["rows"]], [op["name"] for op in ops])
                energy = {"electricity": "elektrika", "gas": "zemeljski plin"} if lang == "sl" else \
                    {"electricity": "electricity", "gas": "natural gas"}
                self.assertEqual([cell_text(r[1]) for r in table["rows"]], [energy[op["energy"]] for op in ops])
                words = {cell_text(r[0]): cell_text(r[2]) for r in table["rows"]}
                if lang == "sl":
                    self.assertEqual(words["Elektro Ljubljana"], "od zadnjega dne v mesecu do 3. dne naslednjega meseca")
                    self.assertEqual(words["Adriaplin"], "zadnje 4 dni v mesecu")
                    self.assertEqual(words["Enos/Plinstal"], "od 1. do 2. dne v mesecu")
                    self.assertEqual(words["Mestni plinovodi"], "operater sam odčita števec")
                    self.assertEqual(words["Domplan"], "od 27. do 30. dne v mesecu (februarja od 24. do 27. dne; "
                                                       "aprila, junija, septembra in novembra od 26. do 29. dne)")
                else:
                    self.assertEqual(words["Elektro Maribor"], "from the last day of the month to day 3 of the next month")
                    self.assertEqual(words["Energetika Ljubljana"], "on the last 3 days of the month")
                    self.assertEqual(words["Energetika Celje"], "the operator reads the meter itself")

    def test_news_archive_newest_first(self):
        for lang in ("sl", "en"):
            with self.subTest(lang=lang):
                files = news_files(ASSETS, lang)
                self.assertTrue(files, "no news articles")
                page, _ = self.page("news", f"?lang={lang}")
                self.assertEqual(page["page"], 1)
                self.assertEqual(page["pages"], max(1, (len(files) + 9) // 10))
                self.assertEqual(page["updated_on"], files[0][:10])
                headings = [b["text"] for b in page["blocks"] if b["type"] == "heading" and b["level"] == 2]
                folder = os.path.join(ASSETS, "content", lang, "news")
                expected = [news_heading(n[:10], first_heading(os.path.join(folder, n)), lang) for n in files[:10]]
                self.assertEqual(headings[:len(expected)], expected)
                self.assertNotIn(1, [b.get("level") for b in page["blocks"] if b["type"] == "heading"])
                self.error(f"/api/v1/content/news?lang={lang}&page={page['pages'] + 1}", 404, "not_found", "page")

    def test_revalidation_with_etag(self):
        page, hdrs = self.page("terms", "?lang=en")
        etag = hdrs["etag"]
        self.assertRegex(etag, r'^W/"[0-9a-f]{16}"$')
        status, hdrs2, body = self.server.get("/api/v1/content/terms?lang=en", headers={"If-None-Match": etag})
        self.assertEqual(status, 304)
        self.assertEqual(body, b"")
        self.assertEqual(hdrs2["etag"], etag)
        status, _, _ = self.server.get("/api/v1/content/terms?lang=en", headers={"If-None-Match": '"x", ' + etag[2:]})
        self.assertEqual(status, 304)
        status, _, _ = self.server.get("/api/v1/content/terms?lang=sl", headers={"If-None-Match": etag})
        self.assertEqual(status, 200)

    def test_codes_of_the_query(self):
        for slug in ("nope", "FAQ", "faq.md", "..", "%2e%2e", "news%2F..%2F..%2Foperators", "faq%00"):
            with self.subTest(slug=slug):
                self.error(f"/api/v1/content/{slug}", 404, "not_found")
        self.error("/api/v1/content/", 404, "not_found")
        self.error("/api/v1/content/faq/x", 404, "not_found")
        for lang in ("", "de", "SL", "en-GB", "sl%20"):
            with self.subTest(lang=lang):
                self.error(f"/api/v1/content/faq?lang={lang}", 400, "request.malformed", "lang")
        self.error("/api/v1/content/nope?lang=de", 400, "request.malformed", "lang")  # the query first
        for page in ("", "0", "-1", "01", "1.5", "x", "1e1", "1000000"):
            with self.subTest(page=page):
                self.error(f"/api/v1/content/news?page={page}", 400, "request.malformed", "page")
        self.error("/api/v1/content/faq?page=1", 400, "request.malformed", "page")  # only news is paged
        e = self.error("/api/v1/content/news?page=999", 404, "not_found", "page")
        self.assertIn("pages", e["params"])
        status, _, _ = self.server.json("POST", "/api/v1/content/faq", {})
        self.assertEqual(status, 404)


class EditedFiles(ContentCase):
    """A temporary copy of assets/ (--assets) whose files the tests write while the server runs."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="portal-content-")
        cls.assets = os.path.join(cls.tmp, "assets")
        shutil.copytree(ASSETS, cls.assets)
        cls.server = PortalServer("--assets", cls.assets).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def write(self, lang, name, text):
        path = os.path.join(self.assets, "content", lang, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def test_raw_html_and_unsafe_links_are_not_passed_on(self):
        self.write("sl", "offers.md", """# Ponudbe

<script>alert("block")</script>

<div class="x">
**skrito**
</div>

<!-- opomba za urednika -->

Besedilo <b>krepko</b> in <img src=x onerror=alert(1)> naprej.

[klik](javascript:alert(1)) [JS](JaVaScRiPt:alert(1)) [podatki](data:text/html;base64,PGI+)
[drugam](//evil.example/x) [tudi](/\\evil.example) [relativno](faq) [vbs](vbscript:x)
[dobro](https://www.gen-i.si/) [prijava](/login) [pošta](mailto:info@gen-i.si) [klic](tel:+3868001558)

![slika <b>x</b>](javascript:alert(2))
""")
        page, _ = self.page("offers")
        self.assertEqual(page["title"], "Ponudbe")
        text = all_text(page)
        for needle in ("<", ">", "script", "alert(\"block\")", "skrito", "opomba", "onerror"):
            self.assertNotIn(needle, text)
        self.assertIn("Besedilo krepko in  naprej.", text)
        links = {s["text"]: s.get("href") for s in all_spans(page)}
        for unsafe in ("klik", "JS", "podatki", "drugam", "tudi", "relativno", "vbs"):
            self.assertIn(unsafe, text)
        self.assertEqual([(s["text"], s["href"]) for s in all_spans(page) if "href" in s],
                         [("dobro", "https://www.gen-i.si/"), ("prijava", "/login"),
                          ("pošta", "mailto:info@gen-i.si"), ("klic", "tel:+3868001558")])
        self.assertIn("slika x", text)  # an image is its alt text
        self.assertIsNone(links.get("klik"))

    def test_blocks_of_a_fixture(self):
        self.write("en", "benefits.md", """\ufeff# Benefits &amp; more

Intro with **strong**, *em*, ***both***, `code`, a [link](https://example.com/a?b=1&amp;c=2)
on two lines and a hard  
break &euro; &#269; &bogus;.

## Second *level*

1. one
2. two
   - nested a
   - nested b
3. three

- loose item

  second paragraph

| Product | Price |
|:--|--:|
| **Basic** | 10 € |
| [Plus](/offers) | |

> quoted

```
code block
  kept
```

---

www.gen-i.si and info@gen-i.si
""")
        page, _ = self.page("benefits", "?lang=en")
        self.assertEqual(page["title"], "Benefits & more")
        self.assertEqual(page["blocks"], [
            {"type": "paragraph", "spans": [
                {"text": "Intro with "}, {"text": "strong", "strong": True}, {"text": ", "},
                {"text": "em", "em": True}, {"text": ", "}, {"text": "both", "strong": True, "em": True},
                {"text": ", code, a "}, {"text": "link", "href": "https://example.com/a?b=1&c=2"},
                {"text": " on two lines and a hard\nbreak € č &bogus;."}]},
            {"type": "heading", "level": 2, "text": "Second level"},
            {"type": "list", "ordered": True, "items": [
                [{"text": "one"}], [{"text": "two"}], [{"text": "nested a"}], [{"text": "nested b"}],
                [{"text": "three"}]]},
            {"type": "list", "ordered": False, "items": [[{"text": "loose item\nsecond paragraph"}]]},
            {"type": "table", "header": [[{"text": "Product"}], [{"text": "Price"}]],
             "rows": [[[{"text": "Basic", "strong": True}], [{"text": "10 €"}]],
                      [[{"text": "Plus", "href": "/offers"}], []]]},
            {"type": "paragraph", "spans": [{"text": "quoted"}]},
            {"type": "paragraph", "spans": [{"text": "code block\n  kept"}]},
            {"type": "paragraph", "spans": [
                {"text": "www.gen-i.si", "href": "http://www.gen-i.si"}, {"text": " and "},
                {"text": "info@gen-i.si", "href": "mailto:info@gen-i.si"}]},
        ])

    def test_an_edited_file_shows_on_the_next_request(self):
        path = self.write("sl", "why.md", "# Prvi naslov\n\nPrvo besedilo.\n")
        page, hdrs = self.page("why")
        self.assertEqual(page["title"], "Prvi naslov")
        etag = hdrs["etag"]
        # Same length and (at most) the same second: a cache keyed on size and mtime would miss it.
        with open(path, "w", encoding="utf-8") as f:
            f.write("# Drug naslov\n\nDrugo besedilo.\n")
        page, hdrs = self.page("why", headers={"If-None-Match": etag})
        self.assertEqual(page["title"], "Drug naslov")
        self.assertEqual(page["blocks"], [{"type": "paragraph", "spans": [{"text": "Drugo besedilo."}]}])
        self.assertNotEqual(hdrs["etag"], etag)
        # updated_on is the file's modification date in Slovenia: 22:30 UTC on 29 March is 00:30 CEST.
        stamp = datetime.datetime(2026, 3, 29, 22, 30, tzinfo=datetime.timezone.utc).timestamp()
        os.utime(path, (stamp, stamp))
        page, _ = self.page("why")
        self.assertEqual(page["updated_on"], "2026-03-30")
        # No title line: the page's own name.
        self.write("sl", "why.md", "Samo besedilo.\n")
        page, _ = self.page("why")
        self.assertEqual(page["title"], "Zakaj Moj GEN-I?")
        # A page whose file is gone is not found; back when it is back.
        os.remove(path)
        self.error("/api/v1/content/why", 404, "not_found")
        self.write("sl", "why.md", "# Spet tu\n")
        page, _ = self.page("why")
        self.assertEqual((page["title"], page["blocks"]), ("Spet tu", []))

    def test_faq_placeholder_is_filled_from_the_operators(self):
        self.write("en", "faq.md", "# FAQ\n\n## When can I submit a meter reading?\n\n{{reading_windows}}\n\n"
                                   "Not {{reading_windows}} here.\n")
        page, _ = self.page("faq", "?lang=en")
        self.assertEqual([b["type"] for b in page["blocks"]], ["heading", "table", "paragraph"])
        self.assertEqual(len(page["blocks"][1]["rows"]), len(operators()))
        self.assertEqual(page["blocks"][2]["spans"], [{"text": "Not {{reading_windows}} here."}])

    def test_news_paging_and_articles_added_while_running(self):
        folder = os.path.join(self.assets, "content", "sl", "news")
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        self.write("sl", "news.md", "# Novice\n\nUvod v arhiv.\n")
        start = datetime.date(2026, 1, 5)
        for i in range(23):
            day = (start + datetime.timedelta(days=7 * i)).isoformat()
            self.write("sl", f"news/{day}-clanek-{i:02d}.md", f"# Članek {i}\n\n## Podnaslov\n\nBesedilo {i}.\n")
        self.write("sl", "news/2026-03-02-a-drugi.md", "# Istega dne\n")  # same day as clanek-08: by name
        self.write("sl", "news/README.md", "# not an article\n")
        self.write("sl", "news/2026-13-01-bad.md", "# not a date\n")
        os.makedirs(os.path.join(folder, "2026-02-02-folder.md"))

        def level2(page):
            return [b["text"] for b in page["blocks"] if b["type"] == "heading" and b["level"] == 2]

        p1, _ = self.page("news")
        self.assertEqual((p1["title"], p1["page"], p1["pages"]), ("Novice", 1, 3))
        self.assertEqual(p1["updated_on"], (start + datetime.timedelta(days=7 * 22)).isoformat())
        self.assertEqual(p1["blocks"][0], {"type": "paragraph", "spans": [{"text": "Uvod v arhiv."}]})
        dates = [(start + datetime.timedelta(days=7 * i)).isoformat() for i in range(22, -1, -1)]
        self.assertEqual(level2(p1), [news_heading(dates[k], f"Članek {22 - k}", "sl") for k in range(10)])
        self.assertEqual(p1["blocks"][1:5], [
            {"type": "heading", "level": 2, "text": news_heading(dates[0], "Članek 22", "sl")},
            {"type": "heading", "level": 3, "text": "Podnaslov"},
            {"type": "paragraph", "spans": [{"text": "Besedilo 22."}]},
            {"type": "heading", "level": 2, "text": news_heading(dates[1], "Članek 21", "sl")}])

        p2, _ = self.page("news", "?page=2")
        self.assertEqual((p2["page"], p2["pages"]), (2, 3))
        self.assertEqual(p2["blocks"][0]["type"], "heading")  # the introduction is on page 1 only
        expected = [news_heading(dates[k], f"Članek {22 - k}", "sl") for k in range(10, 14)]
        expected += [news_heading("2026-03-02", "Istega dne", "sl")]
        expected += [news_heading(dates[k], f"Članek {22 - k}", "sl") for k in range(14, 19)]
        self.assertEqual(level2(p2), expected)

        p3, _ = self.page("news", "?page=3")
        self.assertEqual(level2(p3), [news_heading(dates[k], f"Članek {22 - k}", "sl") for k in range(19, 23)])
        self.error("/api/v1/content/news?page=4", 404, "not_found", "page")

        # A new article appears at the top on the next request; a removed one is gone.
        self.write("sl", "news/2027-01-01-novo.md", "# Novo leto\n")
        os.remove(os.path.join(folder, f"{dates[1]}-clanek-21.md"))
        p1, _ = self.page("news")
        self.assertEqual(level2(p1)[:3], [news_heading("2027-01-01", "Novo leto", "sl"),
                                          news_heading(dates[0], "Članek 22", "sl"),
                                          news_heading(dates[2], "Članek 20", "sl")])
        self.assertEqual(p1["updated_on"], "2027-01-01")

        # English has its own archive and date style; an empty one is one empty page.
        shutil.rmtree(os.path.join(self.assets, "content", "en", "news"), ignore_errors=True)
        en, _ = self.page("news", "?lang=en")
        self.assertEqual((en["page"], en["pages"], en["updated_on"]), (1, 1, None))
        self.error("/api/v1/content/news?lang=en&page=2", 404, "not_found", "page")
        self.write("en", "news/2026-11-20-prices.md", "# New prices\n")
        en, _ = self.page("news", "?lang=en")
        self.assertEqual(level2(en), [f"20{NBSP}Nov{NBSP}2026 — New prices"])


if __name__ == "__main__":
    unittest.main()
