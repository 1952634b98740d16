// The contracts and readings screens (the manual's sections 5-7) end to end: a customer logs in,
// links contracts of the test registry, sees them in the overview, switches the reminders,
// submits a meter reading (after the inline hint for a typed decimal and the unusual-reading
// question, confirmed), sees it in the table with its difference and in the chart, sorts,
// exports .xlsx and CSV (real downloads), deletes a reading, is refused outside Domplan's window
// and keeps the reading as an own record in one tap, reads the help and removes a contract. In
// Slovenian at desktop and phone size, and once in English. Real mouse, keyboard and touch
// input in headless Chromium; targets found through window.portal.items. At PORTAL_NOW
// 2026-11-30 10:00 Elektro Ljubljana's and Elektro Maribor's windows are open, Domplan's is not.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { artifact, launchBrowser } from './lib/harness.mjs';
import { item, items, maybeItem } from './lib/items.mjs';
import { tr } from './lib/i18n.mjs';
import { startPortal } from './lib/portal.mjs';
import { PASSWORD, api, banner, choose, customer, finish, labels, nav, open as openPage, overflowWhileScrolling, press,
  seen, shot as shotAs, show, typeInto } from './lib/journey.mjs';

const open = (server, path, view) => openPage(browser, server, path, view);
const shot = (page, name) => shotAs(page, 'readings', name);

const NOW = '2026-11-30T10:00:00+01:00';
const FAST_HASHING = ['--argon2-ops', '1', '--argon2-mem-kib', '8192'];

// [SECTION] Servers (one per journey: each starts from the same registry) and the browser
let browser;
const servers = [];
before(async () => {
  const started = await Promise.all([0, 1, 2].map(() => startPortal(NOW, { flags: FAST_HASHING })));
  servers.push(...started);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.stop()));
});

// [SECTION] The journey
// meter: the registry contract linked first (operator: its index in the list of the energy's
// operators); `unusual` and `right` are the readings typed, `prev` the registry's of 31 Oct 2026.
const ELJ = { number: '3345341', shown: '3-345341', contract: 'E-100', operator: 0,
  address: 'Šmartinska cesta 5, 1000 Ljubljana',
  registers: ['VT', 'MT'], prev: { VT: 26600, MT: 12300 }, unusual: { VT: 29000, MT: 12450 },
  right: { VT: 26900, MT: 12450 } };
const EMB = { number: '2123456', shown: '2-123456', contract: 'E-101', operator: 1,
  address: 'Partizanska cesta 12, 2000 Maribor',
  registers: ['ET'], prev: { ET: 48800 }, unusual: { ET: 52000 }, right: { ET: 49200 } };
// Domplan, the second gas operator: its window opens on 27 December.
const DOPL = { number: 'DOPL-123456789012', contract: 'P-200', operator: 1, address: 'Koroška cesta 21, 4000 Kranj' };

// On a failure: what the screen showed (a screenshot and its items) beside the error.
async function journey(options) {
  const pages = [];
  try {
    return await steps({ ...options, pages });
  } catch (e) {
    const page = pages[0];
    if (page && !page.isClosed()) {
      await page.screenshot({ path: artifact(`readings-failure-${options.lang}-${page.viewportSize().width}.png`) });
      const shown = (await items(page)).map((i) => `${i.id} [${i.role}] ${i.label} = ${i.value}`).join('\n');
      e.message += '\nitems on the screen:\n' + shown;
    }
    throw e;
  }
}

async function sortTable(page, meter, valueCol, first) {
  await press(page, `readings.table.col.${valueCol}`);
  await seen(page, `readings.table.col.${valueCol}`, { value: 'ascending' });
  const lowest = (await seen(page, 'readings.table.row.0.' + valueCol)).value;
  assert.ok(Number(lowest) < Math.min(...Object.values(meter.prev)), `ascending starts low: ${lowest}`);
  await press(page, `readings.table.col.${valueCol}`);
  await seen(page, 'readings.table.row.0.' + valueCol, { value: String(meter.right[first]) });
  await press(page, 'readings.table.col.0');  // the date: newest first again
  await seen(page, 'readings.table.col.0', { value: 'descending' });
  await show(page, 'readings.table.row.0');
}

