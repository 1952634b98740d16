// Finding and using what the canvas drew, through window.portal.items (see widgets.h): wait
// for an item, scroll the page until it is in view, click or tap its centre, read values.
// Only real mouse, keyboard and touch input is used; the DOM is read, never driven.

// This frame's items.
export async function items(page) {
  return page.evaluate(() => window.portal.items);
}

// Waits until an item with this id is drawn, and matches `want` if given ({value: 'x'},
// {state: {checked: true}}: the fields given must be equal); returns it.
export async function item(page, id, want = null, timeout = 5000) {
  const handle = await page.waitForFunction(
    ([id, want]) => {
      const it = window.portal.items.find((i) => i.id === id);
      if (!it) return null;
      for (const [k, v] of Object.entries(want || {})) {
        if (k === 'state') {
          for (const [s, b] of Object.entries(v)) if (it.state[s] !== b) return null;
        } else if (it[k] !== v) {
          return null;
        }
      }
      return it;
    },
    [id, want],
    { timeout, polling: 50 });
  return handle.jsonValue();
}

export async function maybeItem(page, id) {
  return page.evaluate((id) => window.portal.items.find((i) => i.id === id) || null, id);
}

// Does `action` (an input) and waits until the client has drawn at least `n` frames after it
// (its reaction). The count is taken before the input: its frames may come at once.
export async function frames(page, action, n = 2) {
  const start = await page.evaluate(() => window.portal.frames);
  await action();
  await page.waitForFunction((s) => window.portal.frames >= s, start + n, { timeout: 5000, polling: 16 });
}

// Waits (at most `timeout` ms) until one of the browser's animation frames passes without a
// frame of the client: what the last input set going is drawn (an error line that goes once a
// field is valid, a scroll into view), so the items are where a click will find them.
export async function settled(page, timeout = 1000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const still = await page.evaluate(() => new Promise((resolve) => {
      const drawn = window.portal.frames;
      requestAnimationFrame(() => resolve(window.portal.frames === drawn));
    }));
    if (still) return;
  }
}

// Waits until the client has drawn no frame for `quietMs` (start-up's answers, the later module,
// the frames an input set going); true if that came within `capMs`.
export async function untilQuiet(page, quietMs, capMs) {
  const count = () => page.evaluate(() => window.portal.frames);
  let last = await count();
  let since = Date.now();
  for (const give = Date.now() + capMs; Date.now() - since < quietMs;) {
    if (Date.now() >= give) return false;
    await new Promise((r) => setTimeout(r, 100));
    const now = await count();
    if (now !== last) [last, since] = [now, Date.now()];
  }
  return true;
}

// Scrolls with the mouse wheel until the item is drawn fully inside the viewport (with a
// margin) and returns it.
export async function reveal(page, id, margin = 24) {
  const vp = page.viewportSize();
  let dir = 1;
  let lastTop = null;
  for (let i = 0; i < 80; ++i) {
    const it = await maybeItem(page, id);
    const top = await page.evaluate(() => window.portal.items.slice(0, 3).map((i) => i.id + ':' + i.rect.y).join());
    if (it && it.rect.y >= margin && it.rect.y + it.rect.h <= vp.height - margin) return it;
    if (it) dir = it.rect.y < margin ? -1 : 1;
    else if (lastTop !== null && top === lastTop) dir = -dir;  // hit an end without finding it
    lastTop = top;
    await page.mouse.move(vp.width / 2, vp.height / 2);
    await frames(page, () => page.mouse.wheel(0, dir * Math.round(vp.height * 0.4)));
  }
  throw new Error('could not scroll ' + id + ' into view');
}

export function centre(it) {
  return [it.rect.x + it.rect.w / 2, it.rect.y + it.rect.h / 2];
}

// Clicks the centre of an item (scrolled into view first).
export async function click(page, id) {
  await reveal(page, id);
  await settled(page);
  const it = await reveal(page, id);
  const [x, y] = centre(it);
  await frames(page, () => page.mouse.click(x, y));
  return it;
}

// Taps the centre of an item with a finger (context with hasTouch).
export async function tap(page, id) {
  await reveal(page, id);
  await settled(page);
  const it = await reveal(page, id);
  const [x, y] = centre(it);
  await frames(page, () => page.touchscreen.tap(x, y), 3);
  return it;
}

// The focused DOM element's name or aria-label (our inputs are named by their item id).
export async function activeElement(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    return a ? { tag: a.tagName, name: a.getAttribute('name'), label: a.getAttribute('aria-label'), value: a.value } : null;
  });
}
