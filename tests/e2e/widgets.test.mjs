// The widgets on the developer gallery (/dev/gallery), driven like a person would: real mouse,
// keyboard and touch input in headless Chromium, targets found through window.portal.items.
// Text goes into the real DOM inputs the bridge keeps over the canvas fields, so Slovenian
// letters typed, pasted or composed (IME) arrive exactly.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { PNG } from 'pngjs';
import { ROOT, artifact, launchBrowser, openPage, startServer, waitReady } from './lib/harness.mjs';
import { activeElement, centre, click, frames, item, items, maybeItem, reveal, tap } from './lib/items.mjs';

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function gallery(options = {}) {
  const page = await openPage(browser, options);
  await page.goto(server.url + '/dev/gallery');
  await waitReady(page);
  await item(page, 'gallery.login.email');
  return page;
}

async function done(page) {
  assert.deepEqual(page.problems, [], 'console or page errors');
  await page.context().close();
}

// Clicks a text field and types into it; the focused DOM input must be that field's.
async function typeInto(page, id, text) {
  await click(page, id);
  assert.equal((await activeElement(page)).name, id, 'the click focused the field\'s DOM input');
  await page.keyboard.type(text);
  return item(page, id, { value: text });
}

test('Slovenian names and streets typed with the keyboard arrive exactly', async () => {
  const page = await gallery();
  const name = await typeInto(page, 'gallery.name', 'Žiga Čebašek');
  assert.equal(name.value, 'Žiga Čebašek');
  assert.equal(name.state.focused, true);
  const street = await typeInto(page, 'gallery.street', 'Šmartinska cesta 5');
  assert.equal(street.value, 'Šmartinska cesta 5');
  // The canvas keeps both after the focus moved on, and the DOM inputs hold the same text.
  assert.equal((await item(page, 'gallery.name')).value, 'Žiga Čebašek');
  const dom = await page.evaluate(() => [...document.querySelectorAll('input')].map((i) => [i.name, i.value]));
  assert.deepEqual(dom.filter(([n]) => n === 'gallery.name' || n === 'gallery.street'),
    [['gallery.name', 'Žiga Čebašek'], ['gallery.street', 'Šmartinska cesta 5']]);
  await page.screenshot({ path: artifact('widgets-typed-1280x800.png') });
  await done(page);
});

test('pasting from the clipboard and composing with an IME', async () => {
  const page = await gallery();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await page.evaluate(() => navigator.clipboard.writeText('Cesta v Mestni log 1, Črnuče'));
  await click(page, 'gallery.street');
  await page.keyboard.press('Control+V');
  assert.equal((await item(page, 'gallery.street', { value: 'Cesta v Mestni log 1, Črnuče' })).value,
    'Cesta v Mestni log 1, Črnuče');

  // An IME: the composition shows while it runs and the committed text stays.
  await click(page, 'gallery.name');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'č', selectionStart: 1, selectionEnd: 1 });
  await item(page, 'gallery.name', { value: 'č' });
  await cdp.send('Input.insertText', { text: 'Čebašek' });
  assert.equal((await item(page, 'gallery.name', { value: 'Čebašek' })).value, 'Čebašek');
  await done(page);
});

test('Backspace, caret keys and the client clearing the fields', async () => {
  const page = await gallery();
  await typeInto(page, 'gallery.phone', '041 123 456');
  await page.keyboard.press('Backspace');
  await item(page, 'gallery.phone', { value: '041 123 45' });
  for (let i = 0; i < 6; ++i) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Backspace');  // the caret is before "123": the space goes
  const phone = await item(page, 'gallery.phone', { value: '041123 45' });
  assert.equal(phone.value, '041123 45');
  await typeInto(page, 'gallery.name', 'Ana Novak');
  // "Počisti" clears the values on the client's side: the DOM inputs follow.
  await click(page, 'gallery.address.clear');
  await item(page, 'gallery.name', { value: '' });
  await item(page, 'gallery.phone', { value: '' });
  const dom = await page.evaluate(() => [document.querySelector('input[name="gallery.name"]').value,
    document.querySelector('input[name="gallery.phone"]').value]);
  assert.deepEqual(dom, ['', '']);
  await done(page);
});

