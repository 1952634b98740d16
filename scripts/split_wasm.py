"""Splits the linked app.wasm in two with Binaryen's wasm-split: the later module holds the
functions the sign-in screens never call (src/client/app/later_functions.txt, made by
scripts/startup_profile.mjs: the signed-in screens, charts, tables, exports, most rules and
their JSON); the start-up module keeps the rest, and every exported function. The bridge fetches
the later module after the first frame, or beside the start-up module when the first screen
needs it (docs/architecture.md, "Start-up").

Usage: split_wasm.py WHOLE.wasm LATER_FUNCTIONS.txt START.wasm LATER.wasm
WHOLE.wasm is emcc's output linked with --profiling-funcs (the names are how functions are
matched; neither output keeps them). The list names what may go: a function it does not know (new
code, or one that link-time inlining now keeps apart) stays in the start-up module, so a stale
list costs bytes, never a start-up that waits for the later module.
"""
import hashlib
import os
import re
import subprocess
import sys
import tempfile

# What emcc's output uses (wasm-split refuses to share mutable globals without it).
FEATURES = ["--enable-mutable-globals", "--enable-sign-ext"]


def name_hash(name):
    """The list holds a short hash of each function's name (as Binaryen prints it): the demangled
    C++ names are long (nlohmann's run to kilobytes)."""
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:16]


def split(whole, how, start, later, verbose=False, placeholder_map=False):
    args = ["wasm-split", *FEATURES, "--split", whole, how, "-o1", start, "-o2", later]
    if verbose:
        args.append("-v")
    if placeholder_map:
        args.append("--placeholdermap")
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def listed(text, label):
    m = re.search(r"^" + label + r": (.*)$", text, re.M)
    return [n for n in m.group(1).split(", ") if n] if m else []


def exported_functions(whole):
    """Names of the functions the JavaScript calls (main, malloc, portal_*): always kept."""
    text = subprocess.run(["wasm-dis", whole], check=True, capture_output=True, text=True).stdout
    return re.findall(r'^ \(export "[^"]*" \(func \$(\S+)\)\)$', text, re.M)


def main() -> int:
    whole, list_file, start, later = sys.argv[1:5]
    with open(list_file, encoding="utf-8") as f:
        wanted = {line.strip() for line in f if line.strip() and not line.startswith("#")}
    with tempfile.TemporaryDirectory() as tmp:
        # Every function's name as wasm-split spells it: a dry split that keeps only main.
        names = listed(split(whole, "--keep-funcs=main", os.path.join(tmp, "a"), os.path.join(tmp, "b"), verbose=True),
                       "Splitting out functions") + ["main"]
        out = sorted({n for n in names if name_hash(n) in wanted} - set(exported_functions(whole)))
        split_file = os.path.join(tmp, "split.txt")
        with open(split_file, "w", encoding="utf-8") as f:
            f.write("\n".join(out) + "\n")
        # START.placeholders: which function each placeholder stands for (window.portal.laterBy).
        split(whole, "--split-funcs=@" + split_file, start, later, placeholder_map=True)
    print(f"split_wasm: {len(out)} of {len(names)} functions to the later module ({len(wanted)} listed); "
          f"start {os.path.getsize(start)} B, later {os.path.getsize(later)} B")
    return 0


if __name__ == "__main__":
    sys.exit(main())
