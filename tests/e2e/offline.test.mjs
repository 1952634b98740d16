// Offline like an installed app, in headless Chromium with Playwright's context.setOffline: a
// signed-in customer opens the portal again without network and sees their contracts and readings
// (marked as the device's copy, not logged out); a reading typed offline waits, survives a
// reload, and is sent once when the network returns, also when the server asks first (409).
// The installable app: a manifest with PNG icons of 192 and 512 px. At PORTAL_NOW 2026-11-30
// Elektro Ljubljana's window is open.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cpSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { WEB_ROOT, artifact, launchBrowser } from './lib/harness.mjs';
import { items, maybeItem } from './lib/items.mjs';
import { tr } from './lib/i18n.mjs';
import { startPortal } from './lib/portal.mjs';
import { PASSWORD, aim, api, banner, customer, finish, open as openPage, press, seen, shot as shotAs,
  typeInto } from './lib/journey.mjs';

const NOW = '2026-11-30T10:00:00+01:00';
const FAST_HASHING = ['--argon2-ops', '1', '--argon2-mem-kib', '8192'];
const t = (key, params) => tr('sl', key, params);
const shot = (page, name) => shotAs(page, 'offline', name);

let browser;
const servers = [];
before(async () => {
  servers.push(...await Promise.all([0, 1, 2].map(() => startPortal(NOW, { flags: FAST_HASHING }))));
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.stop()));
});

// On a failure: what the page showed (a screenshot and its items) beside the error.
let current = null;
async function journey(name, steps) {
  try {
    await steps();
  } catch (e) {
    if (current && !current.isClosed()) {
      await current.screenshot({ path: artifact(`offline-failure-${name}.png`) });
      const shown = (await items(current)).map((i) => `${i.id} [${i.role}] ${i.label} = ${i.value}`).join('\n');
      e.message += '\nitems on the screen:\n' + shown;
    }
    throw e;
  }
}

// A customer with Elektro Ljubljana's contract linked (through the API); returns its metering point id
// and a cookie of another session of theirs (to read what the server has).
async function linkedCustomer(server, email, name) {
  await customer(server, email, { name });
  const login = await api(server, 'POST', '/auth/login', { email, password: PASSWORD, remember: false });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const link = await api(server, 'POST', '/contracts',
    { metering_point: '3-345341', contract_number: 'E-100', energy: 'electricity', operator: 'ELJ' }, cookie);
  assert.equal(link.status, 201);
  return { mp: link.body.contract.metering_point.id, cookie };
}

// The readings the server lists for the meter with this VT value.
async function onServer(server, who, value) {
  const r = await api(server, 'GET', `/metering-points/${who.mp}/readings`, undefined, who.cookie);
  assert.equal(r.status, 200);
  return r.body.filter((row) => row.register === 'VT' && row.value === value).length;
}

// Logs in on the page, opens the meter's readings and waits until the service worker controls the
// page and the app has saved its copy in IndexedDB.
async function signedInOnline(server, who, email) {
  const page = await openPage(browser, server, `/readings/${who.mp}`, { width: 1280, height: 800 });
  await typeInto(page, 'login.email', email);
  await typeInto(page, 'login.password', PASSWORD);
  await press(page, 'login.submit');
  current = page;
  await seen(page, 'readings.table.row.0', {}, 10000);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  await page.waitForFunction(() => new Promise((resolve) => {
    const open = indexedDB.open('portal');
    open.onsuccess = () => {
      const get = open.result.transaction('records').objectStore('records').getAllKeys();
      get.onsuccess = () => resolve(get.result.some((k) => String(k).startsWith('data/')));
      get.onerror = () => resolve(false);
    };
    open.onerror = () => resolve(false);
  }), null, { timeout: 10000 });
  return page;
}

// Chromium logs every failed request while offline; the page's own errors still count.
function withoutNetworkNoise(page) {
  page.problems = page.problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|net::ERR/.test(p));
}