test('Enter submits the login form; the password shows as bullets only', async () => {
  const page = await gallery();
  await typeInto(page, 'gallery.login.email', 'ziga.cebasek@example.si');
  await page.keyboard.press('Tab');
  assert.equal((await activeElement(page)).name, 'gallery.login.password');
  await page.keyboard.type('Šifra-čšž-123');
  const pw = await item(page, 'gallery.login.password', { value: '•'.repeat(13) });
  assert.equal(pw.value, '•••••••••••••');
  assert.ok(!JSON.stringify(await items(page)).includes('Šifra'), 'the password is not in the items');
  await page.keyboard.press('Enter');
  const doneMsg = await item(page, 'gallery.login.done');
  assert.equal(doneMsg.role, 'status');
  assert.match(doneMsg.label, /ziga\.cebasek@example\.si/);
  await done(page);
});

test('DOM inputs: input modes, autocomplete and real forms for password managers', async () => {
  const page = await gallery();
  await reveal(page, 'gallery.new_password');
  const attrs = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#portal-layer input')].map(
    (i) => [i.name, { type: i.type, inputmode: i.getAttribute('inputmode'), pattern: i.getAttribute('pattern'),
      autocomplete: i.getAttribute('autocomplete'), form: i.form ? i.form.id : null, maxlength: i.maxLength }])));
  assert.deepEqual(attrs['gallery.postal'], { type: 'text', inputmode: 'numeric', pattern: '[0-9]*',
    autocomplete: 'postal-code', form: 'form-gallery.register', maxlength: 4 });
  assert.equal(attrs['gallery.login.email'].autocomplete, 'username');
  assert.equal(attrs['gallery.login.email'].inputmode, 'email');
  assert.equal(attrs['gallery.login.email'].form, 'form-gallery.login');
  assert.deepEqual([attrs['gallery.login.password'].type, attrs['gallery.login.password'].autocomplete,
    attrs['gallery.login.password'].form], ['password', 'current-password', 'form-gallery.login']);
  assert.deepEqual([attrs['gallery.new_password'].type, attrs['gallery.new_password'].autocomplete,
    attrs['gallery.new_password'].form], ['password', 'new-password', 'form-gallery.register']);
  assert.equal(attrs['gallery.phone'].type, 'tel');
  // Inputs sit exactly over their fields; proxies never take the pointer.
  const email = await item(page, 'gallery.login.email');
  const box = await page.evaluate(() => {
    const r = document.querySelector('input[name="gallery.login.email"]').getBoundingClientRect();
    return { x: r.x, y: r.y, w: r.width, h: r.height };
  });
  for (const k of ['x', 'y', 'w', 'h']) assert.ok(Math.abs(box[k] - email.rect[k]) < 1, k);
  const proxies = await page.evaluate(() => [...document.querySelectorAll('.portal-proxy')]
    .map((b) => getComputedStyle(b).pointerEvents));
  assert.ok(proxies.length > 10 && proxies.every((p) => p === 'none'));
  await done(page);
});

test('checkbox, radio, select and switch change state', async () => {
  const page = await gallery();
  await click(page, 'gallery.terms');
  await item(page, 'gallery.terms', { state: { checked: true, invalid: false } });
  await click(page, 'gallery.energy.1');
  await item(page, 'gallery.energy.1', { state: { checked: true } });
  assert.equal((await item(page, 'gallery.energy.0')).state.checked, false);
  await click(page, 'gallery.country');
  await item(page, 'gallery.country', { state: { expanded: true } });
  const option = await item(page, 'gallery.country.option.1');
  assert.equal(option.role, 'option');
  await page.screenshot({ path: artifact('widgets-select-open-1280x800.png') });
  await page.mouse.click(...centre(option));
  const country = await item(page, 'gallery.country', { value: 'Hrvaška' });
  assert.equal(country.state.expanded, false);
  assert.equal(await maybeItem(page, 'gallery.country.option.1'), null);
  await click(page, 'gallery.reminders.email');
  await item(page, 'gallery.reminders.email', { state: { checked: false } });
  // A disabled switch does not change.
  await click(page, 'gallery.reminders.sms');
  assert.equal((await item(page, 'gallery.reminders.sms')).state.checked, false);
  assert.match((await items(page)).find((i) => i.role === 'definition').value, /Zemeljski plin, Hrvaška/);
  await done(page);
});

