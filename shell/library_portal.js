// C-callable functions of the client (linked with --js-library). Each forwards to the bridge
// in shell/bridge.js, which owns the page: canvas sizing, input wake-ups, fonts, the DOM
// inputs and focus proxies over the canvas, window.portal.
mergeInto(LibraryManager.library, {
  portal_js_init__deps: ['$GLFW'],
  portal_js_init: function () {
    PortalBridge.init(Module, GLFW);  // GLFW: so the bridge can keep its DOM inputs' keys from it
  },
  portal_js_load_fonts: function () {
    PortalBridge.loadFonts(Module);
  },
  portal_js_no_webgl: function () {
    PortalBridge.noWebGL();
  },
  portal_js_frame_drawn: function (frames, frameJson, cursor) {
    PortalBridge.frameDrawn(frames, UTF8ToString(frameJson), UTF8ToString(cursor));
  },
  portal_js_location_path: function (buf, cap) {
    return stringToUTF8(location.pathname + location.search, buf, cap);
  },
});
