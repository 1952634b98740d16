// The account screens (the manual's sections 1-4) end to end: a customer registers, activates
// the account from the mailed link, logs in, changes the password, logs out, resets a forgotten
// password and logs in with the new one; every error a customer can hit on these screens is
// shown with its message, in Slovenian and in English, on a desktop and on a phone. Real mouse,
// keyboard and touch input in headless Chromium; targets found through window.portal.items;
// mailed links and SMS codes read from the server's outbox. One server and one browser for all.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { artifact, launchBrowser, waitReady } from './lib/harness.mjs';
import { activeElement, centre, click, frames, item, items, maybeItem, reveal, tap } from './lib/items.mjs';
import { tr } from './lib/i18n.mjs';
import { mailedLink, pathOf, smsCode, startPortal } from './lib/portal.mjs';

const NOW = '2026-11-30T10:00:00+01:00';  // Elektro Ljubljana's window is open: reminders go out
const PASSWORD = 'Zelo-Varno-Geslo-42';
const SCREENS = artifact('screens');
mkdirSync(SCREENS, { recursive: true });

let server;
let browser;
let reminderCustomer;  // an account with an e-mail reminder, for the unsubscribe page

// [SECTION] The server and the browser
before(async () => {
  const limits = join(mkdtempSync(join(tmpdir(), 'portal-limits-')), 'rate-limits.json');
  // Every journey comes from 127.0.0.1: the per-address limits are raised; the per-e-mail
  // login throttle (10 failures in 15 minutes) stays as it is.
  writeFileSync(limits, JSON.stringify({
    register_per_address: { count: 1000, window_s: 3600 },
    login_per_address: { count: 1000, window_s: 3600 },
    forgot_per_address: { count: 1000, window_s: 3600 },
  }));
  server = await startPortal(NOW, { flags: ['--argon2-ops', '1', '--argon2-mem-kib', '8192', '--rate-limits', limits] });
  browser = await launchBrowser();
  // The reminder job runs every minute: subscribe now, unsubscribe in the last test.
  reminderCustomer = await customerViaApi('opomnik@example.si');
  const cookie = await loginViaApi('opomnik@example.si');
  const linked = await api('POST', '/contracts', { metering_point: '3-345341', contract_number: 'E-100',
    energy: 'electricity', operator: 'ELJ' }, cookie);
  assert.equal(linked.status, 201);
  const mp = linked.body.contract.metering_point.id;
  assert.equal((await api('PUT', `/metering-points/${mp}/reminders`, { email: true, sms: false }, cookie)).status, 200);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function api(method, path, body, cookie) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (cookie) headers.Cookie = cookie;
  const r = await fetch(server.url + '/api/v1' + path,
    { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null, headers: r.headers };
}

// Registers and activates an account without the browser (for journeys that start later on).
async function customerViaApi(email, extra = {}) {
  const r = await api('POST', '/auth/register', { email, password: PASSWORD, password_repeat: PASSWORD,
    gender: 'female', terms_accepted: true, locale: 'sl', ...extra });
  assert.equal(r.status, 202);
  const token = new URL(await mailedLink(server, email, '/activate?token=')).searchParams.get('token');
  assert.equal((await api('POST', '/auth/activate', { token })).status, 200);
  return email;
}

async function loginViaApi(email, password = PASSWORD) {
  const r = await api('POST', '/auth/login', { email, password, remember: false });
  assert.equal(r.status, 200);
  return r.headers.get('set-cookie').split(';')[0];
}


// [SECTION] Pages
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844, deviceScaleFactor: 1, hasTouch: true, isMobile: true };

// A page that records console and page errors. The API's expected 4xx answers (a wrong
// password is a 401) are logged by Chromium as failed loads; those are not errors of the page.
async function open(path, options = DESKTOP, { locale = null, allowNetworkErrors = false } = {}) {
  const context = await browser.newContext({ viewport: { width: options.width, height: options.height },
    deviceScaleFactor: options.deviceScaleFactor || 1, hasTouch: !!options.hasTouch, isMobile: !!options.isMobile });
  if (locale) await context.addInitScript((l) => localStorage.setItem('portal.locale', l), locale);
  const page = await context.newPage();
  page.touch = !!options.hasTouch;
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push('pageerror: ' + e.message));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location()?.url || '';
    if (/status of 4\d\d/.test(m.text()) && url.includes('/api/v1/')) return;
    if (allowNetworkErrors && /net::ERR_FAILED/.test(m.text())) return;
    page.problems.push('console error: ' + m.text() + ' ' + url);
  });
  await page.goto(server.url + path);
  await waitReady(page);
  return page;
}

async function done(page) {
  assert.deepEqual(page.problems, [], 'console or page errors');
  await page.context().close();
}

function sizeOf(page) {
  const { width, height } = page.viewportSize();
  return `${width}x${height}`;
}

// A screenshot of what the customer sees now, under build/e2e-artifacts/screens/.
async function shot(page, name) {
  await page.screenshot({ path: join(SCREENS, `${name}-${sizeOf(page)}.png`) });
}

// A click on a desktop, a tap on a phone.
async function press(page, id) {
  return page.touch ? tap(page, id) : click(page, id);
}

