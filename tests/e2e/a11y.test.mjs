// The whole page for screen readers: the mirror DOM the bridge builds from every item the canvas
// drew. axe-core checks every screen (signed out and in, Slovenian and English, desktop and phone
// size) for serious or critical violations; then a customer uses the mirror alone, as a screen
// reader does (getByRole, fill, Enter, a DOM click event without a mouse position): logs in, hears
// where focus went, reads the overview's headings and window status, submits a two-tariff
// reading, hears the result in the live region, and finds the values in the table's rows and
// cells. A refused submit moves focus to the first field in error, described by its message.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, launchBrowser, waitReady } from './lib/harness.mjs';
import { tr } from './lib/i18n.mjs';
import { startPortal } from './lib/portal.mjs';
import { PASSWORD, api, customer, framesFitSchema } from './lib/journey.mjs';
import { recordFrames } from './lib/frame_schema.mjs';

const NOW = '2026-11-30T10:00:00+01:00';
const FAST_HASHING = ['--argon2-ops', '1', '--argon2-mem-kib', '8192'];
const AXE = readFileSync(join(ROOT, 'tests', 'e2e', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

let browser;
let server;
let cookie;
let mp;  // the linked Elektro Ljubljana metering point's id
before(async () => {
  server = await startPortal(NOW, { flags: FAST_HASHING });
  browser = await launchBrowser();
  await customer(server, 'mirror@example.si', { name: 'Nina Kovač' });
  const login = await api(server, 'POST', '/auth/login', { email: 'mirror@example.si', password: PASSWORD });
  cookie = login.headers.get('set-cookie').split(';')[0];
  const linked = await api(server, 'POST', '/contracts',
    { metering_point: '3-345341', contract_number: 'E-100', energy: 'electricity', operator: 'ELJ' }, cookie);
  assert.equal(linked.status, 201);
  mp = linked.body.contract ? linked.body.contract.metering_point.id : linked.body.metering_point.id;
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function page({ width = 1280, height = 800, touch = false, signedIn = false, lang = 'sl' } = {}) {
  // bypassCSP: axe is injected as an inline script, which the portal's CSP rightly refuses.
  const context = await browser.newContext({ viewport: { width, height }, hasTouch: touch, isMobile: touch,
    bypassCSP: true });
  if (signedIn) {
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name, value, url: server.url }]);
  }
  await context.addInitScript((l) => localStorage.setItem('portal.locale', l), lang);
  await recordFrames(context);
  const p = await context.newPage();
  p.checksFrames = true;
  p.problems = [];
  p.on('pageerror', (e) => p.problems.push(e.message));
  p.on('console', (m) => { if (m.text().startsWith('frame schema: ')) p.problems.push(m.text()); });
  return p;
}

// Waits until the mirror shows the screen's h1 (the frame after the data arrived).
async function screen(p, path, heading) {
  await p.goto(server.url + path);
  await waitReady(p);
  await p.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 15000 });
  await p.waitForTimeout(150);  // the next frames settle (spinners gone)
  await framesFitSchema(p);
}

async function axe(p, what) {
  await p.addScriptTag({ content: AXE });
  const result = await p.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), [],
    `${what}: serious or critical accessibility violations`);
}

const PUBLIC = [['/login', 'screen.login'], ['/register', 'screen.register'], ['/forgot', 'screen.forgot'],
  ['/help', 'screen.help']];
const PRIVATE = [['/', null], ['/contracts', 'screen.contracts'], ['/contracts/link', 'screen.link_contract'],
  ['/settings', 'screen.settings'], ['/invoices', 'screen.invoices'], ['/question', 'screen.question']];
const CONTENT = ['/faq', '/news', '/offers', '/links', '/why', '/terms'];  // public; /benefits needs a session

for (const [lang, view] of [['sl', { width: 1280, height: 800 }], ['en', { width: 390, height: 844, touch: true }]]) {
  test(`axe: every screen, signed out and in, ${lang} at ${view.width} px`, async () => {
    const t = (k) => tr(lang, k, { product: 'Moj GEN-I' });
    const out = await page({ ...view, lang });
    for (const [path, key] of PUBLIC) {
      await screen(out, path, t(key));
      await axe(out, `${lang} ${path}`);
    }
    const slug = (path) => path.slice(1);
    for (const path of CONTENT) {
      const title = (await api(server, 'GET', `/content/${slug(path)}?lang=${lang}`)).body.title;
      await screen(out, path, title);
      await axe(out, `${lang} ${path}`);
    }
    const inside = await page({ ...view, lang, signedIn: true });
    for (const [path, key] of [...PRIVATE, [`/submit/${mp}`, 'screen.submit_reading'], [`/readings/${mp}`, 'screen.readings']]) {
      await screen(inside, path, key ? t(key) : tr(lang, 'home.greeting', { name: 'Nina Kovač' }));
      await axe(inside, `${lang} ${path} signed in`);
    }
    const benefits = (await api(server, 'GET', `/content/benefits?lang=${lang}`)).body.title;
    await screen(inside, '/benefits', benefits);
    await axe(inside, `${lang} /benefits signed in`);
    assert.deepEqual([...out.problems, ...inside.problems], []);
    await out.context().close();
    await inside.context().close();
  });
}

