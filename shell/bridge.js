// The bridge between the page and the wasm client. It owns what the browser does best:
// sizing the canvas for the device-pixel ratio, waking the frame loop on input, fetching the
// fonts while the wasm compiles, window.portal (state for tests and diagnostics), and the DOM
// elements over the canvas that each frame asks for:
// - a real, transparent <input> over every text field (inside a <form> when the field has
//   one): typing, IME, paste, dictation, phone keyboards and password managers all work on it;
//   the canvas draws its value, caret and selection from what this reports;
// - a focus proxy (a transparent button, pointer-events: none) for every other focusable, so
//   Tab, Enter and Space reach them in draw order.
// Fingers go to the client as pointer events (Emscripten's GLFW ignores touch).
'use strict';

// [SECTION] The frame: what the client sends after each frame (PortalBridge.frameDrawn), written
// by src/client/widgets/items.cpp (serialise_frame). The typedefs below are its schema: every key
// the client may send is listed, and tests/e2e/lib/frame_schema.mjs fails a test on any other.
/**
 * @typedef {Object} Frame
 * @property {Item[]} items           the visible items (published as window.portal.items)
 * @property {MirrorEntry[]} mirror   every item, off-screen too: the accessibility mirror
 * @property {Control[]} controls     DOM elements to keep, in draw (= Tab) order
 * @property {string[]} overflow      items cut off at the viewport's left or right edge
 * @property {Kiosk} [kiosk]          a kiosk's look and on-screen keyboard
 * @property {string} [focus]         move DOM focus to this control or mirror element
 */
/**
 * @typedef {Object} Item
 * @property {string} id
 * @property {string} role            button, textbox, heading, cell, ...
 * @property {string} label
 * @property {string} value
 * @property {ItemState} state
 * @property {Rect} rect              the visible part, CSS px
 * @property {number} [row]           a table row's index
 * @property {number} [level]         a heading's level
 */
/**
 * @typedef {Object} ItemState
 * @property {boolean} disabled
 * @property {boolean} checked
 * @property {boolean} selected
 * @property {boolean} expanded
 * @property {boolean} focused
 * @property {boolean} invalid
 * @property {boolean} busy
 */
/**
 * @typedef {Object} Rect
 * @property {number} x
 * @property {number} y
 * @property {number} w
 * @property {number} h
 */
/**
 * @typedef {Object} MirrorEntry
 * @property {string} id
 * @property {string} r               role
 * @property {string} l               label
 * @property {number} x               the whole rect, CSS px (off-screen too)
 * @property {number} y
 * @property {number} w
 * @property {number} h
 * @property {string} [v]             value
 * @property {number} [lv]            heading level
 * @property {boolean} [inv]          in error
 */
/**
 * @typedef {Object} Control
 * @property {string} id
 * @property {string} k               'i' a real input, 'p' a focus proxy
 * @property {string} r               role
 * @property {string} l               label
 * @property {number} x               CSS px
 * @property {number} y
 * @property {number} w
 * @property {number} h
 * @property {?number[]} c            clip insets [top, right, bottom, left], null when hidden
 * @property {string} [f]             the form it belongs to (password managers)
 * @property {number} [b]             blocked: 1 under an open list, 2 under a dialog (inert)
 * @property {boolean} [dis]          disabled
 * @property {boolean} [inv]          in error
 * @property {string} [v]             an input's value
 * @property {string} [t]             an input's type (text, email, password, tel, numeric, multiline)
 * @property {string} [ac]            autocomplete
 * @property {number} [max]           maxlength
 * @property {number} [pad]           the text's left padding, CSS px
 * @property {number[]|boolean} [sel] an input: caret [start, end]; an option or link: selected
 * @property {boolean} [req]          required
 * @property {boolean} [chk]          checked (checkbox, radio, switch)
 * @property {boolean} [exp]          expanded
 * @property {boolean} [busy]
 */
/**
 * @typedef {Object} Kiosk
 * @property {number} zoom            the kiosk's zoom of everything (1.25)
 * @property {number[]} [kb]          the on-screen keyboard's rect [x, y, w, h], CSS px
 */