// Focuses a field with a click (or a tap) and types into it with the keyboard (`keys`: key by
// key); passwords are published as bullets only.
// Without `clear` the text is added at the end (a click in a field's middle lands after a short value).
async function type(page, id, text, { secret = false, clear = false, keys = false } = {}) {
  const before = await press(page, id);
  assert.equal((await activeElement(page)).name, id, `the DOM input of ${id} has the focus`);
  if (clear) {
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
  }
  // Key by key (every key a frame: slow on software WebGL), or as one input like a phone's
  // keyboard suggestion or dictation.
  if (keys) await page.keyboard.type(text);
  else await page.keyboard.insertText(text);
  const added = secret ? '•'.repeat([...text].length) : text;
  const want = (clear ? '' : before.value) + added;
  return item(page, id, { value: want }).catch(async () => {
    const it = await maybeItem(page, id);
    throw new Error(`${id}: expected ${JSON.stringify(want)}, drawn ${JSON.stringify(it && it.value)}`);
  });
}

// Scrolls to an item and waits until it matches `want`.
async function see(page, id, want = null, timeout = 10000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      await reveal(page, id);
      return await item(page, id, want, Math.max(500, Math.min(2000, deadline - Date.now())));
    } catch (e) {
      if (Date.now() > deadline) {
        const it = await maybeItem(page, id);
        throw new Error(`${id}: ${e.message}; drawn: ${JSON.stringify(it)}`);
      }
      await page.waitForTimeout(100);
    }
  }
}

// The inline error under a field, in the customer's language.
async function fieldError(page, id, text) {
  const it = await see(page, id + '.error', { label: text });
  assert.equal(it.role, 'alert');
  assert.equal((await see(page, id)).state.invalid, true, `${id} is marked invalid`);
  return it;
}

async function noFieldError(page, id) {
  await page.waitForFunction((id) => !window.portal.items.some((i) => i.id === id + '.error'), id,
    { timeout: 5000, polling: 50 });
}

// Every part of a long page, scrolled through: what was cut off at the sides.
async function overflowWhileScrolling(page, lastId) {
  const { width, height } = page.viewportSize();
  let overflow = [];
  for (let i = 0; i < 40; ++i) {
    overflow = overflow.concat(await page.evaluate(() => window.portal.overflow));
    if (await maybeItem(page, lastId)) break;
    await page.mouse.move(width / 2, height / 2);
    await frames(page, () => page.mouse.wheel(0, height - 160));
  }
  assert.ok(await maybeItem(page, lastId), `scrolled down to ${lastId}`);
  return overflow;
}

async function scrollTop(page) {
  const { width, height } = page.viewportSize();
  await page.mouse.move(width / 2, height / 2);
  for (let i = 0; i < 6; ++i) await frames(page, () => page.mouse.wheel(0, -5000), 1);
}

async function signedIn(page, name) {
  return page.waitForFunction((name) => {
    const b = window.portal.items.find((i) => i.id === 'page.banner');
    return b && b.value === name;
  }, name, { timeout: 10000, polling: 50 });
}

