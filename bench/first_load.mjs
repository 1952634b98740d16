// First load of the portal against the "floor" page (bare ImGui + GLFW + WebGL 2 + fetch + Inter,
// same compiler and link flags), side by side in one run. Prints each target of issue 15 with
// MET or MISSED:
//   1. bytes before the first frame (brotli, everything, each file once) <= 250 KB, counted from
//      the server's access log: in Chromium and in WebKit (WebKitGTK's MiniBrowser under Xvfb,
//      over TLS through nginx as customers reach it; over plain http it takes gzip, printed too);
//   2. first frame (navigation -> window.portal.ready) <= 1.10x the floor's, median of interleaved
//      rounds in fresh contexts, on /login and on a signed-in deep link (/readings/{id}, session
//      cookie present);
//   3. the longest main-thread task up to the first frame <= 1.1x the floor's (longtask entries);
//   4. a repeat visit (service worker and HTTP cache warm) <= 1.1x the floor's repeat visit;
//   5. Lighthouse 12.2.3 (desktop preset, Debian's Chromium) performance >= 0.95 and total
//      blocking time <= 150 ms on /login (installed into .cache/lighthouse on first use).
//
// Usage: node bench/first_load.mjs [rounds=10]   (after python3 serve.py build)
//        PORTAL_BENCH_LIGHTHOUSE=0 / PORTAL_BENCH_WEBKIT=0 skip those parts.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, ROOT, startServer } from '../tests/e2e/lib/harness.mjs';

const rounds = Number(process.argv[2] || 10);
const web = join(ROOT, 'build', 'wasm', 'web');
const floorDir = join(ROOT, 'build', 'wasm', 'floor');
const report = JSON.parse(readFileSync(join(web, 'bundle-report.json'), 'utf8'));
const DEMO = { email: 'demo@moj-portal.si', password: 'Demo-Portal-2026' };

