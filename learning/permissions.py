"""Who may see and do what. Every view asks this module; nothing else decides.

Rules take the acting user first and answer with a bool or a queryset narrowed to what
that user may see, so a view never filters personal data by itself.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from learning.models import Organisation, Profile
from learning.roles import Role, has_role


def profile_of(user) -> Profile | None:
    """The user's profile, or None (an anonymous visitor, or an account made on the
    command line that has not joined an organisation)."""
    if not user.is_authenticated:
        return None
    try:
        return user.profile
    except Profile.DoesNotExist:
        return None


def invitable_organisations(user) -> QuerySet[Organisation]:
    """Organisations the user may invite people into: any for an administrator, their
    own for an organisation lead, none for anybody else."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_superuser or has_role(user, Role.SITE_ADMINISTRATOR):
        return Organisation.objects.all()
    profile = profile_of(user)
    if has_role(user, Role.ORGANISATION_LEAD) and profile and profile.organisation_id:
        return Organisation.objects.filter(pk=profile.organisation_id)
    return Organisation.objects.none()


def can_invite(user) -> bool:
    return invitable_organisations(user).exists()


CONFIRM_INVITATION_PERMISSION = "learning.confirm_invitation"


def can_confirm_invitations(user) -> bool:
    """May the user vouch for an invitation to a personal address on a public email
    service: confirm (and so send) or decline one an organisation lead made, or send one
    themselves? Whoever holds the model permission: site administrators, through their
    role, and superusers."""
    return bool(
        user.is_authenticated and user.is_active and user.has_perm(CONFIRM_INVITATION_PERMISSION)
    )


def invitations_awaiting_confirmation(user) -> QuerySet:
    """Invitations waiting for the user to confirm or decline them: all of them for
    someone who may, none for anybody else."""
    from learning.models import Invitation, InvitationConfirmation

    if not can_confirm_invitations(user):
        return Invitation.objects.none()
    return Invitation.objects.filter(
        confirmation=InvitationConfirmation.AWAITING,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
    )


def invitations_manageable_by(user) -> QuerySet:
    """Invitations the user may resend or withdraw: those into the organisations they
    may invite into (any for an administrator, their own for an organisation lead)."""
    from learning.models import Invitation

    return Invitation.objects.filter(organisation__in=invitable_organisations(user))


# ---------------------------------------------------------------------------
# Learner records (completions, external CPD, feedback, exports, certificates).
# A person's record is visible to the person, to their supervisors and to their
# organisation's lead; only the person changes it. SAB managers, editors and
# administrators do not see individual records (they see aggregates in reports).
# ---------------------------------------------------------------------------


def is_supervisor_of(viewer, person) -> bool:
    """The viewer is one of the person's named supervisors (a relation between people,
    kept on the person's profile; the viewer's own role does not matter)."""
    if not viewer.is_authenticated or viewer.pk == person.pk:
        return False
    profile = profile_of(person)
    return bool(profile) and profile.supervisors.filter(pk=viewer.pk).exists()


def is_organisation_lead_of(viewer, person) -> bool:
    """The viewer is an organisation lead in the organisation the person belongs to."""
    if not viewer.is_authenticated or not has_role(viewer, Role.ORGANISATION_LEAD):
        return False
    viewer_profile, person_profile = profile_of(viewer), profile_of(person)
    return bool(
        viewer_profile
        and person_profile
        and viewer_profile.organisation_id
        and viewer_profile.organisation_id == person_profile.organisation_id
    )


def can_view_record(viewer, person) -> bool:
    """May the viewer see the person's completions, CPD, certificates and progress?"""
    if not viewer.is_authenticated:
        return False
    if viewer.pk == person.pk:
        return True
    return is_supervisor_of(viewer, person) or is_organisation_lead_of(viewer, person)


def can_change_record(viewer, person) -> bool:
    """Only the person records, edits or deletes their own learning and feedback."""
    return viewer.is_authenticated and viewer.pk == person.pk


