"""Every private URL of the product, requested as every role.

The table below names each private URL by its URL name, the object it is asked about
and who may see it. Allowed roles get 200 (or the row's own success status); everyone
else signed in gets 404, never a 403 that would reveal the object exists; anonymous
visitors are sent to sign in. Every 200 must carry Cache-Control: private, no-store.

The table is checked against the URL configuration: a new URL under a private prefix,
or in the records / reflections / supervision namespaces, fails
`test_every_private_url_has_a_row` until it has a row here (or is listed as public
with the reason why).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from learning.models import (
    Completion,
    EntryComment,
    EntryShare,
    EntryStatus,
    PracticeImpact,
    Profile,
    ReflectiveEntry,
    Team,
)
from learning.privacy.access_export import request_export
from learning.records import services as records
from learning.reflections import services as reflections
from learning.roles import Role
from learning.supervision.services import team_session_record
from tests.factories import OrganisationFactory, make_person
from tests.learning.reflections.factories import make_entry, make_learning_page, shared_entry

ROLES = (
    "author",
    "supervisor",
    "other_supervisor",
    "other_practitioner",
    "organisation_lead",
    "sab_manager",
    "administrator",
    "anonymous",
)
SIGNED_IN = frozenset(ROLES) - {"anonymous"}

# Where the product keeps personal pages, and the namespaces its private URLs live in.
PRIVATE_PREFIXES = (
    "my-learning/", "reflections/", "my-team/", "people/", "certificates/", "my-data/",
)  # fmt: skip
PRIVATE_NAMESPACES = ("records", "reflections", "supervision")

# URLs under those prefixes or namespaces that are public on purpose.
PUBLIC = {
    "records:certificate_lookup": "anyone holding a certificate code may check it",
    "records:certificate_verify": "shows the item and date only, nothing about the person",
}


# Admin pages about one person, outside the private prefixes but checked here too.
ADMIN_PERSON_PAGES = ("admin_erase_person", "admin_access_export")
# The admin's audit log names everyone it records: checked here too.
ADMIN_AUDIT_PAGES = ("audit_log", "audit_log_export")


@dataclass(frozen=True)
class Row:
    name: str
    allowed: frozenset[str]
    args: str = ""  # attribute of the world passed as the URL's argument
    label: str = ""
    method: str = "get"
    success: int = 200
    # Statuses for particular roles that differ from 200/404 (e.g. a redirect to one's
    # own page).
    special: dict[str, int] = field(default_factory=dict)
    # A page served by Wagtail rather than a named URL: its path, and it is open to
    # anonymous visitors (who get a cacheable copy; only signed-in copies are private).
    path: str = ""

    @property
    def id(self) -> str:
        return f"{self.name}[{self.label or self.args or '-'}]"


def _only(*roles: str) -> frozenset[str]:
    return frozenset(roles)


TABLE = (
    # The home page is every signed-in person's dashboard (progress, reviews waiting).
    Row("home", SIGNED_IN, path="/", special={"anonymous": 200}),
    # The reflective log.
    Row("reflections:entry_list", SIGNED_IN),
    Row("reflections:entry_create", SIGNED_IN),
    Row("reflections:entry_detail", _only("author", "supervisor"), "shared_entry", "shared"),
    Row("reflections:entry_detail", _only("author"), "private_entry", "unshared"),
    Row("reflections:entry_detail", _only("author"), "withdrawn_entry", "share withdrawn"),
    Row("reflections:entry_detail", _only("author", "supervisor"), "signed_entry", "signed off"),
    Row("reflections:entry_edit", _only("author"), "shared_entry"),
    Row("reflections:entry_edit", _only("author"), "withdrawn_entry", "share withdrawn"),
    # A signed-off entry is locked: its author is sent back to it with a message.
    Row("reflections:entry_edit", frozenset(), "signed_entry", "signed off",
        special={"author": 302}),
    Row("reflections:reflection_delete", _only("author"), "shared_entry"),
    # A signed-off entry cannot be deleted: its author is sent back to it with a message.
    Row("reflections:reflection_delete", frozenset(), "signed_entry", "signed off",
        special={"author": 302}),
    Row("reflections:entry_share", _only("author"), "shared_entry"),
    Row("reflections:entry_withdraw", _only("author"), "shared_entry"),
    # The author is told a signed-off entry's share cannot be withdrawn.
    Row("reflections:entry_withdraw", _only("author"), "signed_entry", "signed off"),
    Row("reflections:entry_comment", _only("author", "supervisor"), "shared_entry"),
    Row("reflections:entry_comment", frozenset(), "private_entry", "unshared"),
    Row("reflections:entry_review", _only("supervisor"), "shared_entry"),
    Row("reflections:entry_review", frozenset(), "withdrawn_entry", "share withdrawn"),
    Row("reflections:entry_sign_off", _only("supervisor"), "shared_entry"),
    Row("reflections:entry_reopen", _only("supervisor"), "signed_entry"),
    Row("reflections:entry_reopen", frozenset(), "shared_entry", "not signed off"),
    Row("reflections:comment_detail", _only("author", "supervisor"), "comment"),
    # Supervision.
    Row("supervision:my_team", _only("supervisor", "other_supervisor")),
    Row("supervision:session_create", _only("supervisor", "other_supervisor")),
    Row("supervision:session_detail", _only("supervisor", "author"), "session"),
    Row("supervision:session_edit", _only("supervisor"), "session"),
    Row("supervision:session_delete", _only("supervisor"), "session"),
    # Learner records (learning.records).
    Row("records:my_learning", SIGNED_IN),
    Row("records:complete", SIGNED_IN, "page_id", method="post", success=302),
    # Feedback needs a completion: the row above has just recorded one for each role.
    Row("records:feedback", SIGNED_IN, "page_id"),
    Row("records:external_cpd_add", SIGNED_IN),
    Row("records:external_cpd_edit", _only("author"), "external_id"),
    Row("records:external_cpd_delete", _only("author"), "external_id"),
    Row("records:registration", SIGNED_IN),
    Row("records:export_csv", SIGNED_IN),
    Row("records:cpd_summary", SIGNED_IN),
    Row("records:certificate", _only("author", "supervisor", "organisation_lead"), "completion_id"),
    Row(
        "records:person_learning",
        _only("supervisor", "organisation_lead"),
        "author_id",
        special={"author": 302},  # one's own record redirects to My learning
    ),
    # Reminders: each person's own setting (the address names nobody).
    Row("records:reminder_settings", SIGNED_IN),
    # "Have you used this in your practice?" is asked of the feedback's author only,
    # and only where their feedback said it would change their practice.
    Row("records:impact_answer", _only("author"), "impact_feedback_id"),
    Row("records:impact_answer", frozenset(), "no_impact_feedback_id", "will not change practice"),
    # An administrator's immediate erasure of a person. Outside the admin's reach (no
    # Wagtail admin access) Wagtail sends people to sign in to the admin; inside it,
    # without learning.erase_user, it is a 404.
    Row("admin_erase_person", _only("administrator"), "author_id", special={
        role: 302 for role in ROLES if role not in ("sab_manager", "administrator")
    }),
    # A person's own copy of their data: only they may download it.
    Row("my_data", SIGNED_IN),
    Row("my_data_download", _only("author"), "author_export"),
    # An administrator produces a copy of a person's data (a request by letter), as
    # erasure above: without learning.produce_accessexport it is a 404.
    Row("admin_access_export", _only("administrator"), "author_id", special={
        role: 302 for role in ROLES if role not in ("sab_manager", "administrator")
    }),
    # The audit log and its CSV. Outside the admin's reach Wagtail sends people to sign
    # in to the admin; inside it, without learning.view_auditentry, to the dashboard
    # with a message (the address names nobody, so a refusal reveals nothing).
    Row("audit_log", _only("administrator"), special={
        role: 302 for role in ROLES if role != "administrator"
    }),
    Row("audit_log_export", _only("administrator"), special={
        role: 302 for role in ROLES if role != "administrator"
    }),
)  # fmt: skip


def _expected(row: Row, role: str) -> int | str:
    if role == "anonymous" and role not in row.special:
        return "sign in"
    if role in row.special:
        return row.special[role]
    return row.success if role in row.allowed else 404


def _url(row: Row, world) -> str:
    if row.path:
        return row.path
    args = [getattr(world, row.args)] if row.args else []
    return reverse(row.name, args=args)


@pytest.fixture(scope="module")
def _world(shared_data, enrol_totp, tmp_path_factory):
    # Made once for the module (the tests that do not ask for it use no database). The
    # author's copy of their data is written under MEDIA_ROOT, so it stays set while
    # the module's tests download it.
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield shared_data.build(_build_world, enrol_totp)


@pytest.fixture
def world(_world, shared_data, db):
    return shared_data.copy(_world)


def _build_world(totp_user):
    """One organisation: a supervisor and their supervisee (the author), another team's
    supervisor and practitioner, the organisation's lead, a SAB manager and an
    administrator (both with two-factor authentication), and the author's entries in
    every state, a comment, a team session, a completion, external CPD, and feedback
    saying one item will change their practice and another will not."""
    organisation = OrganisationFactory()
    team_a = Team.objects.create(organisation=organisation, name="Adult social care east")
    team_b = Team.objects.create(organisation=organisation, name="Adult social care west")

    def person(role: Role, team: Team, **fields):
        return make_person(role=role, organisation=organisation, team=team, **fields)

    people = {
        "supervisor": person(Role.SUPERVISOR, team_a),
        "author": person(Role.PRACTITIONER, team_a),
        "other_supervisor": person(Role.SUPERVISOR, team_b),
        "other_practitioner": person(Role.PRACTITIONER, team_b),
        "organisation_lead": person(Role.ORGANISATION_LEAD, team_b),
        "sab_manager": person(Role.SAB_MANAGER, team_b),
        "administrator": person(Role.SITE_ADMINISTRATOR, team_b),
    }
    for role in ("organisation_lead", "sab_manager", "administrator"):
        totp_user(people[role])
    author, supervisor = people["author"], people["supervisor"]
    author.profile.supervisors.add(supervisor)
    people["other_practitioner"].profile.supervisors.add(people["other_supervisor"])
    # The other team's practitioner shares with their own supervisor: that must not
    # open anything of the author's to either of them.
    shared_entry(people["other_practitioner"], people["other_supervisor"])

    page = make_learning_page()
    shared = shared_entry(author, supervisor, status=EntryStatus.FINAL)
    comment = reflections.comment_add(entry=shared, author=supervisor, body="Well observed.")
    withdrawn = shared_entry(author, supervisor, title="Withdrawn")
    reflections.entry_withdraw_share(entry=withdrawn, author=author)
    signed = shared_entry(author, supervisor, title="Signed", status=EntryStatus.FINAL)
    reflections.entry_sign_off(entry=signed, supervisor=supervisor)
    session = team_session_record(
        delivered_by=supervisor,
        page=page,
        delivered_on=timezone.localdate(),
        attendees=[author],
        group_reflection="We will ask first.",
    )
    external = records.external_cpd_create(
        user=author, title="MCA refresher", date=timezone.localdate(), minutes=90, type="course"
    )
    # Feedback needs a completion: the team session recorded one of `page`.
    impact_feedback, _ = records.feedback_save(
        user=author, page=page, usefulness=4, will_change_practice="yes"
    )
    other_page = make_learning_page(title="Self-neglect and hoarding")
    records.completion_record(user=author, page=other_page, how="confirmed")
    no_impact_feedback, _ = records.feedback_save(
        user=author, page=other_page, usefulness=2, will_change_practice="no"
    )
    return SimpleNamespace(
        people=people,
        page_id=page.pk,
        shared_entry=shared.pk,
        private_entry=make_entry(author, title="Private").pk,
        withdrawn_entry=withdrawn.pk,
        signed_entry=signed.pk,
        comment=comment.pk,
        session=session.pk,
        completion_id=Completion.objects.get(user=author, team_session=session).pk,
        external_id=external.pk,
        author_id=author.pk,
        impact_feedback_id=impact_feedback.pk,
        no_impact_feedback_id=no_impact_feedback.pk,
        author_export=request_export(subject=author, requested_by=author).pk,
    )


def _request(client, row: Row, world):
    url = _url(row, world)
    return url, (client.post(url) if row.method == "post" else client.get(url))


@pytest.mark.parametrize("role", ROLES)
def test_every_private_url_as_every_role(client, world, role):
    if role != "anonymous":
        client.force_login(world.people[role])
    problems = []
    for row in TABLE:
        expected = _expected(row, role)
        url, response = _request(client, row, world)
        if expected == "sign in":
            location = response.get("Location", "")
            if response.status_code != 302 or not location.startswith(reverse("account_login")):
                problems.append(f"{row.id} {url}: {response.status_code} {location!r}, not sign-in")
            continue
        if response.status_code != expected:
            problems.append(f"{row.id} {url}: {response.status_code}, expected {expected}")
        if response.status_code != 200:
            continue
        cache_control = response.get("Cache-Control", "")
        private = "private" in cache_control and "no-store" in cache_control
        # An anonymous visitor's copy holds nothing personal: it stays cacheable.
        if role == "anonymous" and ("private" in cache_control or "no-store" in cache_control):
            problems.append(f"{row.id} {url}: anonymous Cache-Control {cache_control!r}")
        elif role != "anonymous" and not private:
            problems.append(f"{row.id} {url}: Cache-Control is {cache_control!r}")
    assert not problems, f"As {role}:\n" + "\n".join(problems)


# Actions that change something: a POST from anyone not allowed must be a 404 (or a
# sign-in redirect) and leave everything as it was.
# Each would succeed for someone allowed (the other team's supervisor is made one of
# the author's supervisors too, so sharing with them is a real possibility).
ACTIONS = {
    "reflections:entry_edit": {"title": "Taken over", "body": "Rewritten", "status": "draft"},
    "reflections:reflection_delete": {},
    "reflections:entry_share": {"supervisors": ["other_supervisor"]},
    "reflections:entry_withdraw": {"supervisors": ["supervisor"]},
    "reflections:entry_comment": {"body": "Not mine to say"},
    "reflections:entry_review": {"status": "discussed", "on": "today"},
    "reflections:entry_sign_off": {},
    "reflections:entry_reopen": {},
    "supervision:session_create": {
        "page": "page_id",
        "attendees": ["author"],
        "on": "today",
        "minutes": "30",
    },
    "records:impact_answer": {"used_in_practice": "yes", "example": "I asked her first."},
    "admin_erase_person": {
        "reason": "They asked us to erase everything held about them.",
        "confirm": "on",
    },
    # An unticked box: reminders off. Only a signed-out visitor is refused this one.
    "records:reminder_settings": {},
}


def _action_data(name: str, world) -> dict:
    data = {}
    for key, value in ACTIONS[name].items():
        if key in ("supervisors", "attendees"):
            value = [world.people[role].pk for role in value]
        elif value == "today":
            value = timezone.localdate().isoformat()
        elif value == "page_id":
            value = world.page_id
        data["delivered_on" if name.startswith("supervision") and key == "on" else key] = value
    return data


def _state(world) -> tuple:
    return (
        list(ReflectiveEntry.objects.order_by("pk").values_list(
            "title", "body", "review_status", "signed_off_at"
        )),
        EntryShare.objects.filter(withdrawn_at__isnull=True).count(),
        EntryComment.objects.count(),
        list(PracticeImpact.objects.values_list("feedback_id", "used_in_practice", "example")),
        list(Profile.objects.order_by("pk").values_list("receives_digests", flat=True)),
    )  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_refused_actions_change_nothing(client, world, role):
    if role != "anonymous":
        client.force_login(world.people[role])
    world.people["author"].profile.supervisors.add(world.people["other_supervisor"])
    before = _state(world)
    problems = []
    for row in TABLE:
        if row.name not in ACTIONS or role in row.allowed:
            continue
        url = _url(row, world)
        response = client.post(url, _action_data(row.name, world))
        expected = 302 if role == "anonymous" else row.special.get(role, 404)
        if response.status_code != expected:
            problems.append(f"POST {row.id} {url}: {response.status_code}, expected {expected}")
    assert not problems, f"As {role}:\n" + "\n".join(problems)
    assert _state(world) == before


def _routes(patterns, prefix: str = "", namespace: str = ""):
    """(route, qualified name) of every URL pattern, walking included URLconfs."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + str(pattern.pattern), namespace + pattern.name


def test_every_private_url_has_a_row():
    covered = {row.name for row in TABLE if not row.path} | set(PUBLIC)
    private = {
        name
        for route, name in _routes(get_resolver().url_patterns)
        if route.lstrip("^").startswith(PRIVATE_PREFIXES)
        or name.split(":", 1)[0] in PRIVATE_NAMESPACES
    }
    missing = sorted(private - covered)
    assert not missing, f"Private URLs without a row in the permission table: {missing}"
    # And no row names a URL that no longer exists.
    assert not sorted(covered - private - set(ADMIN_PERSON_PAGES) - set(ADMIN_AUDIT_PAGES))


def test_table_rows_are_unique():
    ids = [row.id for row in TABLE]
    assert len(ids) == len(set(ids))