// [SECTION] The journey of the manual's sections 1-4, in Slovenian on a desktop
test('register, activate, log in, change the password, log out, reset a forgotten password (sl, desktop)', async () => {
  const email = 'ziga.cebasek@example.si';
  const page = await open('/register');
  await item(page, 'register.email');
  await shot(page, 'register');

  // The manual's form: required marks, Slovenia preselected, the right DOM inputs.
  const attrs = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#portal-layer input')]
    .map((i) => [i.name, { type: i.type, inputmode: i.getAttribute('inputmode'), autocomplete: i.getAttribute('autocomplete'),
      form: i.form ? i.form.id : null, required: i.getAttribute('aria-required') === 'true' }])));
  assert.deepEqual(attrs['register.email'], { type: 'text', inputmode: 'email', autocomplete: 'username',
    form: 'form-register.form', required: true });
  assert.equal(attrs['register.password'].autocomplete, 'new-password');
  assert.equal(attrs['register.password'].type, 'password');
  assert.equal(attrs['register.password_repeat'].autocomplete, 'new-password');
  assert.equal(attrs['register.name'].required, false);
  assert.equal((await see(page, 'register.country')).value, 'Slovenija');
  assert.equal((await see(page, 'register.gender')).label, 'Spol *');
  assert.equal((await see(page, 'register.terms_accepted')).label, 'Strinjam se s pogoji uporabe *');
  const more = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#portal-layer input')]
    .map((i) => [i.name, { type: i.type, inputmode: i.getAttribute('inputmode'), autocomplete: i.getAttribute('autocomplete') }])));
  assert.deepEqual(more['register.phone'], { type: 'tel', inputmode: null, autocomplete: 'tel' });
  assert.equal(more['register.postal_code'].inputmode, 'numeric');
  await scrollTop(page);

  // Inline errors from core as the customer types.
  await type(page, 'register.email', 'ziga.cebasek@', { keys: true });
  await fieldError(page, 'register.email', tr('sl', 'error.email.invalid'));
  await type(page, 'register.email', 'example.si');
  await noFieldError(page, 'register.email');
  await type(page, 'register.password', 'kratko', { secret: true, keys: true });
  await fieldError(page, 'register.password', tr('sl', 'error.password.too_short', { min_length: 10 }));
  assert.equal(tr('sl', 'error.password.too_short', { min_length: 10 }), 'Geslo mora imeti vsaj 10 znakov.');
  await type(page, 'register.password', 'qwertyuiop', { secret: true, clear: true });
  await fieldError(page, 'register.password', tr('sl', 'error.password.too_common'));
  await type(page, 'register.password', PASSWORD, { secret: true, clear: true });
  await noFieldError(page, 'register.password');
  await type(page, 'register.password_repeat', 'Zelo-Varno-Geslo-24', { secret: true });
  await fieldError(page, 'register.password_repeat', 'Gesli se ne ujemata.');
  await type(page, 'register.password_repeat', PASSWORD, { secret: true, clear: true });
  await noFieldError(page, 'register.password_repeat');

  // Slovenian letters typed with the keyboard, and a street pasted from the clipboard.
  await type(page, 'register.name', 'Žiga Čebašek', { keys: true });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await page.evaluate(() => navigator.clipboard.writeText('Šmartinska cesta 5'));
  await press(page, 'register.street');
  await page.keyboard.press('Control+V');
  await item(page, 'register.street', { value: 'Šmartinska cesta 5' });
  await type(page, 'register.city', 'Ljubljana');
  await type(page, 'register.postal_code', '10');
  await fieldError(page, 'register.postal_code', tr('sl', 'error.postal_code.invalid'));
  await type(page, 'register.postal_code', '00');
  await noFieldError(page, 'register.postal_code');
  await type(page, 'register.post', 'Ljubljana');
  await type(page, 'register.phone', '041 123', { keys: true });
  await fieldError(page, 'register.phone', tr('sl', 'error.phone.invalid'));
  await type(page, 'register.phone', ' 456');
  await noFieldError(page, 'register.phone');

  // Submitting without gender and terms: both say why, beside the fields and the button.
  await press(page, 'register.submit');
  await fieldError(page, 'register.gender', tr('sl', 'error.field.required'));
  await fieldError(page, 'register.terms_accepted', 'Za registracijo se morate strinjati s pogoji uporabe.');
  await see(page, 'register.check_fields', { label: tr('sl', 'account.check_fields') });
  await shot(page, 'register-errors');
  await press(page, 'register.gender.0');
  await see(page, 'register.gender.0', { state: { checked: true } });
  await press(page, 'register.notifications');
  await see(page, 'register.notifications', { state: { checked: true } });

  // The terms are readable in the app; the form keeps what was typed.
  await press(page, 'register.terms');
  // The screen's name first, the page's own heading once its text is here.
  const terms = await item(page, 'page.heading.0', { label: 'Pogoji uporabe portala Moj GEN-I' }, 10000);
  assert.equal(terms.label, 'Pogoji uporabe portala Moj GEN-I');
  assert.equal(await page.evaluate(() => location.pathname), '/terms');
  await shot(page, 'terms');
  await press(page, 'terms.back');
  assert.equal((await see(page, 'register.name')).value, 'Žiga Čebašek');
  assert.equal((await see(page, 'register.street')).value, 'Šmartinska cesta 5');
  await press(page, 'register.terms_accepted');
  await see(page, 'register.terms_accepted', { state: { checked: true, invalid: false } });
  await press(page, 'register.submit');

  // What happens next, in the manual's words.
  const sent = await item(page, 'register.done.sent', null, 10000);
  assert.equal(sent.label, tr('sl', 'register.done.text', { email }));
  const texts = (await items(page)).map((i) => i.label).join('\n');
  assert.match(texts, /15 minutah/);
  assert.match(texts, /»Pozabil sem geslo«/);
  await shot(page, 'register-done');

  // Not activated yet: the login says so and sends the link again.
  await press(page, 'register.done.login');
  await see(page, 'login.email');
  await shot(page, 'login');
  await type(page, 'login.email', email);
  await type(page, 'login.password', PASSWORD, { secret: true });
  await page.keyboard.press('Enter');
  await see(page, 'login.error.auth.not_activated', { label: tr('sl', 'error.auth.not_activated') });
  await press(page, 'login.resend');
  await see(page, 'banner.text', { label: tr('sl', 'banner.activation_sent') });
  await shot(page, 'login-not-activated');

  // The mailed link activates the account (a new page load, like a click in the mail).
  const activation = pathOf(await mailedLink(server, email, '/activate?token='));
  await page.goto(server.url + activation);
  await waitReady(page);
  await see(page, 'activate.done', { label: tr('sl', 'activate.done.text', { product: 'Moj GEN-I' }) });
  await shot(page, 'activate');
  // Used once: the same link is refused, with the way to a new one.
  await page.goto(server.url + activation);
  await waitReady(page);
  await see(page, 'activate.error', { label: tr('sl', 'activate.invalid.text') });
  await see(page, 'activate.new_link');
  await shot(page, 'activate-invalid');
  await press(page, 'activate.login');

  // Wrong password, then the right one.
  await type(page, 'login.email', email, { clear: true });
  await type(page, 'login.password', 'Napacno-Geslo-1', { secret: true, clear: true });
  await press(page, 'login.submit');
  await see(page, 'login.error.auth.invalid_credentials', { label: 'E-pošta ali geslo ni pravilno.' });
  await shot(page, 'login-wrong-password');
  await type(page, 'login.password', PASSWORD, { secret: true, clear: true });
  await press(page, 'login.submit');
  await signedIn(page, 'Žiga Čebašek');

  // NASTAVITVE > UREDI GESLO.
  await press(page, 'nav.settings');
  await see(page, 'profile.name', { value: 'Žiga Čebašek' });
  assert.equal((await see(page, 'profile.street')).value, 'Šmartinska cesta 5');
  await scrollTop(page);
  await shot(page, 'settings');
  await type(page, 'password.current_password', 'Napacno-Geslo-1', { secret: true });
  await type(page, 'password.password', 'Novo-Geslo-Za-Zimo-7', { secret: true });
  await type(page, 'password.password_repeat', 'Novo-Geslo-Za-Zimo-7', { secret: true });
  await press(page, 'password.submit');
  await fieldError(page, 'password.current_password', 'Trenutno geslo ni pravilno.');
  await shot(page, 'settings-password-wrong');
  await type(page, 'password.current_password', PASSWORD, { secret: true, clear: true });
  await press(page, 'password.submit');
  await see(page, 'password.changed', { label: tr('sl', 'banner.password_changed') });
  assert.equal((await see(page, 'password.password')).value, '', 'the form is emptied');

  // Log out; log in with the old password fails, with the new one works.
  await press(page, 'logout.here');
  await see(page, 'banner.text', { label: tr('sl', 'banner.logged_out') });
  await type(page, 'login.password', PASSWORD, { secret: true, clear: true });
  await press(page, 'login.submit');
  await see(page, 'login.error.auth.invalid_credentials');

  // POZABIL SEM GESLO: the address goes along from the login form.
  await press(page, 'login.forgot');
  assert.equal((await see(page, 'forgot.email')).value, email);
  await shot(page, 'forgot');
  await type(page, 'forgot.email', 'ziga.cebasek', { clear: true });
  await press(page, 'forgot.submit');
  await fieldError(page, 'forgot.email', tr('sl', 'error.email.invalid'));
  await type(page, 'forgot.email', email, { clear: true });
  await press(page, 'forgot.submit');
  await see(page, 'forgot.done', { label: tr('sl', 'forgot.done.text', { email, product: 'Moj GEN-I' }) });
  await shot(page, 'forgot-done');

  const reset = pathOf(await mailedLink(server, email, '/reset?token='));
  await page.goto(server.url + reset);
  await waitReady(page);
  await see(page, 'reset.password');
  const resetAttrs = await page.evaluate(() => [...document.querySelectorAll('#portal-layer input')]
    .map((i) => [i.name, i.autocomplete, i.form && i.form.id]));
  assert.deepEqual(resetAttrs.filter(([n]) => n.startsWith('reset.')),
    [['reset.password', 'new-password', 'form-reset.form'], ['reset.password_repeat', 'new-password', 'form-reset.form']]);
  await shot(page, 'reset');
  await type(page, 'reset.password', 'Spomladansko-Geslo-8', { secret: true });
  await type(page, 'reset.password_repeat', 'Spomladansko-Geslo-9', { secret: true });
  await page.keyboard.press('Enter');
  await fieldError(page, 'reset.password_repeat', tr('sl', 'error.password.mismatch'));
  await type(page, 'reset.password_repeat', 'Spomladansko-Geslo-8', { secret: true, clear: true });
  await press(page, 'reset.submit');
  await see(page, 'reset.done', { label: tr('sl', 'reset.done.text') });
  await shot(page, 'reset-done');
  await press(page, 'reset.login');
  await type(page, 'login.email', email, { clear: true });
  await type(page, 'login.password', 'Spomladansko-Geslo-8', { secret: true, clear: true });
  await press(page, 'login.submit');
  await signedIn(page, 'Žiga Čebašek');

  // The reset link worked once.
  await page.goto(server.url + reset);
  await waitReady(page);
  // Said as the page opens, before a new password is typed twice.
  await see(page, 'reset.error', { label: tr('sl', 'reset.invalid.text') });
  assert.ok(!(await items(page)).some((i) => i.id === 'reset.password'), 'no password fields for a used link');
  await shot(page, 'reset-invalid');
  await done(page);
});

