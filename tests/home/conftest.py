"""The home app's tests share the press office site built in tests/press/conftest.py."""

from tests.press.conftest import (  # noqa: F401 (fixtures)
    contact_page,
    empty_cache,
    home_page,
    index_page,
    office_settings,
    reader_cache_on,
)
