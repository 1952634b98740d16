// The portal's own test data for end-to-end journeys: a server at a chosen date (--dev and
// PORTAL_NOW) with a small registry of the supplier's contracts and operator readings imported
// with portal-admin, and the links mailed to the outbox.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, startServer } from './harness.mjs';

export const CONTRACTS_HEADER = 'contract_number,metering_point,gsrn,energy,operator,street,city,postal_code,'
  + 'registers,meter_digits,customer_name,valid_from,valid_to';

// Elektro Ljubljana (window: the last day of the month through the 3rd), a single-tariff meter of
// Elektro Maribor, and a Domplan gas meter (month-specific windows: 26-29 November).
export const REGISTRY = [
  'E-100,3-345341,,electricity,ELJ,Šmartinska cesta 5,Ljubljana,1000,VT+MT,6,Žiga Čebašek,2024-01-01,',
  'E-101,2123456,,electricity,EMB,Partizanska cesta 12,Maribor,2000,ET,6,Marko Horvat,2024-01-01,',
  'P-200,DOPL-123456789012,,gas,DOPL,Koroška cesta 21,Kranj,4000,M3,5,Ana Novak,2024-01-01,',
];

// Monthly operator readings January 2025 - October 2026 (last day of each month):
// 3345341 VT +300 and MT +150 a month (31 Oct 2026: VT 26600, MT 12300); 2123456 ET +400
// (48800); DOPL M3 +100 (7200).
export function registryReadings() {
  const rows = [];
  const add = (number, reg, start, step) => {
    let v = start;
    for (let i = 0; i < 22; i++) {
      const y = 2025 + Math.floor(i / 12);
      const m = (i % 12) + 1;
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      v += step;
      rows.push(`${number},${y}-${String(m).padStart(2, '0')}-${last},${reg},${v},operator`);
    }
  };
  add('3345341', 'VT', 20000, 300);
  add('3345341', 'MT', 9000, 150);
  add('2123456', 'ET', 40000, 400);
  add('DOPL-123456789012', 'M3', 5000, 100);
  return rows;
}

function importCsv(db, what, header, rows) {
  const dir = mkdtempSync(join(tmpdir(), 'portal-csv-'));
  const file = join(dir, what + '.csv');
  writeFileSync(file, header + '\n' + rows.join('\n') + '\n');
  execFileSync(ADMIN, ['--db', db, what, file], { stdio: ['ignore', 'ignore', 'inherit'] });
  rmSync(dir, { recursive: true, force: true });
}

// A server whose clock starts at `now` (e.g. '2026-11-30T10:00:00+01:00') with the registry.
// `after`: a stopped server (stop(true) kept its data) whose database, outbox and port this one
// takes over, e.g. serving a new release; `webRoot`: another bundle.
export async function startPortal(now = '2026-11-30T10:00:00+01:00',
  { registry = true, flags = [], after = null, webRoot } = {}) {
  const dataDir = after ? after.dataDirOfPortal : mkdtempSync(join(tmpdir(), 'portal-e2e-data-'));
  const db = join(dataDir, 'portal.db');
  if (registry && !after) {
    importCsv(db, 'import-contracts', CONTRACTS_HEADER, REGISTRY);
    importCsv(db, 'import-readings', 'metering_point,date,register,value,source', registryReadings());
  }
  const server = await startServer(['--dev', '--db', db, '--outbox', join(dataDir, 'outbox'), ...flags],
    { PORTAL_NOW: now }, { port: after ? after.port : 0, webRoot });
  const stop = server.stop;
  server.outbox = join(dataDir, 'outbox');
  server.db = db;
  server.dataDirOfPortal = dataDir;
  server.stop = async (keepData = false) => {
    await stop();
    if (!keepData) rmSync(dataDir, { recursive: true, force: true });
  };
  return server;
}

// The outbox's finished messages with this extension ('.eml', '.sms'), newest first, as texts.
// The server writes each to a hidden temporary file and renames it into place: those are skipped,
// and one renamed away between listing and reading is left for the next look.
export function outbox(server, ext) {
  let names = [];
  try {
    names = readdirSync(server.outbox).filter((f) => f.endsWith(ext) && !f.startsWith('.')).sort().reverse();
  } catch { /* no outbox yet */ }
  const texts = [];
  for (const f of names) {
    try {
      texts.push(readFileSync(join(server.outbox, f), 'utf8'));
    } catch { /* gone meanwhile */ }
  }
  return texts;
}

// The newest SMS code (six digits) in the outbox, waiting for it.
export async function smsCode(server, timeout = 5000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const text of outbox(server, '.sms')) {
      const m = /\b(\d{6})\b/.exec(text);
      if (m) return m[1];
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('no SMS code in the outbox');
}

// The newest link in a mail to `to` whose URL contains `path` ('/activate?token='), waiting for it.
export async function mailedLink(server, to, path, timeout = 10000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const text of outbox(server, '.eml')) {
      if (!text.includes(`To: ${to}\r\n`)) continue;
      const line = text.split(/\r?\n/).find((l) => l.startsWith('http') && l.includes(path));
      if (line) return line.trim();
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no mail to ${to} with ${path}`);
}

// The path and query of a mailed link ('http://localhost:1234/activate?token=x' -> '/activate?token=x').
export function pathOf(link) {
  const u = new URL(link);
  return u.pathname + u.search;
}