async function steps({ server, view, lang, meter, email, name, confirmPhone, screenshots, full = true, pages }) {
  const t = (key, params) => tr(lang, key, params);
  let markTime = Date.now();  // PROFILE=1: the seconds each part took
  const mark = (what) => {
    if (process.env.PROFILE) console.error(`${lang} ${view.width}: ${what} reached after ${(Date.now() - markTime) / 1000} s`);
    markTime = Date.now();
  };
  // A date as the client writes it ("30. 11. 2026", "30 Nov 2026").
  const day = (d, m, y) => t('readings.date', { day: d, month: t(`readings.month.${m}`), month_number: m, year: y });
  // A screenshot with `id` (if given) scrolled into view.
  const snap = async (n, id = null) => {
    if (!screenshots) return;
    if (id) await show(page, id);
    await shot(page, n);
  };
  await customer(server, email, { name, confirmPhone });
  const page = await open(server, '/contracts', view);
  pages.push(page);

  // Log in (the deep link waits for it), in Slovenian; English switched in the header.
  await typeInto(page, 'login.email', email);
  await typeInto(page, 'login.password', PASSWORD);
  await press(page, 'login.submit');
  await seen(page, 'contracts.link', { label: tr('sl', 'contracts.link_new') }, 10000);
  if (lang === 'en') {
    await press(page, 'shell.language');
    await seen(page, 'contracts.link', { label: t('contracts.link_new') });
  }
  await nav(page, 'nav.home');
  const greeting = await seen(page, 'page.heading.0');
  assert.equal(greeting.label, t('home.greeting', { name }));
  await seen(page, 'home.link', { label: t('home.empty.link') });
  await snap('home-empty');

  mark('Link contracts');
  // [Link contracts] A wrong contract number first: the server's answer in the customer's language.
  await press(page, 'home.link');
  await seen(page, 'link.energy.0', { state: { checked: true } });
  await snap('link');
  await choose(page, 'link.operator', meter.operator);
  await typeInto(page, 'link.metering_point', meter.shown);
  await typeInto(page, 'link.contract_number', 'E-999');
  await press(page, 'link.submit');
  const notFound = await seen(page, 'link.error.contract.not_found', {}, 8000);
  assert.equal(notFound.label, t('error.contract.not_found'));
  await typeInto(page, 'link.contract_number', meter.contract, { replace: true });
  await press(page, 'link.submit');
  const linked = await seen(page, 'link.done', {}, 8000);
  assert.equal(linked.label, t('link.done', { number: meter.shown, address: meter.address }));
  // The next one straight away: the numbers are empty again, the energy and operator stay.
  assert.equal((await show(page, 'link.metering_point')).value, '');
  await snap('link-done', 'link.done');
  await press(page, 'link.energy.1');
  await seen(page, 'link.operator', { value: '' });
  await choose(page, 'link.operator', DOPL.operator);
  await typeInto(page, 'link.metering_point', DOPL.number.toLowerCase());
  await typeInto(page, 'link.contract_number', DOPL.contract);
  await press(page, 'link.submit');
  await seen(page, 'link.done', { label: t('link.done', { number: DOPL.number, address: DOPL.address }) }, 8000);

  mark('Contracts overview');
  // [Contracts overview] Both, with their windows; the reminders switch.
  await nav(page, 'nav.contracts');
  await seen(page, 'page.heading.1', { role: 'heading', label: meter.address });  // the address heads the card
  await seen(page, `contracts.${meter.number}.reminder_email`);
  const shownNow = await items(page);
  const defs = labels(shownNow.filter((i) => i.role === 'definition').map((i) => ({ label: i.value })));
  assert.ok(defs.includes(t('contracts.window.open', { closes_on: day(3, 12, 2026) })),
    defs);
  await snap('contracts');
  await press(page, `contracts.${meter.number}.reminder_email`);
  await seen(page, `contracts.${meter.number}.reminder_email`, { state: { checked: true } }, 8000);
  await banner(page, t('banner.reminders_saved'));
  const sms = await show(page, `contracts.${meter.number}.reminder_sms`);
  if (confirmPhone) {
    assert.equal(sms.state.disabled, false);
    await press(page, `contracts.${meter.number}.reminder_sms`);
    await seen(page, `contracts.${meter.number}.reminder_sms`, { state: { checked: true } }, 8000);
  } else {
    assert.equal(sms.state.disabled, true, 'SMS waits for a confirmed phone');
    await seen(page, `contracts.${meter.number}.to_settings`, { label: t('contracts.to_settings') });
  }
  await press(page, `contracts.${meter.number}.reminder_email`);
  await seen(page, `contracts.${meter.number}.reminder_email`, { state: { checked: false } }, 8000);
  await show(page, `contracts.${DOPL.number}.unlink`);
  const next = t('contracts.window.next', { opens_on: day(27, 12, 2026),
    closes_on: day(30, 12, 2026) });
  assert.ok((await items(page)).some((i) => i.role === 'definition' && i.value === next), 'Domplan\'s next window');

  mark('Submit');
  // [Submit] The server's today by default, the previous reading beside each field.
  await press(page, `contracts.${meter.number}.submit`);
  const first = meter.registers[0];
  const field = await seen(page, `submit.value.${first}`, {}, 8000);
  assert.equal((await seen(page, 'submit.date')).value, t('submit.date.today', { date: day(30, 11, 2026) }));
  await seen(page, 'submit.window', { label: t('contracts.window.open', { closes_on: day(3, 12, 2026) }) });
  assert.ok(field);
  await snap('submit');
  // The red decimal digit typed: an inline hint at once.
  await typeInto(page, `submit.value.${first}`, `${meter.unusual[first]},5`);
  const hint = await seen(page, `submit.value.${first}.error`);
  assert.equal(hint.label, t('error.reading.not_integer'));
  await snap('submit-decimal', `submit.value.${first}`);
  await typeInto(page, `submit.value.${first}`, String(meter.unusual[first]), { replace: true });
  assert.equal(await maybeItem(page, `submit.value.${first}.error`), null);
  for (const reg of meter.registers.slice(1)) await typeInto(page, `submit.value.${reg}`, String(meter.unusual[reg]));
  await press(page, 'submit.send');
  // Unusual: the expected range and a confirm step.
  const warning = await seen(page, `submit.conflict.reading.unusual.${first}`, {}, 8000);
  assert.match(warning.label, /\d+.*\d+/);
  assert.ok(warning.label.includes(String(meter.unusual[first])), warning.label);
  await snap('submit-unusual', 'submit.confirm_unusual');
  await press(page, 'submit.confirm_unusual');
  const confirmed = await seen(page, 'submit.done', {}, 8000);
  assert.ok(confirmed.label.startsWith(t('submit.done.submission', { date: day(30, 11, 2026) })));
  // The right reading replaces it (same day, still deletable).
  for (const reg of meter.registers)
    await typeInto(page, `submit.value.${reg}`, String(meter.right[reg]), { replace: true });
  const diff = meter.right[first] - meter.prev[first];
  assert.match((await seen(page, `submit.value.${first}`)).value, new RegExp(String(meter.right[first])));
  await press(page, 'submit.send');
  const done = await seen(page, 'submit.done', {}, 8000);
  const unit = 'kWh';
  const long = t(`readings.register_long.${first}`);
  assert.ok(done.label.includes(t('submit.done.line', { register: long[0].toUpperCase() + long.slice(1),
    value: meter.right[first], unit, difference: diff })), done.label);
  await snap('submit-done', 'submit.done');

  mark('Existing readings');
  // [Existing readings] Top to bottom: export, the chart, the table with the new reading and its
  // difference, sorting, deleting.
  await press(page, 'submit.to_readings');
  const phone = page.viewportSize().width < 600;  // phones leave out the consumption point column
  const valueCol = phone ? 1 : 2;
  const today = day(30, 11, 2026);
  const [xlsx] = await Promise.all([page.waitForEvent('download'), press(page, 'readings.export_xlsx')]);
  assert.equal(xlsx.suggestedFilename(), `odcitki-${meter.number}-2026-11-30.xlsx`);
  const xlsxBytes = readFileSync(await xlsx.path());
  assert.equal(xlsxBytes.subarray(0, 2).toString('latin1'), 'PK');
  const [csv] = await Promise.all([page.waitForEvent('download'), press(page, 'readings.export_csv')]);
  assert.equal(csv.suggestedFilename(), `odcitki-${meter.number}-2026-11-30.csv`);
  const csvLines = readFileSync(await csv.path(), 'utf8').replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(csvLines[0], 'Datum odčitka;Odjemno mesto;Tarifa;Stanje;Razlika;Poraba na dan;Vir;Tip');
  assert.ok(csvLines[1].startsWith(`30.11.2026;${meter.number} `)
    && csvLines[1].includes(`;${first};${meter.right[first]};${diff};`), csvLines[1]);

  const chart = await seen(page, 'readings.chart');
  assert.equal(chart.role, 'img');
  const span = { from: lang === 'sl' ? 'dec. 2025' : 'Dec 2025', to: lang === 'sl' ? 'nov. 2026' : 'Nov 2026' };
  assert.ok(chart.label.startsWith(t('readings.chart.description', { unit, number: meter.shown, ...span })),
    chart.label);
  // Its numbers as a table for screen readers, named shortly (the numbers are in its cells).
  assert.equal((await seen(page, 'readings.chart.data')).label, t('readings.chart.table', { unit, ...span }));
  // October: the operator's reading of 31 Oct minus that of 30 Sep.
  assert.ok(chart.label.includes(`${lang === 'sl' ? 'okt.' : 'Oct'} 2026: ${first === 'ET' ? 400 : 300}`), chart.label);
  await snap('readings', 'readings.chart');

  await seen(page, `readings.table.row.0.${valueCol}`, { value: String(meter.right[first]) });
  const cells = (await items(page)).filter((i) => i.role === 'cell' && i.row === 0).map((i) => i.value);
  for (const want of [today, String(meter.right[first]), `+${diff}`, t('readings.source.customer'),
    t('readings.type.submission'), first])
    assert.ok(cells.includes(want), `row 0 has ${want}: ${cells}`);
  if (full) await sortTable(page, meter, valueCol, first);
  await snap('readings-table', 'readings.table.row.0');

  // Delete the new reading, with a confirmation: the operator's October reading is newest again.
  await press(page, 'readings.table.row.0.delete');
  await item(page, 'confirm.confirm');
  await snap('readings-delete');
  await press(page, 'confirm.confirm');
  await seen(page, 'readings.table.row.0.0', { value: day(31, 10, 2026) });
  assert.equal(await maybeItem(page, 'readings.table.row.0.delete'), null);
  await banner(page, t('banner.deleted'));

  mark('Outside the window');
  // [Outside the window] Domplan: refused with the next window's dates, kept as an own record.
  await show(page, 'readings.meter');
  await choose(page, 'readings.meter', 1);
  await seen(page, 'readings.meter', { value: t('submit.meter_option', { number: DOPL.number, address: DOPL.address }) });
  await press(page, 'readings.submit');
  const outside = await seen(page, 'submit.outside', {}, 8000);
  assert.equal(outside.label, t('error.reading.outside_window', { opens_on: day(27, 12, 2026),
    closes_on: day(30, 12, 2026) }));
  assert.equal(await maybeItem(page, 'submit.send'), null, 'no submission button outside the window');
  await typeInto(page, 'submit.value.M3', '7300');
  await snap('submit-outside', 'submit.keep_own');
  await press(page, 'submit.keep_own');
  const kept = await seen(page, 'submit.done', {}, 8000);
  assert.ok(kept.label.startsWith(t('submit.done.own_record', { date: today })), kept.label);
  const typeCol = phone ? 4 : 5;
  await seen(page, `submit.recent.row.0.${typeCol}`, { value: t('readings.type.own_record') }, 8000);

  if (!full) return page;
  mark('Help');
  // [Help] The supplier's contacts and hours.
  await nav(page, 'nav.help');
  await seen(page, 'page.heading.0', { label: t('screen.help') });
  const help = (await items(page)).filter((i) => i.role === 'definition').map((i) => i.value).join('\n');
  for (const want of ['pocenielektrika@gen-i.si', 'poceniplin@gen-i.si', '080 1558',
    lang === 'sl' ? 'od ponedeljka do sobote med 8. in 20. uro' : 'Monday to Saturday, 8:00 to 20:00'])
    assert.ok(help.includes(want), `help has ${want}`);
  await seen(page, 'help.phone', { role: 'link', label: '080 1558' });
  await snap('help');
  await snap('help-windows', 'help.windows.table.row.0');

  mark('Unlink');
  // [Unlink] Domplan's contract, after a confirmation.
  await nav(page, 'nav.contracts');
  await press(page, `contracts.${DOPL.number}.unlink`);
  await seen(page, 'confirm.confirm');
  await press(page, 'confirm.confirm');
  await banner(page, t('banner.unlinked'));
  await page.waitForFunction((id) => !window.portal.items.some((i) => i.id === id), `contracts.${DOPL.number}.unlink`);
  await nav(page, 'nav.home');
  await seen(page, `home.${meter.number}.submit`);
  await snap('home', `home.${meter.number}.submit`);
  return page;
}

