// Shared by the end-to-end tests: a real portal-server on a free port, Debian's Chromium
// through playwright-core, and helpers that read the canvas's published state.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const ARTIFACTS = join(ROOT, 'build', 'e2e-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

const SERVER = join(ROOT, 'build', 'native', 'src', 'server', 'portal-server');
// PORTAL_WEB_ROOT: another build's bundle (a developer's own wasm tree).
export const WEB_ROOT = process.env.PORTAL_WEB_ROOT || join(ROOT, 'build', 'wasm', 'web');
export const ADMIN = join(ROOT, 'build', 'native', 'src', 'tools', 'portal-admin');

// Starts portal-server; resolves to {url, port, stop(), lines}.
// `port`: a chosen one (the same origin again, for a new release); `webRoot`: another bundle.
export async function startServer(flags = [], env = {}, { port: wanted = 0, webRoot = WEB_ROOT } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-e2e-'));
  const proc = spawn(SERVER, ['--host', '127.0.0.1', '--port', String(wanted), '--data-dir', dataDir, '--web-root', webRoot,
    ...flags], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('portal-server did not start:\n' + lines.join(''))), 20000);
    const onData = (chunk) => {
      const text = chunk.toString();
      lines.push(text);
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(lines.join(''));
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', (code) => reject(new Error('portal-server exited ' + code + ':\n' + lines.join(''))));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    lines,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.on('exit', r)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const CHROMIUM_ARGS = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox', '--disable-gpu',
  '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

// A page that records every console error and page error.
export async function openPage(browser, { width = 1280, height = 800, deviceScaleFactor = 1, ...rest } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor, ...rest });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push('pageerror: ' + e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') page.problems.push('console error: ' + m.text());
  });
  return page;
}

export async function waitReady(page, timeout = 30000) {
  await page.waitForFunction(() => window.portal && window.portal.ready === true, null, { timeout });
}

// Decodes a screenshot and counts its distinct colours (a blank canvas has one or two).
export function distinctColours(pngBuffer) {
  const png = PNG.sync.read(pngBuffer);
  const seen = new Set();
  for (let i = 0; i < png.data.length; i += 4) {
    seen.add((png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2]);
    if (seen.size > 1000) break;
  }
  return seen.size;
}

export function artifact(name) {
  return join(ARTIFACTS, name);
}
