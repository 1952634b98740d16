// The rest of the manual's menu end to end: a customer with two linked contracts and invoices
// imported by portal-admin opens every menu item; reads the invoices (newest first, amounts in
// euros, an overdue one by the server's date), narrows them to one metering point and downloads
// a PDF; sends a question (the supplier's support gets it by mail) and sees it listed; reads the
// FAQ with its reading-windows table, the news archive page by page and the other content pages,
// follows a link inside the portal. Slovenian at desktop size, then English at phone size with
// touch. Screenshots of each screen go to build/e2e-artifacts/screens/menu-*.png.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ADMIN, launchBrowser } from './lib/harness.mjs';
import { item, items, maybeItem } from './lib/items.mjs';
import { tr } from './lib/i18n.mjs';
import { outbox, startPortal } from './lib/portal.mjs';
import { PASSWORD, api, choose, customer, finish, nav, open as openPage, press, seen, shot as shotAs, show, typeInto }
  from './lib/journey.mjs';

const NOW = '2026-11-30T10:00:00+01:00';
const FAST_HASHING = ['--argon2-ops', '1', '--argon2-mem-kib', '8192'];
const SUPPORT = 'podpora@example.si';

// Three invoices: E-100's October one is overdue on 30 November, E-101's newest is open.
const INVOICES = [
  'number,contract_number,period_from,period_to,issued_on,due_on,amount_eur,status,consumption_kwh',
  '2026-000091,E-100,2026-09-01,2026-09-30,2026-10-05,2026-10-20,79.10,paid,420',
  '2026-000101,E-100,2026-10-01,2026-10-31,2026-11-05,2026-11-20,84.37,open,450',
  '2026-000102,E-101,2026-10-01,2026-10-31,2026-11-25,2026-12-10,1234.56,open,400',
];

let browser;
const servers = [];
before(async () => {
  const started = await Promise.all([0, 1].map(() =>
    startPortal(NOW, { flags: [...FAST_HASHING, '--support-email', SUPPORT] })));
  servers.push(...started);
  for (const s of servers) {
    const dir = mkdtempSync(join(tmpdir(), 'portal-invoices-'));
    const file = join(dir, 'invoices.csv');
    writeFileSync(file, INVOICES.join('\n') + '\n');
    execFileSync(ADMIN, ['--db', s.db, 'import-invoices', file], { stdio: ['ignore', 'ignore', 'inherit'] });
    rmSync(dir, { recursive: true, force: true });
  }
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.stop()));
});

// A customer with E-100 (Elektro Ljubljana) and E-101 (Elektro Maribor) linked, logged in on a page.
async function signedIn(server, view, lang, email) {
  await customer(server, email, { name: 'Špela Žagar' });
  const login = await api(server, 'POST', '/auth/login', { email, password: PASSWORD, remember: false });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  for (const [mp, contract, op] of [['3-345341', 'E-100', 'ELJ'], ['2123456', 'E-101', 'EMB']])
    assert.equal((await api(server, 'POST', '/contracts',
      { metering_point: mp, contract_number: contract, energy: 'electricity', operator: op }, cookie)).status, 201);
  if (lang === 'en') await api(server, 'PATCH', '/me', { locale: 'en' }, cookie);
  const page = await openPage(browser, server, '/login', view);
  if (lang === 'en') {
    await press(page, 'shell.language');
    await seen(page, 'login.email', { label: tr('en', 'login.email') });
  }
  await typeInto(page, 'login.email', email);
  await typeInto(page, 'login.password', PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.location.pathname === '/', null, { timeout: 10000 });
  await item(page, 'page.heading.0', null, 10000);
  return page;
}

function euros(lang, cents) {
  const [whole, frac] = [Math.floor(cents / 100), String(cents % 100).padStart(2, '0')];
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'sl' ? '.' : ',');
  return lang === 'sl' ? `${grouped},${frac}\u00a0€` : `€${grouped}.${frac}`;
}

const ALL_PAGES = [['nav.faq', 'faq'], ['nav.news', 'news'], ['nav.offers', 'offers'], ['nav.benefits', 'benefits'],
  ['nav.why', 'why'], ['nav.links', 'links']];

