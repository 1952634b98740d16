// The bridge between the page and the wasm client. It owns what the browser does best:
// sizing the canvas for the device-pixel ratio, waking the frame loop on input, fetching the
// fonts while the wasm compiles, and window.portal (state for tests and diagnostics).
'use strict';
(function () {
  const meta = JSON.parse(document.querySelector('meta[name="portal-bundle"]').content);
  const canvas = document.getElementById('canvas');
  const status = document.getElementById('portal-status');

  // For tests and diagnostics: ready once the first frame is drawn, frames drawn so far.
  window.portal = { ready: false, frames: 0, version: meta.version, items: [] };

  function fail(message) {
    status.textContent = message;
    status.className = 'portal-error';
  }

  // Fonts start downloading now, in parallel with the wasm.
  const fonts = Promise.all(meta.fonts.map((url) =>
    fetch(url).then((r) => {
      if (!r.ok) throw new Error('font ' + url + ': HTTP ' + r.status);
      return r.arrayBuffer();
    })));

  let app = null;  // the Emscripten Module once the runtime runs

  function wake() {
    if (app) app._portal_wake();
  }

  function resize() {
    if (!app) return;
    const w = window.innerWidth;
    const h = window.innerHeight;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.round(w * dpr));
    canvas.height = Math.max(1, Math.round(h * dpr));
    app._portal_resize(w, h, dpr);
  }

  function watchPixelRatio() {
    // A zoom or a move to another monitor changes devicePixelRatio without always resizing.
    const mq = window.matchMedia('(resolution: ' + (window.devicePixelRatio || 1) + 'dppx)');
    mq.addEventListener('change', () => { resize(); watchPixelRatio(); }, { once: true });
  }

  function copyToHeap(module, buffer) {
    const bytes = new Uint8Array(buffer);
    const ptr = module._malloc(bytes.length);
    module.HEAPU8.set(bytes, ptr);
    return [ptr, bytes.length];
  }

  window.PortalBridge = {
    init(module) {
      app = module;
      window.addEventListener('resize', resize);
      watchPixelRatio();
      for (const type of ['pointerdown', 'pointermove', 'pointerup', 'pointercancel', 'wheel', 'keydown',
        'keyup', 'focus', 'blur', 'visibilitychange']) {
        window.addEventListener(type, wake, { passive: true, capture: true });
      }
      resize();
    },
    loadFonts(module) {
      fonts.then((buffers) => {
        const [r, rl] = copyToHeap(module, buffers[0]);
        const [s, sl] = copyToHeap(module, buffers[1]);
        module._portal_fonts_loaded(r, rl, s, sl);
      }).catch((e) => fail('Portala ni bilo mogoče naložiti (' + e.message + '). Osvežite stran.'));
    },
    frameDrawn(frames) {
      window.portal.frames = frames;
      if (!window.portal.ready) {
        window.portal.ready = true;
        status.textContent = '';
        status.className = 'portal-hidden';
      }
    },
  };

  // Emscripten reads this global when app.js runs (it is loaded after this file).
  window.Module = {
    canvas: canvas,
    locateFile: (path) => (path.endsWith('.wasm') ? '/' + meta.wasm : path),
    onAbort: (what) => fail('Portal se je ustavil zaradi napake. Osvežite stran. (' + what + ')'),
  };

  if (!window.WebAssembly || !document.createElement('canvas').getContext('webgl2')) {
    fail('Ta brskalnik ne podpira WebAssembly ali WebGL 2. Uporabite novejši brskalnik.');
  }

  if ('serviceWorker' in navigator && location.protocol !== 'file:') {
    window.addEventListener('load', () => {
      navigator.serviceWorker.register('/sw.js').catch(() => {});
    });
  }
})();