// [SECTION] Settings, in Slovenian and then English
test('settings: profile, phone, e-mail, my data, language, logout everywhere, delete (desktop)', async () => {
  const email = await customerViaApi('ana.novak@example.si', { name: 'Ana Novak', phone: '041 555 666' });
  const page = await open('/settings');
  await see(page, 'login.email');  // a deep link waits for the login
  await type(page, 'login.email', email);
  await type(page, 'login.password', PASSWORD, { secret: true });
  await press(page, 'login.submit');
  await see(page, 'profile.name', { value: 'Ana Novak' });
  assert.equal(await page.evaluate(() => location.pathname), '/settings');

  // Profile: a wrong postal code, then saved.
  await type(page, 'profile.city', 'Maribor');
  await type(page, 'profile.postal_code', '99');
  await fieldError(page, 'profile.postal_code', tr('sl', 'error.postal_code.invalid'));
  await press(page, 'profile.submit');
  await see(page, 'profile.postal_code.error');
  await type(page, 'profile.postal_code', '2000', { clear: true });
  await type(page, 'profile.post', 'Maribor');
  await press(page, 'profile.submit');
  await see(page, 'profile.saved', { label: tr('sl', 'banner.saved') });
  const me = await api('GET', '/me', undefined, await loginViaApi(email));
  assert.equal(me.body.user.city, 'Maribor');
  assert.equal(me.body.user.postal_code, '2000');

  // Confirm the phone: a short code, a wrong code, the code from the SMS.
  await see(page, 'phone.send');
  await press(page, 'phone.send');
  await see(page, 'phone.sent', { label: tr('sl', 'settings.phone.sent', { phone: '+386 41 555 666' }) });
  // One code a minute: a new one asked for at once says how long to wait.
  await press(page, 'phone.resend');
  const wait = await see(page, 'phone.error.request.too_many');
  assert.match(wait.label, /^Preveč zahtev\. Poskusite znova čez [12] min\.$/);
  const codeAttrs = await page.evaluate(() => {
    const i = document.querySelector('input[name="phone.code"]');
    return [i.getAttribute('inputmode'), i.getAttribute('autocomplete'), i.maxLength];
  });
  assert.deepEqual(codeAttrs, ['numeric', 'one-time-code', 6]);
  await type(page, 'phone.code', '12345');
  await press(page, 'phone.submit');
  await fieldError(page, 'phone.code', tr('sl', 'settings.phone.code_length'));
  const code = await smsCode(server);
  await type(page, 'phone.code', code === '000000' ? '111111' : '000000', { clear: true });
  await press(page, 'phone.submit');
  await fieldError(page, 'phone.code', tr('sl', 'error.token.invalid'));
  await type(page, 'phone.code', code, { clear: true });
  await press(page, 'phone.submit');
  await see(page, 'phone.confirmed', { label: tr('sl', 'banner.phone_confirmed') });
  await shot(page, 'settings-phone');

  // Change the e-mail: wrong password, then the link mailed to the new address.
  await type(page, 'email.email', 'ana.novak.nova@example.si');
  await type(page, 'email.current_password', 'Napacno-Geslo-1', { secret: true });
  await press(page, 'email.submit');
  await fieldError(page, 'email.current_password', tr('sl', 'error.password.current_wrong'));
  await type(page, 'email.current_password', PASSWORD, { secret: true, clear: true });
  await press(page, 'email.submit');
  await see(page, 'email.sent', { label: tr('sl', 'settings.email.sent', { email: 'ana.novak.nova@example.si' }) });
  const confirm = pathOf(await mailedLink(server, 'ana.novak.nova@example.si', '/confirm-email?token='));
  await page.goto(server.url + confirm);
  await waitReady(page);
  await see(page, 'confirm_email.done', { label: tr('sl', 'confirm_email.done.text') });
  assert.match((await items(page)).map((i) => i.value).join(' '), /ana\.novak\.nova@example\.si/);
  await shot(page, 'confirm-email');
  await page.goto(server.url + confirm);
  await waitReady(page);
  await see(page, 'confirm_email.error', { label: tr('sl', 'confirm_email.invalid.text') });
  await shot(page, 'confirm-email-invalid');
  await press(page, 'confirm_email.settings');

  // Download my data: a real file.
  const [download] = await Promise.all([page.waitForEvent('download'), press(page, 'export.submit')]);
  assert.equal(download.suggestedFilename(), 'moji-podatki.json');
  const data = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(data.account.email, 'ana.novak.nova@example.si');
  await see(page, 'export.done', { label: tr('sl', 'settings.data.done') });

  // English, chosen in the settings: the page and its errors switch.
  await press(page, 'settings.locale.1');
  await see(page, 'settings.locale.1', { state: { checked: true } });
  await see(page, 'delete.current_password', { label: tr('en', 'settings.delete.password') });
  await type(page, 'delete.current_password', 'Wrong-Password-1', { secret: true });
  await press(page, 'delete.submit');
  const dialog = await item(page, 'confirm', null, 5000);
  assert.equal(dialog.role, 'dialog');
  assert.equal(dialog.label, tr('en', 'confirm.delete_account.title'));
  await shot(page, 'settings-delete-confirm');
  await click(page, 'confirm.confirm');
  await fieldError(page, 'delete.current_password', 'The current password is not correct.');
  await scrollTop(page);
  await shot(page, 'settings-en');

  // Log out everywhere (asked first), then back in to delete the account.
  await press(page, 'logout.all');
  await item(page, 'confirm', { label: tr('en', 'confirm.logout_all.title') });
  await click(page, 'confirm.confirm');
  await see(page, 'banner.text', { label: tr('en', 'banner.logged_out') });
  await type(page, 'login.email', 'ana.novak.nova@example.si', { clear: true });
  await type(page, 'login.password', PASSWORD, { secret: true, clear: true });
  await press(page, 'login.submit');
  await signedIn(page, 'Ana Novak');
  await press(page, 'nav.settings');
  await type(page, 'delete.current_password', PASSWORD, { secret: true });
  await press(page, 'delete.submit');
  await item(page, 'confirm', { label: tr('en', 'confirm.delete_account.title') });
  await click(page, 'confirm.confirm');
  await see(page, 'banner.text', { label: tr('en', 'banner.account_deleted') });
  await type(page, 'login.email', 'ana.novak.nova@example.si', { clear: true });
  await type(page, 'login.password', PASSWORD, { secret: true, clear: true });
  await press(page, 'login.submit');
  await see(page, 'login.error.auth.invalid_credentials', { label: 'The e-mail or password is not correct.' });
  await done(page);
});