test('the focus ring follows Tab; Space and Enter work on canvas widgets', async () => {
  const page = await gallery();
  // From the start of the page, Tab goes to the first thing drawn that takes focus.
  await page.keyboard.press('Tab');
  await item(page, 'gallery.nav.forms', { state: { focused: true } });
  await click(page, 'gallery.login.email');
  await page.keyboard.press('Tab');
  await item(page, 'gallery.login.password', { state: { focused: true } });
  assert.equal((await item(page, 'gallery.login.email')).state.focused, false);
  await page.keyboard.press('Tab');
  const remember = await item(page, 'gallery.login.remember', { state: { focused: true } });
  await page.waitForTimeout(100);
  // The ring is drawn in the primary colour just outside the checkbox.
  const shot = PNG.sync.read(await page.screenshot());
  assert.ok(ringPixels(shot, remember.rect) > 20, 'no focus ring around the focused checkbox');
  await page.keyboard.press('Space');
  await item(page, 'gallery.login.remember', { state: { checked: true, focused: true } });
  await page.keyboard.press('Tab');
  await item(page, 'gallery.login.submit', { state: { focused: true } });
  await page.keyboard.press('Shift+Tab');
  await item(page, 'gallery.login.remember', { state: { focused: true } });
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');  // the empty form: required errors under both fields
  await item(page, 'gallery.login.email', { state: { invalid: true } });
  await page.screenshot({ path: artifact('widgets-focus-1280x800.png') });
  // Tab on into the next card, past the bottom of the window: the page scrolls to show it.
  await page.keyboard.press('Tab');
  await item(page, 'gallery.login.forgot', { state: { focused: true } });
  await page.keyboard.press('Tab');
  const name = await item(page, 'gallery.name', { state: { focused: true } });
  await page.waitForFunction(() => {
    const it = window.portal.items.find((i) => i.id === 'gallery.name');
    return it && it.rect.y + it.rect.h <= window.innerHeight - 8;
  }, null, { timeout: 5000 });
  assert.ok(name, 'the focused field is drawn');
  assert.equal(await page.evaluate(() => document.scrollingElement.scrollTop + document.getElementById('portal-layer').scrollTop), 0,
    'the document itself never scrolls');
  const field = await item(page, 'gallery.name');
  const input = await page.evaluate(() => document.querySelector('input[name="gallery.name"]').getBoundingClientRect().y);
  assert.ok(Math.abs(input - field.rect.y) < 1, 'the DOM input moved with the field');
  // A click on the canvas outside any field leaves the field (and its DOM input).
  await click(page, 'gallery.login.email');
  await page.mouse.click(20, 600);
  await item(page, 'gallery.login.email', { state: { focused: false } });
  assert.notEqual((await activeElement(page)).name, 'gallery.login.email');
  await done(page);
});

// Pixels of the primary colour (#00549F) in a 6 px band around a rectangle.
function ringPixels(png, r) {
  let n = 0;
  for (let y = Math.floor(r.y - 6); y <= r.y + r.h + 6; ++y) {
    for (let x = Math.floor(r.x - 6); x <= r.x + r.w + 6; ++x) {
      const inside = x > r.x + 1 && x < r.x + r.w - 1 && y > r.y + 1 && y < r.y + r.h - 1;
      if (inside || x < 0 || y < 0 || x >= png.width || y >= png.height) continue;
      const i = (y * png.width + x) * 4;
      if (Math.abs(png.data[i] - 0x00) < 40 && Math.abs(png.data[i + 1] - 0x54) < 40 && Math.abs(png.data[i + 2] - 0x9f) < 40) ++n;
    }
  }
  return n;
}

