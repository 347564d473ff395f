"""Copy the front-end packages of frontend/node_modules into static/vendor/ (run by `make vendor`).

One stylesheet holds the NL Design System component CSS (source map comments dropped), the font
files go to static/vendor/fonts/ and each package's licence to static/vendor/licenses/; other
vendored packages in static/vendor/ are left alone. The output is
committed, so running the site needs no Node.
"""

import json
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODULES = HERE / "node_modules"
VENDOR = HERE.parent / "static" / "vendor"

# NL Design System candidate components, in cascade order: their dist file in each package.
COMPONENTS = ("skip-link", "heading", "paragraph", "link", "button", "data-badge")
FONT = "@fontsource/source-sans-3"
FONT_FILES = ("source-sans-3-latin-400-normal.woff2", "source-sans-3-latin-700-normal.woff2")
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/\s*")


def version(package: str) -> str:
    return json.loads((MODULES / package / "package.json").read_text())["version"]


def copy_licence(package: str) -> None:
    target = VENDOR / "licenses" / (package.strip("@").replace("/", "__") + ".txt")
    for name in ("LICENSE.md", "LICENSE", "LICENSE.txt"):
        source = MODULES / package / name
        if source.exists():
            shutil.copyfile(source, target)
            return
    sys.exit(f"{package}: no licence file found")


def main() -> None:
    if not MODULES.is_dir():
        sys.exit("frontend/node_modules is missing: run `npm ci` in frontend/ first (make vendor)")
    # Only this script's own files: static/vendor/ holds other packages too (accessible-autocomplete).
    for folder in (VENDOR / "fonts", VENDOR / "licenses"):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    parts = []
    for name in COMPONENTS:
        package = f"@nl-design-system-candidate/{name}-css"
        css = (MODULES / package / "dist" / f"{name}.css").read_text()
        parts.append(f"/* {package} {version(package)} (EUPL-1.2) */\n{SOURCE_MAP.sub('', css)}\n")
        copy_licence(package)
    header = "/* NL Design System components, vendored by `make vendor`: do not edit by hand. */\n"
    (VENDOR / "nl-design-system.css").write_text(header + "".join(parts))
    for name in FONT_FILES:
        shutil.copyfile(MODULES / FONT / "files" / name, VENDOR / "fonts" / name)
    copy_licence(FONT)
    print(f"static/vendor: {len(COMPONENTS)} components, {len(FONT_FILES)} font files")


if __name__ == "__main__":
    main()
