// Kiosk mode (docs/architecture.md, "Kiosk") end to end on a touch screen without a keyboard: the
// tab opened at /kiosk stays a kiosk; a customer types an e-mail with č and @ and the password on
// the app's own keyboard and a reading on its numeric pad; targets are at least 56 CSS px, the
// device's keyboard never opens, nothing offers to remember anyone, contacts are text and
// exports are mailed. With Playwright's fake clock: the countdown 30 s before the timeout, its
// "continue", and at the timeout the logout and the wipe (cookies, storage, IndexedDB, Cache
// Storage, history). Real taps only; the DOM is read, and written only to leave data behind
// that the wipe must remove. Screenshots in build/e2e-artifacts/screens (kiosk-*).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser } from './lib/harness.mjs';
import { activeElement, frames, item, items, maybeItem } from './lib/items.mjs';
import { tr } from './lib/i18n.mjs';
import { api, customer, finish, nav, open, PASSWORD, press, seen, shot } from './lib/journey.mjs';
import { outbox, startPortal } from './lib/portal.mjs';

const NOW = '2026-11-30T10:00:00+01:00';  // Elektro Ljubljana's window is open
const KIOSK = { width: 1280, height: 800, touch: true };
const ELJ = { metering_point: '3-345341', contract_number: 'E-100', energy: 'electricity', operator: 'ELJ' };
const t = (key, params) => tr('sl', key, params);

let server;
let browser;

