// The core journeys in the other engines a customer may use: Firefox ESR (Gecko) and WebKitGTK
// (the Safari engine), both from Debian, in a real X display (Xvfb, started here on a free
// display number). In each: log in with Enter and draw nothing while idle (Firefox and WebKit
// fire no focusout when the focused field goes with the login form: the caret's blink timer must
// stop all the same), log out and in again with a click, idle again, submit a reading and read
// it back from the readings table, then with the server gone open the page from the service
// worker and the customer's readings from the device's copy. Real key and mouse input from each engine's driver (see
// lib/engines.mjs); targets found through window.portal.items; the same steps as the Chromium
// suites (lib/journey.mjs). At PORTAL_NOW 2026-11-30 10:00 Elektro Ljubljana's window is open.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ENGINES, startXvfb } from './lib/engines.mjs';
import { artifact, waitReady } from './lib/harness.mjs';
import { item, items, untilQuiet } from './lib/items.mjs';
import { tr } from './lib/i18n.mjs';
import { startPortal } from './lib/portal.mjs';
import { PASSWORD, api, banner, customer, press, seen, shot, typeInto } from './lib/journey.mjs';

const NOW = '2026-11-30T10:00:00+01:00';
const FAST_HASHING = ['--argon2-ops', '1', '--argon2-mem-kib', '8192'];
const VIEW = { width: 1280, height: 800 };
// Elektro Ljubljana's two-tariff meter of the registry (lib/portal.mjs): its readings of
// 31 Oct 2026 are VT 26600 and MT 12300; the customer reads VT 26900 and MT 12450.
const ELJ = { number: '3345341', shown: '3-345341', contract: 'E-100', operator: 'ELJ',
  reading: { VT: 26900, MT: 12450 } };
const IDLE_MS = 3000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The customer of one engine, registered and activated, with Elektro Ljubljana's contract linked
// through the API (the linking journey itself is the Chromium suite's).
async function customerWithContract(server, email, name) {
  await customer(server, email, { name });
  const login = await api(server, 'POST', '/auth/login', { email, password: PASSWORD, remember: false });
  assert.equal(login.status, 200);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const linked = await api(server, 'POST', '/contracts', { metering_point: ELJ.shown, contract_number: ELJ.contract,
    energy: 'electricity', operator: ELJ.operator }, cookie);
  assert.equal(linked.status, 201, JSON.stringify(linked.body));
  return { cookie, meteringPoint: linked.body.contract.metering_point.id };
}

// Frames drawn in `ms` with no input, once the frames after the last input have settled.
async function idleFrames(page, ms = IDLE_MS) {
  await untilQuiet(page, 400, 4000);
  const count = () => page.evaluate(() => window.portal.frames);
  const start = await count();
  await sleep(ms);
  return (await count()) - start;
}

// The home screen greets the customer by name.
async function home(page, name) {
  await seen(page, 'page.heading.0', { label: tr('sl', 'home.greeting', { name }) }, 10000);
}

async function finish(page) {
  if (page.collectProblems) await page.collectProblems();
  assert.deepEqual(page.problems, [], 'console or page errors');
}