// `pages`: the content pages opened from the menu (each is read whole in the mirror).
async function journey({ server, view, lang, email, pages = ALL_PAGES }) {
  const t = (key, params) => tr(lang, key, params);
  const shot = (page, name) => shotAs(page, `menu-${lang}`, name);
  const phone = view.width < 600;
  const page = await signedIn(server, view, lang, email);

  // [Računi] Newest first, the overdue one said so, amounts in euros; filter; PDF.
  await nav(page, 'nav.invoices');
  await seen(page, 'page.heading.0', { label: t('screen.invoices') });
  await seen(page, 'invoices.table.row.0.0', { value: '2026-000102' }, 10000);
  await seen(page, 'invoices.table.row.1.0', { value: '2026-000101' });
  await seen(page, 'invoices.table.row.1.5', { value: t('invoices.status.overdue') });
  await seen(page, 'invoices.table.row.2.5', { value: t('invoices.status.paid') });
  const amount = (await seen(page, 'invoices.table.row.1.4')).value;
  assert.equal(amount.replace(/\s/g, ' '), euros(lang, 8437).replace(/\s/g, ' '));
  await seen(page, 'invoices.overdue');
  // Each unpaid invoice's payment reference, with a button that copies it.
  const copyLabel = t('invoices.copy_reference', { reference: 'SI12 2026000101' });
  await page.waitForFunction((l) => window.portal.items.some((i) => i.role === 'button' && i.label === l), copyLabel,
    { timeout: 10000 });
  const copy = (await items(page)).find((i) => i.role === 'button' && i.label === copyLabel);
  await press(page, copy.id);
  await page.waitForFunction(() => (window.portal.copied || []).includes('SI12 2026000101'), null, { timeout: 8000 });
  await shot(page, 'invoices');
  const download = page.waitForEvent('download');
  await press(page, 'invoices.table.row.1.pdf');
  const pdf = await download;
  assert.equal(pdf.suggestedFilename(), 'racun-2026-000101.pdf');
  assert.equal(readFileSync(await pdf.path()).subarray(0, 4).toString(), '%PDF');
  await choose(page, 'invoices.filter', 1);  // E-100 only
  await seen(page, 'invoices.table.row.0.0', { value: '2026-000101' }, 10000);
  await page.waitForFunction(() => !window.portal.items.some((i) => i.id === 'invoices.table.row.2'));

  // [Imam vprašanje] The form, the mail to the supplier, the list.
  await nav(page, 'nav.question');
  await seen(page, 'page.heading.0', { label: t('screen.question') });
  // Below the fold: read it in the page's mirror.
  await page.waitForFunction((t) => document.querySelector('main').textContent.includes(t), t('question.none'),
    { timeout: 10000 });
  await choose(page, 'question.topic', 1);  // invoices
  await typeInto(page, 'question.message', 'Kratko');
  await press(page, 'question.send');
  await seen(page, 'question.message.error', { label: t('error.question.too_short', { min: 10 }) });
  const text = lang === 'sl' ? 'Zakaj je račun za oktober višji kot septembrski? Števec je bil zamenjan.'
    : 'Why is the October invoice higher than the September one? The meter was replaced.';
  await typeInto(page, 'question.message', text, { replace: true });
  await shot(page, 'question-form');
  await press(page, 'question.send');
  await seen(page, 'banner.text', { label: t('banner.question_sent') }, 10000);
  await page.waitForFunction((t) => document.querySelector('main').textContent.includes(t), text);
  const headings = await page.evaluate(() => [...document.querySelectorAll('main h3')].map((h) => h.textContent));
  assert.ok(headings.some((h) => h.startsWith(t('question.topic.invoices'))), `the question is listed: ${headings}`);
  await shot(page, 'question-sent');
  const deadline = Date.now() + 10000;
  let mail;
  while (!mail && Date.now() < deadline) {
    mail = outbox(server, '.eml').find((m) => m.includes(`To: ${SUPPORT}`) && m.includes(`Reply-To: ${email}`));
    if (!mail) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(mail, 'the supplier\'s support got the question with Reply-To the customer');

  // [Content pages] Each with its title from the server and real blocks.
  for (const [navId, slug] of pages) {
    const want = (await api(server, 'GET', `/content/${slug}?lang=${lang}`)).body;
    await nav(page, navId);
    await seen(page, 'page.heading.0', { label: want.title }, 10000);
    // The whole page, read in the mirror (what a screen reader gets; most of it is below the fold).
    const main = () => page.evaluate(() => document.querySelector('main').textContent);
    await page.waitForFunction((t) => document.querySelector('main h1')?.textContent === t, want.title);
    const paragraphs = await page.evaluate(() => document.querySelectorAll('main p, main li').length);
    assert.ok(paragraphs >= 2, `${slug} has text (${paragraphs})`);
    if (slug === 'faq') {
      // The windows table: a row per operator, from the operators' data.
      const rows = await page.evaluate(() => document.querySelectorAll('main [role=table] [role=row]').length);
      assert.ok(rows >= 8, `faq windows table rows: ${rows}`);
      assert.ok((await main()).includes('Elektro Ljubljana'), 'the table names Elektro Ljubljana');
    }
    if (slug === 'news' && want.pages > 1) {
      await press(page, 'content.news.older');
      const second = (await api(server, 'GET', `/content/news?lang=${lang}&page=2`)).body;
      const firstArticle = second.blocks.find((b) => b.type === 'heading').text;
      await page.waitForFunction((h) => [...document.querySelectorAll('main h2')].some((e) => e.textContent === h),
        firstArticle, { timeout: 10000 });
      await seen(page, 'content.news.newer', {}, 10000);
    }
    if (slug === 'links') {
      const external = await page.evaluate(() => [...document.querySelectorAll('main [role=link]')]
        .map((e) => e.getAttribute('aria-label')).filter((l) => l && l.endsWith(')')));
      assert.ok(external.some((l) => l.endsWith(`(${t('content.external')})`)), `an external link: ${external}`);
    }
    await shot(page, slug);
  }
  // A link inside the portal navigates: the FAQ's link to the questions form, if it has one.
  await nav(page, 'nav.why');
  const inside = (await items(page)).find((i) => i.role === 'link' && /^\/(question|faq|readings|contracts|submit)/.test(i.value || ''));
  if (inside) {
    await press(page, inside.id);
    await page.waitForFunction((p) => window.location.pathname.startsWith(p), inside.value.split('?')[0]);
  }

  // [Pogoji uporabe] From the URL.
  await page.goto(server.url + '/terms');
  const terms = (await api(server, 'GET', `/content/terms?lang=${lang}`)).body;
  await seen(page, 'page.heading.0', { label: terms.title }, 10000);
  assert.equal(await maybeItem(page, 'nav.placeholder'), null);
  await shot(page, 'terms');
  await finish(page);
}

test('Slovenian at desktop size: invoices with PDF, a question, every content page', async () => {
  await journey({ server: servers[0], view: { width: 1280, height: 800 }, lang: 'sl', email: 'spela.zagar@example.si' });
});

// The same menu in English on a phone; of the content pages, the two with the most to check (the
// FAQ's windows table, the links' external marks): the others are the same screen with other text.
test('English at phone size with touch: the same menu', async () => {
  await journey({ server: servers[1], view: { width: 390, height: 844, dpr: 2, touch: true }, lang: 'en',
    email: 'spela.en@example.si', pages: ALL_PAGES.filter(([, slug]) => slug === 'faq' || slug === 'links') });
});

test('the menu has no placeholder left: every item leads to its screen', async () => {
  const page = await signedIn(servers[0], { width: 1280, height: 800 }, 'sl', 'menu.items@example.si');
  for (const id of ['nav.invoices', 'nav.benefits', 'nav.offers', 'nav.why', 'nav.question', 'nav.faq', 'nav.links',
    'nav.news']) {
    await press(page, id);
    const heading = await item(page, 'page.heading.0', null, 10000);
    assert.ok(heading.label.length > 0, `${id} has a heading`);
    assert.equal(await maybeItem(page, 'placeholder'), null, `${id}: no placeholder`);
    await show(page, id);
  }
  await finish(page);
});