// [SECTION] Errors in English; throttling; loading states and failed requests
// The atlas starts with the letters of the Slovenian texts; a name with rarer Latin letters
// (Polish, Hungarian, Latvian) is built in before the next frame, in every size and weight.
test('a customer name with rarer Latin letters draws right in every font (no "?")', async () => {
  const name = 'Łucja Ővári-Ŗēķe';
  const email = await customerViaApi('lucja.ovari@example.si', { name });
  const page = await open('/');
  await see(page, 'login.email');
  const before = await page.evaluate(() => window.portal.glyphs);
  assert.equal(before.lacking, '');
  assert.ok(before.count < 200, `the start-up atlas holds the interface's letters only (${before.count})`);
  await type(page, 'login.email', email);
  await type(page, 'login.password', PASSWORD, { secret: true });
  await press(page, 'login.submit');
  await signedIn(page, name);
  const heading = await item(page, 'page.heading.0');
  assert.ok(heading.label.includes(name), heading.label);
  await page.waitForFunction(() => window.portal.glyphs.lacking === '', null, { timeout: 5000, polling: 50 });
  const after = await page.evaluate(() => window.portal.glyphs);
  assert.ok(after.builds > before.builds, `the atlas was rebuilt (${before.builds} -> ${after.builds})`);
  assert.ok(after.count >= before.count + 5, `Ł Ő Ŗ ē ķ were added (${before.count} -> ${after.count})`);
  await done(page);
});