async function reload(page) {
  await page.reload();
  await page.waitForFunction(() => window.portal && window.portal.ready === true, null, { timeout: 30000 });
}

async function submitOffline(page, who, vt, mt) {
  await page.evaluate((p) => { history.pushState(null, '', p); dispatchEvent(new PopStateEvent('popstate')); },
    `/submit/${who.mp}`);
  await seen(page, 'offline.notice', {}, 8000);  // the notice over the page first: then nothing moves
  await seen(page, 'submit.value.VT', {}, 8000);
  await typeInto(page, 'submit.value.VT', String(vt));
  await typeInto(page, 'submit.value.MT', String(mt));
  await press(page, 'submit.send');
  await banner(page, t('offline.banner.queued'));
}

test('reopened without network: contracts and readings from the device; a queued reading survives a reload and goes once',
  () => journey('reopen', async () => {
    const server = servers[0];
    const email = 'ziga.cebasek@example.si';
    const who = await linkedCustomer(server, email, 'Žiga Čebašek');
    const page = await signedInOnline(server, who, email);
    const context = page.context();

    // The installed app opened again without network: not logged out, the copy marked as such.
    await context.setOffline(true);
    await reload(page);
    const notice = await seen(page, 'offline.notice', {}, 10000);
    assert.ok(notice.label.startsWith(t('offline.notice', { saved: '@' }).split('@')[0]), notice.label);
    assert.equal(await maybeItem(page, 'login.email'), null, 'the customer is not shown as logged out');
    await seen(page, 'readings.table.row.1');
    const cells = (await items(page)).filter((i) => i.role === 'cell').map((i) => i.value);
    assert.ok(cells.includes('26600') && cells.includes('12300'), cells.join());
    await shot(page, 'readings-offline');
    await page.evaluate(() => { history.pushState(null, '', '/'); dispatchEvent(new PopStateEvent('popstate')); });
    await seen(page, 'home.3345341.submit', {}, 8000);
    assert.equal((await seen(page, 'page.heading.0')).label, t('home.greeting', { name: 'Žiga Čebašek' }));
    await page.evaluate(() => window.scrollTo(0, 0));
    await seen(page, 'offline.notice');
    await shot(page, 'home-offline');

    // A reading typed offline: confirmed as waiting, on top of the table.
    await submitOffline(page, who, 26900, 12450);
    await seen(page, 'offline.pending', {}, 8000);
    await seen(page, 'submit.recent.row.0.7', { value: t('offline.status.waiting') });
    assert.equal((await seen(page, 'submit.recent.row.0.2')).value, '26900');
    await shot(page, 'submit-queued');

    // A reload, still offline: it is still there.
    await reload(page);
    await seen(page, 'offline.waiting', { label: t('offline.waiting.one', { count: 1 }) }, 10000);
    await seen(page, 'submit.recent.row.0.7', { value: t('offline.status.waiting') });

    // The network returns: sent, listed once, no longer waiting.
    await context.setOffline(false);
    await banner(page, t('offline.banner.sent', { number: '3345341' }));
    await page.waitForFunction(() => !window.portal.items.some((i) => i.id === 'offline.waiting'));
    await seen(page, 'submit.recent.row.0.2', { value: '26900' }, 8000);
    await seen(page, 'submit.recent.row.0.delete', {}, 8000);  // the server's record now: it can be deleted
    assert.equal(await maybeItem(page, 'submit.recent.row.0.7'), null, 'no longer marked as waiting');
    assert.equal(await maybeItem(page, 'offline.notice'), null);
    assert.equal(await onServer(server, who, 26900), 1);
    await shot(page, 'submit-sent');
    withoutNetworkNoise(page);
    await finish(page);
  }));

