// The frame schema check itself (tests/e2e/lib/frame_schema.mjs): it reads the typedefs of
// shell/bridge.js, and a frame with a key they do not name, a value of another kind or a missing
// key is reported, while a frame as the client sends it is not. In a blank Chromium page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser } from './lib/harness.mjs';
import { frameProblems, frameSchema, recordFrames } from './lib/frame_schema.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const GOOD = {
  items: [{ id: 'login.submit', role: 'button', label: 'Prijava', value: '',
    state: { disabled: false, checked: false, selected: false, expanded: false, focused: false, invalid: false, busy: false },
    rect: { x: 1, y: 2, w: 3, h: 4 } }],
  mirror: [{ id: 'login.heading.0', r: 'heading', l: 'Prijava', x: 0, y: 0, w: 10, h: 10, lv: 1 }],
  controls: [{ id: 'login.email', k: 'i', r: 'textbox', l: 'E-pošta', x: 0, y: 0, w: 9, h: 9, c: null, v: '', t: 'email',
    sel: [0, 0] }, { id: 'login.remember', k: 'p', r: 'checkbox', l: 'Zapomni si me', x: 0, y: 0, w: 9, h: 9,
    c: [0, 0, 0, 0], chk: true, sel: false }],
  overflow: [],
  kiosk: { zoom: 1.25, kb: [0, 500, 800, 300] },
  focus: 'login.email',
};

async function check(frames) {
  const context = await browser.newContext();
  await recordFrames(context);
  const page = await context.newPage();
  await page.goto('about:blank');
  await page.evaluate((list) => {
    window.PortalBridge = { frameDrawn() {} };
    list.forEach((f, i) => window.PortalBridge.frameDrawn(i + 1, JSON.stringify(f), 'default'));
  }, frames);
  const result = await frameProblems(page);
  await context.close();
  return result;
}

test('the schema is read from the bridge: every part of a frame', () => {
  const schema = frameSchema();
  assert.deepEqual(Object.keys(schema).sort(), ['Control', 'Frame', 'Item', 'ItemState', 'Kiosk', 'MirrorEntry', 'Rect']);
  assert.deepEqual(schema.Frame.kiosk, { type: 'Kiosk', optional: true });
  assert.deepEqual(schema.Control.c, { type: '?number[]', optional: false });
  assert.equal(Object.keys(schema.Control).length, 23);
});

test('a frame as the client sends it fits; unknown keys, other kinds and missing keys are reported', async () => {
  assert.deepEqual(await check([GOOD]), { frames: 1, problems: [] });
  const bad = structuredClone(GOOD);
  bad.controls[0].colour = 'red';
  bad.mirror[0].lv = '1';
  delete bad.items[0].state.busy;
  bad.kiosk.extra = 1;
  const found = await check([bad]);
  assert.equal(found.frames, 1);
  assert.deepEqual(found.problems.sort(), [
    'Control.colour: not in the schema (blank controls)',
    'ItemState.busy: missing (blank items state)',
    'Kiosk.extra: not in the schema (blank kiosk)',
    'MirrorEntry.lv: string where the schema says number (blank mirror)',
  ]);
});
