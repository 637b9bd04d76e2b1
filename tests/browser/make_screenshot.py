"""Make docs/report-example.png: the sample report (tests/report_fixtures.py) in Chromium.

Run: python tests/browser/make_screenshot.py [OUT.png]. Needs what install.sh installs,
plus Pillow to join the desktop and phone views and keep the PNG small.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from browser_support import CHROMIUM_ARGS, chromium_path  # noqa: E402
from PIL import Image  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from report_fixtures import SAMPLE_QUALITY, sample_assessment, sample_frameworks  # noqa: E402

from align.report.html import render_html  # noqa: E402


def main(out: Path) -> None:
    html = render_html(
        sample_assessment(),
        sample_frameworks(),
        quality=SAMPLE_QUALITY,
        pdf_href="solvik-digitaliseringsplan-2024.pdf",
        generated="2025-03-14",
    )
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "report.html"
        page_file.write_text(html, "utf-8")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            desk = browser.new_page(viewport={"width": 1280, "height": 1480})
            desk.goto(page_file.as_uri())
            desktop = Image.open(io.BytesIO(desk.screenshot()))
            phone = browser.new_page(viewport={"width": 390, "height": 1480}, device_scale_factor=1)
            phone.goto(page_file.as_uri() + "#t-edos.sikkerhet")
            mobile = Image.open(io.BytesIO(phone.screenshot()))
            browser.close()
    gap = 24
    canvas = Image.new("RGB", (desktop.width + gap + mobile.width + gap, desktop.height), "#d9dee5")
    canvas.paste(desktop, (0, 0))
    canvas.paste(mobile, (desktop.width + gap, 0))
    canvas = canvas.resize((canvas.width * 3 // 4, canvas.height * 3 // 4), Image.LANCZOS)
    # a 256-colour palette keeps the file small and the level colours true
    canvas = canvas.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out.parent.mkdir(parents=True, exist_ok=True)
    canvas.save(out, optimize=True)
    print(f"{out}: {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[1] / "docs" / "report-example.png")