test('queued offline, the server asks first (409): the form comes back, confirmed, listed once', () => journey('409', async () => {
  const server = servers[1];
  const email = 'ana.novak@example.si';
  const who = await linkedCustomer(server, email, 'Ana Novak');
  const page = await signedInOnline(server, who, email);
  const context = page.context();
  await context.setOffline(true);
  await submitOffline(page, who, 29000, 12450);  // unusual: only the server says so
  await reload(page);
  await seen(page, 'offline.waiting', {}, 10000);
  await context.setOffline(false);
  await banner(page, t('offline.banner.question', { number: '3345341' }));
  // On the meter's own form: the reading is back with the question.
  await seen(page, 'offline.returned_note', {}, 8000);
  await seen(page, 'submit.value.VT', { value: '29000' });
  await seen(page, 'submit.conflict.reading.unusual.VT');
  await shot(page, 'submit-question');
  await press(page, 'submit.confirm_unusual');
  await seen(page, 'submit.done', {}, 8000);
  await page.waitForFunction(() => !window.portal.items.some((i) => i.id === 'offline.returned_note'));
  assert.equal(await onServer(server, who, 29000), 1);
  assert.equal(await onServer(server, who, 26900), 0);
  withoutNetworkNoise(page);
  await finish(page);
}));

test('logging out with a reading unsent warns first; the device keeps nothing of the customer', () => journey('logout', async () => {
  const server = servers[2];
  const email = 'marko.horvat@example.si';
  const who = await linkedCustomer(server, email, 'Marko Horvat');
  const page = await signedInOnline(server, who, email);
  const context = page.context();
  await context.setOffline(true);
  await submitOffline(page, who, 26900, 12450);
  await press(page, 'shell.logout');
  const dialog = await seen(page, 'confirm.text');
  assert.equal(dialog.label, t('confirm.logout_unsent.text'));
  await press(page, 'confirm.confirm');
  await seen(page, 'login.email', {}, 8000);
  const keys = await page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open('portal');
    open.onsuccess = () => {
      const get = open.result.transaction('records').objectStore('records').getAllKeys();
      get.onsuccess = () => resolve(get.result.map(String));
    };
  }));
  assert.deepEqual(keys, ['device']);
  // Opened again without network: the login, nothing of the customer's.
  await reload(page);
  await seen(page, 'login.email', {}, 10000);
  assert.equal(await maybeItem(page, 'offline.notice'), null);
  // Online again: the server hears the logout it missed.
  await context.setOffline(false);
  await reload(page);
  await seen(page, 'login.email', {}, 10000);
  withoutNetworkNoise(page);
  await finish(page);
}));

// Release B of the bundle in `dir`: the same files, but its own version and its own app.js name
// (what a new build brings), written as scripts/bundle.py would, with .br and .gz beside them.
function newRelease(dir) {
  cpSync(WEB_ROOT, dir, { recursive: true });
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
  const oldVersion = /const VERSION = '([0-9a-f]+)'/.exec(sw)[1];
  const oldJs = readdirSync(dir).find((f) => /^app\.[0-9a-f]+\.js$/.test(f));
  const version = 'b' + oldVersion.slice(1).split('').reverse().join('');
  const js = oldJs.replace(/\.js$/, 'b.js');
  renameSync(join(dir, oldJs), join(dir, js));
  for (const f of readdirSync(dir).filter((n) => n.startsWith(oldJs + '.'))) rmSync(join(dir, f));
  const write = (name, text) => {
    writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, name + '.br'), brotliCompressSync(Buffer.from(text)));
    writeFileSync(join(dir, name + '.gz'), gzipSync(Buffer.from(text)));
  };
  write(js, readFileSync(join(WEB_ROOT, oldJs), 'utf8'));
  write('sw.js', sw.replaceAll(oldVersion, version).replaceAll(oldJs, js));
  write('index.html', readFileSync(join(dir, 'index.html'), 'utf8').replaceAll(oldVersion, version).replaceAll(oldJs, js));
  return { version, js, oldVersion, oldJs };
}

