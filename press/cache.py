"""What an anonymous reader sees, cached whole, and thrown away the moment anything changes.

Readers vastly outnumber editors, and a statement is read far more often than it changes. So
the rendered response of a public page is kept in Django's cache, keyed by host and path, and
every key carries a *generation* number. Publishing, unpublishing, moving or deleting a page,
or editing a snippet or the contact settings, bumps the generation (after the transaction
commits), so every cached page, listing and feed is stale at once and the change shows on the
next request.

Only requests that cannot be personal are served from the cache: GET or HEAD, no query string,
no session or messages cookie. Only responses a page marked as cacheable are stored (see
``ReaderCachedPageMixin``), and never one that sets a cookie.

Across processes (gunicorn workers, the task worker publishing scheduled statements) the
generation must live in a shared cache: Redis in production (``REDIS_URL``). Without one
(``PRESS_SHARED_CACHE`` false) nothing here is cached and every request reads the database.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse

GENERATION_KEY = "press:reader-cache:generation"
DEFAULT_TIMEOUT = 600


def timeout():
    return getattr(settings, "PRESS_READER_CACHE_SECONDS", DEFAULT_TIMEOUT)


def shared_cache():
    """Whether every process sees the same cache, so a purge anywhere reaches all of them."""
    return getattr(settings, "PRESS_SHARED_CACHE", False)


def cache_for(seconds):
    """How long a lookup keyed by the generation may be kept (the generation ends it sooner)."""
    return seconds or DEFAULT_TIMEOUT


# (generation, read at) as last read from the shared cache by this process.
_remembered = (None, 0.0)


def remember_for():
    """How long a process may trust the generation it last read, in seconds.

    A page view asks for the generation several times (the page, its view restrictions, the
    spokespeople); each ask is a round trip to Redis. Trusting the answer for half a second
    halves the round trips of a cache hit, and a change made by another process still shows
    within a second, as readers are promised. The process that purges sees it at once.
    """
    return getattr(settings, "PRESS_GENERATION_REMEMBER_SECONDS", 0.5)


def current_generation():
    global _remembered
    generation, read_at = _remembered
    now = time.monotonic()
    if generation is not None and now - read_at < remember_for():
        return generation
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Milliseconds since the epoch: a restarted cache never reuses an old generation.
        cache.add(GENERATION_KEY, int(time.time() * 1000), timeout=None)
        generation = cache.get(GENERATION_KEY)
    _remembered = (generation, now)
    return generation


# What this process has read under one generation: {key: value}, emptied when it changes.
MAX_REMEMBERED = 1000
_memo = {"generation": None, "values": {}}


def forget_generation():
    global _remembered
    _remembered = (None, 0.0)
    _memo["generation"], _memo["values"] = None, {}


def remembered(key, read, seconds=None):
    """``read()``'s answer under the current generation, from this process's memory if it can.

    For what every page needs but the press office seldom changes: the site and its home page,
    the statements index a statement is routed through, the contact settings, the spokespeople
    and view restrictions. The statement itself is always read from the database. A value kept
    under a generation never changes, since any change bumps the generation, so after the first
    request each process keeps its own copy instead of asking Redis and unpickling on every
    request; the next generation empties the memory. Without a shared cache it reads the
    database every time.
    """
    if not shared_cache():
        return read()
    generation = current_generation()
    if _memo["generation"] != generation:
        _memo["generation"], _memo["values"] = generation, {}
    values = _memo["values"]
    try:
        return values[key]
    except KeyError:
        pass
    if len(values) >= MAX_REMEMBERED:
        values.clear()  # keys are few and fixed; a flood of new ones must not grow the process
    shared_key = f"{key}:{generation}"
    value = cache.get(shared_key)
    if value is None:
        value = read()
        cache.set(shared_key, value, cache_for(seconds or timeout()))
    values[key] = value
    return value


def purge_reader_cache():
    """Make every cached page stale. Cheap: one counter, no scan of keys."""
    forget_generation()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, int(time.time() * 1000), timeout=None)


def mark_cacheable(response):
    response.reader_cacheable = True
    return response


class ReaderCachedPageMixin:
    """A page whose public response is the same for every anonymous reader."""

    def serve(self, request, *args, **kwargs):
        return mark_cacheable(super().serve(request, *args, **kwargs))

    def get_view_restrictions(self):
        """Wagtail asks this on every page view, at two queries; the answer almost never changes.

        The ids of the restrictions that apply are cached under the readers' cache generation,
        which privacy changes and page moves bump. Almost always there are none, and an empty
        queryset costs no query; a restricted page still reads its restrictions fresh.
        """
        from wagtail.models import PageViewRestriction

        ids = remembered(
            f"press:view-restrictions:{self.pk}",
            lambda: list(
                super(ReaderCachedPageMixin, self)
                .get_view_restrictions()
                .values_list("pk", flat=True)
            ),
        )
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=ids)


def restricted_sections():
    """(path, depth) of every page with a view restriction: the private parts of the tree.

    Listings exclude them on every request; cached under the generation, which privacy
    changes and page moves bump.
    """
    from wagtail.models import PageViewRestriction

    return remembered(
        "press:restricted-sections",
        lambda: list(PageViewRestriction.objects.values_list("page__path", "page__depth")),
    )


# A reader carrying either cookie may see something personal: a session (signed in, a page
# password entered) or a flash message waiting to be shown.
PERSONAL_COOKIES = ("messages",)


def spokespeople_by_pk():
    """Every spokesperson, by primary key, for the quote blocks; refreshed on any change.

    None without a shared cache: the blocks then read the database.
    """
    from .models import Spokesperson

    if not shared_cache():
        return None
    return remembered(
        "press:spokespeople", lambda: {person.pk: person for person in Spokesperson.objects.all()}
    )


def remember_site(request):
    """The Wagtail site answering this host, kept under the generation (site edits bump it).

    Wagtail looks the site up on every request, at a query plus one for its root page; the
    site, and the home page it routes from, change only when the press office edits them.
    """
    from wagtail.models import Site

    if not shared_cache() or hasattr(request, "_wagtail_site"):
        return
    try:
        host = request.get_host()  # only the hosts ALLOWED_HOSTS lets in are remembered
    except DisallowedHost:
        return
    port = request.get_port()

    def read():
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
        return site

    request._wagtail_site = remembered(f"press:site:{host}:{port}", read) or None
    # Every page URL is built from these; Wagtail would read them from Redis on each request.
    request._wagtail_cached_site_root_paths = remembered(
        "press:site-root-paths", Site.get_site_root_paths
    )


def _is_cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not any(name in request.COOKIES for name in PERSONAL_COOKIES)
    )


def _key(request, generation):
    return f"press:reader-cache:{generation}:{request.scheme}:{request.get_host()}:{request.path}"


class ReaderCacheMiddleware:
    """Serve an anonymous reader's page from the cache; store pages that allow it.

    Put it after WhiteNoise and before the session middleware: a hit skips everything else.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        remember_site(request)
        if not shared_cache() or timeout() <= 0 or not _is_cacheable_request(request):
            return self.get_response(request)

        generation = current_generation()
        key = _key(request, generation)
        cached = cache.get(key)
        if cached is not None:
            status, headers, content = cached
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Reader-Cache"] = "hit"
            return response

        response = self.get_response(request)
        if (
            getattr(response, "reader_cacheable", False)
            and response.status_code == 200
            and not response.cookies
            and not response.streaming
            and request.method == "GET"
        ):
            headers = [
                (name, value) for name, value in response.items() if name.lower() != "set-cookie"
            ]
            cache.set(key, (response.status_code, headers, response.content), timeout())
            response["X-Reader-Cache"] = "miss"
        return response