def people_with_visible_records(viewer) -> QuerySet:
    """Everyone whose record the viewer may see: themselves, their supervisees and,
    for an organisation lead, everyone in their organisation."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    if not viewer.is_authenticated:
        return users.none()
    visible = Q(pk=viewer.pk) | Q(profile__supervisors=viewer)
    profile = profile_of(viewer)
    if has_role(viewer, Role.ORGANISATION_LEAD) and profile and profile.organisation_id:
        visible |= Q(profile__organisation_id=profile.organisation_id)
    return users.filter(visible).distinct()


def own_external_cpd(user) -> QuerySet:
    """External CPD entries the user may edit or delete: only their own."""
    from learning.models import ExternalCPD

    if not user.is_authenticated:
        return ExternalCPD.objects.none()
    return ExternalCPD.objects.filter(user=user)


# ---------------------------------------------------------------------------
# Reflective log, supervision and team sessions (learning.reflections and
# learning.supervision). An entry is its author's alone until they share it with one
# of their own supervisors; a share can be withdrawn, and it also lapses when the
# person stops being the author's supervisor. Nobody else (organisation leads, SAB
# managers, editors, administrators) reads reflective text through the site. A team
# session is seen by the supervisor who delivered it and by the people who attended.
# ---------------------------------------------------------------------------


def supervisees_of(viewer) -> QuerySet:
    """Active people who name the viewer as one of their supervisors."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    if not viewer.is_authenticated:
        return users.none()
    # One row per person: (profile, supervisor) pairs are unique in the M2M table.
    return users.filter(profile__supervisors=viewer, is_active=True)


def can_supervise(viewer) -> bool:
    """May the viewer use "My team" and record team sessions? Anyone holding the
    Supervisor role, and anyone named as somebody's supervisor (a practice supervisor
    may hold another role)."""
    if not viewer.is_authenticated:
        return False
    from learning.person_facts import person_facts

    return has_role(viewer, Role.SUPERVISOR) or person_facts(viewer).supervises_anyone


def _live_shares() -> QuerySet:
    """Shares not withdrawn, whose supervisor is still one of the author's supervisors."""
    from django.db.models import F

    from learning.models import EntryShare

    return EntryShare.objects.filter(
        withdrawn_at__isnull=True, entry__author__profile__supervisors=F("supervisor")
    )


def entries_shared_with(viewer) -> QuerySet:
    """Other people's entries the viewer may read because they were shared with them."""
    from learning.models import ReflectiveEntry

    if not viewer.is_authenticated:
        return ReflectiveEntry.objects.none()
    shared = _live_shares().filter(supervisor=viewer).exclude(entry__author=viewer)
    return ReflectiveEntry.objects.filter(pk__in=shared.values("entry_id"))


def visible_entries(viewer) -> QuerySet:
    """Every entry the viewer may read: their own, and those shared with them."""
    from learning.models import ReflectiveEntry

    if not viewer.is_authenticated:
        return ReflectiveEntry.objects.none()
    shared = _live_shares().filter(supervisor=viewer)
    return ReflectiveEntry.objects.filter(Q(author=viewer) | Q(pk__in=shared.values("entry_id")))


def is_entry_author(viewer, entry) -> bool:
    return viewer.is_authenticated and entry.author_id == viewer.pk


def is_shared_with(viewer, entry) -> bool:
    """The entry is shared with the viewer now (and the viewer is not its author)."""
    if not viewer.is_authenticated or entry.author_id == viewer.pk:
        return False
    return _live_shares().filter(entry=entry, supervisor=viewer).exists()


def can_view_entry(viewer, entry) -> bool:
    return is_entry_author(viewer, entry) or is_shared_with(viewer, entry)


def can_edit_entry(viewer, entry) -> bool:
    """Only the author edits, and not while the entry is signed off."""
    return is_entry_author(viewer, entry) and not entry.is_locked


def can_delete_entry(viewer, entry) -> bool:
    """Only the author deletes an entry, and not while it is signed off: the sign-off is
    peer-reflection evidence until the signing supervisor reopens it."""
    return is_entry_author(viewer, entry) and not entry.is_locked


def can_share_entry(viewer, entry) -> bool:
    """Only the author shares an entry or withdraws a share."""
    return is_entry_author(viewer, entry)


