// The steps of a customer's journey through the canvas, shared by the e2e suites: API calls
// to set a customer up, a page per context, scrolling an item into view, clicks and taps,
// typing into the DOM input over a field, choosing in a select, the navigation, the banner,
// screenshots (build/e2e-artifacts/screens) and the end of a page (no console errors).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { artifact, waitReady } from './harness.mjs';
import { activeElement, frames, item, items, maybeItem, settled } from './items.mjs';
import { mailedLink, smsCode } from './portal.mjs';
import { frameProblems, recordFrames } from './frame_schema.mjs';

export const PASSWORD = 'Zelo-Varno-Geslo-42';
export const SCREENS = artifact('screens');
mkdirSync(SCREENS, { recursive: true });

export async function api(server, method, path, body, cookie) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (cookie) headers.Cookie = cookie;
  const r = await fetch(server.url + '/api/v1' + path,
    { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null, headers: r.headers };
}

// Registers and activates a customer from the mailed link; optionally confirms the phone by the
// SMS code in the outbox (the SMS reminder needs it).
export async function customer(server, email, { name, confirmPhone = false } = {}) {
  const r = await api(server, 'POST', '/auth/register', { email, password: PASSWORD, password_repeat: PASSWORD,
    name, gender: 'male', phone: '041 123 456', terms_accepted: true, locale: 'sl' });
  assert.equal(r.status, 202);
  const token = new URL(await mailedLink(server, email, '/activate?token=')).searchParams.get('token');
  assert.equal((await api(server, 'POST', '/auth/activate', { token })).status, 200);
  if (!confirmPhone) return;
  const login = await api(server, 'POST', '/auth/login', { email, password: PASSWORD, remember: false });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  assert.equal((await api(server, 'POST', '/me/phone/verify', undefined, cookie)).status, 202);
  const code = await smsCode(server);
  assert.equal((await api(server, 'POST', '/me/phone/confirm', { code }, cookie)).status, 200);
}

// view: {width, height, dpr, touch, setup}; setup(page) runs before the page loads (page.clock).
export async function open(browser, server, path, view) {
  const context = await browser.newContext({ viewport: { width: view.width, height: view.height },
    deviceScaleFactor: view.dpr || 1, hasTouch: !!view.touch, isMobile: !!view.touch, acceptDownloads: true });
  await recordFrames(context);  // every frame drawn is checked against the bridge's schema
  const page = await context.newPage();
  page.checksFrames = true;
  page.touch = !!view.touch;
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push('pageerror: ' + e.message));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // The API's expected answers (404 contract.not_found, 409 reading.unusual, 422 outside the
    // window) are logged by Chromium as failed loads; they are not errors of the page.
    const url = m.location()?.url || '';
    if (/status of 4\d\d/.test(m.text()) && url.includes('/api/v1/')) return;
    page.problems.push('console error: ' + m.text() + ' ' + url);
  });
  if (view.setup) await view.setup(page);
  await page.goto(server.url + path);
  await waitReady(page);
  return page;
}

// Scrolls (mouse wheel, big steps) until the item is drawn fully inside the viewport; returns it.
// Long pages on a loaded 2-core machine make every frame count: no fixed waits.
export async function show(page, id, margin = 16) {
  const { width, height } = page.viewportSize();
  let dir = 1;
  let flips = 0;
  let last = null;
  for (let i = 0; i < 40; ++i) {
    const it = await maybeItem(page, id);
    if (it && it.rect.y >= margin && it.rect.y + it.rect.h <= height - margin) return it;
    let step = Math.round(height * 0.75);
    if (it) {
      dir = it.rect.y < margin ? -1 : 1;
      step = Math.min(step, Math.abs(it.rect.y < margin ? it.rect.y - margin * 2
        : it.rect.y + Math.min(it.rect.h, height / 2) - height + margin * 2) + 8);
    } else {
      const sig = await page.evaluate(() => window.portal.items.slice(-2).map((x) => x.id + ':' + x.rect.y).join());
      if (sig === last) {  // an end of the page without it: the other way
        dir = -dir;
        if (++flips > 2) break;
      }
      last = sig;
    }
    await page.mouse.move(width / 2, height / 2);
    await frames(page, () => page.mouse.wheel(0, dir * step));
  }
  throw new Error('could not scroll ' + id + ' into view');
}

