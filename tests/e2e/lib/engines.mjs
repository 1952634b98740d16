// The other engines for end-to-end journeys: Firefox ESR (Gecko) through puppeteer-core over
// WebDriver BiDi, and WebKitGTK (the Safari engine) through WebKitWebDriver driving MiniBrowser,
// both from Debian, both in a real X display of their own (Xvfb: Firefox has no WebGL without
// one). Each page is wrapped in the small part of Playwright's Page that items.mjs and
// journey.mjs use (evaluate, waitForFunction, mouse, keyboard, viewportSize, screenshot), so the
// same journey steps drive Chromium, Firefox and WebKit. Input is each driver's own: trusted
// mouse and key events dispatched by the browser, never DOM events made up by a script.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import puppeteer from 'puppeteer-core';

export const FIREFOX = '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// [SECTION] A display: Xvfb picks a free display number itself (-displayfd) and says which.
export async function startXvfb({ width = 1600, height = 1200 } = {}) {
  const proc = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  let said = '';
  proc.stderr.on('data', (d) => { said += d; });
  const display = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Xvfb did not start:\n' + said)), 10000);
    let out = '';
    proc.stdio[3].on('data', (d) => {
      out += d;
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(':' + out.trim());
      }
    });
    proc.on('error', (e) => { clearTimeout(timer); reject(e); });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`Xvfb exited ${code}:\n${said}`)); });
  });
  return {
    display,
    async stop() {
      if (proc.exitCode !== null) return;
      proc.kill('SIGTERM');
      await new Promise((r) => proc.on('exit', r));
    },
  };
}

// [SECTION] What a page reports: page errors and console errors (the API's expected 4xx
// answers are not errors of the page; see journey.mjs).
function problem(page, text, url = '') {
  if (/status of 4\d\d/.test(text) && url.includes('/api/v1/')) return;
  page.problems.push(text + (url ? ' ' + url : ''));
}

// Playwright's key names -> the keys of one press ('Control+A' -> ['Control', 'a']).
function chord(combo) {
  const keys = combo === '+' ? ['+'] : combo.split('+');
  return keys.map((k, i) => (i > 0 && k.length === 1 ? k.toLowerCase() : k));
}

// [SECTION] Firefox: puppeteer-core over WebDriver BiDi.
export async function launchFirefox(display, { width = 1280, height = 800 } = {}) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: false,  // WebGL needs the X display
    defaultViewport: { width, height },
    args: [`--width=${width}`, `--height=${height + 120}`],
    env: { ...process.env, DISPLAY: display },
  });
  return {
    name: 'firefox',
    version: await browser.version(),
    // A tab of its own: in Firefox's first tab no focus, blur or focusout events fire.
    async newPage() {
      const raw = await browser.newPage();
      await raw.setViewport({ width, height });
      return firefoxPage(raw);
    },
    close: () => browser.close(),
  };
}

function firefoxPage(raw) {
  const page = {
    raw,
    touch: false,
    problems: [],
    goto: (url) => raw.goto(url),
    // The browser's Back (history traversal, as its button does); the portal's screens are
    // same-document entries, so there is no load to wait for.
    goBack: () => raw.goBack({ timeout: 2000 }).catch(() => null),
    evaluate: (fn, arg) => raw.evaluate(fn, arg),
    waitForFunction: (fn, arg, { timeout = 30000, polling = 50 } = {}) =>
      raw.waitForFunction(fn, { timeout, polling }, arg),
    waitForTimeout: sleep,
    viewportSize: () => raw.viewport(),
    screenshot: ({ path }) => raw.screenshot({ path }),
    mouse: {
      move: (x, y) => raw.mouse.move(x, y),
      click: (x, y) => raw.mouse.click(x, y),
      wheel: (dx, dy) => raw.mouse.wheel({ deltaX: dx, deltaY: dy }),
    },
    keyboard: {
      type: (text) => raw.keyboard.type(text),
      async press(combo) {
        const keys = chord(combo);
        for (const k of keys.slice(0, -1)) await raw.keyboard.down(k);
        await raw.keyboard.press(keys[keys.length - 1]);
        for (const k of keys.slice(0, -1).reverse()) await raw.keyboard.up(k);
      },
    },
    close: () => raw.close(),
  };
  raw.on('pageerror', (e) => problem(page, 'pageerror: ' + e.message));
  raw.on('console', (m) => {
    if (m.type() === 'error') problem(page, 'console error: ' + m.text(), m.location()?.url || '');
  });
  return page;
}