def can_comment(viewer, entry) -> bool:
    """A supervisor the entry is shared with may comment; the author may reply while
    the entry is shared with somebody who can read the reply."""
    if is_shared_with(viewer, entry):
        return True
    return is_entry_author(viewer, entry) and _live_shares().filter(entry=entry).exists()


def can_review(viewer, entry) -> bool:
    """Mark reviewed or discussed in supervision: a supervisor it is shared with."""
    return is_shared_with(viewer, entry)


SIGN_OFF_LOCKED = "locked"
SIGN_OFF_DRAFT = "draft"


def sign_off_blocker(entry) -> str | None:
    """Why nobody could sign the entry off now, whoever asks: SIGN_OFF_LOCKED (it is
    already signed off) or SIGN_OFF_DRAFT (its author has not marked it final); None
    when it can be. The sign-off service refuses on this same answer, so the page never
    offers a sign-off that would then be refused."""
    from learning.models import EntryStatus

    if entry.is_locked:
        return SIGN_OFF_LOCKED
    if entry.status != EntryStatus.FINAL:
        return SIGN_OFF_DRAFT
    return None


def can_sign_off(viewer, entry) -> bool:
    """A supervisor it is shared with signs off a final entry not yet signed off."""
    return sign_off_blocker(entry) is None and is_shared_with(viewer, entry)


def can_reopen(viewer, entry) -> bool:
    """Only the supervisor who signed the entry off reopens it, even after the share
    lapsed (withdrawn, or they no longer supervise the author): otherwise nobody could
    ever unlock it. Reopening reads nothing: a reopen page shows only the title, and a
    signed-off entry cannot have changed since they read it, as it is locked."""
    return entry.is_locked and viewer.is_authenticated and entry.signed_off_by_id == viewer.pk


def entries_reopenable_by(viewer) -> QuerySet:
    """Entries the viewer signed off and may therefore reopen, whether or not they can
    still read them (see can_reopen)."""
    from learning.models import ReflectiveEntry

    if not viewer.is_authenticated:
        return ReflectiveEntry.objects.none()
    return ReflectiveEntry.objects.filter(signed_off_by=viewer, signed_off_at__isnull=False)


def can_withdraw_share(viewer, entry) -> bool:
    """The author withdraws a share, but not while the entry is signed off: the signing
    supervisor must keep the entry in reach to reopen it, and the sign-off is the
    author's peer-reflection evidence."""
    return can_share_entry(viewer, entry) and not entry.is_locked


def visible_team_sessions(viewer) -> QuerySet:
    """Team sessions the viewer delivered or attended."""
    from learning.models import TeamSession

    if not viewer.is_authenticated:
        return TeamSession.objects.none()
    attended = TeamSession.attendees.through.objects.filter(user=viewer)
    return TeamSession.objects.filter(
        Q(delivered_by=viewer) | Q(pk__in=attended.values("teamsession_id"))
    )


def can_view_team_session(viewer, session) -> bool:
    return visible_team_sessions(viewer).filter(pk=session.pk).exists()


def can_manage_team_session(viewer, session) -> bool:
    """Only the supervisor who recorded a session edits or deletes it, even once some
    attendees have left their team (they can still be taken off it)."""
    return bool(
        viewer.is_authenticated and viewer.is_active and session.delivered_by_id == viewer.pk
    )


# ---------------------------------------------------------------------------
# Content reports (how learners did on the board's content: knowledge-check pass
# rates, per-question figures). Aggregates only, shown in the Wagtail admin.
# ---------------------------------------------------------------------------


def can_view_content_reports(user) -> bool:
    """SAB editors and managers (and superusers): the board staff who write the
    content. The figures are aggregates, but they are about partner staff's results, so
    other admin users (site administrators) do not see them."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or has_role(user, Role.SAB_EDITOR, Role.SAB_MANAGER)


# ---------------------------------------------------------------------------
# Required learning and reports (learning.required, learning.reports). SAB managers
# set partnership-wide requirements and see reports for the whole partnership, by
# organisation and team but never by name; an organisation lead sets requirements for
# their own organisation and sees its reports down to named people.
# ---------------------------------------------------------------------------


def _is_board_manager(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or has_role(user, Role.SAB_MANAGER))
    )


def lead_organisation_id(user) -> int | None:
    """The organisation an organisation lead leads, or None."""
    if not user.is_authenticated or not user.is_active:
        return None
    if not has_role(user, Role.ORGANISATION_LEAD):
        return None
    profile = profile_of(user)
    return profile.organisation_id if profile and profile.organisation_id else None


def requirements_manageable_by(user) -> QuerySet:
    """Requirements the user may change or retire: all of them for a SAB manager, their
    own organisation's for an organisation lead, none for anybody else."""
    from learning.models import Requirement

    if _is_board_manager(user):
        return Requirement.objects.all()
    organisation_id = lead_organisation_id(user)
    if organisation_id:
        return Requirement.objects.filter(organisation_id=organisation_id)
    return Requirement.objects.none()


