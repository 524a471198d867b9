"""The Wagtail admin's user screens, closed to privilege escalation and deletion.

A site administrator manages people (learning.change_user) but is not a superuser:
they may not grant superuser status, nor edit, deactivate or delete a superuser.
Nobody deletes accounts, since learning records and supervision history refer to
people who have left; they are deactivated instead."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_users
from wagtail.users.views.bulk_actions import set_active_state

from learning.audit.receivers import account_changes_as_one_entry
from learning.audit.services import record
from learning.forms_ids import IdModelMultipleChoiceField
from learning.models import AuditAction, User

DELETION_REFUSED = (
    "Accounts are not deleted, so the records that refer to them stay intact. To stop "
    "someone signing in, edit the user and untick “Active”."
)
SUPERUSERS_OUT_OF_REACH = "Only a superuser can change a superuser's account. Nothing was changed."


def may_manage(acting_user: User, target: User) -> bool:
    """May `acting_user` change `target`'s account? Superusers only by superusers."""
    return acting_user.is_superuser or not target.is_superuser


class _SuperuserFieldForSuperusersOnly:
    """Removes the superuser switch for anyone who is not a superuser. A field the form
    lacks is ignored if posted, so it cannot be set by hand-crafting the request."""

    def __init__(self, *args, acting_user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not acting_user.is_superuser:
            self.fields.pop("is_superuser", None)


class _OneAuditEntryPerRoleChange:
    """Saving the roles removes the old and adds the new in two steps: one audit entry
    says both (learning.audit.receivers)."""

    def _save_m2m(self) -> None:
        with account_changes_as_one_entry():
            super()._save_m2m()


class HubUserCreationForm(
    _OneAuditEntryPerRoleChange, _SuperuserFieldForSuperusersOnly, UserCreationForm
):
    class Meta(UserCreationForm.Meta):
        # Group ids are checked before the `pk__in` query (learning.forms_ids).
        field_classes = {"groups": IdModelMultipleChoiceField}


ERASED_STAYS_INACTIVE = (
    "This person's records were erased, so the account cannot be made active again. "
    "To give them access, invite them afresh: they get a new, empty account."
)

EMAIL_CHANGED_BY_ITS_OWNER = (
    "People change their own address from their account (Email addresses), where the "
    "new address must be confirmed before it can be used to sign in or reset a password."
)


class HubUserEditForm(_OneAuditEntryPerRoleChange, _SuperuserFieldForSuperusersOnly, UserEditForm):
    """An administrator may not change someone's email address: the sign-in address,
    and where password resets go, would move to an inbox its owner never confirmed, and
    with it the account and its private reflective log."""

    class Meta(UserEditForm.Meta):
        field_classes = {"groups": IdModelMultipleChoiceField}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "email" in self.fields:
            # A disabled field keeps its saved value, whatever is posted.
            self.fields["email"].disabled = True
            self.fields["email"].help_text = EMAIL_CHANGED_BY_ITS_OWNER
        if self.instance.erased_at is not None and "is_active" in self.fields:
            self.fields["is_active"].disabled = True
            self.fields["is_active"].help_text = ERASED_STAYS_INACTIVE


class _ActingUserFormKwargs:
    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "acting_user": self.request.user}


class _SuperusersOutOfReach:
    """A non-superuser asking for a superuser's account gets a 404, as if it did not
    exist."""

    def get_object(self, *args, **kwargs) -> User:
        user = super().get_object(*args, **kwargs)
        if not may_manage(self.request.user, user):
            raise Http404("No such user")
        return user


class IndexView(wagtail_users.IndexView):
    def get_base_queryset(self):
        users = super().get_base_queryset()
        return users if self.request.user.is_superuser else users.filter(is_superuser=False)


class CreateView(_ActingUserFormKwargs, wagtail_users.CreateView):
    pass


