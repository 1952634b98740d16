"""Builds the web bundle the server serves: content-hashed file names, index.html and sw.js
filled in, the PNG icons of the manifest made from web/icon*.svg (rsvg-convert, Debian's
librsvg2-bin), and a .br and .gz beside every compressible file. Writes bundle-report.json with the
sizes of what a browser downloads (used by the budget benchmark and the docs).

Usage: bundle.py --out DIR --app-js F --app-wasm F --app-later-wasm F --shell DIR --web DIR --font F... --data F...
"""
import argparse
import gzip
import hashlib
import html
import json
import os
import shutil
import subprocess
import sys

COMPRESSIBLE = {".html", ".js", ".css", ".wasm", ".otf", ".ttf", ".txt", ".json", ".svg", ".webmanifest", ".md"}


def content_hash(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()[:10]


def hashed_copy(src: str, out: str, name: str = "") -> str:
    base = name or os.path.basename(src)
    stem, ext = os.path.splitext(base)
    if stem.endswith(".subset"):
        stem = stem[: -len(".subset")]
    target = f"{stem}.{content_hash(src)}{ext}"
    shutil.copyfile(src, os.path.join(out, target))
    return target


# The installed app's icons (manifest.webmanifest): PNG at the sizes browsers ask for. The tab's
# icon (index.html) is a 32 px PNG: Chromium decodes a page's icon on its main thread before the
# first frame, an SVG one as an SVG document (13-17 ms in a trace), a 32 px PNG in well under 1 ms.
ICONS = [("icon.svg", "icon-32.png", 32), ("icon.svg", "icon-192.png", 192), ("icon.svg", "icon-512.png", 512),
         ("icon-maskable.svg", "icon-maskable-512.png", 512)]


def make_icons(web: str, out: str) -> list:
    tool = shutil.which("rsvg-convert")
    if not tool:
        raise SystemExit("bundle.py: rsvg-convert not found (Debian package librsvg2-bin; python3 serve.py installs it)")
    made = []
    for svg, png, size in ICONS:
        subprocess.run([tool, "-w", str(size), "-h", str(size), "-f", "png", "-o", os.path.join(out, png),
                        os.path.join(web, svg)], check=True)
        made.append(png)
    return made


def compress(path: str) -> None:
    with open(path, "rb") as f:
        data = f.read()
    gz = gzip.compress(data, compresslevel=9, mtime=0)
    if len(gz) < len(data):
        with open(path + ".gz", "wb") as f:
            f.write(gz)
    subprocess.run(["brotli", "-f", "-q", "11", "-o", path + ".br", path], check=True)
    if os.path.getsize(path + ".br") >= len(data):
        os.remove(path + ".br")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--app-js", required=True)
    ap.add_argument("--app-wasm", required=True)  # the start-up module (scripts/split_wasm.py)
    ap.add_argument("--app-later-wasm", required=True)  # the rest, fetched after the first frame
    ap.add_argument("--shell", required=True)
    ap.add_argument("--web", required=True)
    ap.add_argument("--font", action="append", default=[])
    ap.add_argument("--data", action="append", default=[])
    a = ap.parse_args()

    tmp = a.out + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)

    names = {
        "APP_JS": hashed_copy(a.app_js, tmp, "app.js"),
        "APP_WASM": hashed_copy(a.app_wasm, tmp, "app.wasm"),
        "APP_LATER_WASM": hashed_copy(a.app_later_wasm, tmp, "app.later.wasm"),
        "BRIDGE_JS": hashed_copy(os.path.join(a.shell, "bridge.js"), tmp),
        "CSS": hashed_copy(os.path.join(a.shell, "portal.css"), tmp),
    }
    fonts = [hashed_copy(f, tmp) for f in a.font]
    data = {os.path.basename(d): hashed_copy(d, tmp) for d in a.data}

    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "branding.json"),
              encoding="utf-8") as f:
        branding = json.load(f)
    # The release: every file of it (a new manifest, icon or service worker is a new release too).
    release = hashlib.sha256("".join(sorted(names.values()) + fonts + sorted(data.values())).encode())
    for entry in sorted(os.listdir(a.web)):
        if os.path.isfile(os.path.join(a.web, entry)):
            release.update((entry + content_hash(os.path.join(a.web, entry))).encode())
    version = release.hexdigest()[:12]
    bundle_meta = {
        "version": version,
        "wasm": names["APP_WASM"],
        "later": names["APP_LATER_WASM"],
        "fonts": ["/" + f for f in fonts],
        "data": {k: "/" + v for k, v in data.items()},
    }

    with open(os.path.join(a.shell, "index.html"), encoding="utf-8") as f:
        page = f.read()
    fill = dict(names)
    fill["BUNDLE_META"] = html.escape(json.dumps(bundle_meta, separators=(",", ":")), quote=True)
    fill["TITLE"] = html.escape(branding.get("product_name", "Portal"))
    fill["THEME_COLOR"] = html.escape(branding.get("colors", {}).get("primary", "#00549F"))
    for key, value in fill.items():
        page = page.replace("{{" + key + "}}", value)
    if "{{" in page:
        print("index.html has an unfilled placeholder", file=sys.stderr)
        return 1
    with open(os.path.join(tmp, "index.html"), "w", encoding="utf-8") as f:
        f.write(page)

    for entry in sorted(os.listdir(a.web)):
        src = os.path.join(a.web, entry)
        if os.path.isfile(src) and entry != "sw.js":
            shutil.copyfile(src, os.path.join(tmp, entry))

    icons = make_icons(a.web, tmp)
    precache = ["/index.html", "/manifest.webmanifest", "/icon.svg", "/icon-maskable.svg"] + [
        "/" + n for n in icons + list(names.values()) + fonts]
    with open(os.path.join(a.web, "sw.js"), encoding="utf-8") as f:
        sw = f.read().replace("{{VERSION}}", version).replace("{{PRECACHE}}", json.dumps(precache))
    with open(os.path.join(tmp, "sw.js"), "w", encoding="utf-8") as f:
        f.write(sw)

    report = {"version": version, "first_load": [], "files": {}}
    for root, _, files in os.walk(tmp):
        for name in sorted(files):
            path = os.path.join(root, name)
            if os.path.splitext(name)[1] in COMPRESSIBLE:
                compress(path)
    for root, _, files in os.walk(tmp):
        for name in sorted(files):
            if name.endswith((".br", ".gz")):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, tmp)
            sizes = {"identity": os.path.getsize(path)}
            for enc in ("br", "gz"):
                if os.path.exists(path + "." + enc):
                    sizes[enc] = os.path.getsize(path + "." + enc)
            report["files"][rel] = sizes
    # Everything a browser downloads before the first frame.
    report["first_load"] = ["index.html", names["CSS"], names["BRIDGE_JS"], names["APP_JS"], names["APP_WASM"]] + fonts
    report["later"] = names["APP_LATER_WASM"]  # after the first frame (or beside it on a deep link)
    report["first_load_br_bytes"] = sum(
        report["files"][n].get("br", report["files"][n]["identity"]) for n in report["first_load"])
    with open(os.path.join(tmp, "bundle-report.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1)

    shutil.rmtree(a.out, ignore_errors=True)
    os.replace(tmp, a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
