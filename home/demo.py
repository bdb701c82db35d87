"""Build the demo press office from ``home/demo_content.py``; every step is idempotent.

Used by ``manage.py load_demo_content`` and by the benchmark, which reuses the site, the
spokespeople and the topics and writes its own thousands of statements with ``build_statement``.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from wagtail.models import Page, Site

from press.models import Spokesperson, StatementIndexPage, StatementPage, StatementUpdate, Topic

from . import demo_content as content
from .groups import ensure_press_office_groups, ensure_statement_workflow
from .models import ContactPage, HomePage, PressOfficeSettings

# When a demo statement "went out" on its day: the press office's mid-morning release time.
RELEASE_TIME = time(10, 30)


def paragraphs(texts):
    return "".join(f"<p>{escape(text)}</p>" for text in texts)


def body_blocks(blocks, spokespeople):
    """Demo body blocks in the StreamField's raw (JSON) form."""
    stream = []
    for kind, value in blocks:
        if kind == "quote":
            quote = {
                "quote": paragraphs(value["quote"]),
                "spokesperson": None,
                "name": "",
                "role": "",
            }
            if "spokesperson" in value:
                quote["spokesperson"] = spokespeople[value["spokesperson"]].pk
            else:
                quote["name"], quote["role"] = value["name"], value["role"]
            stream.append({"type": "quote", "value": quote})
        elif kind == "paragraph":
            stream.append({"type": "paragraph", "value": paragraphs([value])})
        else:
            stream.append({"type": kind, "value": value})
    return stream


def ensure_home_page():
    """The HomePage at the default site's root, replacing Wagtail's "Welcome" page."""
    home = HomePage.objects.first()
    site = Site.objects.filter(is_default_site=True).first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title=content.SITE_NAME,
                slug="northmoor-home",
                introduction=content.HOME_INTRODUCTION,
            )
        )
        welcome = site.root_page if site else None
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        site.root_page = home
        site.site_name = content.SITE_NAME
        site.save()
        if welcome is not None and type(welcome.specific) is Page:
            welcome.delete()
        # The freed slug, now that Wagtail's welcome page is gone.
        home.slug = "home"
        home.save()
        home.save_revision().publish()
        home.refresh_from_db()
    elif site is not None and site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home, site


def ensure_child(parent, model, slug, **fields):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(instance=model(slug=slug, **fields))
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def ensure_settings(site):
    settings = PressOfficeSettings.for_site(site)
    if not settings.office_phone:
        for name, value in content.PRESS_OFFICE.items():
            setattr(settings, name, value)
        settings.save()
    return settings


def ensure_spokespeople():
    people = {}
    for key, data in content.SPOKESPEOPLE.items():
        people[key], _ = Spokesperson.objects.get_or_create(
            slug=slugify(data["name"]),
            defaults={"name": data["name"], "role": data["role"], "biography": data["biography"]},
        )
    return people


def ensure_topics():
    topics = {}
    for name in content.TOPICS:
        topics[name], _ = Topic.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    return topics


def build_statement(data, spokespeople, topics, slug=None, date=None):
    """An unsaved StatementPage from one demo statement's data."""
    date = date or timezone.localdate() - timedelta(days=data.get("days_ago", 0))
    page = StatementPage(
        title=data["title"],
        slug=slug or slugify(data["title"]),
        date=date,
        statement_type=data["kind"],
        standfirst=data["standfirst"],
        body=body_blocks(data["body"], spokespeople),
        further_information=paragraphs(data.get("further_information", [])),
    )
    page.topics = [topics[name] for name in data["topics"]]
    page.updates = [
        StatementUpdate(date=date + timedelta(days=days_after), note=note)
        for days_after, note in data.get("change_notes", [])
    ]
    return page


def published_at(date):
    return timezone.make_aware(datetime.combine(date, RELEASE_TIME))


def ensure_statements(index, spokespeople, topics):
    """Publish each demo statement once, dated as if it went out on its own day."""
    created = 0
    for data in content.STATEMENTS:
        slug = slugify(data["title"])
        if StatementPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        page = build_statement(data, spokespeople, topics, slug=slug)
        page.first_published_at = published_at(page.date)
        index.add_child(instance=page)
        page.save_revision().publish()
        last = published_at(max([page.date, *(u.date for u in page.updates.all())]))
        StatementPage.objects.filter(pk=page.pk).update(last_published_at=last)
        created += 1
    return created


def ensure_scheduled_statement(index, spokespeople, topics):
    """One statement under embargo: approved, with a go-live time ahead, not yet live."""
    data = content.SCHEDULED_STATEMENT
    slug = slugify(data["title"])
    existing = StatementPage.objects.child_of(index).filter(slug=slug).first()
    if existing is not None:
        return existing
    go_live_at = timezone.now() + timedelta(hours=data["hours_ahead"])
    page = build_statement(
        data, spokespeople, topics, slug=slug, date=timezone.localdate(go_live_at)
    )
    page.live = False
    page.go_live_at = go_live_at
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_demo_users(password):
    """One person per group plus the demo admin; existing accounts are left alone."""
    User = get_user_model()  # noqa: N806
    created = []
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser(
            "admin",
            "admin@northmoor-police.example",
            password,
            first_name="Demo",
            last_name="Admin",
        )
        created.append("admin")
    for person in content.DEMO_USERS:
        if User.objects.filter(username=person["username"]).exists():
            continue
        user = User.objects.create_user(
            person["username"],
            person["email"],
            password,
            first_name=person["first_name"],
            last_name=person["last_name"],
        )
        user.groups.add(Group.objects.get(name=person["group"]))
        created.append(person["username"])
    return created


def ensure_site_structure():
    """Home, contact and statements pages, the settings, spokespeople and topics."""
    home, site = ensure_home_page()
    ensure_child(
        home, ContactPage, "contact", title="Contact the press office", body=content.CONTACT_BODY
    )
    index = ensure_child(
        home,
        StatementIndexPage,
        "statements",
        title="Statements",
        introduction="Press releases, statements and news from Northmoor Constabulary.",
    )
    ensure_settings(site)
    return home, index, ensure_spokespeople(), ensure_topics()


def load_demo_content(password):
    home, index, spokespeople, topics = ensure_site_structure()
    created = ensure_statements(index, spokespeople, topics)
    scheduled = ensure_scheduled_statement(index, spokespeople, topics)
    ensure_press_office_groups()
    ensure_statement_workflow(index)
    users = ensure_demo_users(password)
    return {"statements_created": created, "scheduled": scheduled, "users_created": users}