const results = [];  // [name, figure, target, met]
function target(name, figure, goal, met) {
  results.push([name, figure, goal, met]);
}
const median = (a) => { const s = [...a].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const kb = (n) => (n / 1024).toFixed(1) + ' KB';

const portal = await startServer(['--demo']);
const floor = await startServer(['--web-root', floorDir]);

// [SECTION] The demo customer's session and a contract for the deep link
async function session() {
  const r = await fetch(portal.url + '/api/v1/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...DEMO, remember: true }) });
  if (r.status !== 200) throw new Error('demo login: HTTP ' + r.status);
  const cookie = /portal_session=([^;]+)/.exec(r.headers.get('set-cookie'))[1];
  const contracts = await (await fetch(portal.url + '/api/v1/contracts', { headers: { Cookie: 'portal_session=' + cookie } })).json();
  return { cookie, contract: contracts[0].id };
}
const demo = await session();

// [SECTION] Bytes the server sent for one page load, from its access log ("GET /path" status bytes)
function logMark(server) {
  return server.lines.join('').length;
}
function sentSince(server, mark) {
  const files = new Map();
  for (const line of server.lines.join('').slice(mark).split('\n')) {
    const m = /"GET (\S+)" (\d+) (\d+)/.exec(line);  // ... "GET /path" status bytes ms
    if (!m || m[1].startsWith('/api/')) continue;
    const f = files.get(m[1]) || { count: 0, bytes: 0 };
    f.count += 1;
    f.bytes += Number(m[3]);
    files.set(m[1], f);
  }
  return files;
}
function firstLoadBytes(files) {
  let total = 0;
  const twice = [];
  for (const name of report.first_load) {
    const f = files.get(name === 'index.html' ? PAGE : '/' + name);  // the page is index.html
    if (!f) continue;
    total += f.bytes;
    if (f.count > 1) twice.push(`${name} x${f.count}`);
  }
  return { total, twice };
}

// [SECTION] Chromium: first frames, long tasks, repeat visits
const browser = await launchBrowser();
const LONGTASKS = () => {
  window.__longtasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longtasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { /* no longtask entries in this browser */ }
};
// Waiting for the first frame must not add work to the page's start-up: Playwright's
// waitForFunction injects its utility script (54 ms of script evaluation in a trace, in the middle
// of the start-up tasks), so the benchmark asks through a bare CDP evaluation every 50 ms.
const READY = '!!((window.portal && window.portal.ready) || (window.floor && window.floor.ready))';
async function untilReady(page, cdp) {
  for (const start = Date.now(); Date.now() - start < 30000;) {
    // (the document may still be changing under the evaluation: then it is asked again)
    const answer = await cdp.send('Runtime.evaluate', { expression: READY, returnByValue: true }).catch(() => null);
    if (answer && answer.result.value === true) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no first frame in 30 s: ' + page.url());
}
const FIGURES = () => {
  const ready = window.portal ? window.portal.firstFrameMs : window.floor.firstFrameMs;
  const longest = Math.max(0, ...window.__longtasks.filter(([s]) => s < ready).map(([, d]) => d));
  return { ready, longest, timing: (window.portal || window.floor).timing || {} };
};

async function load(url, { cookie = null, repeat = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  if (cookie) await context.addCookies([{ name: 'portal_session', value: cookie, url }]);
  await context.addInitScript(LONGTASKS);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(url, { waitUntil: 'commit' });
  await untilReady(page, cdp);
  if (repeat) {  // the second visit: service worker installed and controlling, HTTP cache warm
    await page.evaluate(async () => {
      if (!navigator.serviceWorker || !window.portal) return;
      await navigator.serviceWorker.ready;
      for (let i = 0; i < 100 && !navigator.serviceWorker.controller; i++) await new Promise((r) => setTimeout(r, 50));
    });
    await page.goto(url, { waitUntil: 'commit' });
    await untilReady(page, cdp);
  }
  const figures = await page.evaluate(FIGURES);
  await context.close();
  return figures;
}

const runs = {
  login: { floor: [], portal: [] },
  deep: { floor: [], portal: [] },
  repeat: { floor: [], portal: [] },
};
// What was sent until the first frame of PAGE (the service worker's precache comes after it).
const PAGE = '/login';
async function sentUntilReady(open, base = portal.url) {
  const page = await open();
  const m = logMark(portal);
  await page.goto(base + PAGE);
  await page.waitForFunction(() => window.portal && window.portal.ready, null, { timeout: 60000, polling: 10 });
  const sent = sentSince(portal, m);
  await new Promise((r) => setTimeout(r, 3000));  // a preload "not used within a few seconds" is fetched again
  const after = sentSince(portal, m);
  for (const [path, f] of after) {
    const before = sent.get(path);
    if (before && f.count > before.count) console.log(`  ${path} fetched again after the first frame (the service worker's precache)`);
  }
  return sent;
}
const chromiumContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const chromiumSent = await sentUntilReady(() => chromiumContext.newPage());
await chromiumContext.close();
for (let i = 0; i < rounds; i++) {
  runs.login.floor.push(await load(floor.url + '/'));
  runs.login.portal.push(await load(portal.url + '/login'));
  runs.deep.floor.push(await load(floor.url + '/'));
  runs.deep.portal.push(await load(`${portal.url}/readings/${demo.contract}`, { cookie: demo.cookie }));
  runs.repeat.floor.push(await load(floor.url + '/', { repeat: true }));
  runs.repeat.portal.push(await load(portal.url + '/login', { repeat: true }));
}
await browser.close();

// [SECTION] WebKit: what Safari's engine downloads for the same page. Over TLS, as customers
// reach the portal (nginx in front, docs/nginx): WebKit's HTTP library asks for brotli only over
// TLS (libsoup's soup-content-decoder.c; Chromium and Firefox do the same on the open web), so
// over plain http it takes gzip. Both are printed; the target is the TLS figure.
let webkitSent = null;
let webkitPlainSent = null;
async function tlsProxy(upstream) {  // nginx with a self-signed certificate for 127.0.0.1
  const { freePort } = await import('../tests/e2e/lib/engines.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'portal-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  const port = await freePort();
  writeFileSync(join(dir, 'nginx.conf'), `daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events {}
http {
  access_log off;
  client_body_temp_path ${dir}; proxy_temp_path ${dir}; fastcgi_temp_path ${dir}; uwsgi_temp_path ${dir}; scgi_temp_path ${dir};
  server {
    listen 127.0.0.1:${port} ssl;
    ssl_certificate ${dir}/cert.pem;
    ssl_certificate_key ${dir}/key.pem;
    location / {
      proxy_pass ${upstream};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_buffering off;
    }
  }
}
`);
  const proc = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await connectable(port)); i++) await new Promise((r) => setTimeout(r, 50));
  return { url: `https://127.0.0.1:${port}`, stop: async () => { proc.kill('SIGTERM'); await new Promise((r) => (proc.exitCode !== null ? r() : proc.on('exit', r))); rmSync(dir, { recursive: true, force: true }); } };
}
function connectable(port) {
  return new Promise((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port }, () => { s.destroy(); resolve(true); });
    s.on('error', () => resolve(false));
  });
}
if (process.env.PORTAL_BENCH_WEBKIT !== '0') {
  try {
    const { ENGINES, startXvfb } = await import('../tests/e2e/lib/engines.mjs');
    const xvfb = await startXvfb();
    const tls = await tlsProxy(portal.url);
    try {
      const wk = await ENGINES.webkit(xvfb.display, { width: 1280, height: 800, insecureCerts: true });
      try {
        webkitSent = await sentUntilReady(() => wk.newPage(), tls.url);
      } finally {
        await wk.close();
      }
      const plain = await ENGINES.webkit(xvfb.display, { width: 1280, height: 800 });
      try {
        webkitPlainSent = await sentUntilReady(() => plain.newPage());
      } finally {
        await plain.close();
      }
    } finally {
      await tls.stop();
      await xvfb.stop();
    }
  } catch (e) {
    console.log(`WebKit not measured: ${e.message.split('\n')[0]}`);
  }
}

// [SECTION] Lighthouse (npm lighthouse, pinned), desktop preset, Debian's Chromium
let lighthouse = null;
if (process.env.PORTAL_BENCH_LIGHTHOUSE !== '0') {
  const dir = join(ROOT, '.cache', 'lighthouse');
  const bin = join(dir, 'node_modules', '.bin', 'lighthouse');
  try {
    if (!existsSync(bin)) {
      mkdirSync(dir, { recursive: true });
      execFileSync('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', 'lighthouse@12.2.3'], { stdio: 'ignore' });
    }
    // The same audit of the floor page: what a bare Dear ImGui page scores on this machine.
    const audit = (url) => {
      const out = join(dir, 'report.json');
      execFileSync(bin, [url, '--preset=desktop', '--only-categories=performance', '--quiet',
        '--output=json', '--output-path=' + out,
        '--chrome-flags=--headless=new --no-sandbox --use-angle=swiftshader --enable-unsafe-swiftshader'],
      { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, stdio: 'ignore', timeout: 240000 });
      const r = JSON.parse(readFileSync(out, 'utf8'));
      return { score: r.categories.performance.score, tbt: r.audits['total-blocking-time'].numericValue,
        tasks: (r.audits['long-tasks'].details?.items || []).slice(0, 6).map((t) => Math.round(t.duration)) };
    };
    lighthouse = audit(portal.url + '/login');
    lighthouse.floor = audit(floor.url + '/');
  } catch (e) {
    console.log(`Lighthouse not run: ${e.message.split('\n')[0]}`);
  }
}
await portal.stop();
await floor.stop();