test('English: registration errors; a throttled login says how long to wait (en and sl)', async () => {
  const page = await open('/register', DESKTOP, { locale: 'en' });
  await see(page, 'register.email', { label: 'E-mail (user name)' });
  await type(page, 'register.email', 'not-an-address');
  await type(page, 'register.password', 'short', { secret: true });
  await type(page, 'register.password_repeat', 'shorter', { secret: true });
  await press(page, 'register.submit');
  await fieldError(page, 'register.email', tr('en', 'error.email.invalid'));
  await fieldError(page, 'register.password', 'The password must have at least 10 characters.');
  await fieldError(page, 'register.password_repeat', tr('en', 'error.password.mismatch'));
  await fieldError(page, 'register.gender', tr('en', 'error.field.required'));
  await fieldError(page, 'register.terms_accepted', 'To register, you must accept the terms of use.');
  await shot(page, 'register-errors-en');
  await type(page, 'register.email', 'ana.kovac@example.si', { clear: true });
  await type(page, 'register.password', 'ana.kovac@example.si', { secret: true, clear: true });
  await fieldError(page, 'register.password', tr('en', 'error.password.equals_email'));

  // Ten failed logins for an address (the API counts them whether or not it exists): the
  // eleventh is refused with the time to wait.
  const email = 'nekdo@example.si';
  for (let i = 0; i < 10; ++i)
    assert.equal((await api('POST', '/auth/login', { email, password: 'Napacno-Geslo-' + i, remember: false })).status, 401);
  await press(page, 'register.login');
  await type(page, 'login.email', email);
  await type(page, 'login.password', 'Napacno-Geslo-10', { secret: true });
  await press(page, 'login.submit');
  const throttled = await see(page, 'login.error.auth.too_many_attempts');
  assert.match(throttled.label, /^Too many failed login attempts\. Try again in 1[45] min\.$/);
  await shot(page, 'login-throttled-en');
  // In Slovenian too.
  await press(page, 'shell.language');
  const sl = await see(page, 'login.error.auth.too_many_attempts');
  assert.match(sl.label, /^Preveč neuspešnih poskusov prijave\. Poskusite znova čez 1[45] min\.$/);
  await done(page);
});