// The scripts this page loaded (the resource timing of its document).
const loadedScripts = (page) => page.evaluate(() =>
  performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.js')));

test('a new release waits beside the old one, is announced, and takes over cleanly when asked', () => journey('release', async () => {
  const a = await startPortal(NOW, { flags: FAST_HASHING });
  const dir = mkdtempSync(join(tmpdir(), 'portal-release-b-'));
  let b = null;
  try {
    const email = 'nina.kovac@example.si';
    const who = await linkedCustomer(a, email, 'Nina Kovač');
    const page = await signedInOnline(a, who, email);
    const release = newRelease(dir);
    assert.equal(await page.evaluate(() => window.portal.version), release.oldVersion);

    // The supplier deploys release B on the same address.
    await a.stop(true);
    b = await startPortal(NOW, { flags: FAST_HASHING, after: a, webRoot: dir });
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    const note = await seen(page, 'offline.update', {}, 20000);
    assert.equal(note.label, t('offline.update_ready'));
    await shot(page, 'update-ready');
    // Meanwhile the page is release A's, whole: nothing of B was loaded into it.
    assert.equal(await page.evaluate(() => window.portal.version), release.oldVersion);
    const scripts = await loadedScripts(page);
    assert.ok(scripts.includes('/' + release.oldJs) && !scripts.includes('/' + release.js), scripts.join());

    // "Load it now": the page becomes release B's, with B's app.js, and the customer is still in.
    // A click, not press(): the page it lands on is the new release's, whose frames start again
    // from 0 (press() waits for the old page's count to grow, which races the reload).
    const now = await aim(page, 'offline.update_now');
    await page.mouse.click(now.rect.x + now.rect.w / 2, now.rect.y + now.rect.h / 2);
    await page.waitForFunction((v) => window.portal && window.portal.ready === true && window.portal.version === v,
      release.version, { timeout: 30000 });
    const after = await loadedScripts(page);
    assert.ok(after.includes('/' + release.js) && !after.includes('/' + release.oldJs), after.join());
    await seen(page, 'page.heading.0', {}, 10000);
    assert.equal(await maybeItem(page, 'login.email'), null, 'still signed in after the new release took over');
    assert.equal(await maybeItem(page, 'offline.update'), null);
    const caches = await page.evaluate(() => window.caches.keys());
    assert.deepEqual(caches.filter((k) => k.startsWith('portal-')), ['portal-' + release.version], 'the old release\'s cache is gone');
    await finish(page);
  } finally {
    await (b || a).stop();
    rmSync(dir, { recursive: true, force: true });
  }
}));

test('installable: the manifest names PNG icons of 192 and 512 px, standalone, with a theme colour', async () => {
  const server = servers[0];
  const manifest = await (await fetch(server.url + '/manifest.webmanifest')).json();
  assert.equal(manifest.display, 'standalone');
  assert.match(manifest.theme_color, /^#[0-9A-Fa-f]{6}$/);
  for (const size of [192, 512]) {
    const icon = manifest.icons.find((i) => i.type === 'image/png' && i.sizes === `${size}x${size}` && i.purpose === 'any');
    assert.ok(icon, `a ${size} px PNG icon`);
    const r = await fetch(server.url + icon.src);
    assert.equal(r.headers.get('content-type'), 'image/png');
    const png = PNG.sync.read(Buffer.from(await r.arrayBuffer()));
    assert.equal(png.width, size);
    assert.equal(png.height, size);
  }
  assert.ok(manifest.icons.some((i) => i.type === 'image/png' && i.purpose === 'maskable'));
  const sw = await (await fetch(server.url + '/sw.js')).text();
  assert.ok(!sw.includes('{{'), 'sw.js is filled in');
  assert.ok(sw.includes('/icon-192.png') && sw.includes('/icon-512.png'), 'the icons work offline');
});