// [SECTION] The engines side by side (most of a journey is waiting: idle windows, the server),
// each with its own X display (no window of one takes the other's focus) and its own server
// (each starts from the registry); the steps of one engine one after another.
// PORTAL_ENGINES=webkit (comma-separated) runs some of them only.
const chosen = (process.env.PORTAL_ENGINES || Object.keys(ENGINES).join(',')).split(',');
describe('every engine', { concurrency: true }, () => {
  for (const engine of chosen.filter((e) => e in ENGINES)) {
    describe(engine, { concurrency: false }, () => {
      const email = `${engine}@example.si`;
      const name = engine === 'firefox' ? 'Žiga Čebašek' : 'Ana Novak';
      const snap = (page, what) => shot(page, `engines-${engine}`, what);
      let xvfb;
      let server;
      let account;  // {cookie, meteringPoint}: the API's view of the customer
      let browser;
      let page;

      before(async () => {
        [server, browser] = await Promise.all([
          startPortal(NOW, { flags: FAST_HASHING }).then(async (s) => {
            account = await customerWithContract(s, email, name);
            return s;
          }),
          startXvfb().then((x) => {
            xvfb = x;
            return ENGINES[engine](xvfb.display, VIEW);
          }),
        ]);
        page = await browser.newPage();
      });
      after(async () => {
        await browser?.close();
        await server?.stop();
        await xvfb?.stop();
      });

      // On a failure: what the screen showed (a screenshot and its items) beside the error.
      async function step(what, fn) {
        try {
          await fn();
        } catch (e) {
          await page.screenshot({ path: artifact(`engines-${engine}-failure-${what}.png`) }).catch(() => {});
          const shown = await items(page).catch(() => []);
          e.message += '\nitems on the screen:\n' + shown.map((i) => `${i.id} [${i.role}] ${i.label} = ${i.value}`).join('\n');
          throw e;
        }
      }

      test(`${engine}: the portal loads, logs in with Enter, and then draws no frame while idle`, () =>
        step('login-enter', async () => {
          await page.goto(server.url + '/login');
          await waitReady(page);
          // The on-screen keyboard resizes the page (Chromium, Firefox); WebKit does not know the
          // viewport key and warns about it: it is not given one.
          const viewport = await page.evaluate(() => document.querySelector('meta[name=viewport]').content);
          assert.equal(viewport.includes('interactive-widget=resizes-content'), engine !== 'webkit', viewport);
          await typeInto(page, 'login.email', email);
          await typeInto(page, 'login.password', PASSWORD);
          // The password field has the focus when Enter submits; the login form then goes away
          // with its focused input, which fires no blur or focusout in Firefox or WebKit.
          await page.keyboard.press('Enter');
          await home(page, name);
          await snap(page, 'home');
          assert.equal(await idleFrames(page), 0, `frames drawn in ${IDLE_MS} ms of idle after a login with Enter`);
          await finish(page);
        }));

      test(`${engine}: logs out, logs in with a click, and then draws no frame while idle`, () =>
        step('login-click', async () => {
          await press(page, 'shell.logout');
          await banner(page, tr('sl', 'banner.logged_out'));
          await typeInto(page, 'login.email', email, { replace: true });
          await typeInto(page, 'login.password', PASSWORD, { replace: true });
          await press(page, 'login.submit');
          await home(page, name);
          assert.equal(await idleFrames(page), 0, `frames drawn in ${IDLE_MS} ms of idle after a login with a click`);
          await finish(page);
        }));

      test(`${engine}: submits a reading and reads it back from the readings table`, () =>
        step('reading', async () => {
          await press(page, `home.${ELJ.number}.submit`);
          await seen(page, 'submit.value.VT', {}, 8000);
          for (const [reg, value] of Object.entries(ELJ.reading)) await typeInto(page, `submit.value.${reg}`, String(value));
          await press(page, 'submit.send');
          await seen(page, 'submit.done', {}, 8000);
          await snap(page, 'submit-done');
          await press(page, 'submit.to_readings');
          // The table's first row (newest first), as the canvas drew it, is what the server stored.
          const date = tr('sl', 'readings.date', { day: 30, month: tr('sl', 'readings.month.11'), month_number: 11,
            year: 2026 });
          await seen(page, 'readings.table.row.0.0', { value: date }, 8000);
          const row = (await items(page)).filter((i) => i.role === 'cell' && i.row === 0).map((i) => i.value);
          const stored = await api(server, 'GET', `/metering-points/${account.meteringPoint}/readings`, undefined,
            account.cookie);
          assert.equal(stored.status, 200);
          const newest = stored.body[0];
          assert.deepEqual([newest.date, newest.register, newest.value, newest.source],
            ['2026-11-30', 'VT', ELJ.reading.VT, 'customer'], 'the server stored the reading typed');
          for (const want of [String(newest.value), `+${newest.difference}`, 'VT'])
            assert.ok(row.includes(want), `the table's row 0 shows ${want}: ${row}`);
          await snap(page, 'readings');
          await finish(page);
        }));

      test(`${engine}: types in a field, goes Back, and then draws no frame while idle`, () =>
        step('back', async () => {
          await press(page, 'readings.submit');
          await typeInto(page, 'submit.value.VT', '1');
          // The browser's Back takes the screen away with its focused field (no focusout again).
          await page.goBack();
          await seen(page, 'readings.table.row.0.0', {}, 8000);
          assert.match(await page.evaluate(() => location.pathname), /^\/readings\//);
          assert.equal(await idleFrames(page), 0, `frames drawn in ${IDLE_MS} ms of idle after Back from a field`);
          await finish(page);
        }));

      // The last step: the server goes.
      test(`${engine}: opens from the service worker's cache with the server gone, then draws no frame while idle`,
        () => step('offline-shell', async () => {
          // The service worker took the page over at the first load (it installs in the background).
          await page.waitForFunction(() => (navigator.serviceWorker?.controller ? true : null), undefined,
            { timeout: 15000 });
          await server.stop();
          await page.goto(server.url + '/help');
          await waitReady(page);
          await seen(page, 'page.heading.0', { label: tr('sl', 'screen.help') }, 10000);
          await snap(page, 'offline');
          assert.equal(await idleFrames(page), 0, `frames drawn in ${IDLE_MS} ms of idle offline`);
          // No finish(): the refused API requests are the point here, and some engines log them.
        }));

      // The installed app opened again with the server still gone: the customer's last data from
      // this device (IndexedDB), marked as such, not a login form.
      test(`${engine}: opens the customer's readings from the device's copy with the server gone, idle 0 frames`,
        () => step('offline-data', async () => {
          await page.goto(server.url + `/readings/${account.meteringPoint}`);
          await waitReady(page);
          const notice = await seen(page, 'offline.notice', {}, 15000);
          assert.ok(notice.label.startsWith(tr('sl', 'offline.notice', { saved: '@' }).split('@')[0]), notice.label);
          assert.ok(!(await items(page)).some((i) => i.id === 'login.email'), 'the customer is not shown as logged out');
          await seen(page, 'readings.table.row.0.0', {}, 10000);
          const cells = (await items(page)).filter((i) => i.role === 'cell').map((i) => i.value);
          assert.ok(cells.includes(String(ELJ.reading.VT)) && cells.includes('26600'), cells.join());
          await snap(page, 'offline-data');
          assert.equal(await idleFrames(page), 0, `frames drawn in ${IDLE_MS} ms of idle with the device's copy`);
        }));
    });
  }
});
