// First load of the portal against the "floor" page (bare ImGui + GLFW + WebGL 2 + fetch + Inter,
// same flags), side by side in one run: bytes a browser downloads before the first frame
// (brotli, from the bundle's report and checked against what the page really requested), and
// the time to the first frame after navigation, median of interleaved rounds in headless Chromium.
// Targets (DESIGN.md): <= 350 KB before the first frame; first frame <= 1.25x the floor's.
//
// Usage: node bench/first_load.mjs [rounds=12]   (after python3 serve.py build)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, ROOT, startServer } from '../tests/e2e/lib/harness.mjs';

const rounds = Number(process.argv[2] || 12);
const web = join(ROOT, 'build', 'wasm', 'web');
const floorDir = join(ROOT, 'build', 'wasm', 'floor');
const report = JSON.parse(readFileSync(join(web, 'bundle-report.json'), 'utf8'));

const portal = await startServer();
const floor = await startServer(['--web-root', floorDir]);
const browser = await launchBrowser();

// Predicates are functions, not strings: the pages' CSP forbids eval.
async function firstFrame(url, readyExpr, msExpr) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(url);
  await page.waitForFunction(readyExpr, null, { timeout: 30000 });
  const ms = await page.evaluate(msExpr);
  const timing = await page.evaluate(() => (window.portal && window.portal.timing) || (window.floor && window.floor.timing) || {});
  const before = [...requested];
  await context.close();
  return { ms, requested: before, timing };
}

const portalTimes = [];
const floorTimes = [];
let portalRequests = [];
const portalTimings = [];
const floorTimings = [];
for (let i = 0; i < rounds; i++) {
  const f = await firstFrame(floor.url + '/', () => window.floor && window.floor.ready, () => window.floor.firstFrameMs);
  const p = await firstFrame(portal.url + '/', () => window.portal && window.portal.ready,
    () => window.portal.firstFrameMs);
  floorTimes.push(f.ms);
  portalTimes.push(p.ms);
  portalRequests = p.requested;
  portalTimings.push(p.timing);
  floorTimings.push(f.timing);
}
await browser.close();
await portal.stop();
await floor.stop();

const median = (a) => { const s = [...a].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
const floorBr = ['index.html', 'boot.js', 'floor.css', 'floor.js', 'floor.wasm', 'font.otf']
  .map((n) => { try { return readFileSync(join(floorDir, n + '.br')).length; } catch { return readFileSync(join(floorDir, n)).length; } })
  .reduce((a, b) => a + b, 0);

console.log('Bytes before the first frame (brotli):');
for (const name of report.first_load) {
  const f = report.files[name];
  console.log(`  ${name.padEnd(36)} ${kb(f.br ?? f.identity).padStart(10)}  (${kb(f.identity)} raw)`);
}
console.log(`  portal total ${kb(report.first_load_br_bytes)}   floor total ${kb(floorBr)}   budget 350.0 KB`);
const unexpected = portalRequests.filter((p) => !report.first_load.some((n) => p === '/' + n) && p !== '/'
  && !p.startsWith('/api/') && p !== '/favicon.ico' && !p.endsWith('.webmanifest') && !p.endsWith('.svg') && p !== '/sw.js');
console.log(`  requested before the first frame: ${portalRequests.join(' ')}`);
if (unexpected.length) console.log(`  NOT in the report's first-load list: ${unexpected.join(' ')}`);

const pm = median(portalTimes);
const fm = median(floorTimes);
console.log(`First frame after navigation, median of ${rounds} interleaved rounds (headless Chromium, localhost):`);
console.log(`  floor  ${fm.toFixed(0)} ms   [${floorTimes.map((t) => t.toFixed(0)).join(' ')}]`);
console.log(`  portal ${pm.toFixed(0)} ms   [${portalTimes.map((t) => t.toFixed(0)).join(' ')}]`);
const milestones = (list) => Object.keys(list[0] || {}).map((k) => `${k} ${median(list.map((t) => t[k]))}`).join(', ');
console.log(`  portal milestones (median ms): ${milestones(portalTimings)}`);
console.log(`  floor milestones (median ms): ${milestones(floorTimings)}`);
console.log(`  ratio portal/floor ${(pm / fm).toFixed(2)} (target <= 1.25)`);
const ok = report.first_load_br_bytes <= 350 * 1024 && pm / fm <= 1.25;
console.log(ok ? 'targets met' : 'target MISSED');
process.exit(ok ? 0 : 1);
