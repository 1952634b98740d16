# Settings every target of the project shares.

option(PORTAL_FUZZ "Build only the libFuzzer targets (needs clang)" OFF)

# Warnings on, and the build is clean of them.
add_library(portal_warnings INTERFACE)
target_compile_options(portal_warnings INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)

# Header-only libraries that Debian installs under /usr/include. em++ uses its own sysroot and
# must never see all of /usr/include, so for wasm we expose just these folders through links.
add_library(portal_headers INTERFACE)
if(EMSCRIPTEN)
  set(_links ${CMAKE_BINARY_DIR}/system-headers)
  file(MAKE_DIRECTORY ${_links})
  foreach(_dir nlohmann doctest)
    if(NOT EXISTS /usr/include/${_dir})
      message(FATAL_ERROR "/usr/include/${_dir} is missing: run `python3 serve.py` once, it installs "
                          "nlohmann-json3-dev and doctest-dev.")
    endif()
    file(CREATE_LINK /usr/include/${_dir} ${_links}/${_dir} SYMBOLIC)
  endforeach()
  target_include_directories(portal_headers SYSTEM INTERFACE ${_links})
  # Emscripten's JS optimizer needs Debian's node-acorn (TOOLCHAIN.md): every compile and link
  # runs with NODE_PATH pointing there, whoever started the build.
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)
  set(CMAKE_CXX_LINKER_LAUNCHER ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)
  # The client goes without exceptions and RTTI (size); core's JSON decoding never throws.
  add_compile_options(-fno-exceptions -fno-rtti)
  # Size over speed for everything in the wasm build (the Release default would be -O3): the
  # first load is budgeted (DESIGN.md). Comes after CMAKE_CXX_FLAGS_RELEASE, so it wins. -Oz with
  # link-time optimisation: app.wasm 760 -> 711 KB, 266.8 -> 254.6 KB brotli (2026-12-05); the
  # link takes 24 s instead of 13. The floor page (bench/floor) is built with the same flags.
  set(PORTAL_WASM_OPT -Oz -flto)
  add_compile_options(${PORTAL_WASM_OPT})
  # How a page links (the portal and the floor page alike): GLFW on WebGL 2, fetch, no file
  # system. No WebGL extension is enabled when the context is made: Dear ImGui's renderer uses
  # none on WebGL 2, and enabling all of them was ~40 ms of the first frame's task (the browser
  # asks its GPU process about each one; bench/README.md, "The WebGL context").
  set(PORTAL_WASM_PAGE_LINK
    -sUSE_GLFW=3 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2 -sGL_SUPPORT_AUTOMATIC_ENABLE_EXTENSIONS=0
    -sFETCH=1 -sFETCH_SUPPORT_INDEXEDDB=0 -sALLOW_MEMORY_GROWTH=1 -sNO_FILESYSTEM=1 -sENVIRONMENT=web
    -sDYNAMIC_EXECUTION=0 -sEXIT_RUNTIME=0)
  add_compile_definitions(JSON_NOEXCEPTION)
endif()

# The list of common passwords the rules refuse: the first N of a real frequency list shipped
# by Debian (python3-zxcvbn), written into the build tree; never a hand-written list.
set(PORTAL_COMMON_PASSWORDS ${PORTAL_GENERATED_DIR}/common-passwords.txt)
add_custom_command(
  OUTPUT ${PORTAL_COMMON_PASSWORDS}
  COMMAND ${PORTAL_PYTHON} ${CMAKE_SOURCE_DIR}/scripts/common_passwords.py ${PORTAL_COMMON_PASSWORDS}
  DEPENDS ${CMAKE_SOURCE_DIR}/scripts/common_passwords.py
  COMMENT "Writing the common-password list from python3-zxcvbn"
  VERBATIM)
add_custom_target(portal_common_passwords ALL DEPENDS ${PORTAL_COMMON_PASSWORDS})