async function column(page, table, c) {
  const all = await items(page);
  return all.filter((i) => i.role === 'cell' && i.id.startsWith(table + '.row.') && i.id.endsWith('.' + c))
    .sort((a, b) => a.row - b.row).map((i) => i.value);
}

test('the table sorts by a header click', async () => {
  const page = await gallery();
  await reveal(page, 'gallery.table.row.4');
  assert.deepEqual(await column(page, 'gallery.table', 0),
    ['28. 11. 2026', '30. 10. 2026', '29. 9. 2026', '31. 8. 2026', '30. 7. 2026']);
  await click(page, 'gallery.table.col.0');
  await item(page, 'gallery.table.col.0', { value: 'ascending' });
  assert.deepEqual(await column(page, 'gallery.table', 0),
    ['30. 7. 2026', '31. 8. 2026', '29. 9. 2026', '30. 10. 2026', '28. 11. 2026']);
  await click(page, 'gallery.table.col.1');
  await item(page, 'gallery.table.col.1', { value: 'ascending' });
  assert.equal((await item(page, 'gallery.table.col.0')).value, '');
  await click(page, 'gallery.table.col.1');
  await item(page, 'gallery.table.col.1', { value: 'descending' });
  assert.deepEqual(await column(page, 'gallery.table', 1),
    ['12 345 kWh', '12 101 kWh', '11 874 kWh', '11 652 kWh', '11 430 kWh'].map((s) => s.replace(' ', '\u00a0')));
  await page.screenshot({ path: artifact('widgets-table-1280x800.png') });
  await done(page);
});

test('a confirmation dialog: Escape cancels, the action confirms, focus comes back', async () => {
  const page = await gallery();
  await click(page, 'gallery.table.row.0.delete');
  const dialog = await item(page, 'gallery.confirm');
  assert.equal(dialog.role, 'dialog');
  assert.equal(dialog.label, 'Izbrišem odčitek?');
  // Focus moves to the safe choice; the page under the dialog is inert.
  await item(page, 'gallery.confirm.cancel', { state: { focused: true } });
  assert.ok(await page.evaluate(() => document.querySelector('input[name="gallery.name"]').inert));
  await page.screenshot({ path: artifact('widgets-dialog-1280x800.png') });
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !window.portal.items.some((i) => i.id === 'gallery.confirm'));
  await item(page, 'gallery.table.row.0.delete', { state: { focused: true } });
  assert.equal((await items(page)).filter((i) => i.role === 'row').length, 5);
  await click(page, 'gallery.table.row.0.delete');
  await click(page, 'gallery.confirm.confirm');
  await page.waitForFunction(() => !window.portal.items.some((i) => i.id === 'gallery.confirm'));
  await reveal(page, 'gallery.table.row.3');
  assert.equal((await items(page)).filter((i) => i.role === 'row').length, 4);
  assert.equal((await column(page, 'gallery.table', 0))[0], '30. 10. 2026');
  assert.equal(await page.evaluate(() => document.querySelector('input[name="gallery.name"]').inert), false);
  await done(page);
});

test('the select works from the keyboard', async () => {
  const page = await gallery();
  await reveal(page, 'gallery.country');
  await click(page, 'gallery.energy.0');
  await page.keyboard.press('Tab');  // from the radio to the next radio, then the select
  await page.keyboard.press('Tab');
  await item(page, 'gallery.country', { state: { focused: true } });
  await page.keyboard.press('ArrowDown');
  await item(page, 'gallery.country', { value: 'Hrvaška' });
  await page.keyboard.press('Enter');
  await item(page, 'gallery.country', { state: { expanded: true } });
  await item(page, 'gallery.country.option.1', { state: { focused: true } });
  await page.keyboard.press('ArrowDown');
  await item(page, 'gallery.country.option.2', { state: { focused: true } });
  await page.keyboard.press('Enter');
  await item(page, 'gallery.country', { value: 'Avstrija', state: { expanded: false, focused: true } });
  await done(page);
});