// [SECTION] Figures and targets
const floorBr = ['index.html', 'boot.js', 'floor.css', 'floor.js', 'floor.wasm', 'font.ttf']
  .map((n) => { try { return readFileSync(join(floorDir, n + '.br')).length; } catch { return readFileSync(join(floorDir, n)).length; } })
  .reduce((a, b) => a + b, 0);
console.log('Bytes before the first frame (brotli), from the bundle:');
for (const name of report.first_load) {
  const f = report.files[name];
  console.log(`  ${name.padEnd(36)} ${kb(f.br ?? f.identity).padStart(10)}  (${kb(f.identity)} raw)`);
}
console.log(`  portal ${kb(report.first_load_br_bytes)}, floor ${kb(floorBr)}`);
const budget = 250 * 1024;
if (webkitPlainSent) console.log(`  WebKit over plain http (gzip): ${kb(firstLoadBytes(webkitPlainSent).total)}`);
for (const [engine, sent] of [['Chromium', chromiumSent], ['WebKit (TLS)', webkitSent]]) {
  if (!sent) {
    target(`bytes before the first frame, ${engine}`, 'not measured', '<= 250 KB, each file once', false);
    continue;
  }
  const { total, twice } = firstLoadBytes(sent);
  target(`bytes before the first frame, ${engine}`, kb(total) + (twice.length ? ` (fetched more than once: ${twice.join(', ')})` : ''),
    '<= 250 KB, each file once', total <= budget && twice.length === 0);
}

