"""Where the journeys put their screenshots, and how an admin page is captured whole."""

from pathlib import Path

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def snap(page, name):
    """A screenshot of the whole page: the admin scrolls inside its layout, so grow the window."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate(
        "Math.max(document.body.scrollHeight,"
        " ...[...document.querySelectorAll('main, .content-wrapper')].map(e => e.scrollHeight))"
    )
    page.set_viewport_size({"width": 1280, "height": max(900, min(height + 40, 4000))})
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
