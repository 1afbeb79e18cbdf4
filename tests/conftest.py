import os

import pytest

# Nothing is fetched at run time: tests prove that the models load offline
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium through Playwright, one per module: its sync API allows one instance per thread (so the
    modules share this fixture rather than each starting its own), and while it runs, an event loop is running in
    this thread, which the asyncio tests of later modules must not find."""
    from tests.support import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()
