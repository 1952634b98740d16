// The catalogs as the client merges them (assets/i18n/<lang>.json + the area files in
// assets/i18n/<lang>/), so tests check the texts the customer reads.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness.mjs';

function catalog(lang) {
  const out = JSON.parse(readFileSync(join(ROOT, 'assets', 'i18n', lang + '.json'), 'utf8'));
  const dir = join(ROOT, 'assets', 'i18n', lang);
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')))
    Object.assign(out, JSON.parse(readFileSync(join(dir, f), 'utf8')));
  return out;
}
const TEXT = { sl: catalog('sl'), en: catalog('en') };

// The text of `key` in `lang` with its {placeholders} filled; a missing key fails the test.
export function tr(lang, key, params = {}) {
  const t = TEXT[lang][key];
  assert.ok(t !== undefined, `no ${lang} text for ${key}`);
  return t.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
}