// Scrolls down to the end of the gallery (its last table row); returns the ids ever reported
// as cut off at the sides on the way.
async function scrollThrough(page, shots = null) {
  const { width, height } = page.viewportSize();
  let overflow = [];
  for (let i = 0; i < 30; ++i) {
    overflow = overflow.concat(await page.evaluate(() => window.portal.overflow));
    if (shots) await page.screenshot({ path: artifact(`${shots}-${i}.png`) });
    if (await maybeItem(page, 'gallery.table.row.4')) break;
    await page.mouse.move(width / 2, height / 2);
    await frames(page, () => page.mouse.wheel(0, height - 120));
  }
  return overflow;
}

test('phones: a menu, stacked table rows, nothing cut off sideways', async () => {
  const page = await gallery({ width: 390, height: 844, deviceScaleFactor: 3 });
  await page.screenshot({ path: artifact('widgets-390x844.png') });
  // The navigation is a menu.
  assert.equal(await maybeItem(page, 'gallery.nav.table'), null);
  await click(page, 'gallery.nav.menu');
  await item(page, 'gallery.nav.menu', { state: { expanded: true } });
  await page.screenshot({ path: artifact('widgets-menu-390x844.png') });
  await click(page, 'gallery.nav.table');
  await item(page, 'gallery.nav.menu', { state: { expanded: false } });
  assert.equal(await maybeItem(page, 'gallery.nav.table'), null, 'the menu closed after a choice');

  // Screenshots of each screenful on the way (build/e2e-artifacts/widgets-gallery-390x844-N.png).
  assert.deepEqual(await scrollThrough(page, 'widgets-gallery-390x844'), [], 'cut off at 390 px');
  const row = await reveal(page, 'gallery.table.row.0');
  const cells = (await items(page)).filter((i) => i.role === 'cell' && i.row === 0);
  assert.equal(cells.length, 3);
  for (let c = 1; c < cells.length; ++c) {
    assert.equal(cells[c].rect.x, cells[0].rect.x, 'stacked cells start at the same x');
    assert.ok(cells[c].rect.y > cells[c - 1].rect.y, 'each cell under the previous one');
  }
  assert.ok(row.rect.w > 390 - 80, 'a row is a card across the width');
  assert.equal(cells[0].label, 'Datum');
  await page.screenshot({ path: artifact('widgets-table-390x844.png') });
  // Sorting from the "sort by" line.
  await click(page, 'gallery.table.col.1');
  await item(page, 'gallery.table.col.1', { value: 'ascending' });
  await done(page);

  const narrow = await gallery({ width: 360, height: 640, deviceScaleFactor: 2 });
  assert.deepEqual(await scrollThrough(narrow), [], 'cut off at 360 px');
  await done(narrow);
});

