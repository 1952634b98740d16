// C-callable functions of the client (linked with --js-library). Each forwards to the bridge
// in shell/bridge.js, which owns the page: canvas sizing, input wake-ups, fonts, window.portal.
mergeInto(LibraryManager.library, {
  portal_js_init: function () {
    PortalBridge.init(Module);
  },
  portal_js_load_fonts: function () {
    PortalBridge.loadFonts(Module);
  },
  portal_js_frame_drawn: function (frames) {
    PortalBridge.frameDrawn(frames);
  },
});