(function () {
  const meta = JSON.parse(document.querySelector('meta[name="portal-bundle"]').content);

  // A phone's on-screen keyboard resizes the page (the canvas and the focused field stay in
  // view): Chromium and Firefox know the viewport key; WebKit does not and warns about it.
  if (!/AppleWebKit/.test(navigator.userAgent) || /Chrome|Chromium|Edg/.test(navigator.userAgent)) {
    const viewport = document.querySelector('meta[name="viewport"]');
    viewport.content += ', interactive-widget=resizes-content';
  }
  const canvas = document.getElementById('canvas');
  const status = document.getElementById('portal-status');

  // For tests and diagnostics: ready once the first frame is drawn, frames drawn so far, what
  // the last frame drew, and items cut off at the viewport's sides.
  window.portal = { ready: false, frames: 0, version: meta.version, items: [], overflow: [],
    timing: { script: Math.round(performance.now()) } };

  function fail(message) {
    status.textContent = message;
    status.className = 'portal-error';
  }

  // The wasm and the fonts start downloading now, side by side, fetched once: no <link
  // rel=preload> (WebKit never hands a preload "as=fetch" to fetch(): Safari would download each
  // of these twice). The wasm compiles while it streams in (Module.instantiateWasm below).
  const wasm = fetch('/' + meta.wasm, { credentials: 'same-origin' });
  const fonts = Promise.all(meta.fonts.map((url) => new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open('GET', url);
    x.responseType = 'arraybuffer';
    x.onload = () => (x.status === 200 ? resolve(x.response) : reject(new Error('font ' + url + ': HTTP ' + x.status)));
    x.onerror = () => reject(new Error('font ' + url));
    x.send();
  })));

  let fontBuffers = null;  // the fonts' bytes once fetched

  // [SECTION] The later module (app.later.*.wasm, scripts/split_wasm.py): the functions the
  // sign-in screens never call. The start-up module imports a placeholder for each of them
  // ("placeholder" "<table index>"); instantiating the later module puts the real ones in the
  // table. It is fetched after the first frame, or beside the start-up module when the first
  // screen is likely to need it (not a sign-in screen, or a customer signed in on this device
  // before: Store::signed_in); then the atlas and first frame wait for it (loadFonts). Should a
  // placeholder run before it arrived, it is loaded there and then, synchronously
  // (window.portal.later says which way it came).
  const SIGN_IN_PATHS = /^\/(login|register|forgot|reset|activate|kiosk)?\/?$/;
  const later = meta.later ? { url: '/' + meta.later, compiled: null, module: null, linked: false } : null;
  let primary = null;  // the start-up module's exports
  let table = null;  // its function table
  function laterAtStart() {
    let known = false;
    try {
      known = localStorage.getItem('portal.signed_in') === '1';
    } catch (e) {
    }
    return !!later && (known || !SIGN_IN_PATHS.test(location.pathname));
  }
  // Compiled as it streams in where the engine can, else from the whole body.
  function streamedWasm(response, streaming, whole) {
    const bytes = () => response.then((r) => r.clone().arrayBuffer()).then(whole);
    return WebAssembly.instantiateStreaming ? response.then((r) => streaming(r.clone())).catch(bytes) : bytes();
  }
  function compileLater() {
    if (!later.compiled) {
      later.compiled = streamedWasm(fetch(later.url, { credentials: 'same-origin' }),
        (r) => WebAssembly.compileStreaming(r), (b) => WebAssembly.compile(b))
        .then((m) => { later.module = m; return m; });
    }
    return later.compiled;
  }
  function linkLater(how) {
    if (later.linked) return;
    new WebAssembly.Instance(later.module, { primary: primary });
    later.linked = true;
    window.portal.later = how;
    mark('later');
  }
  // The later module, linked now if a first screen needs it and it is compiled: true once the
  // first frame may run (the sign-in screens do not wait for it).
  function laterReady() {
    if (laterFirst && later.module) linkLater('start');
    return !laterFirst || later.linked;
  }
  function laterNow() {  // a placeholder ran: the start-up module needs it before it arrived
    if (!later.module) {
      const x = new XMLHttpRequest();
      x.open('GET', later.url, false);  // a synchronous request cannot ask for an ArrayBuffer
      x.overrideMimeType('text/plain; charset=x-user-defined');
      x.send();
      if (x.status !== 200) throw new Error('app.later.wasm: HTTP ' + x.status);
      const text = x.responseText;
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; ++i) bytes[i] = text.charCodeAt(i) & 0xff;
      later.module = new WebAssembly.Module(bytes);
    }
    linkLater('on-demand');
  }
  const placeholders = new Proxy({}, {
    get: (_, index) => function () {
      if (!later.linked) window.portal.laterBy = Number(index);  // which one (--placeholdermap)
      laterNow();
      return table.get(Number(index)).apply(null, arguments);
    },
  });
  const laterFirst = laterAtStart();
  if (laterFirst) compileLater();
  fonts.then((b) => { fontBuffers = b; }).catch(() => {});
  let app = null;  // the Emscripten Module once the runtime runs

  function wake() {
    if (app) app._portal_wake();
  }

  function resize() {
    if (!app) return;
    const w = window.innerWidth;
    const h = window.innerHeight;
    const dpr = window.devicePixelRatio || 1;
    const pw = Math.max(1, Math.round(w * dpr));
    const ph = Math.max(1, Math.round(h * dpr));
    // Assigning a size, even the same, reallocates the drawing buffer.
    if (canvas.width !== pw) canvas.width = pw;
    if (canvas.height !== ph) canvas.height = ph;
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

  // Calls fn with the strings as C strings (freed afterwards).
  function withStrings(strings, fn) {
    const ptrs = strings.map((s) => {
      const n = app.lengthBytesUTF8(s) + 1;
      const p = app._malloc(n);
      app.stringToUTF8(s, p, n);
      return p;
    });
    try {
      fn(...ptrs);
    } finally {
      ptrs.forEach((p) => app._free(p));
    }
  }

  // [SECTION] The DOM layer: elements keyed by the widget's id, in draw order.
  const layer = document.createElement('div');
  layer.id = 'portal-layer';
  document.body.appendChild(layer);
  const els = new Map();    // id -> <input> or proxy <button>
  const forms = new Map();  // form id -> <form>
  let lastFrame = '';
  // [SECTION] Kiosk (src/client/state/kiosk.h): the frame says {zoom, kb: [x, y, w, h]} on a
  // kiosk. Its inputs open no device keyboard (the app draws one) and their text is zoomed like
  // the canvas's; a press on the app's keyboard keeps the field's focus.
  let kiosk = null;
  function onKioskKeyboard(e) {
    const kb = kiosk && kiosk.kb;
    return !!kb && e.clientX >= kb[0] && e.clientX < kb[0] + kb[2] && e.clientY >= kb[1] && e.clientY < kb[1] + kb[3];
  }

  function attr(el, name, value) {
    if (value === null || value === undefined || value === false) {
      if (el.hasAttribute(name)) el.removeAttribute(name);
    } else {
      const v = value === true ? '' : String(value);
      if (el.getAttribute(name) !== v) el.setAttribute(name, v);
    }
  }

  function create(c) {
    let el;
    if (c.k === 'i') {
      // A multi-line field is a <textarea> (Enter makes a new line; the canvas wraps alike).
      el = document.createElement(c.t === 'multiline' ? 'textarea' : 'input');
      el.className = c.t === 'multiline' ? 'portal-input portal-multiline' : 'portal-input';
      el.spellcheck = false;
      attr(el, 'autocapitalize', 'off');
    } else {
      el = document.createElement('button');
      el.type = 'button';
      el.className = 'portal-proxy';
    }
    el.pid = c.id;
    el.kind = c.k;
    return el;
  }

  function update(el, c) {
    const s = el.style;
    const geometry = c.x + ',' + c.y + ',' + c.w + ',' + c.h;
    if (el.geometry !== geometry) {
      el.geometry = geometry;
      s.left = c.x + 'px';
      s.top = c.y + 'px';
      s.width = c.w + 'px';
      s.height = c.h + 'px';
    }
    // Only the visible part takes pointer events (fields scrolled under an edge, off screen).
    const clip = c.c ? 'inset(' + c.c.join('px ') + 'px)' : 'inset(50%)';
    if (el.clip !== clip) s.clipPath = el.clip = clip;
    attr(el, 'aria-label', c.l || null);
    attr(el, 'aria-invalid', c.inv ? 'true' : null);
    el.disabled = !!c.dis;
    if (el.inert !== (c.b === 2)) el.inert = c.b === 2;  // under a dialog
    if (c.k === 'i') {
      // type=email has no selection API (selectionStart is null), and the canvas draws the
      // caret from it: e-mail fields are type=text with inputmode=email instead.
      const type = c.t === 'password' ? 'password' : c.t === 'tel' ? 'tel' : 'text';
      if (el.tagName === 'INPUT' && el.type !== type) el.type = type;
      attr(el, 'name', c.id);
      attr(el, 'inputmode', kiosk ? 'none' : c.t === 'numeric' ? 'numeric' : c.t === 'email' ? 'email' : null);
      attr(el, 'pattern', c.t === 'numeric' ? '[0-9]*' : null);
      attr(el, 'autocomplete', c.ac || null);
      attr(el, 'maxlength', c.max || null);
      attr(el, 'aria-required', c.req ? 'true' : null);
      if (el.pad !== c.pad) {
        el.pad = c.pad;
        s.paddingLeft = s.paddingRight = c.pad + 'px';
      }
      el.classList.toggle('portal-blocked', !!c.b);
      // The client changed the value (cleared, loaded, refused a change): never mid-composition.
      if (!el.composing && el.value !== c.v) {
        const focused = document.activeElement === el;
        const start = el.selectionStart;
        const end = el.selectionEnd;
        el.value = c.v;
        if (focused) {
          const n = c.v.length;
          el.setSelectionRange(Math.min(start, n), Math.min(end, n));
        }
        el.sel = '';
        if (focused) setTimeout(() => reportSelection(el), 0);
      }
      // Kiosk: the app's keyboard typed and put the caret after what it typed.
      if (c.sel && document.activeElement === el) {
        el.setSelectionRange(c.sel[0], c.sel[1]);
        setTimeout(() => reportSelection(el), 0);
      }
    } else {
      attr(el, 'role', c.r === 'button' ? null : c.r);
      attr(el, 'aria-checked', c.chk === undefined ? null : String(c.chk));
      attr(el, 'aria-expanded', c.exp === undefined ? null : String(c.exp));
      attr(el, 'aria-selected', c.r === 'option' ? String(!!c.sel) : null);
      attr(el, 'aria-current', c.r === 'link' && c.sel ? 'page' : null);
      attr(el, 'aria-busy', c.busy ? 'true' : null);
    }
  }

  // Puts kids into parent in this order, moving others rather than the focused element (a
  // moved element loses focus).
  function arrange(parent, kids) {
    let cur = parent.firstChild;
    for (const k of kids) {
      if (k === cur) {
        cur = cur.nextSibling;
      } else if (k === document.activeElement && k.parentNode === parent) {
        while (cur && cur !== k) {
          const next = cur.nextSibling;
          parent.appendChild(cur);
          cur = next;
        }
        cur = k.nextSibling;
      } else {
        parent.insertBefore(k, cur);
      }
    }
  }

  // [SECTION] The mirror: the whole page for screen readers, rebuilt from what each frame drew.
  // Every item becomes an element in draw (= reading) order, placed over what it stands for (so
  // explore-by-touch finds it under the finger): the controls above, and for the rest headings,
  // paragraphs, term/value pairs, alerts, images, tables (rows, column headers with aria-sort,
  // cells), lists and dialogs. Ids name the nesting (widgets.h): "<table>.row.<r>.<c>" lies in
  // "<table>.row.<r>" in "<table>". Landmarks: the header (the brand bar and the shell's links),
  // the navigation, the main content; dialogs after them. Status texts (progress, results) go
  // into the polite live region #portal-status; errors are role=alert elements.
  const CONTAINERS = { table: 'div', row: 'div', navigation: 'nav', dialog: 'div', radiogroup: 'div', list: 'ul' };
  const mirrorEls = new Map();  // mirror id -> static element
  const landmarks = {};
  let lastStatus = '';

  function landmark(tag, label) {
    if (!landmarks[tag]) {
      const el = document.createElement(tag);
      el.className = 'portal-box';
      if (label) attr(el, 'aria-label', label);
      landmarks[tag] = el;
    }
    return landmarks[tag];
  }

  function place(el, m) {
    const s = el.style;
    const g = m.x + ',' + m.y + ',' + m.w + ',' + m.h;
    if (el.geometry === g) return;
    el.geometry = g;
    s.left = m.x + 'px';
    s.top = m.y + 'px';
    s.width = m.w + 'px';
    s.height = m.h + 'px';
  }

  function text(el, t) {
    if (el.textContent !== t) el.textContent = t;
  }

  // The element of an item that is no control, made or updated to say what the item says.
  function staticEl(m) {
    const level = Math.min(6, Math.max(1, m.lv || 1));
    const tag = m.r === 'heading' ? 'h' + level : CONTAINERS[m.r] || (m.r === 'paragraph' ? 'p'
      : m.r === 'definition' ? 'dl' : m.r === 'listitem' ? 'li' : m.r === 'banner' ? 'p' : 'div');
    let el = mirrorEls.get(m.id);
    if (el && el.tagName.toLowerCase() !== tag) {
      el.remove();
      el = null;
    }
    if (!el) {
      el = document.createElement(tag);
      el.id = 'm-' + m.id;
      el.mid = m.id;
      mirrorEls.set(m.id, el);
    }
    const container = !!CONTAINERS[m.r];
    el.className = container ? 'portal-box' : 'portal-text';
    if (!container) place(el, m);
    switch (m.r) {
      case 'heading':
        attr(el, 'tabindex', '-1');  // focus lands here after a navigation
        text(el, m.l);
        break;
      case 'definition': {
        if (el.childNodes.length !== 2) {
          el.replaceChildren(document.createElement('dt'), document.createElement('dd'));
        }
        text(el.firstChild, m.l);
        text(el.lastChild, m.v || '');
        break;
      }
      case 'alert':
        attr(el, 'role', 'alert');
        text(el, m.l);
        break;
      case 'img':
        attr(el, 'role', 'img');
        attr(el, 'aria-label', m.l);
        break;
      case 'table':
        attr(el, 'role', 'table');
        attr(el, 'aria-label', m.l || null);
        break;
      case 'row':
        attr(el, 'role', 'row');
        break;
      case 'columnheader':
        attr(el, 'role', 'columnheader');
        attr(el, 'aria-sort', m.v === 'ascending' || m.v === 'descending' ? m.v : null);
        text(el, m.l);
        break;
      case 'cell':
        attr(el, 'role', 'cell');
        text(el, m.v !== undefined ? m.v : m.l);
        break;
      case 'dialog':
        attr(el, 'role', 'dialog');
        attr(el, 'aria-modal', 'true');
        attr(el, 'aria-label', m.l || null);
        break;
      case 'navigation':
        attr(el, 'aria-label', m.l || null);
        break;
      case 'radiogroup':
        attr(el, 'role', 'radiogroup');
        attr(el, 'aria-label', m.l || null);
        break;
      case 'list':
        break;
      default:  // paragraph, listitem, status, text of other roles
        text(el, m.v && m.r !== 'paragraph' && m.r !== 'listitem' ? m.l + ' ' + m.v : m.l);
    }
    return el;
  }

  // The container an item belongs in: the nearest container whose id is a prefix of its id.
  function parentOf(id, containers) {
    for (let cut = id.lastIndexOf('.'); cut > 0; cut = id.lastIndexOf('.', cut - 1)) {
      const p = id.slice(0, cut);
      if (containers.has(p)) return p;
    }
    return null;
  }

  function reconcile(controls, mirror) {
    // 1. The controls: a real <input> per text field, a proxy per other focusable.
    const seen = new Set();
    const ctl = new Map();  // id -> {el, form}
    for (const c of controls) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      let el = els.get(c.id);
      if (el && (el.kind !== c.k || (el.tagName === 'TEXTAREA') !== (c.t === 'multiline'))) {
        removeEl(el);
        el = null;
      }
      if (!el) {
        el = create(c);
        els.set(c.id, el);
      }
      update(el, c);
      let form = null;
      if (c.f) {
        form = forms.get(c.f);
        if (!form) {
          form = document.createElement('form');
          form.id = 'form-' + c.f;
          form.noValidate = true;
          form.autocomplete = 'on';
          form.addEventListener('submit', (e) => e.preventDefault());
          forms.set(c.f, form);
        }
      }
      ctl.set(c.id, { el, form });
    }
    for (const [id, el] of els) {
      if (!seen.has(id)) {
        els.delete(id);
        removeEl(el);
      }
    }

    // 2. Every item as an element, nested by id; each parent's children in draw order (a
    // container sits where its first part was drawn).
    const containers = new Set(mirror.filter((m) => CONTAINERS[m.r]).map((m) => m.id));
    const kids = new Map();  // parent (a mirror id, "root:<landmark>" or a <form>) -> [node]
    const placed = new Set();
    const used = new Set();
    let status = '';
    const add = (key, node) => {
      if (placed.has(node)) return;
      placed.add(node);
      if (!kids.has(key)) kids.set(key, []);
      kids.get(key).push(node);
    };
    const nodeOf = (id) => (ctl.has(id) ? ctl.get(id).el : mirrorEls.get(id));
    const keyOf = (m) => {
      if (m.r === 'dialog') return 'root:dialog';
      const p = parentOf(m.id, containers);
      if (p) return p;
      if (m.r === 'banner' || m.id.startsWith('shell.')) return 'root:header';
      if (m.r === 'navigation') return 'root:nav';
      return 'root:main';
    };
    const byId = new Map(mirror.map((m) => [m.id, m]));
    // The row a table's column headers share (the table's first row).
    const headerRow = (table) => {
      const rowId = table + '#head';
      let tr = mirrorEls.get(rowId);
      if (!tr) {
        tr = document.createElement('div');
        tr.className = 'portal-box';
        tr.setAttribute('role', 'row');
        mirrorEls.set(rowId, tr);
      }
      used.add(rowId);
      add(table, tr);
      return rowId;
    };
    // Ancestors first: a container enters its parent where its first part is drawn.
    const enter = (id) => {
      const p = parentOf(id, containers);
      if (!p || used.has(p)) return;
      const pm = byId.get(p);
      staticEl(pm);
      used.add(p);
      enter(p);
      add(keyOf(pm), mirrorEls.get(p));
    };
    for (const m of mirror) {
      if (m.r === 'status') status += (status ? ' ' : '') + m.l;
      enter(m.id);
      let node;
      if (ctl.has(m.id)) {
        const { el, form } = ctl.get(m.id);
        node = el;
        // A field's error is read with it.
        if (el.kind === 'i') attr(el, 'aria-describedby', byId.has(m.id + '.error') ? 'm-' + m.id + '.error' : null);
        if (form) {
          add(keyOf(m), form);
          add(form, el);
          continue;
        }
      } else if (used.has(m.id)) {
        continue;  // a container already placed by its first part
      } else {
        node = staticEl(m);
        used.add(m.id);
      }
      let key = keyOf(m);
      // A row holds cells only: a sortable header's button goes into a columnheader, a row's
      // button (delete) into a cell.
      const inRow = typeof key === 'string' && byId.has(key) && byId.get(key).r === 'row';
      if (ctl.has(m.id) && (m.r === 'columnheader' || inRow)) {
        const wrapId = m.id + '#wrap';
        let wrap = mirrorEls.get(wrapId);
        if (!wrap) {
          wrap = document.createElement('div');
          wrap.className = 'portal-box';
          mirrorEls.set(wrapId, wrap);
        }
        attr(wrap, 'role', m.r === 'columnheader' ? 'columnheader' : 'cell');
        attr(wrap, 'aria-sort', m.r === 'columnheader' && (m.v === 'ascending' || m.v === 'descending') ? m.v : null);
        used.add(wrapId);
        if (m.r === 'columnheader') key = headerRow(key);
        add(key, wrap);
        add(wrapId, node);
        continue;
      }
      if (m.r === 'columnheader') key = headerRow(key);  // a table's headers share a header row
      if (m.r === 'listitem') {  // consecutive items of one list share a <ul>
        const listId = m.id.slice(0, m.id.lastIndexOf('.')) + '#list';
        let ul = mirrorEls.get(listId);
        if (!ul) {
          ul = document.createElement('ul');
          ul.className = 'portal-box';
          mirrorEls.set(listId, ul);
        }
        used.add(listId);
        add(key, ul);
        key = listId;
      }
      if (m.r === 'navigation' && m.id === 'nav') {
        add('root:nav', node);
        continue;
      }
      add(key, node);
    }
    for (const [id, { el, form }] of ctl) {  // controls with no item (none expected): at the end
      if (!placed.has(el) && !placed.has(form)) add('root:main', form || el);
      void id;
    }
    for (const [id, el] of mirrorEls) {
      if (!used.has(id)) {
        mirrorEls.delete(id);
        el.remove();
      }
    }
    for (const [id, form] of forms) {
      if (![...ctl.values()].some((c) => c.form === form)) {
        forms.delete(id);
        form.remove();
      }
    }

    // 3. Into the page: header, navigation, main, dialogs.
    const header = landmark('header');
    const main = landmark('main');
    const navs = kids.get('root:nav') || [];
    const top = [header, ...navs, main, ...(kids.get('root:dialog') || [])];
    arrange(layer, top);
    arrange(header, kids.get('root:header') || []);
    arrange(main, kids.get('root:main') || []);
    for (const [key, list] of kids) {
      if (typeof key === 'string' && key.startsWith('root:')) continue;
      const parent = typeof key === 'string' ? mirrorEls.get(key) : key;
      if (parent) arrange(parent, list);
    }
    // Under an open dialog the page is inert: a screen reader stays in the dialog.
    const modal = (kids.get('root:dialog') || []).length > 0;
    if (header.inert !== modal) header.inert = modal;
    if (main.inert !== modal) main.inert = modal;
    for (const n of navs) if (n.inert !== modal) n.inert = modal;
    // Progress and results, politely.
    if (window.portal.ready && status !== lastStatus) {
      lastStatus = status;
      text(document.getElementById('portal-status'), status);
    }
  }

  function removeEl(el) {
    // Removing the focused element fires no blur: tell the client ourselves.
    // Firefox and WebKit fire no focusout either, so the caret's blink stops here too.
    if (document.activeElement === el) {
      reportFocus(el, false);
      if (el.kind === 'i') blink(false);
    }
    el.remove();
  }

  // [SECTION] What the DOM elements report.
  function reportFocus(el, focused, keyboard) {
    const visible = focused && (keyboard || el.kind === 'i' || el.matches(':focus-visible'));
    el.ringShown = visible;
    withStrings([el.pid], (id) => app._portal_focus(id, focused ? 1 : 0, visible ? 1 : 0));
    wake();
  }

  function reportInput(el) {
    el.sel = el.selectionStart + ',' + el.selectionEnd + ',' + el.scrollLeft;
    withStrings([el.pid, el.value], (id, v) =>
      app._portal_input(id, v, el.selectionStart || 0, el.selectionEnd || 0, el.scrollLeft));
    blink(true);
    wake();
  }

  function reportSelection(el) {
    if (!app || el.kind !== 'i' || !el.isConnected) return;
    const sel = el.selectionStart + ',' + el.selectionEnd + ',' + el.scrollLeft;
    if (sel === el.sel) return;
    el.sel = sel;
    withStrings([el.pid], (id) => app._portal_selection(id, el.selectionStart || 0, el.selectionEnd || 0, el.scrollLeft));
    blink(true);
    wake();
  }

  function reportKey(el, key) {
    withStrings([el.pid, key], (id, k) => app._portal_key(id, k));
    wake();
  }

  // The caret blinks by a timer, only while one of our inputs has focus (no frames otherwise).
  let blinkTimer = 0;
  function blink(on) {
    clearInterval(blinkTimer);
    // The timer ends itself once no text field of ours has focus, whatever took the focus away
    // (an element removed with its form, a window switch): an idle page draws no frames.
    blinkTimer = on ? setInterval(() => {
      const a = document.activeElement;
      if (!a || a.kind !== 'i' || !a.isConnected) {
        blink(false);
        return;
      }
      if (!document.hidden) app._portal_blink();
    }, 530) : 0;
  }

  function ours(target) {
    return target && target.pid !== undefined;
  }

  function listen() {
    layer.addEventListener('input', (e) => { if (e.target.kind === 'i') reportInput(e.target); });
    layer.addEventListener('compositionstart', (e) => { e.target.composing = true; });
    layer.addEventListener('compositionend', (e) => {
      e.target.composing = false;
      if (e.target.kind === 'i') reportInput(e.target);
    });
    layer.addEventListener('focusin', (e) => {
      if (!ours(e.target)) return;
      reportFocus(e.target, true);
      if (e.target.kind === 'i') {
        e.target.sel = '';
        reportSelection(e.target);
      }
    });
    layer.addEventListener('focusout', (e) => {
      if (!ours(e.target)) return;
      if (e.target.kind === 'i') blink(false);
      reportFocus(e.target, false);
    });
    layer.addEventListener('keydown', (e) => {
      const el = e.target;
      if (!ours(el)) return;
      if (el.kind === 'i') {
        if (e.key === 'Enter' && !e.isComposing && el.tagName !== 'TEXTAREA') {
          e.preventDefault();
          reportKey(el, 'Enter');
        } else if (e.key === 'Escape') {
          reportKey(el, 'Escape');
        } else {
          setTimeout(() => reportSelection(el), 0);  // caret keys: where did it go
        }
      } else {
        // Keys on a widget focused by a click: from now on its focus ring shows (:focus-visible).
        if (!el.ringShown && !/^(Tab|Shift|Control|Alt|Meta)$/.test(e.key)) reportFocus(el, true, true);
        if (/^(Escape|Arrow(Up|Down|Left|Right)|Home|End)$/.test(e.key)) {
          e.preventDefault();
          reportKey(el, e.key);
        }
      }
    });
    layer.addEventListener('click', (e) => {
      const el = e.target;
      if (ours(el) && el.kind === 'p') {
        withStrings([el.pid], (id) => app._portal_activate(id));
        wake();
      }
    });
    layer.addEventListener('select', (e) => reportSelection(e.target));
    layer.addEventListener('scroll', (e) => reportSelection(e.target), true);
    layer.addEventListener('pointerup', (e) => reportSelection(e.target));
    document.addEventListener('selectionchange', () => {
      if (ours(document.activeElement)) reportSelection(document.activeElement);
    });
    layer.addEventListener('scroll', () => { layer.scrollTop = layer.scrollLeft = 0; });

    // Pointers: a press on the canvas leaves the focused field (as on a page); fingers and
    // the mouse over our inputs are reported to the client.
    let finger = null;
    let touchMode = false;
    let overInput = false;
    const pointer = (type, phase, e) => app._portal_pointer(type, phase, e.clientX, e.clientY);
    window.addEventListener('pointerdown', (e) => {
      const onCanvas = e.target === canvas;
      const onInput = ours(e.target) && e.target.kind === 'i';
      if (onCanvas && ours(document.activeElement) && !onKioskKeyboard(e)) document.activeElement.blur();
      if (e.pointerType !== 'touch' || !(onCanvas || onInput)) return;
      if (onCanvas) e.preventDefault();  // no emulated mouse events after the finger
      finger = e.pointerId;
      touchMode = true;
      pointer(onCanvas ? 1 : 2, 0, e);
    }, { capture: true });
    window.addEventListener('pointermove', (e) => {
      if (e.pointerType === 'touch') {
        if (e.pointerId === finger) pointer(1, 1, e);
      } else if (ours(e.target) && e.target.kind === 'i') {
        pointer(0, 1, e);
        overInput = true;
        touchMode = false;
        if (e.buttons) reportSelection(e.target);  // selecting with the mouse
      } else if (overInput || touchMode) {
        pointer(0, 4, e);
        overInput = touchMode = false;
      }
    }, { capture: true, passive: true });
    const lift = (phase) => (e) => {
      if (e.pointerId !== finger) return;
      finger = null;
      pointer(1, phase, e);
    };
    window.addEventListener('pointerup', lift(2), { capture: true, passive: true });
    window.addEventListener('pointercancel', lift(3), { capture: true, passive: true });
    // Kiosk: a mouse press on the app's keyboard would focus the canvas and take the field's focus.
    window.addEventListener('mousedown', (e) => { if (e.target === canvas && onKioskKeyboard(e)) e.preventDefault(); },
      { capture: true });
  }

  // Keys typed into our elements are theirs: GLFW (listening on window, capture phase) must not
  // hear them too, nor Tab anywhere (it would cancel the browser's focus navigation); and its
  // touch handlers press the mouse at a stale position, so they go (fingers come through
  // pointer events above).
  // The handlers are Emscripten's (library_glfw.js): if a new Emscripten renames one, the bridge
  // says so at once (an error on the page and the console, which every e2e suite fails on)
  // rather than typing every key twice.
  function tameGlfw(glfw) {
    const missing = ['onKeydown', 'onKeyPress', 'onKeyup', 'onMouseButtonDown', 'onMousemove', 'onMouseButtonUp']
      .filter((name) => !glfw || typeof glfw[name] !== 'function');
    if (missing.length) {
      const message = 'bridge: Emscripten GLFW has no ' + missing.join(', ') + ' (shell/bridge.js tameGlfw)';
      console.error(message);
      fail('Portal se je ustavil zaradi napake. Osvežite stran. (' + message + ')');
      throw new Error(message);
    }
    for (const [type, fn] of [['keydown', glfw.onKeydown], ['keypress', glfw.onKeyPress], ['keyup', glfw.onKeyup]]) {
      window.removeEventListener(type, fn, true);
      window.addEventListener(type, (e) => { if (!ours(e.target) && e.key !== 'Tab') fn(e); }, true);
    }
    canvas.removeEventListener('touchstart', glfw.onMouseButtonDown, true);
    canvas.removeEventListener('touchmove', glfw.onMousemove, true);
    canvas.removeEventListener('touchend', glfw.onMouseButtonUp, true);
    canvas.removeEventListener('touchcancel', glfw.onMouseButtonUp, true);
  }

  // A control, or a screen's h1 after a navigation (which may come a few frames later, when the
  // screen's data is here: the request waits up to 3 s for it).
  let pendingFocus = null;
  function focusRequested(id) {
    const el = els.get(id) || mirrorEls.get(id);
    if (!el) {
      pendingFocus = { id, until: performance.now() + 3000 };
      return;
    }
    pendingFocus = null;
    if (document.activeElement !== el && !el.disabled) el.focus({ preventScroll: true });
  }

  // [SECTION] Offline and new releases (web/sw.js, src/client/state/offline.cpp). The browser's
  // online/offline events reach the app (readings waiting go, the copy refreshes). A new release
  // the service worker installed waits: the app says so, and it takes over at the customer's next
  // navigation (or "load it now"), which then loads the new page: an old app.js never meets a new
  // app.wasm.
  const sw = 'serviceWorker' in navigator && location.protocol !== 'file:' ? navigator.serviceWorker : null;
  let registration = null;
  let updateReady = false;     // a new release is installed and waits
  let controlled = !!(sw && sw.controller);
  let stale = false;           // a new release took over (asked for by another tab): this page is old
  let reloadTo = null;         // where to go once the new release controls this page

  function tellUpdate() {
    if (app && (updateReady || stale)) app._portal_update_ready();
  }

  function watchUpdates(reg) {
    registration = reg;
    const check = () => {
      if (reg.waiting && controlled) {
        updateReady = true;
        tellUpdate();
      }
    };
    check();
    reg.addEventListener('updatefound', () => {
      const w = reg.installing;
      if (w) w.addEventListener('statechange', check);
    });
    // An app kept open for days looks for a new release now and then.
    document.addEventListener('visibilitychange', () => { if (!document.hidden) reg.update().catch(() => {}); });
    window.addEventListener('online', () => reg.update().catch(() => {}));
  }

  if (sw) {
    sw.addEventListener('controllerchange', () => {
      if (!controlled) {  // the first release installed: it controls the page it was installed from
        controlled = true;
        return;
      }
      if (reloadTo !== null) location.assign(reloadTo);
      else {
        stale = true;
        tellUpdate();
      }
    });
  }

  // The app moves to `path` (a new history entry): with a new release waiting, that is a new page.
  function navigateToNewVersion(path) {
    if (stale) {
      location.assign(path);
      return true;
    }
    if (!updateReady || !registration || !registration.waiting) return false;
    reloadTo = path;
    registration.waiting.postMessage('activate');
    setTimeout(() => location.assign(path), 4000);  // if the worker never takes over, the page still moves
    return true;
  }

  function listenNetwork() {
    window.addEventListener('online', () => { app._portal_online(1); });
    window.addEventListener('offline', () => { app._portal_online(0); });
  }

  // Start-up milestones beside the app's (window.portal.timing, ms since navigation).
  function mark(name) {
    window.portal.timing = window.portal.timing || {};
    window.portal.timing[name] = Math.round(performance.now());
  }

  window.PortalBridge = {
    init(module, glfw) {
      app = module;
      tameGlfw(glfw);
      listen();
      window.addEventListener('resize', resize);
      // Back and forward: the app follows the URL (every screen has one).
      window.addEventListener('popstate', () =>
        withStrings([location.pathname + location.search], (path) => app._portal_popstate(path)));
      // Kiosk: a page brought back from the back-forward cache may still show the last customer;
      // loaded afresh it asks the server, whose session has ended.
      window.addEventListener('pageshow', (e) => { if (e.persisted && kiosk) location.reload(); });
      watchPixelRatio();
      listenNetwork();
      tellUpdate();
      for (const type of ['pointerdown', 'pointermove', 'pointerup', 'pointercancel', 'wheel', 'keydown',
        'keyup', 'focus', 'blur', 'visibilitychange']) {
        window.addEventListener(type, wake, { passive: true, capture: true });
      }
      resize();
      mark('bridge');
    },
    loadFonts(module) {
      // Handed over at once if they are here, else as soon as they arrive: the app then builds
      // its atlas and draws its first frame in the next tasks, not at a later animation frame.
      const deliver = (buffers) => {
        mark('fonts_here');
        const [r, rl] = copyToHeap(module, buffers[0]);
        const [s, sl] = copyToHeap(module, buffers[1]);
        // The DOM inputs use the same Inter, so their caret positions match the canvas's text.
        try {
          document.fonts.add(new FontFace('Inter', buffers[0]));
        } catch (e) { /* the inputs fall back to system-ui; typing still works */ }
        module._portal_fonts_loaded(r, rl, s, sl);
      };
      // A first screen that needs the later module waits for it here, not before main(): its
      // download and compile overlap the Store's start.
      if (fontBuffers && laterReady()) deliver(fontBuffers);
      else {
        Promise.all([fonts, laterFirst ? later.compiled.catch(() => null) : null])
          .then(([buffers]) => { laterReady(); deliver(buffers); })
          .catch((e) => fail('Portala ni bilo mogoče naložiti (' + e.message + '). Osvežite stran.'));
      }
    },
    noWebGL() {
      fail(NO_WEBGL);
    },
    navigateToNewVersion,
    activateNewVersion() {
      if (!navigateToNewVersion(location.pathname + location.search)) location.reload();
    },
    frameDrawn(frames, frameJson, cursor) {
      window.portal.frames = frames;
      if (frameJson !== lastFrame) {
        lastFrame = frameJson;
        const frame = JSON.parse(frameJson);
        if ((frame.kiosk ? frame.kiosk.zoom : 1) !== (kiosk ? kiosk.zoom : 1))
          layer.style.setProperty('--portal-zoom', frame.kiosk ? frame.kiosk.zoom : 1);
        kiosk = frame.kiosk || null;
        window.portal.kiosk = !!kiosk;
        window.portal.items = frame.items;
        window.portal.overflow = frame.overflow;
        reconcile(frame.controls, frame.mirror || []);
        if (frame.focus !== undefined) focusRequested(frame.focus);
        else if (pendingFocus && performance.now() < pendingFocus.until) focusRequested(pendingFocus.id);
      }
      if (canvas.style.cursor !== cursor) canvas.style.cursor = cursor;
      if (!window.portal.ready) {
        window.portal.firstFrameMs = performance.now();  // since navigation start (bench/first_load.mjs)
        window.portal.ready = true;
        // The later module next, then the service worker (whose precache then finds it cached).
        if (later && !laterFirst) compileLater().then(() => linkLater('prefetch')).catch(() => {}).then(startWorker);
        else startWorker();
        status.textContent = '';
        status.className = 'portal-hidden';
      }
    },
  };

  // Emscripten reads this global when app.js runs (it is loaded after this file).
  // main() does not wait for the fonts (they download beside the wasm): ImGui and the Store are
  // made meanwhile; the atlas, the WebGL context and the first frame follow once loadFonts has
  // handed them over.
  window.Module = {
    canvas: canvas,
    locateFile: (path) => (path.endsWith('.wasm') ? '/' + meta.wasm : path),
    // The download started at the top of this file, compiled as it arrives.
    instantiateWasm: (imports, done) => {
      imports.placeholder = placeholders;
      const streamed = streamedWasm(wasm, (r) => WebAssembly.instantiateStreaming(r, imports),
        (b) => WebAssembly.instantiate(b, imports));
      wasm.then(() => mark('wasm_response'));
      fonts.then(() => mark('fonts_fetched'));
      streamed
        .then((r) => {
          mark('instantiated');
          primary = r.instance.exports;
          table = Object.values(primary).find((e) => e instanceof WebAssembly.Table);
          laterReady();  // linked at once if it is here already
          done(r.instance, r.module);
        })
        .catch((e) => fail('Portala ni bilo mogoče naložiti (' + e.message + '). Osvežite stran.'));
      return {};  // asynchronous: Emscripten waits for done()
    },
    onAbort: (what) => fail('Portal se je ustavil zaradi napake. Osvežite stran. (' + what + ')'),
  };

  // A cheap test only: creating a WebGL context here would cost as much as the real one (tens of
  // milliseconds with software rendering). If the real one cannot be created, the app says so
  // (first_frame in app/main.cpp).
  const NO_WEBGL = 'Ta brskalnik ne podpira WebAssembly ali WebGL 2. Uporabite novejši brskalnik.';
  if (!window.WebAssembly || !window.WebGL2RenderingContext) fail(NO_WEBGL);

  // The service worker is registered once the first frame is drawn: its precache downloads
  // every file of the release, and an engine whose worker does not share the page's HTTP cache
  // (WebKit) would otherwise fetch the wasm a second time while the first one is still compiling.
  function startWorker() {
    if (sw) sw.register('/sw.js').then(watchUpdates).catch(() => {});
  }
})();
