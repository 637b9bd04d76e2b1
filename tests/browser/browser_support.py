"""Drive Debian's headless Chromium with Playwright for the report's browser tests.

Never downloads a browser: it uses the system Chromium (`apt-get install chromium`, see
install.sh). Everything is skipped, with the reason, when Chromium or Playwright is missing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
AXE_JS = HERE / "vendor" / "axe-core" / "axe.min.js"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    """ALIGN_CHROMIUM, else /usr/bin/chromium, else chromium on PATH."""
    for candidate in (os.environ.get("ALIGN_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def why_no_browser() -> str | None:
    """None when the browser tests can run, else the reason they are skipped."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]'; see tests/browser/install.sh)"
    if chromium_path() is None:
        return "Chromium is not installed (apt-get install chromium; see tests/browser/install.sh)"
    if not AXE_JS.exists():
        return f"axe-core is missing: {AXE_JS}"
    return None
