"""Fail when the interface's text and its translations disagree (run by `make check-translations`).

1. Gather the text again with `make messages`: if any .po file changes (apart from its
   creation date), a string was added, changed or removed without the translations.
2. `msgfmt --statistics` on each language: every message translated, none fuzzy.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(languages: list[str]) -> int:
    problems = []
    subprocess.run(["make", "--no-print-directory", "messages"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    diff = subprocess.run(
        ["git", "diff", "--stat", "--exit-code", "-I", '^"POT-Creation-Date: ', "--", "locale"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if diff.returncode:
        problems.append(
            "The interface's text has changed since locale/ was last updated: run `make messages`, "
            f"translate what is new and commit it.\n{diff.stdout}"
        )
    for code in languages:
        po = ROOT / "locale" / code / "LC_MESSAGES" / "django.po"
        if not po.exists():
            problems.append(f"{po.relative_to(ROOT)} is missing.")
            continue
        stats = subprocess.run(
            ["msgfmt", "--check", "--statistics", "--output-file=/dev/null", str(po)],
            capture_output=True,
            text=True,
        )
        report = stats.stderr.strip()
        print(f"{code}: {report}")
        if stats.returncode or "untranslated" in report or "fuzzy" in report:
            problems.append(f"{po.relative_to(ROOT)}: {report}")
    for problem in problems:
        print(f"\n{problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