before(async () => {
  server = await startPortal(NOW, { flags: ['--argon2-ops', '1', '--argon2-mem-kib', '8192'] });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

// [SECTION] Steps on the kiosk
// Taps the on-screen keyboard's key labelled `label` ('č', '@', 'Velika črka'), once it is drawn.
async function key(page, label) {
  const handle = await page.waitForFunction(
    (l) => window.portal.items.find((i) => i.id.startsWith('keyboard.') && i.label === l), label,
    { polling: 20, timeout: 5000 });
  const k = await handle.jsonValue();
  await frames(page, () => page.touchscreen.tap(k.rect.x + k.rect.w / 2, k.rect.y + k.rect.h / 2), 3);
}

// Types `text` on the on-screen keyboard into the field that has focus, capitals with shift and
// symbols from their page; waits until the field shows `want` (default: what was typed).
async function typeOnKeyboard(page, id, text, want = null) {
  const SYMBOLS = '!?#$%&*+=/():;\'"<>[]{}~^|\\€§°`';
  let symbols = false;
  for (const ch of text) {
    const onSymbols = SYMBOLS.includes(ch);
    if (onSymbols !== symbols) {
      await key(page, t(symbols ? 'kiosk.keyboard.letters' : 'kiosk.keyboard.symbols'));
      symbols = onSymbols;
    }
    if (ch === ' ') await key(page, t('kiosk.keyboard.space'));
    else if (!onSymbols && ch !== ch.toLowerCase()) {
      await key(page, t('kiosk.keyboard.shift'));
      await key(page, ch);
    } else await key(page, ch);
  }
  if (symbols) await key(page, t('kiosk.keyboard.letters'));
  return item(page, id, { value: want ?? text });
}

// Every control a finger may press on this screen is at least 56 x 56 CSS px (links: 56 tall);
// those cut by the page's edges (the screen's, the keyboard's top) are judged when in view.
async function checkTargets(page, where) {
  const all = await items(page);
  const kb = all.find((i) => i.id === 'keyboard');
  const bottom = kb ? kb.rect.y : page.viewportSize().height;
  const small = all.filter((i) =>
    ['button', 'link', 'textbox', 'checkbox', 'radio', 'switch', 'combobox', 'option', 'columnheader']
      .includes(i.role) &&
    i.rect.y > 0 && i.rect.y + i.rect.h < bottom - 1 &&
    (i.rect.h < 55.99 || (i.role === 'button' && i.rect.w < 55.99)));
  assert.deepEqual(small.map((i) => `${i.id} ${i.rect.w}x${i.rect.h}`), [], `${where}: targets under 56 CSS px`);
}

// Waits for a mail to `to` with the attachment `file` in the server's outbox.
async function mailedFile(to, file) {
  for (let i = 0; i < 200; ++i) {
    if (outbox(server, '.eml').some((m) => m.includes(`To: ${to}\r\n`) && m.includes(`filename="${file}"`))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`no mail to ${to} with ${file}`);
}

// The countdown's seconds, read from its text ("… logged out in 27 s, …").
async function secondsLeft(page) {
  const { label } = await item(page, 'kiosk.countdown.text');
  const [head, tail] = tr('en', 'kiosk.countdown.text').split('{seconds}');
  assert.ok(label.startsWith(head) && label.endsWith(tail), label);
  return Number(label.slice(head.length, label.length - tail.length));
}

async function loginCookie(email) {
  const r = await api(server, 'POST', '/auth/login', { email, password: PASSWORD, remember: false });
  assert.equal(r.status, 200);
  return r.headers.get('set-cookie').split(';')[0];
}

async function linked(email) {
  const cookie = await loginCookie(email);
  assert.equal((await api(server, 'POST', '/contracts', ELJ, cookie)).status, 201);
  await api(server, 'POST', '/auth/logout', undefined, cookie);
}

// [SECTION] A customer at the kiosk
test('kiosk: log in on the on-screen keyboard (č and @), a reading on the pad, exports mailed, Odjava wipes',
  async () => {
    const email = 'ana.novak@example.si';
    await customer(server, email, { name: 'Ana Novak' });
    await linked(email);
    const page = await open(browser, server, '/kiosk?timeout=300', KIOSK);
    const historyAtStart = await page.evaluate(() => history.length);
    page.on('download', (d) => page.problems.push('download: ' + d.suggestedFilename()));

    // The start screen: larger type, big targets, Slovenian.
    await seen(page, 'page.heading.0', { label: t('kiosk.welcome', { product: 'Moj GEN-I' }) });
    assert.equal((await item(page, 'kiosk.login')).label, t('kiosk.login'));
    await checkTargets(page, 'start');
    await shot(page, 'kiosk', 'start');
    // The empty start screen has nothing to count down: no timer, no frames.
    const idle = await page.evaluate(() => window.portal.frames);
    await page.waitForTimeout(1500);
    assert.equal(await page.evaluate(() => window.portal.frames), idle, 'frames drawn while idle');

    // The login: the device's keyboard stays shut, the app's opens; nothing to remember anyone by.
    await press(page, 'kiosk.login');
    await seen(page, 'login.email');
    assert.equal(await maybeItem(page, 'login.remember'), null, 'no "remember me" on a kiosk');
    await checkTargets(page, 'login');
    await press(page, 'login.email');
    assert.equal((await activeElement(page)).name, 'login.email');
    const dom = await page.evaluate(() => {
      const el = document.activeElement;
      return { inputmode: el.getAttribute('inputmode'), autocomplete: el.getAttribute('autocomplete'),
        form: !!el.closest('form'), fontSize: getComputedStyle(el).fontSize };
    });
    assert.deepEqual(dom, { inputmode: 'none', autocomplete: 'off', form: false, fontSize: '20px' });
    const keyboard = await item(page, 'keyboard', { label: t('kiosk.keyboard') });
    assert.equal(keyboard.role, 'group');
    assert.ok(keyboard.rect.y + keyboard.rect.h >= KIOSK.height - 1, 'at the bottom of the screen');
    for (const ch of ['č', 'š', 'ž', 'đ', 'ć', '@', '.', '-', '_', 'q', 'z', 'y', '1', '0'])
      assert.ok((await items(page)).some((i) => i.id.startsWith('keyboard.key.') && i.label === ch && i.role === 'button'),
        `a key labelled ${ch}`);
    const keys = (await items(page)).filter((i) => i.id.startsWith('keyboard.'));
    for (const k of keys.filter((i) => i.role === 'button'))
      assert.ok(k.rect.w >= 56 && k.rect.h >= 56, `${k.id} ${k.rect.w}x${k.rect.h}`);
    // The mirror has a button per key, labelled with its character.
    const mirror = await page.evaluate(() => [...document.querySelectorAll('#portal-layer button')]
      .filter((b) => b.pid.startsWith('keyboard.key.')).map((b) => b.getAttribute('aria-label')));
    assert.ok(mirror.includes('č') && mirror.includes('@'), mirror.join(' '));
    // The field is above the keyboard, not under it.
    const field = await item(page, 'login.email');
    assert.ok(field.rect.y + field.rect.h <= keyboard.rect.y, 'the focused field stays in view');

    // An e-mail with č and @, typed as it is (the DOM input holds it too); then erased key by key.
    await typeOnKeyboard(page, 'login.email', 'čebašek@example.si');
    assert.equal(await page.evaluate(() => document.activeElement.value), 'čebašek@example.si');
    await shot(page, 'kiosk', 'keyboard-login-email');
    for (let i = 0; i < 'čebašek@example.si'.length; ++i) await key(page, t('kiosk.keyboard.backspace'));
    await item(page, 'login.email', { value: '' });
    await typeOnKeyboard(page, 'login.email', email);
    await press(page, 'login.password');
    assert.equal((await activeElement(page)).name, 'login.password');
    await typeOnKeyboard(page, 'login.password', PASSWORD, '•'.repeat(PASSWORD.length));
    await key(page, t('kiosk.keyboard.enter'));
    const greeting = await seen(page, 'page.heading.0', { label: t('home.greeting', { name: 'Ana Novak' }) }, 10000);
    assert.ok(greeting);
    assert.equal(await maybeItem(page, 'keyboard'), null, 'the keyboard goes with the field');

    // A reading on the numeric pad.
    await nav(page, 'nav.submit_reading');
    await seen(page, 'submit.value.VT', {}, 8000);
    await press(page, 'submit.value.VT');
    await item(page, 'keyboard');
    const pad = (await items(page)).filter((i) => i.id.startsWith('keyboard.key.')).map((i) => i.label);
    assert.deepEqual([...pad].sort(), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('inputmode')), 'none');
    await typeOnKeyboard(page, 'submit.value.VT', '26900');
    await shot(page, 'kiosk', 'keyboard-reading-pad');
    await checkTargets(page, 'submit with the pad');
    await press(page, 'submit.value.MT');
    await typeOnKeyboard(page, 'submit.value.MT', '12450');
    await press(page, 'submit.send');
    await seen(page, 'submit.done', {}, 8000);

    // Exports go to the customer's e-mail; nothing is downloaded.
    await press(page, 'submit.to_readings');
    const xlsx = await seen(page, 'readings.export_xlsx', {}, 8000);
    assert.equal(xlsx.label, t('kiosk.mail_xlsx'));
    await checkTargets(page, 'readings');
    await press(page, 'readings.export_xlsx');
    await seen(page, 'banner.text', { label: t('kiosk.banner.mailed', { email }) }, 8000);
    await mailedFile(email, 'odcitki-3345341-2026-11-30.xlsx');

    // Help: the addresses and the number are text, not links that would leave the kiosk.
    await nav(page, 'nav.help');
    await seen(page, 'page.heading.0', { label: t('screen.help') });
    const help = await items(page);
    assert.ok(help.some((i) => i.role === 'definition' && /@/.test(i.label + i.value)), 'an address as text');
    assert.ok(!help.some((i) => i.role === 'link' && /^help\.(email|phone)/.test(i.id)), 'no mail or phone links');

    // Nothing was pushed into the tab's history: Back has nowhere to go inside the portal.
    assert.equal(await page.evaluate(() => history.length), historyAtStart);

    // Odjava: the start screen, nothing of hers left.
    await press(page, 'shell.logout');
    await seen(page, 'kiosk.login', {}, 8000);
    await seen(page, 'banner.text', { label: t('kiosk.banner.logged_out') });
    assert.equal(new URL(page.url()).pathname, '/kiosk');
    assert.ok(!(await page.context().cookies()).some((c) => c.name === 'portal_session'), 'the session cookie is gone');
    assert.ok(!JSON.stringify(await items(page)).includes('Ana Novak'));
    await finish(page);
  });

// [SECTION] The idle timeout, on a fake clock
test('kiosk: after 90 s the countdown with continue, at 120 s the logout and the wipe; Back shows nothing of hers',
  async () => {
    const email = 'marko.horvat@example.si';
    await customer(server, email, { name: 'Marko Horvat' });
    await linked(email);
    const session = await loginCookie(email);
    const [name, value] = session.split('=');
    const page = await open(browser, server, '/kiosk', { ...KIOSK, setup: async (p) => {
      await p.clock.install();
      await p.context().addCookies([{ name, value, url: server.url, httpOnly: true, sameSite: 'Strict' },
        { name: 'zadnji_obisk', value: 'danes', url: server.url }]);
    } });
    const historyAtStart = await page.evaluate(() => history.length);
    // Signed in (the cookie): /kiosk goes home. He looks at his readings in English.
    await seen(page, 'page.heading.0', { label: t('home.greeting', { name: 'Marko Horvat' }) }, 10000);
    await press(page, 'shell.language');
    await nav(page, 'nav.contracts');
    const lastTouch = await page.evaluate(() => performance.now());
    await seen(page, 'page.heading.0', { label: tr('en', 'screen.contracts') }, 8000);
    // What a page may leave behind besides the portal's own (the wipe must find it all).
    await page.evaluate(async () => {
      sessionStorage.setItem('osnutek', 'Marko');
      await new Promise((done) => { const r = indexedDB.open('predpomnilnik', 1); r.onsuccess = () => { r.result.close(); done(); }; });
      await (await caches.open('podatki')).put('/api/v1/me', new Response('{"name":"Marko Horvat"}'));
    });
    assert.equal(await page.evaluate(() => localStorage.getItem('portal.locale')), 'en');

    // 88 s without a touch: nothing; from 90 s the countdown, a second at a time. (The fake
    // clock also runs in real time: the steps since the last touch count.)
    const since = await page.evaluate((t) => performance.now() - t, lastTouch);
    await page.clock.fastForward(88_000 - since);
    await page.waitForTimeout(200);  // a frame would show it now (none is due: idle draws nothing)
    assert.equal(await maybeItem(page, 'kiosk.countdown'), null);
    await page.clock.fastForward(2_500);
    const countdown = await seen(page, 'kiosk.countdown', { label: tr('en', 'kiosk.countdown.title') });
    assert.equal(countdown.role, 'dialog');
    // The seconds left: 30 less the real time the steps since the last touch took.
    const seconds = await secondsLeft(page);
    assert.ok(seconds <= 30 && seconds >= 27, String(seconds));
    await shot(page, 'kiosk', 'countdown-en');
    await page.clock.fastForward(5_000);
    // 5 s later (or 6, when a second ended while the screenshot was taken).
    await page.waitForFunction((want) => window.portal.items.some((i) => i.id === 'kiosk.countdown.text' &&
      want.includes(i.label)), [5, 6].map((d) => tr('en', 'kiosk.countdown.text', { seconds: seconds - d })),
    { timeout: 5000 });
    await press(page, 'kiosk.countdown.confirm');  // Continue
    const continued = await page.evaluate(() => performance.now());
    await item(page, 'page.heading.0', { label: tr('en', 'screen.contracts') });
    assert.equal(await maybeItem(page, 'kiosk.countdown'), null);

    // Continued: the full time again, then the countdown and the timeout.
    await page.clock.fastForward(88_000 - await page.evaluate((t) => performance.now() - t, continued));
    await page.waitForTimeout(200);
    assert.equal(await maybeItem(page, 'kiosk.countdown'), null);
    await page.clock.fastForward(3_000);
    await seen(page, 'kiosk.countdown');
    await page.clock.fastForward(30_000);
    await page.waitForFunction(() => window.portal.wipes === 1, null, { timeout: 8000 });
    await seen(page, 'kiosk.login', { label: t('kiosk.login') }, 8000);  // Slovenian again
    await shot(page, 'kiosk', 'after-timeout');

    // The wipe: the server's session, cookies, storage, IndexedDB, Cache Storage, history.
    const remains = await page.evaluate(async () => ({
      path: location.pathname,
      history: history.length,
      local: Object.keys(localStorage),
      session: Object.keys(sessionStorage).sort(),
      databases: (await indexedDB.databases()).map((d) => d.name),
      caches: (await caches.keys()).filter((k) => !k.startsWith('portal-')),
      cookie: document.cookie,
    }));
    assert.deepEqual(remains, { path: '/kiosk', history: historyAtStart, local: [], session: ['portal.kiosk',
      'portal.kiosk.timeout'], databases: [], caches: [], cookie: '' });
    assert.deepEqual((await page.context().cookies()).map((c) => c.name), []);
    const me = await api(server, 'GET', '/auth/session', undefined, session);
    assert.equal(me.status, 200);
    assert.equal(me.body.user, null, 'the server ended the session');
    assert.ok(!JSON.stringify(await items(page)).includes('Marko'));

    // Back: out of the portal (the tab's only other entry), never into his pages; forward again
    // the kiosk's start screen, signed out.
    await page.goBack();
    assert.ok(!new URL(page.url()).pathname.startsWith('/contracts'), page.url());
    await page.goForward();
    await page.waitForFunction(() => window.portal && window.portal.ready, null, { timeout: 10000 });
    await seen(page, 'kiosk.login', {}, 8000);
    assert.ok(!JSON.stringify(await items(page)).includes('Marko'));
    await finish(page);
  });