def can_set_requirements(user) -> bool:
    return _is_board_manager(user) or lead_organisation_id(user) is not None


def requirements_visible_to(user) -> QuerySet:
    """Requirements the user may see in the list: a SAB manager all; a lead the
    partnership's and their own organisation's (not other organisations')."""
    from learning.models import Requirement

    if _is_board_manager(user):
        return Requirement.objects.all()
    organisation_id = lead_organisation_id(user)
    if organisation_id:
        return Requirement.objects.filter(
            Q(organisation__isnull=True) | Q(organisation_id=organisation_id)
        )
    return Requirement.objects.none()


def can_exempt(viewer, person) -> bool:
    """Mark a person exempt from required learning: their organisation's lead."""
    return viewer.pk != person.pk and is_organisation_lead_of(viewer, person)


def organisation_people(viewer) -> QuerySet:
    """Everyone (active or not) in the organisation the viewer leads; nobody for
    anyone else. The lead's people view lists these."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    organisation_id = lead_organisation_id(viewer)
    if organisation_id is None:
        return users.none()
    return users.filter(profile__organisation_id=organisation_id)


class ReportScope:
    """What a viewer may see in the reports: the whole partnership without names (SAB
    managers), or one organisation with names (its lead)."""

    def __init__(self, *, organisation_id: int | None, names: bool) -> None:
        self.organisation_id = organisation_id
        self.names = names

    @property
    def partnership_wide(self) -> bool:
        return self.organisation_id is None

    def __repr__(self) -> str:
        return f"ReportScope(organisation_id={self.organisation_id!r}, names={self.names!r})"


def report_scope(user) -> ReportScope | None:
    """The viewer's scope in the reports, or None when they may not see reports. A SAB
    manager who is also an organisation lead sees the partnership, without names."""
    if _is_board_manager(user):
        return ReportScope(organisation_id=None, names=False)
    organisation_id = lead_organisation_id(user)
    if organisation_id:
        return ReportScope(organisation_id=organisation_id, names=True)
    return None


def can_view_reports(user) -> bool:
    return report_scope(user) is not None


def xapi_scope(user) -> ReportScope | None:
    """Whose learning records the user may export as xAPI statements, or None.

    Statements are records of one person each, so they go only to someone who may see
    those people's records by name: an organisation lead, for their own organisation
    (a SAB manager who also leads an organisation exports that organisation). The board
    sees aggregates only, in the reports; a partnership-wide export of pseudonymous
    records would give it each person's history, where any group under five could be
    picked out."""
    organisation_id = lead_organisation_id(user)
    if organisation_id:
        return ReportScope(organisation_id=organisation_id, names=True)
    return None


def sets_partnership_requirements(user) -> bool:
    """Required learning this user sets is partnership-wide (a SAB manager, or a
    superuser); an organisation lead's is for their own organisation only."""
    return _is_board_manager(user)


# --- Data protection: the audit log, copies of a person's data, erasure. Site
# administrators hold these through their role; superusers hold every permission.


def can_view_audit_log(user) -> bool:
    return bool(user.is_authenticated and user.has_perm("learning.view_auditentry"))


def can_produce_access_exports(user) -> bool:
    """May produce a copy of another person's data (a subject access request by letter)."""
    return bool(user.is_authenticated and user.has_perm("learning.produce_accessexport"))


def can_erase_people(user) -> bool:
    return bool(user.is_authenticated and user.has_perm("learning.erase_user"))
