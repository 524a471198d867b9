"""The pages the HTTP benchmarks measure: each with who asks for it and how its address
is found (by URL name, never written out), so that a moved URL fails loudly here.

Resolving needs Django set up (tests.benchmarks.http.server's environment)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

# The view that does nothing (tests.benchmarks.http.urls), which every figure is set beside.
BARE_PATH = "/_bench/bare/"
# A stylesheet every page links to: what WhiteNoise serves most.
STATIC_FILE = "css/hub.css"
SEARCH_TERMS = "safeguarding"


@dataclass
class World:
    """What the pages' addresses depend on, found in the database once."""

    people: dict[str, object] = field(default_factory=dict)  # role: User
    briefing_url: str | None = None


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    role: str | None  # None: no one signed in
    url: Callable[[World], str]
    # Downloads: the worker's peak memory is the figure that matters.
    download: bool = False


def _named(name: str, *args, query: dict | None = None) -> Callable[[World], str]:
    def url(world: World) -> str:
        from django.urls import reverse

        path = reverse(name, args=args)
        return f"{path}?{urlencode(query)}" if query else path

    return url


def _static(world: World) -> str:
    from django.contrib.staticfiles.storage import staticfiles_storage

    return staticfiles_storage.url(STATIC_FILE)


def _briefing(world: World) -> str:
    if world.briefing_url is None:
        raise LookupError("there is no live seven-minute briefing in this database")
    return world.briefing_url


def _supervisee_record(world: World) -> str:
    from django.urls import reverse

    from learning import permissions

    supervisee = world.people.get("supervisee") or (
        permissions.supervisees_of(world.people["supervisor"]).order_by("pk").first()
    )
    if supervisee is None:
        raise LookupError("the supervisor has no supervisees")
    return reverse("records:person_learning", args=[supervisee.pk])


def _report(slug: str, **query: str) -> Callable[[World], str]:
    return _named("reports:report", slug, query=query or None)


PAGES: list[PageSpec] = [
    PageSpec("bare", "bare Django view, same server", None, lambda world: BARE_PATH),
    PageSpec("static", f"static file through WhiteNoise ({STATIC_FILE})", None, _static),
    PageSpec("briefing", "signed-in briefing", "practitioner", _briefing),
    PageSpec("home", "home", "practitioner", lambda world: "/"),
    PageSpec("my-learning", "My learning", "practitioner", _named("records:my_learning")),
    PageSpec("team", "a supervisor's team page", "supervisor", _named("supervision:my_team")),
    PageSpec("supervisee", "a supervisee's record", "supervisor", _supervisee_record),
    PageSpec("cpd-summary", "CPD summary", "practitioner", _named("records:cpd_summary")),
    PageSpec(
        "search",
        f"search ({SEARCH_TERMS})",
        "practitioner",
        _named("search", query={"q": SEARCH_TERMS}),
    ),
    PageSpec("compliance", "compliance report, partnership", "manager", _report("compliance")),
    PageSpec("reach", "reach report, partnership", "manager", _report("reach")),
    PageSpec("feedback", "feedback report, partnership", "manager", _report("feedback")),
    PageSpec(
        "compliance-org", "compliance report, one organisation", "lead", _report("compliance")
    ),
    PageSpec("reach-org", "reach report, one organisation", "lead", _report("reach")),
    PageSpec("feedback-org", "feedback report, one organisation", "lead", _report("feedback")),
    # The largest table of the partnership-wide compliance report: one row per team.
    PageSpec(
        "compliance-csv",
        "compliance by team, CSV export",
        "manager",
        _report("compliance", export="csv", table="teams"),
        download=True,
    ),
    PageSpec(
        "compliance-xlsx",
        "compliance by team, Excel export",
        "manager",
        _report("compliance", export="xlsx", table="teams"),
        download=True,
    ),
    # The longest: everyone in the lead's organisation with anything outstanding.
    PageSpec(
        "compliance-people-csv",
        "people not complete, CSV export",
        "lead",
        _report("compliance", export="csv", table="people"),
        download=True,
    ),
    PageSpec(
        "compliance-people-xlsx",
        "people not complete, Excel export",
        "lead",
        _report("compliance", export="xlsx", table="people"),
        download=True,
    ),
]


def select_pages(keys: str) -> list[PageSpec]:
    """The pages named in a comma-separated list ("all" for every one), in the
    table's order; the bare view always comes first, as every ratio needs it."""
    known = {page.key: page for page in PAGES}
    wanted = (
        set(known) if keys.strip() == "all" else {k.strip() for k in keys.split(",") if k.strip()}
    )
    unknown = wanted - set(known)
    if unknown:
        raise ValueError(f"unknown pages: {', '.join(sorted(unknown))}; known: {', '.join(known)}")
    wanted.add("bare")
    return [page for page in PAGES if page.key in wanted]


def load_world(people: dict[str, list[str]], roles: set[str]) -> World:
    """The people for `roles` (the first address given for each), a supervisee if
    the file names one, and the most recently published briefing."""
    from briefings.models import BriefingPage
    from tests.benchmarks.http.signin import user_by_email

    world = World()
    for role in sorted(roles | ({"supervisee"} & set(people))):
        if role not in people:
            raise LookupError(f"no {role} given: add one to the people file")
        world.people[role] = user_by_email(people[role][0])
    briefing = BriefingPage.objects.live().order_by("-first_published_at", "-pk").first()
    world.briefing_url = briefing.url if briefing is not None else None
    return world
