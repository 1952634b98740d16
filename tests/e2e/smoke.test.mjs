// The page loads in headless Chromium, draws its first frame without any page or console
// error at any window size, the canvas is not blank, and the client then goes idle.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { artifact, distinctColours, launchBrowser, openPage, startServer, waitReady } from './lib/harness.mjs';
import { untilQuiet } from './lib/items.mjs';

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

for (const [width, height, dpr] of [[1280, 800, 1], [390, 844, 3], [360, 640, 2], [1920, 1080, 1]]) {
  test(`loads and draws at ${width}x${height} @${dpr}x`, async () => {
    const page = await openPage(browser, { width, height, deviceScaleFactor: dpr, screen: { width, height } });
    await page.goto(server.url + '/');
    await waitReady(page);
    const state = await page.evaluate(() => ({
      frames: window.portal.frames,
      canvasW: document.getElementById('canvas').width,
      canvasH: document.getElementById('canvas').height,
      wrapped: document.getElementById('canvas').parentElement !== document.body,
      viewport: document.querySelector('meta[name=viewport]').content,
    }));
    assert.equal(state.viewport, 'width=device-width, initial-scale=1, viewport-fit=cover, interactive-widget=resizes-content');
    assert.ok(state.frames >= 1);
    // HiDPI: the backing store is CSS size x devicePixelRatio.
    assert.equal(state.canvasW, Math.round(width * dpr));
    assert.equal(state.canvasH, Math.round(height * dpr));
    assert.equal(state.wrapped, false, 'the canvas was moved into a fullscreen wrapper');
    const shot = await page.screenshot({ path: artifact(`smoke-${width}x${height}@${dpr}x.png`) });
    assert.ok(distinctColours(shot) > 20, 'the canvas looks blank');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test('client routes load the same app', async () => {
  const page = await openPage(browser);
  await page.goto(server.url + '/readings/3345341');
  await waitReady(page);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('no frames are drawn while idle', async () => {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await waitReady(page);
  // Start-up ends: the server's answers, the later module, the worker (on a loaded machine the
  // answers can come well after the first frame, and each is drawn). Then 1 s without a frame.
  await page.waitForFunction(() => window.portal.later !== undefined, null, { timeout: 20000 });
  assert.ok(await untilQuiet(page, 1000, 15000), 'frames never stopped after start-up');
  const before = await page.evaluate(() => window.portal.frames);
  await page.waitForTimeout(5000);
  const afterIdle = await page.evaluate(() => window.portal.frames);
  assert.equal(afterIdle, before, `drew ${afterIdle - before} frames in 5 s without input`);
  await page.mouse.move(200, 200);
  await page.waitForFunction((n) => window.portal.frames > n, afterIdle, { timeout: 5000 });
  await page.context().close();
});

// An Emscripten whose GLFW renamed the key or mouse handlers the bridge replaces: the bridge says
// so on the page and the console instead of letting every key arrive twice.
test('the bridge fails loudly without the GLFW handlers it replaces', async () => {
  const page = await openPage(browser, { width: 800, height: 600 });
  await page.addInitScript(() => {
    let bridge;
    Object.defineProperty(window, 'PortalBridge', {
      configurable: true,
      get: () => bridge,
      set(b) {
        const init = b.init;
        b.init = function (module, glfw) { return init.call(this, module, { ...glfw, onKeyPress: undefined }); };
        bridge = b;
      },
    });
  });
  await page.goto(server.url + '/');
  await page.waitForFunction(() => document.getElementById('portal-status').className === 'portal-error');
  const shown = await page.evaluate(() => document.getElementById('portal-status').textContent);
  assert.match(shown, /Emscripten GLFW has no onKeyPress/);
  assert.ok(page.problems.some((p) => p.includes('bridge: Emscripten GLFW has no onKeyPress')), page.problems.join('\n'));
  await page.context().close();
});