// [SECTION] Tests
test('Slovenian at desktop size: link, overview, reminders, submit, readings, export, delete, own record, help',
  async () => {
    const page = await journey({ server: servers[0], view: { width: 1280, height: 800 }, lang: 'sl', meter: ELJ,
      email: 'ziga.cebasek@example.si', name: 'Žiga Čebašek', confirmPhone: true, screenshots: true });
    await finish(page);
  });

test('Slovenian on a phone (touch, 390 px): the same journey with a single-tariff meter; nothing cut off at 360 px',
  async () => {
    const page = await journey({ server: servers[1], view: { width: 390, height: 844, touch: true }, lang: 'sl',
      meter: EMB, email: 'marko.horvat@example.si', name: 'Marko Horvat', confirmPhone: false, screenshots: true });
    await page.setViewportSize({ width: 360, height: 740 });
    const cut = {};
    for (const [path, wait] of [['/', 'home.link_more'], ['/contracts', 'contracts.link'],
      ['/contracts/link', 'link.energy'], ['/submit', 'submit.meter'], ['/readings', 'readings.export_xlsx'],
      ['/help', 'page.heading.0']]) {
      await page.evaluate((p) => { history.pushState(null, '', p); dispatchEvent(new PopStateEvent('popstate')); }, path);
      await seen(page, wait, {}, 8000);
      const ids = await overflowWhileScrolling(page);
      if (ids.length) cut[path] = ids;
    }
    assert.deepEqual(cut, {}, 'items cut off sideways at 360 px');
    await finish(page);
  });

