// The app in two modules (scripts/split_wasm.py): the sign-in screens draw from the start-up
// module alone and the later module follows the first frame; a first screen that needs the later
// module (a deep link, a customer signed in on this device before) gets both side by side; a
// customer faster than the download still gets the screen (loaded there and then). A browser
// that cannot make the WebGL 2 context (made with the first frame) says so.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, ROOT, startServer } from './lib/harness.mjs';
import { finish, open, press, seen, typeInto } from './lib/journey.mjs';
import { item } from './lib/items.mjs';

const DEMO = { email: 'demo@moj-portal.si', password: 'Demo-Portal-2026' };
const DESKTOP = { width: 1280, height: 800 };

let server;
let browser;
before(async () => {
  server = await startServer(['--demo']);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

// How the later module came ('prefetch', 'start' or 'on-demand'), and the files fetched before
// the first frame.
async function laterModule(page) {
  await page.waitForFunction(() => window.portal.later !== undefined, null, { timeout: 20000 });
  return page.evaluate(() => ({
    how: window.portal.later,
    by: window.portal.laterBy,
    beforeFirstFrame: performance.getEntriesByType('resource')
      .filter((e) => e.startTime < window.portal.firstFrameMs).map((e) => e.name.split('/').pop()),
    hint: localStorage.getItem('portal.signed_in'),
  }));
}

// The function a placeholder stands for (scripts/split_wasm.py writes the map beside the module).
function placeholder(index) {
  try {
    const map = readFileSync(join(ROOT, 'build', 'wasm', 'src', 'client', 'app.start.wasm.placeholders'), 'utf8');
    return map.split('\n').find((line) => line.startsWith(index + ':')) || `placeholder ${index}`;
  } catch {
    return `placeholder ${index}`;
  }
}

async function signIn(page) {
  await typeInto(page, 'login.email', DEMO.email);
  await typeInto(page, 'login.password', DEMO.password);
  await press(page, 'login.submit');
  await item(page, 'nav.invoices', null, 15000);  // the navigation of a signed-in customer
}

test('the sign-in screen draws from the start-up module; the later one follows, then the rest of a visit', async () => {
  const page = await open(browser, server, '/login', DESKTOP);
  const first = await laterModule(page);
  assert.equal(first.how, 'prefetch', `the first frame needed the later module (${placeholder(first.by)}): `
    + 'make src/client/app/later_functions.txt again (node scripts/startup_profile.mjs)');
  assert.ok(first.beforeFirstFrame.some((n) => /^app\.[0-9a-f]+\.wasm$/.test(n)), first.beforeFirstFrame.join());
  assert.ok(!first.beforeFirstFrame.some((n) => n.startsWith('app.later.')), first.beforeFirstFrame.join());
  assert.equal(first.hint, null);

  await signIn(page);  // the overview, the contract cards: the later module's code
  assert.equal(await page.evaluate(() => localStorage.getItem('portal.signed_in')), '1');
  await press(page, 'nav.invoices');
  await item(page, 'invoices.table', null, 15000);
  assert.deepEqual(page.problems, [], 'console or page errors');

  // The next visit of this customer: the later module beside the start-up one, whatever the path.
  const again = await page.context().newPage();
  again.problems = [];
  again.on('pageerror', (e) => again.problems.push('pageerror: ' + e.message));
  await again.goto(server.url + '/');
  const second = await laterModule(again);
  assert.equal(second.how, 'start');
  assert.ok(second.beforeFirstFrame.some((n) => n.startsWith('app.later.')), second.beforeFirstFrame.join());
  await item(again, 'nav.invoices', null, 15000);
  await press(again, 'shell.logout');
  await item(again, 'login.email', null, 15000);
  assert.equal(await again.evaluate(() => localStorage.getItem('portal.signed_in')), null);
  await finish(again);
});

test('a deep link loads both modules side by side', async () => {
  const page = await open(browser, server, '/help', DESKTOP);
  const state = await laterModule(page);
  assert.equal(state.how, 'start');
  assert.ok(state.beforeFirstFrame.some((n) => n.startsWith('app.later.')), state.beforeFirstFrame.join());
  await finish(page);
});

test('a customer faster than the later module still gets the next screen (loaded on demand)', async () => {
  const page = await open(browser, server, '/login', {
    ...DESKTOP,
    // The later module's download after the first frame takes 30 s: the customer signs in
    // meanwhile. The synchronous request for it is not held up.
    setup: (p) => {
      let requests = 0;
      return p.route('**/app.later.*.wasm', (route) => (++requests === 1
        ? setTimeout(() => route.continue().catch(() => {}), 30000) : route.continue()));
    },
  });
  await signIn(page);
  const state = await laterModule(page);
  assert.equal(state.how, 'on-demand');
  assert.ok(Number.isInteger(state.by));
  await item(page, 'nav.invoices');
  await finish(page);
});

test('a browser whose WebGL 2 context cannot be made is told so, with no page error', async () => {
  // WebGL2RenderingContext exists (the bridge's cheap test passes) but no context comes: a GPU
  // blocklist or a lost GPU process. The context is made with the first frame (app/main.cpp).
  const context = await browser.newContext({ viewport: DESKTOP });
  await context.addInitScript(() => {
    const getContext = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
      return kind === 'webgl2' ? null : getContext.call(this, kind, ...rest);
    };
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(server.url + '/login');
  await page.waitForFunction(() => document.getElementById('portal-status').className === 'portal-error',
    null, { timeout: 20000 });
  const status = await page.evaluate(() => ({
    text: document.getElementById('portal-status').textContent,
    ready: window.portal.ready,
    webgl: window.portal.timing.webgl !== undefined,
  }));
  assert.equal(status.text, 'Ta brskalnik ne podpira WebAssembly ali WebGL 2. Uporabite novejši brskalnik.');
  assert.equal(status.ready, false);
  assert.equal(status.webgl, true);  // it was the real context that failed, not the cheap test
  assert.deepEqual(problems, []);
  await context.close();
});