test('a screen reader alone: log in, the overview, a two-tariff reading, the result, the table', async () => {
  const t = (k, params) => tr('sl', k, params);
  const p = await page();
  await screen(p, '/login', t('screen.login'));
  assert.equal(await p.evaluate(() => document.documentElement.lang), 'sl');
  // Landmarks.
  await p.getByRole('banner').waitFor({ state: 'attached' });
  await p.getByRole('main').waitFor({ state: 'attached' });
  await p.getByRole('navigation').waitFor({ state: 'detached' });  // signed out: no menu

  // A refused login: focus goes to the first field in error, which is described by its message.
  await p.getByRole('button', { name: t('login.submit') }).dispatchEvent('click');
  const email = p.getByRole('textbox', { name: t('login.email') });
  await p.waitForFunction(() => document.activeElement && document.activeElement.name === 'login.email');
  assert.equal(await email.getAttribute('aria-invalid'), 'true');
  const described = await email.getAttribute('aria-describedby');
  assert.equal(await p.locator(`[id="${described}"]`).textContent(), t('error.field.required'));

  await email.fill('mirror@example.si');
  await p.getByRole('textbox', { name: t('login.password') }).fill(PASSWORD);
  await p.getByRole('textbox', { name: t('login.password') }).press('Enter');

  // The overview: focus on its h1, the title follows, the metering point's facts and window status.
  const greeting = tr('sl', 'home.greeting', { name: 'Nina Kovač' });
  const h1 = p.getByRole('heading', { level: 1, name: greeting });
  await h1.waitFor({ timeout: 15000 });
  await p.waitForFunction((g) => document.activeElement && document.activeElement.textContent === g, greeting);
  assert.match(await p.title(), /Moj GEN-I/);
  await p.getByRole('heading', { level: 2, name: 'Šmartinska cesta 5, 1000 Ljubljana' }).waitFor();
  const terms = await p.getByRole('term').allTextContents();
  const definitions = await p.getByRole('definition').allTextContents();
  assert.ok(terms.includes(t('contracts.metering_point')) && definitions.includes('3-345341'), `${terms} ${definitions}`);
  const main = await p.getByRole('main').textContent();
  assert.match(main, /Termin je odprt: stanje lahko oddate do vključno 3\.\s12\.\s2026/, 'the window status is readable');

  // Submit a reading with VT and MT by the mirror alone.
  await p.getByRole('button', { name: t('home.submit') }).first().dispatchEvent('click');
  await p.getByRole('heading', { level: 1, name: t('screen.submit_reading') }).waitFor({ timeout: 15000 });
  const vt = p.getByRole('textbox', { name: new RegExp('VT') });
  const mt = p.getByRole('textbox', { name: new RegExp('MT') });
  await vt.fill('26900');
  await mt.fill('12450');
  await p.getByRole('button', { name: t('submit.send') }).dispatchEvent('click');
  // The result in the polite live region.
  await p.waitForFunction((want) => document.getElementById('portal-status').textContent.includes(want),
    t('banner.submitted'), { timeout: 15000 });
  assert.equal(await p.locator('#portal-status').getAttribute('aria-live'), 'polite');

  // The readings table: the stored values in its rows and cells.
  await p.goto(server.url + `/readings/${mp}`);
  await waitReady(p);
  // Named by its caption, as a screen reader announces it on entering the table.
  const table = p.getByRole('table', { name: t('readings.table.caption', { number: '3-345341' }), exact: true });
  await table.waitFor({ state: 'attached', timeout: 15000 });
  assert.ok(await p.getByRole('columnheader', { name: t('readings.col.value'), exact: false }).count() >= 1);
  const sorted = await p.getByRole('columnheader', { name: t('readings.col.date') }).getAttribute('aria-sort');
  assert.equal(sorted, 'descending');
  const rows = await p.getByRole('row').allTextContents();
  assert.ok(rows.some((r) => r.includes('26900')) && rows.some((r) => r.includes('12450')), rows.slice(0, 4).join('\n'));
  const cells = await p.getByRole('cell').allTextContents();
  assert.ok(cells.includes('26900') && cells.includes('+300'), cells.slice(0, 16).join('|'));
  // The chart's numbers as a table of their own.
  assert.ok(await p.getByRole('table').count() >= 2, 'the chart has a data table');
  assert.ok(cells.some((c) => / kWh$/.test(c)), 'the chart table has values in kWh');

  // Numbers to copy: the contracts screen has a copy button beside the metering point number.
  await p.goto(server.url + '/contracts');
  await waitReady(p);
  const copy = p.getByRole('button', { name: t('contracts.copy_number', { number: '3-345341' }) });
  await copy.waitFor({ state: 'attached', timeout: 15000 });
  await copy.dispatchEvent('click');
  await p.waitForFunction(() => (window.portal.copied || []).includes('3-345341'));
  assert.deepEqual(p.problems, []);
  await p.context().close();
});