test('touch: a tap clicks, a drag scrolls the page, a tap on a field focuses it', async () => {
  const page = await gallery({ width: 390, height: 844, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
  await tap(page, 'gallery.login.remember');
  await item(page, 'gallery.login.remember', { state: { checked: true } });
  await tap(page, 'gallery.login.email');
  assert.equal((await activeElement(page)).name, 'gallery.login.email');
  await page.keyboard.type('Žiga');
  await item(page, 'gallery.login.email', { value: 'Žiga' });
  // Drag up with a finger: the page scrolls by about the distance dragged.
  const before = (await item(page, 'gallery.login.remember')).rect.y;
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, y) => cdp.send('Input.dispatchTouchEvent',
    { type, touchPoints: type === 'touchEnd' ? [] : [{ x: 200, y, id: 1 }] });
  await touch('touchStart', 700);
  for (let y = 680; y >= 400; y -= 20) await touch('touchMove', y);
  await page.waitForTimeout(120);  // the finger stops before it lifts: no fling
  await frames(page, () => touch('touchEnd', 400), 3);
  const afterDrag = (await item(page, 'gallery.login.remember')).rect.y;
  assert.ok(Math.abs(before - afterDrag - 300) < 30, `scrolled ${before - afterDrag} px for a 300 px drag`);
  // The drag was not a tap: the checkbox kept its state, and nothing else was clicked.
  assert.equal((await item(page, 'gallery.login.remember')).state.checked, true);
  await done(page);
});

test('idle: no frames unless a field has focus (then only the caret blinks)', async () => {
  const page = await gallery();
  await page.waitForTimeout(500);
  const count = () => page.evaluate(() => window.portal.frames);
  let n = await count();
  await page.waitForTimeout(2000);
  assert.equal(await count(), n, 'frames while idle');
  await click(page, 'gallery.login.email');
  await page.mouse.move(5, 790);
  await page.waitForTimeout(300);
  n = await count();
  await page.waitForTimeout(2000);
  const blinks = (await count()) - n;
  assert.ok(blinks >= 2 && blinks <= 8, `${blinks} frames in 2 s with a focused field`);
  await page.mouse.click(20, 700);
  await page.waitForTimeout(300);
  n = await count();
  await page.waitForTimeout(2000);
  assert.equal(await count(), n, 'frames after the field lost focus');
  await done(page);
});

test('loading states animate only while shown; English replaces every text', async () => {
  const page = await gallery();
  await click(page, 'gallery.loading');
  await item(page, 'gallery.button.busy', { state: { busy: true } });
  assert.equal((await reveal(page, 'gallery.spinner')).role, 'status');
  const count = () => page.evaluate(() => window.portal.frames);
  let n = await count();
  await page.waitForTimeout(1000);
  assert.ok((await count()) - n > 10, 'the spinner turns');
  await reveal(page, 'gallery.button.busy');
  await page.screenshot({ path: artifact('widgets-busy-1280x800.png') });
  await click(page, 'gallery.button.busy');  // busy: not clickable
  assert.equal(await maybeItem(page, 'gallery.buttons.result'), null);
  await click(page, 'gallery.loading');
  await item(page, 'gallery.button.busy', { state: { busy: false } });
  await page.waitForTimeout(300);
  n = await count();
  await page.waitForTimeout(1000);
  assert.equal(await count(), n, 'frames after the spinner went');

  await click(page, 'gallery.language');
  await item(page, 'gallery.heading.0', { label: 'Widget gallery' });
  for (let i = 0; i < 30 && !(await maybeItem(page, 'gallery.table.row.4')); ++i) {
    const untranslated = (await items(page)).filter((i) => /^(gallery|widgets|error|app)\./.test(i.label + i.value));
    assert.deepEqual(untranslated, [], 'a catalog key shown instead of its text');
    await page.mouse.move(640, 400);
    await frames(page, () => page.mouse.wheel(0, 600));
  }
  await done(page);
});

test('the palette meets WCAG AA contrast', () => {
  const colours = JSON.parse(readFileSync(join(ROOT, 'assets', 'branding.json'), 'utf8')).colors;
  const lum = (hex) => {
    const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  // Defaults in theme.h for what branding.json does not set.
  const c = { field_border: '#75818F', disabled_bg: '#E9EDF1', disabled_text: '#5E6A78', primary_tint: '#E6EEF6',
    error_tint: '#FBEAE9', success_tint: '#E7F2EA', warning_tint: '#FCF1DF', selection: '#BFD4E8', ...colours };
  const text = [['text', 'surface'], ['text', 'background'], ['text_muted', 'surface'], ['text_muted', 'background'],
    ['on_primary', 'primary'], ['on_primary', 'primary_hover'], ['primary', 'surface'], ['primary', 'background'],
    ['primary', 'primary_tint'], ['error', 'surface'], ['error', 'error_tint'], ['success', 'surface'],
    ['warning', 'surface'], ['text', 'primary_tint'], ['text', 'error_tint'], ['text', 'success_tint'],
    ['text', 'warning_tint'], ['text', 'selection'], ['disabled_text', 'disabled_bg'], ['surface', 'error']];
  for (const [fg, bg] of text) assert.ok(ratio(c[fg], c[bg]) >= 4.5, `${fg} on ${bg}: ${ratio(c[fg], c[bg]).toFixed(2)}`);
  assert.ok(ratio(c.field_border, c.surface) >= 3, 'field borders (non-text contrast)');
});
