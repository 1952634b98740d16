// Which wasm functions a customer's first minute on the sign-in screens never calls: the list
// scripts/split_wasm.py moves to app.later.wasm, fetched after the first frame; the rest stays in
// the start-up module (docs/architecture.md, "Start-up").
//
// Runs Binaryen's instrumented build of the app (wasm-split --instrument) in headless Chromium
// through the sign-in screens: /login drawn, fields focused and typed, a refused sign-in, the
// language switched, /register and /forgot drawn, a phone-sized window; then reads the profile
// the module wrote (a timestamp per function) and writes the names of the functions not called.
//
// Usage (after a wasm build, when the start-up code changed): node scripts/startup_profile.mjs
//   instruments build/wasm/src/client/app.wasm (emcc's output, linked with its names) itself and
//   writes src/client/app/later_functions.txt. tests/e2e/smoke.test.mjs fails when the sign-in
//   screen's first frame needed the later module: then the list is out of date. New functions
//   stay in the start-up module until the list is made again (bench/first_load.mjs: bytes).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, ROOT, startServer } from '../tests/e2e/lib/harness.mjs';

const build = join(ROOT, 'build', 'wasm');
const named = process.env.PORTAL_NAMED_WASM || join(build, 'src', 'client', 'app.wasm');  // linked, with names
const out = join(ROOT, 'src', 'client', 'app', 'later_functions.txt');
const FEATURES = ['--enable-mutable-globals', '--enable-sign-ext'];  // what emcc's output uses

// A copy of the bundle whose app.wasm is the instrumented whole module (no split: nothing to load later).
const web = mkdtempSync(join(tmpdir(), 'portal-profile-'));
cpSync(join(build, 'web'), web, { recursive: true });
const report = JSON.parse(readFileSync(join(web, 'bundle-report.json'), 'utf8'));
const wasmName = report.first_load.find((n) => n.endsWith('.wasm'));
execFileSync('wasm-split', [...FEATURES, '--instrument', named, '-o', join(web, wasmName)]);
const jsName = report.first_load.find((n) => n.startsWith('app.') && n.endsWith('.js'));
cpSync(named.replace(/\.wasm$/, '.js'), join(web, jsName));  // the glue of the same link (import names)
for (const n of readdirSync(web)) if (n.startsWith(wasmName + '.') || n.startsWith(jsName + '.')) rmSync(join(web, n));
// The page's bundle description without the later module: this app.wasm is the whole program.
const index = join(web, 'index.html');
writeFileSync(index, readFileSync(index, 'utf8').replace(/&quot;later&quot;:&quot;[^&]*&quot;,/, ''));
for (const n of readdirSync(web)) if (n.startsWith('index.html.')) rmSync(join(web, n));

const server = await startServer([], {}, { webRoot: web });
const browser = await launchBrowser();
const profiles = [];
for (const view of [{ width: 1280, height: 800 }, { width: 390, height: 844, touch: true }]) {
  const context = await browser.newContext({ viewport: { width: view.width, height: view.height },
    hasTouch: !!view.touch, isMobile: !!view.touch });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('page error:', e.message));
  await page.goto(server.url + '/');
  await page.waitForFunction(() => window.portal && window.portal.ready);
  const input = async (name, text) => {
    const it = await (await page.waitForFunction((n) => window.portal.items.find((i) => i.id === n), name)).jsonValue();
    const x = it.rect.x + it.rect.w / 2, y = it.rect.y + it.rect.h / 2;
    if (view.touch) await page.touchscreen.tap(x, y); else await page.mouse.click(x, y);
    await page.waitForFunction((n) => document.activeElement && document.activeElement.name === n, name);
    if (text) await page.keyboard.type(text);
  };
  await page.mouse.move(200, 200);
  await input('login.email', 'nekdo@example.si');
  await page.keyboard.press('Tab');
  await input('login.password', 'napačno-geslo');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.portal.items.some((i) => i.role === 'alert'));
  await page.keyboard.press('Tab');
  await page.mouse.wheel(0, 300);
  await page.waitForTimeout(300);
  for (const path of ['/register', '/forgot', '/login']) {
    await page.evaluate((p) => { history.pushState({}, '', p); dispatchEvent(new PopStateEvent('popstate')); }, path);
    await page.waitForTimeout(400);
  }
  const lang = await page.evaluate(() => window.portal.items.find((i) => /lang|locale/.test(i.id)));
  if (lang) {
    await page.mouse.click(lang.rect.x + lang.rect.w / 2, lang.rect.y + lang.rect.h / 2);
    await page.waitForTimeout(400);
  }
  profiles.push(Buffer.from(await page.evaluate(() => {
    const asm = window.Module.asm;
    const size = 1 << 20;
    const ptr = window.Module._malloc(size);
    const n = asm.__write_profile(ptr, size);
    return Array.from(window.Module.HEAPU8.subarray(ptr, ptr + n));
  })));
  await context.close();
}
await browser.close();
await server.stop();

const files = profiles.map((p, i) => { const f = join(web, `p${i}.prof`); writeFileSync(f, p); return f; });
execFileSync('wasm-split', [...FEATURES, '--merge-profiles', ...files, '-o', join(web, 'all.prof')]);
const verbose = execFileSync('wasm-split', [...FEATURES, '--split', named, '--profile', join(web, 'all.prof'), '-v',
  '-o1', join(web, 'a.wasm'), '-o2', join(web, 'b.wasm')], { encoding: 'utf8', maxBuffer: 1 << 26 });
const later = /^Splitting out functions: (.*)$/m.exec(verbose)[1].split(', ');
const hash = (name) => createHash('sha1').update(name).digest('hex').slice(0, 16);  // as split_wasm.py
writeFileSync(out, '# Made by scripts/startup_profile.mjs: the functions the sign-in screens never call, each as\n'
  + '# a hash of its name. scripts/split_wasm.py moves them to the later module.\n'
  + later.map(hash).sort().join('\n') + '\n');
console.log(`${later.length} functions not called on the sign-in screens -> ${out}`);
rmSync(web, { recursive: true, force: true });