test('loading states, and a failed request can be tried again (forgotten password, activation)', async () => {
  const page = await open('/forgot', DESKTOP, { allowNetworkErrors: true });
  await type(page, 'forgot.email', 'ziga.cebasek@example.si');
  // The server is slow: the button shows it is busy and cannot be pressed twice.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/api/v1/auth/forgot', async (route) => { await held; await route.continue(); });
  await press(page, 'forgot.submit');
  await item(page, 'forgot.submit', { state: { busy: true } });
  await shot(page, 'forgot-busy');
  release();
  await see(page, 'forgot.done');
  await page.unroute('**/api/v1/auth/forgot');
  // No network: the error in the customer's language, the form usable again.
  await press(page, 'forgot.other');
  await page.route('**/api/v1/auth/forgot', (route) => route.abort('failed'));
  await press(page, 'forgot.submit');
  await see(page, 'forgot.error.network.unreachable', { label: tr('sl', 'error.network.unreachable') });
  assert.equal((await item(page, 'forgot.submit')).state.busy, false);
  await shot(page, 'forgot-network-error');
  await page.unroute('**/api/v1/auth/forgot');
  await press(page, 'forgot.submit');
  await see(page, 'forgot.done');

  // An activation link opened while the network is down: a spinner, the error, a retry.
  await page.route('**/api/v1/auth/activate', (route) => route.abort('failed'));
  await page.goto(server.url + '/activate?token=neveljaven-zeton');
  await waitReady(page);
  await see(page, 'activate.error.network.unreachable', { label: tr('sl', 'error.network.unreachable') });
  await page.unroute('**/api/v1/auth/activate');
  await press(page, 'activate.retry');
  await see(page, 'activate.error', { label: tr('sl', 'activate.invalid.text') });
  // The way to a new link is the forgotten-password form.
  await press(page, 'activate.new_link');
  await see(page, 'forgot.email');
  assert.equal(await page.evaluate(() => location.pathname), '/forgot');
  await done(page);
});

// [SECTION] Phones
test('the whole journey on a phone (390x844, touch), nothing cut off at 390 and 360 px', async () => {
  const email = 'maja.zupancic@example.si';
  const page = await open('/register', PHONE);
  await item(page, 'register.email');
  await shot(page, 'register');
  assert.deepEqual(await overflowWhileScrolling(page, 'register.login'), [], 'cut off at 390 px');
  // An empty form sent: every required field says so, and the summary beside the button.
  await press(page, 'register.submit');
  await see(page, 'register.check_fields');
  await fieldError(page, 'register.terms_accepted', tr('sl', 'error.terms.not_accepted'));
  await shot(page, 'register-errors');
  await scrollTop(page);
  await type(page, 'register.email', email);
  await type(page, 'register.password', PASSWORD, { secret: true });
  await type(page, 'register.password_repeat', PASSWORD, { secret: true });
  await type(page, 'register.name', 'Maja Župančič', { keys: true });
  await type(page, 'register.street', 'Ilica 12');
  await type(page, 'register.city', 'Zagreb');
  // The country list opens over the page; Slovenia is chosen and first.
  await press(page, 'register.country');
  const first = await item(page, 'register.country.option.0');
  assert.equal(first.label, 'Slovenija');
  assert.equal(first.state.selected, true);
  await shot(page, 'register-country');
  const hr = (await items(page)).find((i) => i.role === 'option' && i.label === 'Hrvaška');
  assert.ok(hr, 'Croatia, a neighbour, is near the top of the list');
  await frames(page, () => page.touchscreen.tap(...centre(hr)), 3);
  await see(page, 'register.country', { value: 'Hrvaška' });
  // A Croatian postal code has five digits (a Slovenian one four).
  await type(page, 'register.postal_code', '10000');
  await noFieldError(page, 'register.postal_code');
  await type(page, 'register.post', 'Zagreb');
  await press(page, 'register.gender.1');
  await see(page, 'register.gender.1', { state: { checked: true } });
  await press(page, 'register.terms_accepted');
  await see(page, 'register.terms_accepted', { state: { checked: true, invalid: false } });
  await press(page, 'register.submit');
  await see(page, 'register.done.sent', { label: tr('sl', 'register.done.text', { email }) }, 15000);
  await shot(page, 'register-done');

  await page.goto(server.url + pathOf(await mailedLink(server, email, '/activate?token=')));
  await waitReady(page);
  await see(page, 'activate.done');
  await shot(page, 'activate');
  await press(page, 'activate.login');
  await see(page, 'login.email');
  await shot(page, 'login');
  await type(page, 'login.email', email);
  await type(page, 'login.password', PASSWORD, { secret: true });
  await press(page, 'login.submit');
  // On a phone the name may not fit beside the brand: wait for the menu instead.
  await see(page, 'nav.menu');
  await press(page, 'nav.menu');
  await press(page, 'nav.settings');
  await see(page, 'profile.name', { value: 'Maja Župančič' });
  assert.equal((await see(page, 'profile.country')).value, 'Hrvaška');
  await scrollTop(page);
  await shot(page, 'settings');
  assert.deepEqual(await page.evaluate(() => window.portal.overflow), [], 'settings cut off at 390 px');
  // Down the page: UREDI GESLO, then on to the end, checking nothing is cut off on the way.
  await type(page, 'password.current_password', PASSWORD, { secret: true });
  await type(page, 'password.password', 'Poletno-Geslo-2027', { secret: true });
  await type(page, 'password.password_repeat', 'Poletno-Geslo-2027', { secret: true });
  await press(page, 'password.submit');
  await see(page, 'password.changed');
  assert.deepEqual(await overflowWhileScrolling(page, 'logout.all'), [], 'settings cut off at 390 px');
  await shot(page, 'settings-end');
  await press(page, 'logout.here');
  await see(page, 'banner.text', { label: tr('sl', 'banner.logged_out') });

  await press(page, 'login.forgot');
  await see(page, 'forgot.email', { value: email });
  await shot(page, 'forgot');
  await press(page, 'forgot.submit');
  await see(page, 'forgot.done');
  await shot(page, 'forgot-done');
  const usedLink = pathOf(await mailedLink(server, email, '/reset?token='));
  await page.goto(server.url + usedLink);
  await waitReady(page);
  await see(page, 'reset.password');
  await shot(page, 'reset');
  await type(page, 'reset.password', 'Jesensko-Geslo-2027', { secret: true });
  await type(page, 'reset.password_repeat', 'Jesensko-Geslo-2027', { secret: true });
  await press(page, 'reset.submit');
  await see(page, 'reset.done');
  await shot(page, 'reset-done');
  await press(page, 'reset.login');
  await type(page, 'login.email', email, { clear: true });
  await type(page, 'login.password', 'Jesensko-Geslo-2027', { secret: true });
  await press(page, 'login.submit');
  await see(page, 'nav.menu');
  await done(page);

  // Every account screen at 360 px: nothing cut off sideways (the reset form from a fresh link).
  assert.equal((await api('POST', '/auth/forgot', { email })).status, 202);
  let freshLink = usedLink;
  for (let i = 0; i < 200 && freshLink === usedLink; ++i) {
    freshLink = pathOf(await mailedLink(server, email, '/reset?token='));
    if (freshLink === usedLink) await new Promise((r) => setTimeout(r, 50));
  }
  assert.notEqual(freshLink, usedLink, 'a new reset link was mailed');
  const narrow = await open('/register', { width: 360, height: 740, hasTouch: true, isMobile: true });
  for (const [path, last] of [['/register', 'register.login'], ['/terms', 'terms.back'], ['/forgot', 'forgot.login'],
    [freshLink, 'reset.submit'], ['/reset?token=x', 'reset.login'], ['/activate?token=x', 'activate.new_link']]) {
    await narrow.goto(server.url + path);
    await waitReady(narrow);
    assert.deepEqual(await overflowWhileScrolling(narrow, last), [], `${path} cut off at 360 px`);
  }
  await done(narrow);
});

