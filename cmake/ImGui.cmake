# Dear ImGui from Debian's source archive (python3 serve.py fetches it into third_party/imgui;
# it is never committed). The build checks the version and says what it needs.
set(IMGUI_DIR ${CMAKE_SOURCE_DIR}/third_party/imgui CACHE PATH "Dear ImGui source folder")
set(_imgui_min 19010)
if(NOT EXISTS ${IMGUI_DIR}/imgui.h OR NOT EXISTS ${IMGUI_DIR}/backends/imgui_impl_glfw.cpp)
  message(FATAL_ERROR
    "Dear ImGui source not found in ${IMGUI_DIR} (looked for imgui.h and backends/imgui_impl_glfw.cpp).\n"
    "Run `python3 serve.py` once: it fetches Debian's imgui source package into third_party/imgui.\n"
    "Or pass -DIMGUI_DIR=/path/to/imgui (version 1.90.1 or newer).")
endif()
file(STRINGS ${IMGUI_DIR}/imgui.h _imgui_num REGEX "^#define IMGUI_VERSION_NUM")
string(REGEX MATCH "[0-9]+" _imgui_num "${_imgui_num}")
if(_imgui_num LESS _imgui_min)
  message(FATAL_ERROR "Dear ImGui in ${IMGUI_DIR} is version ${_imgui_num}; the portal needs ${_imgui_min} "
                      "(1.90.1) or newer. Delete third_party/imgui and run `python3 serve.py` again.")
endif()
message(STATUS "Dear ImGui ${_imgui_num} from ${IMGUI_DIR}")

add_library(imgui STATIC
  ${IMGUI_DIR}/imgui.cpp
  ${IMGUI_DIR}/imgui_draw.cpp
  ${IMGUI_DIR}/imgui_tables.cpp
  ${IMGUI_DIR}/imgui_widgets.cpp
  ${IMGUI_DIR}/backends/imgui_impl_glfw.cpp
  ${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp
)
target_include_directories(imgui SYSTEM PUBLIC ${IMGUI_DIR} ${IMGUI_DIR}/backends)
target_compile_definitions(imgui PUBLIC
  IMGUI_DISABLE_OBSOLETE_FUNCTIONS
  IMGUI_DISABLE_DEMO_WINDOWS
  IMGUI_DISABLE_DEBUG_TOOLS
  IMGUI_DISABLE_DEFAULT_FONT        # Inter is loaded at start; the built-in font lacks č, š, ž
  IMGUI_DISABLE_FILE_FUNCTIONS)     # no filesystem in the wasm build
