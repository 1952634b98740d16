// The frame the client sends the bridge after each frame has one schema: the JSDoc typedefs at
// the top of shell/bridge.js. recordFrames() makes a page check every frame it draws against them
// (a key the schema does not list, or a value of another kind, is a problem); frameProblems()
// reads what was found. journey.open/finish and the accessibility suite use both, so every
// screen the e2e suites visit checks its frames.
import { readFileSync } from 'node:fs';

const BRIDGE = new URL('../../../shell/bridge.js', import.meta.url);

// {Frame: {items: {type: 'Item[]', optional: false}, ...}, Item: {...}, ...}
export function frameSchema(source = readFileSync(BRIDGE, 'utf8')) {
  const schema = {};
  for (const block of source.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
    const name = /@typedef\s+\{Object\}\s+(\w+)/.exec(block[1]);
    if (!name) continue;
    const props = {};
    for (const p of block[1].matchAll(/@property\s+\{([^}]+)\}\s+(\[)?(\w+)\]?/g))
      props[p[3]] = { type: p[1].trim(), optional: p[2] === '[' };
    schema[name[1]] = props;
  }
  return schema;
}

// Runs in the page, before bridge.js: wraps PortalBridge.frameDrawn once the bridge defines it.
function recorder(schema) {
  const problems = new Set();
  const add = (p) => {  // also said on the console: the suites count console errors, over reloads too
    if (problems.has(p)) return;
    problems.add(p);
    console.error('frame schema: ' + p);
  };
  let frames = 0;
  let last = null;
  const kindOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  const fits = (type, v) => type.replace(/^\?/, '').split('|').some((t) => {
    if (type.startsWith('?') && v === null) return true;
    if (t.endsWith('[]')) return Array.isArray(v);
    if (schema[t]) return kindOf(v) === 'object';
    return kindOf(v) === t;
  });
  const check = (kind, obj, where) => {
    const props = schema[kind];
    for (const [key, v] of Object.entries(obj)) {
      const p = props[key];
      if (!p) {
        add(`${kind}.${key}: not in the schema (${where})`);
        continue;
      }
      if (!fits(p.type, v)) add(`${kind}.${key}: ${kindOf(v)} where the schema says ${p.type} (${where})`);
      const inner = p.type.replace(/^\?/, '').replace(/\[\]$/, '');
      if (!schema[inner]) continue;
      if (Array.isArray(v)) v.forEach((e) => check(inner, e, `${where} ${key}`));
      else if (kindOf(v) === 'object') check(inner, v, `${where} ${key}`);
    }
    for (const [key, p] of Object.entries(props))
      if (!p.optional && !(key in obj)) add(`${kind}.${key}: missing (${where})`);
  };
  let bridge;
  Object.defineProperty(window, 'PortalBridge', {
    configurable: true,
    get: () => bridge,
    set(b) {
      const drawn = b.frameDrawn;
      b.frameDrawn = function (count, json, cursor) {
        if (json !== last) {
          last = json;
          ++frames;
          check('Frame', JSON.parse(json), location.pathname);
        }
        return drawn.call(this, count, json, cursor);
      };
      bridge = b;
    },
  });
  window.__portalFrameCheck = () => ({ frames, problems: [...problems] });
}

export async function recordFrames(context) {
  await context.addInitScript(recorder, frameSchema());
}

// {frames: number of distinct frames checked, problems: [...]} (null if the page had no recorder).
export async function frameProblems(page) {
  return page.evaluate(() => (window.__portalFrameCheck ? window.__portalFrameCheck() : null));
}