test('the screens opened from links on a phone: terms, e-mail confirmation, invalid links', async () => {
  // An e-mail change asked for elsewhere, confirmed from the phone without logging in.
  const email = await customerViaApi('tina.kos@example.si', { name: 'Tina Kos' });
  const cookie = await loginViaApi(email);
  assert.equal((await api('POST', '/me/email', { email: 'tina.kos@example.com', current_password: PASSWORD }, cookie))
    .status, 202);
  const page = await open(pathOf(await mailedLink(server, 'tina.kos@example.com', '/confirm-email?token=')), PHONE);
  await see(page, 'confirm_email.done', { label: tr('sl', 'confirm_email.done.text') });
  await shot(page, 'confirm-email');
  await press(page, 'confirm_email.login');
  await see(page, 'login.email');
  await page.goto(server.url + '/terms');
  await waitReady(page);
  await item(page, 'page.heading.0', { label: 'Pogoji uporabe portala Moj GEN-I' });
  await shot(page, 'terms');
  await page.goto(server.url + '/activate?token=neveljaven');
  await waitReady(page);
  await see(page, 'activate.error');
  await shot(page, 'activate-invalid');
  await page.goto(server.url + '/reset?token=neveljaven');
  await waitReady(page);
  await see(page, 'reset.error', { label: tr('sl', 'reset.invalid.text') });
  await shot(page, 'reset-invalid');
  await page.goto(server.url + '/confirm-email?token=neveljaven');
  await waitReady(page);
  await see(page, 'confirm_email.error', { label: tr('sl', 'confirm_email.invalid.text') });
  await shot(page, 'confirm-email-invalid');
  await page.goto(server.url + '/unsubscribe?token=neveljaven');
  await waitReady(page);
  await see(page, 'unsubscribe.error', { label: tr('sl', 'unsubscribe.invalid.text') });
  await done(page);
});

// [SECTION] The reminder's unsubscribe link (last: the reminder job runs once a minute)
test('unsubscribe from a reminder: which metering point and channel', async () => {
  const link = pathOf(await mailedLink(server, reminderCustomer, '/unsubscribe?token=', 90000));
  for (const size of [DESKTOP, PHONE]) {
    const page = await open(link, size);
    const doneMsg = await see(page, 'unsubscribe.done');
    assert.equal(doneMsg.label, tr('sl', 'unsubscribe.done.email', { number: '3345341' }));
    const defs = (await items(page)).filter((i) => i.role === 'definition').map((i) => [i.label, i.value]);
    assert.deepEqual(defs, [['Merilno mesto', '3345341'], ['Opomnik', 'po e-pošti']]);
    await shot(page, 'unsubscribe');
    await done(page);
  }
  const cookie = await loginViaApi(reminderCustomer);
  const contracts = await api('GET', '/contracts', undefined, cookie);
  assert.equal(contracts.body[0].reminders.email, false, 'the reminder is off');
});