// The item in view where it stays: scrolled to, the frames after the last input settled.
export async function aim(page, id) {
  await show(page, id);
  await settled(page);  // the frames after the last input may still move it
  return show(page, id);
}

// A click with the mouse, or a tap with a finger on touch pages.
export async function press(page, id) {
  const it = await aim(page, id);
  const x = it.rect.x + it.rect.w / 2, y = it.rect.y + it.rect.h / 2;
  await frames(page, () => (page.touch ? page.touchscreen.tap(x, y) : page.mouse.click(x, y)), page.touch ? 3 : 2);
  return it;
}

export async function typeInto(page, id, text, { replace = false } = {}) {
  await press(page, id);
  assert.equal((await activeElement(page)).name, id, `${id}: its DOM input has the focus`);
  if (replace) {
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
  }
  await page.keyboard.type(text);
  return item(page, id, { value: id.endsWith('password') ? '•'.repeat(text.length) : text });
}

export async function choose(page, select, option) {
  await press(page, select);
  await item(page, select, { state: { expanded: true } });
  await press(page, `${select}.option.${option}`);
  return item(page, select, { state: { expanded: false } });
}

// The navigation: a bar on wide screens, a menu on phones.
export async function nav(page, id) {
  if (page.viewportSize().width < 600) {
    await show(page, 'nav.menu');
    await press(page, 'nav.menu');
  }
  await press(page, id);
}

// Waits for an item anywhere on the page (scrolled into view) that matches `want`.
export async function seen(page, id, want = null, timeout = 8000) {
  let it = await maybeItem(page, id);
  if (!it) it = await item(page, id, null, 250).catch(() => null);  // about to be drawn?
  if (!it) {  // a page still starting (the session not yet answered) has nothing to scroll to
    await page.waitForFunction(() => !window.portal.items.some((i) => i.id === 'loading.spinner'), undefined,
      { timeout, polling: 50 });
    it = await maybeItem(page, id);
  }
  const { height } = page.viewportSize();
  if (!it || it.rect.y < 16 || it.rect.y + it.rect.h > height - 16) await show(page, id);
  return item(page, id, want, timeout);
}

// The shell's banner over the page (scrolled into view) says `text`.
export async function banner(page, text) {
  return seen(page, 'banner.text', { label: text });
}

// Every item the screen publishes, scrolled top to bottom: the ids cut off at the sides.
export async function overflowWhileScrolling(page) {
  const { width, height } = page.viewportSize();
  await page.mouse.move(width / 2, height / 2);
  await frames(page, () => page.mouse.wheel(0, -100000));
  let cut = [];
  let last = '';
  for (let i = 0; i < 40; ++i) {
    cut = cut.concat(await page.evaluate(() => window.portal.overflow));
    const sig = JSON.stringify((await items(page)).slice(-3).map((x) => [x.id, x.rect.y]));
    if (sig === last) break;
    last = sig;
    await frames(page, () => page.mouse.wheel(0, height * 0.85));
  }
  return [...new Set(cut)];
}

export async function shot(page, prefix, name) {
  const { width, height } = page.viewportSize();
  await page.waitForTimeout(60);  // the last frame is on the canvas
  await page.screenshot({ path: join(SCREENS, `${prefix}-${name}-${width}x${height}.png`) });
}

export async function finish(page) {
  assert.deepEqual(page.problems, [], 'console or page errors');
  if (page.checksFrames) await framesFitSchema(page);
  await page.context().close();
}

// Every frame the page drew had only keys (and kinds of values) that shell/bridge.js's schema names.
export async function framesFitSchema(page) {
  const check = await frameProblems(page);
  assert.ok(check && check.frames > 0, 'the page checked its frames');
  assert.deepEqual(check.problems, [], 'frames outside the schema of shell/bridge.js');
}

export function labels(list) {
  return list.map((i) => i.label).join('\n');
}
