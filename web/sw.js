// Service worker: the portal opens without network, like an installed app. Each release has a
// cache of its own ('portal-<version>', filled in by scripts/bundle.py) holding its page, its
// content-hashed app.js, app.wasm, bridge, styles and fonts, and its manifest and icons. Pages
// are always this release's cached index.html, so the app.js and app.wasm a page loads are the
// ones cached with it: an old app.js never meets a new app.wasm. A new release installs beside
// the old one and waits; it takes over when every page of the old one is closed, or when a page
// asks (the customer's next navigation, or "load it now": shell/bridge.js posts 'activate'), and
// the asking page reloads. The API is never cached here: the client keeps the signed-in
// customer's last data in IndexedDB itself (src/client/state/offline.cpp).
'use strict';
const VERSION = '{{VERSION}}';
const PRECACHE = {{PRECACHE}};
const CACHE = 'portal-' + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then(async (cache) => {
    // A content-hashed name never changes its bytes: the copy the page just loaded (HTTP cache) is
    // the right one, not a second download. The page, the manifest and the icons are revalidated.
    const hashed = (url) => /\.[0-9a-f]{8,}\.[a-z0-9]+$/.test(url);
    await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: hashed(url) ? 'default' : 'no-cache' })));
    // The page must be this release's: a server already serving a newer one fails this install
    // (the browser installs that newer worker instead when it next checks).
    const page = await cache.match('/index.html');
    if (!page || !(await page.text()).includes(VERSION)) throw new Error('index.html is not release ' + VERSION);
  }));
});

self.addEventListener('message', (event) => {
  if (event.data === 'activate') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('portal-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  const cached = (key) => caches.open(CACHE).then((c) => c.match(key)).then((hit) => hit || fetch(req));
  // Every client route (a path without an extension) is this release's page.
  if (req.mode === 'navigate' && !/\.[A-Za-z0-9]+$/.test(url.pathname)) {
    event.respondWith(cached('/index.html'));
    return;
  }
  event.respondWith(cached(req));
});
