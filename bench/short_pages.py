"""The short pages of every PDF of a built site: pages with fewer than a few lines of text that are
not a cover, a contents page or answer space by design (tests/pdf_pages.py says precisely what
each is). Prints one line per PDF and the total; not a test (tests/test_pdf_layout.py is).

    .venv/bin/python bench/short_pages.py SITE_DIR [--pages]

SITE_DIR is what `comeback build` wrote (site/), the facilitator edition's PDFs in its
facilitator/ folder included. --pages lists each short page with its text.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from pdf_pages import PdfPages  # a helper of the tests, found through the path above


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--pages", action="store_true", help="list each short page with its text")
    arguments = parser.parse_args()
    total_pages = total_short = 0
    for path in sorted(arguments.site_dir.rglob("*.pdf")):
        pdf = PdfPages(path)
        short = pdf.short
        total_pages += len(pdf.pages)
        total_short += len(short)
        numbers = ", ".join(str(page.number) for page in short)
        print(f"{path.relative_to(arguments.site_dir)}: {len(short)} short of {len(pdf.pages)}  {numbers}")
        if arguments.pages:
            for page in short:
                print(f"    {page.describe()}")
    print(f"total: {total_short} short pages of {total_pages}")


if __name__ == "__main__":
    main()
