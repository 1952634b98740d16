// The floor page's Module (no inline scripts under the portal's CSP); deferred, so the canvas exists.
window.Module = { canvas: document.getElementById('canvas') };
