"""Make the tiny font that writes one language's own name in the language switcher.

Every page names each language in itself ("اردو", "বাংলা"), so every page needs a few
glyphs of those scripts; the full script fonts stay on pages in those languages. Run by
`make assets`: python scripts/subset_language_names.py <code> <source font> <output>.
"""

import re
import sys
from pathlib import Path

from fontTools import subset

SETTINGS = Path(__file__).resolve().parent.parent / "portal" / "settings" / "base.py"


def language_name(code: str) -> str:
    """The language's name in itself, as the settings' LANGUAGES list writes it."""
    match = re.search(rf'\("{re.escape(code)}", "([^"]+)"\)', SETTINGS.read_text(encoding="utf-8"))
    if match is None:
        sys.exit(f"{code} is not in LANGUAGES in {SETTINGS}")
    return match.group(1)


def main(code: str, source: str, output: str) -> None:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # joining and conjuncts, so the name is shaped as in running text
    font = subset.load_font(source, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=language_name(code))
    subsetter.subset(font)
    subset.save_font(font, output, options)


if __name__ == "__main__":
    main(*sys.argv[1:])