// Headless Chromium takes no more input in a page once it was asked to open tel: or mailto:
// within a gesture (a real browser hands it to the dialler or the mail app): a page of its own.
for (const view of [{ width: 1280, height: 800 }, { width: 390, height: 844, touch: true }]) {
  test(`Help at ${view.width} px: a tap on the number opens the dialler, on an address the mail app`, async () => {
    const page = await open(servers[2], '/help', view);
    await seen(page, 'help.phone', { role: 'link', label: '080 1558' });
    await press(page, 'help.phone');
    await page.waitForFunction(() => (window.portal.contacts || []).length === 1);
    assert.deepEqual(await page.evaluate(() => window.portal.contacts), ['tel:+3868001558']);
    await page.context().close();
    const again = await open(servers[2], '/help', view);
    await press(again, 'help.email.gas');
    await again.waitForFunction(() => (window.portal.contacts || []).length === 1);
    assert.deepEqual(await again.evaluate(() => window.portal.contacts), ['mailto:poceniplin@gen-i.si']);
    assert.equal(new URL(again.url()).pathname, '/help', 'the portal stays open');
    await finish(again);
  });
}

test('English at desktop size', async () => {
  const page = await journey({ server: servers[2], view: { width: 1280, height: 800 }, lang: 'en', meter: ELJ,
    email: 'ana.novak@example.si', name: 'Ana Novak', confirmPhone: false, screenshots: false, full: false });
  await finish(page);
});
