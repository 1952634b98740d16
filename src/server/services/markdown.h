// The supplier's Markdown (assets/content) turned into core's content blocks with md4c, a small
// SAX-style C parser from Debian with GitHub's tables (no syntax tree is built: each event adds to
// the blocks directly).
//
// What becomes what:
//  - headings -> heading (level, plain text); paragraphs -> paragraph (spans); code blocks ->
//    paragraph of their text; block quotes -> their paragraphs; thematic breaks -> nothing
//  - **strong**, *em*, [links](...) and autolinks (https://..., www..., a@b.si) -> span styles;
//    `code` -> plain text; soft line breaks -> " ", hard breaks -> "\n"; images -> their alt text
//  - lists -> list (ordered or not); a nested list's items follow their parent item in the same
//    list (flattened); several paragraphs of one item are joined by "\n"
//  - tables -> table (header row + rows of cells); column alignment is not kept
//  - raw HTML (blocks, tags, comments) -> dropped; the text between inline tags stays as text
//  - links keep an href only for http://, https://, mailto:, tel: and site-relative "/..." (not
//    "//host"); any other (javascript:, data:, relative) is dropped and its text kept
//  - entities (&amp;, &#169;, ...) -> their characters; an unknown name stays as written
//  - ~~strikethrough~~ is not an extension we turn on: the tildes stay as written
#pragma once

#include <string_view>
#include <vector>

#include "core/content.h"

namespace server::services {

// Parses a Markdown text (UTF-8; a leading byte-order mark is skipped) into blocks.
std::vector<core::api::Block> markdown_blocks(std::string_view markdown);

// Whether a link target may reach the client as an href (see above).
bool is_allowed_href(std::string_view href);

}  // namespace server::services
