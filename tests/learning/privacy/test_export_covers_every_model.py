"""Every relation to a person, in every model, is in the subject access export or is
said not to be, with why: a new model with a person in it fails here until it is one
or the other (learning.privacy.registry)."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings

from tests.learning.privacy.test_access_export import SECTIONS

# (model, field naming the person) -> the export section that holds those rows.
EXPORTED = {
    ("learning.Profile", "user"): "profile",
    ("learning.Profile", "supervisors"): "profile",  # as "supervisors" and "supervises"
    ("learning.Profile_supervisors", "user"): "profile",
    ("learning.User_groups", "user"): "profile",  # as "roles"
    ("learning.Completion", "user"): "completions",
    ("learning.ExternalCPD", "user"): "external_cpd",
    ("learning.Feedback", "user"): "feedback",
    ("learning.ReflectiveEntry", "author"): "reflective_entries",
    ("learning.EntryComment", "author"): "entry_comments",
    ("learning.TeamSession", "attendees"): "team_sessions_attended",
    ("learning.TeamSession_attendees", "user"): "team_sessions_attended",
    ("learning.TeamSession", "delivered_by"): "team_sessions_delivered",
    ("learning.RequirementAssignment", "user"): "required_learning_assignments",
    ("learning.Exemption", "user"): "required_learning_exemptions",
    ("learning.Requirement", "created_by"): "required_learning_set_up",
    ("learning.Invitation", "invited_by"): "invitations",
    ("learning.Invitation", "accepted_by"): "invitations",
    ("learning.Invitation", "revoked_by"): "invitations",
    ("learning.Invitation", "decided_by"): "invitations",
    ("account.EmailAddress", "user"): "email_addresses",
    ("mfa.Authenticator", "user"): "authenticators",
    ("socialaccount.SocialAccount", "user"): "single_sign_on_accounts",
    ("learning.Notification", "recipient"): "notifications_received",
    ("learning.Notification", "actor"): "notifications_sent",
    ("learning.DigestSent", "user"): "reminder_emails",
    ("learning.AnonymisationOverride", "proposed_by"): "anonymisation_overrides",
    ("learning.AnonymisationOverride", "confirmed_by"): "anonymisation_overrides",
    ("learning.AnonymisationOverride", "declined_by"): "anonymisation_overrides",
    ("learning.AuditEntry", "subject"): "audit_about_you",
    ("learning.AuditEntry", "actor"): "audit_by_you",
    ("learning.AccessExport", "subject"): "copies_of_your_data",
    ("learning.AccessExport", "requested_by"): "copies_of_your_data",
    ("quizzes.Attempt", "user"): "knowledge_check_attempts",
    ("wagtailcore.Comment", "user"): "page_comments",
    ("wagtailcore.CommentReply", "user"): "page_comments",
    ("wagtailusers.UserProfile", "user"): "admin_preferences",
    ("wagtailcore.PageSubscription", "user"): "page_subscriptions",
    ("wagtailcore.Revision", "user"): "page_revisions",
    ("wagtailcore.PageLogEntry", "user"): "editorial_history",
    ("wagtailcore.ModelLogEntry", "user"): "editorial_history",
    ("wagtailcore.WorkflowState", "requested_by"): "workflows_requested",
    ("wagtailcore.TaskState", "finished_by"): "workflow_decisions",
    ("wagtailcore.Page", "owner"): "pages_owned",
    ("wagtaildocs.Document", "uploaded_by_user"): "uploads",
    ("wagtailimages.Image", "uploaded_by_user"): "uploads",
}

# (model, field naming the person) -> why the export leaves it out.
NOT_EXPORTED = {
    ("learning.PersonalVersion", "user"): "a cache counter, not a record",
    ("learning.User_user_permissions", "user"): (
        "nothing grants a person a permission directly; their roles are in profile"
    ),
    ("learning.ReflectiveEntry", "reviewed_by"): (
        "a review of another person's entry is the author's record, exported to them"
    ),
    ("learning.ReflectiveEntry", "signed_off_by"): (
        "a sign-off of another's entry is the author's record; the act is in audit_by_you"
    ),
    ("learning.EntryShare", "supervisor"): (
        "an entry shared with the person is its author's; their comments are in entry_comments"
    ),
    ("learning.Exemption", "created_by"): (
        "an exemption granted to another person is theirs, exported to them with the granter"
    ),
    ("wagtailcore.Comment", "resolved_by"): (
        "resolving another's comment: the comment is theirs; the act is in editorial_history"
    ),
    ("wagtailcore.Page", "locked_by"): (
        "a passing editing lock; locking and unlocking are in editorial_history"
    ),
    ("wagtailcore.UploadedFile", "uploaded_by_user"): "transient: a file part way through upload",
    ("wagtailadmin.EditingSession", "user"): "transient: who has an editor open just now",
    ("wagtailadmin.FormState", "user"): "transient: an unsaved form, dropped once stale",
}


def _person_fields() -> set[tuple[str, str]]:
    """Every (model, field) that points at a person: foreign keys, one-to-ones and
    many-to-manys to the user model, each on the model that declares it (a page type's
    owner is Page's), auto-created many-to-many tables included."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = set()
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields(include_parents=False):
            if field.concrete and field.is_relation and field.related_model is user_model:
                found.add((model._meta.label, field.name))
    return found


def test_every_relation_to_a_person_is_exported_or_said_not_to_be():
    unclassified = sorted(_person_fields() - EXPORTED.keys() - NOT_EXPORTED.keys())
    assert unclassified == [], (
        "Export these in a section (learning.privacy; then add them to EXPORTED), or add "
        f"them to NOT_EXPORTED with why the person's copy leaves them out: {unclassified}"
    )


def test_the_lists_name_only_relations_that_exist_and_sections_the_copy_has():
    fields = _person_fields()
    assert sorted(EXPORTED.keys() - fields) == []
    assert sorted(NOT_EXPORTED.keys() - fields) == []
    assert EXPORTED.keys().isdisjoint(NOT_EXPORTED.keys())
    assert set(EXPORTED.values()) <= SECTIONS