const ms = (list, key) => median(list.map((f) => f[key]));
for (const [name, run] of [['/login', runs.login], [`signed-in deep link /readings/{id}`, runs.deep]]) {
  const p = ms(run.portal, 'ready');
  const f = ms(run.floor, 'ready');
  console.log(`First frame ${name}, median of ${rounds} interleaved rounds: portal ${p.toFixed(0)} ms, floor ${f.toFixed(0)} ms`);
  console.log(`  portal [${run.portal.map((x) => x.ready.toFixed(0)).join(' ')}]`);
  console.log(`  floor  [${run.floor.map((x) => x.ready.toFixed(0)).join(' ')}]`);
  target(`first frame ${name}`, `${(p / f).toFixed(2)}x the floor (${p.toFixed(0)} / ${f.toFixed(0)} ms)`, '<= 1.10x', p / f <= 1.1);
}
// Each milestone's median over the rounds that reached it before the first frame was measured.
const milestones = (list) => [...new Set(list.flatMap((t) => Object.keys(t.timing)))]
  .map((k) => [k, list.map((t) => t.timing[k]).filter((v) => v !== undefined)])
  .map(([k, v]) => [k, median(v)]).sort((a, b) => a[1] - b[1]).map(([k, v]) => `${k} ${v}`).join(', ');
console.log(`  portal milestones on /login (median ms): ${milestones(runs.login.portal)}`);
console.log(`  portal milestones on the deep link (median ms): ${milestones(runs.deep.portal)}`);
console.log(`  floor milestones (median ms): ${milestones(runs.login.floor)}`);

const lp = ms(runs.login.portal, 'longest');
const lf = ms(runs.login.floor, 'longest');
target('longest task before the first frame', `${lp.toFixed(0)} ms (floor ${lf.toFixed(0)} ms): ${(lp / lf).toFixed(2)}x`, '<= 1.1x the floor\'s', lp <= lf * 1.1);

const rp = ms(runs.repeat.portal, 'ready');
const rf = ms(runs.repeat.floor, 'ready');
target('repeat visit, first frame', `${rp.toFixed(0)} ms (floor ${rf.toFixed(0)} ms): ${(rp / rf).toFixed(2)}x`, '<= 1.1x the floor\'s', rp <= rf * 1.1);

if (lighthouse) {
  const lf = lighthouse.floor;
  target('Lighthouse performance (desktop)', `${lighthouse.score.toFixed(2)} (floor page ${lf.score.toFixed(2)})`, '>= 0.95',
    lighthouse.score >= 0.95);
  target('Lighthouse total blocking time', `${lighthouse.tbt.toFixed(0)} ms (long tasks ${lighthouse.tasks.join(', ')} ms; `
    + `floor page ${lf.tbt.toFixed(0)} ms, long tasks ${lf.tasks.join(', ')} ms)`, '<= 150 ms', lighthouse.tbt <= 150);
} else {
  target('Lighthouse', 'not run', '>= 0.95, TBT <= 150 ms', false);
}

console.log('Targets:');
for (const [name, figure, goal, met] of results) console.log(`  ${met ? 'MET   ' : 'MISSED'} ${name}: ${figure} (target ${goal})`);
const missed = results.filter((r) => !r[3]).length;
console.log(missed ? `${missed} of ${results.length} targets MISSED` : 'all targets met');
process.exit(missed ? 1 : 0);