def audit_person_opened(request: HttpRequest, person: User) -> None:
    """An administrator opening someone's account in the admin has seen their details:
    recorded, before the page is built, unless it is their own account."""
    if person.pk == request.user.pk:
        return
    record(
        AuditAction.VIEWED_PERSON,
        summary="Opened the person's account in the admin",
        subject=person,
        target=person,
        request=request,
    )


class EditView(_SuperusersOutOfReach, _ActingUserFormKwargs, wagtail_users.EditView):
    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        audit_person_opened(request, self.object)
        return super().get(request, *args, **kwargs)

    def form_invalid(self, form) -> HttpResponse:
        # The form shown again with its errors shows the person's account again too.
        audit_person_opened(self.request, self.object)
        return super().form_invalid(form)


class DeleteView(_SuperusersOutOfReach, wagtail_users.DeleteView):
    pass


class HistoryView(_SuperusersOutOfReach, wagtail_users.HistoryView):
    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # The history of a person's account (and its filtered results) is a read of it.
        audit_person_opened(request, self.object)
        return super().get(request, *args, **kwargs)


class UserViewSet(wagtail_users.UserViewSet):
    # Copying would fill a new account's form from another person's (their name, their
    # groups) and pass it neither the acting user nor the superusers-only rule; a new
    # person is invited or added afresh.
    copy_view_enabled = False
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView

    def get_form_class(self, for_update: bool = False):
        return HubUserEditForm if for_update else HubUserCreationForm


class SetActiveStateBulkAction(set_active_state.SetActiveStateBulkAction):
    """Wagtail's bulk "Set active state", saving each account instead of updating them
    all in one query, which no save signal sees: each change then has its audit entry
    (learning.audit.receivers) and its deactivation date (learning.privacy.receivers).
    Registered in learning.wagtail_hooks after Wagtail's, so it replaces it."""

    @classmethod
    def execute_action(cls, objects, mark_as_active=False, model=None, **kwargs):
        acting_user = kwargs.get("user")
        people = [p for p in objects if acting_user is None or p.pk != acting_user.pk]
        for person in people:
            if mark_as_active and person.erased_at is not None:
                continue  # Stays inactive: see User.save().
            if person.is_active != mark_as_active:
                person.is_active = mark_as_active
                person.save()
        # As Wagtail counts them: every account selected, changed or not.
        return len(people), 0


def refuse_user_deletion(request: HttpRequest, user: User) -> HttpResponse:
    """For Wagtail's before_delete_user hook: deactivate instead, so nothing that refers
    to the account is lost."""
    messages.error(request, DELETION_REFUSED)
    return redirect("wagtailusers_users:edit", user.pk)


def refuse_bulk_user_action(
    request: HttpRequest, action_type: str, objects: list, action
) -> HttpResponse | None:
    """For Wagtail's before_bulk_action hook: no bulk deletion of users by anyone, and
    no bulk change (activation, roles) to a superuser by a non-superuser."""
    if getattr(action, "model", None) is not User:
        return None
    if action_type == "delete":
        messages.error(request, DELETION_REFUSED)
        return redirect("wagtailusers_users:index")
    if any(not may_manage(request.user, user) for user in objects):
        messages.error(request, SUPERUSERS_OUT_OF_REACH)
        return redirect("wagtailusers_users:index")
    return None


def remove_bulk_user_deletion() -> None:
    """Take Wagtail's bulk "Delete" off the users listing, so it is never offered, and
    its URL answers 404 (Wagtail's bulk-action dispatcher finds no such action).
    Wagtail has no hook to unregister a bulk action; the registry is filled from the
    register_bulk_action hooks on first use, so it is filled here and the one entry
    dropped. before_bulk_action (refuse_bulk_user_action) still refuses a deletion
    should the entry ever come back."""
    from wagtail.admin.views.bulk_action.registry import bulk_action_registry

    bulk_action_registry._scan_for_bulk_actions()
    user_actions = bulk_action_registry.actions.get(User._meta.app_label, {})
    user_actions.get(User._meta.model_name, {}).pop("delete", None)