// [SECTION] WebKit: WebKitWebDriver (W3C WebDriver over HTTP) driving MiniBrowser --automation.
// The protocol is a handful of JSON requests: node's fetch is the whole client.
export async function freePort() {
  const srv = createServer();
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

class WebDriverError extends Error {}

// W3C key codes of the keys the journeys press.
const KEYS = { Enter: '\uE007', Backspace: '\uE003', Tab: '\uE004', Escape: '\uE00C', Control: '\uE009',
  Shift: '\uE008', Alt: '\uE00A', Meta: '\uE03D', Delete: '\uE017', Home: '\uE011', End: '\uE010',
  ArrowLeft: '\uE012', ArrowUp: '\uE013', ArrowRight: '\uE014', ArrowDown: '\uE015', Space: ' ' };

// insecureCerts: a self-signed certificate is accepted (bench/first_load.mjs serves over TLS).
export async function launchWebKit(display, { width = 1280, height = 800, insecureCerts = false } = {}) {
  const port = await freePort();
  const proc = spawn(WEBKIT_DRIVER, [`--port=${port}`, '--host=127.0.0.1'],
    { env: { ...process.env, DISPLAY: display }, stdio: ['ignore', 'ignore', 'pipe'] });
  let said = '';
  proc.stderr.on('data', (d) => { said += d; });
  const base = `http://127.0.0.1:${port}`;
  async function call(method, path, body) {
    const r = await fetch(base + path, { method, headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body) });
    const j = await r.json();
    if (!r.ok) throw new WebDriverError(`${method} ${path}: ${j.value?.error}: ${j.value?.message}`);
    return j.value;
  }
  for (let i = 0; ; ++i) {
    try {
      if ((await call('GET', '/status')).ready) break;
    } catch (e) {
      if (i > 100 || proc.exitCode !== null) throw new Error('WebKitWebDriver did not start: ' + e.message + '\n' + said);
    }
    await sleep(50);
  }
  const session = await call('POST', '/session', { capabilities: { alwaysMatch: {
    // Without --automation MiniBrowser does not take a WebDriver session.
    'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    ...(insecureCerts ? { acceptInsecureCerts: true } : {}),
  } } });
  const S = '/session/' + session.sessionId;
  // The window includes MiniBrowser's toolbar: make the viewport the size asked for.
  await call('POST', S + '/window/rect', { width, height });
  const inner = await call('POST', S + '/execute/sync', { script: 'return [innerWidth, innerHeight];', args: [] });
  await call('POST', S + '/window/rect', { width: 2 * width - inner[0], height: 2 * height - inner[1] });
  return {
    name: 'webkit',
    version: `WebKitGTK ${session.capabilities.browserVersion}`,
    // One page a session: MiniBrowser's window.
    async newPage() {
      return webkitPage(call, S);
    },
    async close() {
      await call('DELETE', S).catch(() => {});
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.on('exit', r)));
    },
  };
}

function webkitPage(call, S) {
  let mouseAt = [0, 0];
  let wheels = 0;  // WebKitWebDriver sends each scroll's delta less the previous one of the same wheel source
  let viewport = null;
  const script = (fn, arg) => ({ script: `return (${fn}).apply(null, arguments);`, args: arg === undefined ? [] : [arg] });
  const evaluate = (fn, arg) => call('POST', S + '/execute/sync', script(fn, arg));
  const actions = (list) => call('POST', S + '/actions', { actions: list });
  const pointer = (steps) => actions([{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: steps }]);
  const keys = (steps) => actions([{ type: 'key', id: 'keyboard', actions: steps }]);
  const key = (k) => KEYS[k] || k;
  const move = (x, y) => {
    mouseAt = [Math.round(x), Math.round(y)];
    return { type: 'pointerMove', origin: 'viewport', x: mouseAt[0], y: mouseAt[1], duration: 0 };
  };
  const page = {
    touch: false,
    problems: [],
    async goto(url) {
      viewport = null;
      await call('POST', S + '/url', { url });
      // WebKitWebDriver does not pass the console on: the page's errors from here on are
      // collected in the page and read by finish().
      await evaluate(() => {
        window.__problems = [];
        addEventListener('error', (e) => window.__problems.push('pageerror: ' + e.message));
        addEventListener('unhandledrejection', (e) => window.__problems.push('pageerror: ' + e.reason));
        const error = console.error.bind(console);
        console.error = (...a) => { window.__problems.push('console error: ' + a.join(' ')); error(...a); };
      });
      // The viewport in CSS px (MiniBrowser's toolbar takes some of the window).
      const [width, height] = await evaluate(() => [innerWidth, innerHeight]);
      viewport = { width, height };
    },
    goBack: () => call('POST', S + '/back', {}),
    async collectProblems() {
      for (const p of (await evaluate(() => window.__problems || []))) problem(page, p);
    },
    evaluate,
    async waitForFunction(fn, arg, { timeout = 30000, polling = 50 } = {}) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const value = await evaluate(fn, arg);
        if (value) return { jsonValue: async () => value };
        if (Date.now() > deadline) throw new Error(`waitForFunction timed out after ${timeout} ms: ${fn}`);
        await sleep(Math.max(polling, 20));
      }
    },
    waitForTimeout: sleep,
    viewportSize() {
      if (!viewport) throw new Error('viewportSize() before goto()');
      return viewport;
    },
    async screenshot({ path }) {
      writeFileSync(path, Buffer.from(await call('GET', S + '/screenshot'), 'base64'));
    },
    mouse: {
      move: (x, y) => pointer([move(x, y)]),
      click: (x, y) => pointer([move(x, y), { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }]),
      wheel: (dx, dy) => actions([{ type: 'wheel', id: 'wheel' + ++wheels, actions: [{ type: 'scroll', origin: 'viewport',
        x: mouseAt[0], y: mouseAt[1], deltaX: Math.round(dx), deltaY: Math.round(dy), duration: 0 }] }]),
    },
    keyboard: {
      type: (text) => keys([...text].flatMap((c) => [{ type: 'keyDown', value: c }, { type: 'keyUp', value: c }])),
      press(combo) {
        const ks = chord(combo).map(key);
        return keys([...ks.map((k) => ({ type: 'keyDown', value: k })),
          ...ks.reverse().map((k) => ({ type: 'keyUp', value: k }))]);
      },
    },
    close: async () => {},
  };
  return page;
}

export const ENGINES = { firefox: launchFirefox, webkit: launchWebKit };
