"""A supervisor is offered only the actions they can take on an entry: the entry's page
and the services answer from the same rules in learning.permissions, so an offer is
never followed by a refusal (issue 12: "Sign off" was offered on a draft)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse

from learning import permissions
from learning.models import EntryStatus
from learning.reflections import services
from tests.learning.reflections.factories import make_supervisor, shared_entry

pytestmark = pytest.mark.django_db


def _offers(client, viewer, entry) -> set[str]:
    """The hrefs of the action buttons on the entry's page, by action name."""
    client.force_login(viewer)
    response = client.get(reverse("reflections:entry_detail", args=[entry.pk]))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    hrefs = {link["href"] for link in soup.select("a.govuk-button")}
    actions = {"entry_review", "entry_sign_off", "entry_reopen", "entry_edit"}
    return {
        name for name in actions if reverse(f"reflections:{name}", args=[entry.pk]) in hrefs
    } | ({"comment"} if soup.select_one("textarea[name=body]") else set())


class TestSignOffRule:
    def test_draft_cannot_be_signed_off(self, author, supervisor):
        entry = shared_entry(author, supervisor)
        assert permissions.sign_off_blocker(entry) == permissions.SIGN_OFF_DRAFT
        assert not permissions.can_sign_off(supervisor, entry)

    def test_final_entry_can_be_signed_off_by_a_supervisor_it_is_shared_with(
        self, author, supervisor
    ):
        entry = shared_entry(author, supervisor, status=EntryStatus.FINAL)
        assert permissions.sign_off_blocker(entry) is None
        assert permissions.can_sign_off(supervisor, entry)
        assert not permissions.can_sign_off(author, entry)
        assert not permissions.can_sign_off(make_supervisor(), entry)

    def test_signed_off_entry_cannot_be_signed_off_again(self, author, supervisor):
        entry = shared_entry(author, supervisor, status=EntryStatus.FINAL)
        services.entry_sign_off(entry=entry, supervisor=supervisor)
        assert permissions.sign_off_blocker(entry) == permissions.SIGN_OFF_LOCKED
        assert not permissions.can_sign_off(supervisor, entry)

    @pytest.mark.parametrize("status", [EntryStatus.DRAFT, EntryStatus.FINAL])
    @pytest.mark.parametrize("signed_off", [False, True])
    def test_offer_and_service_agree(self, author, supervisor, status, signed_off):
        entry = shared_entry(author, supervisor, status=status)
        if signed_off:
            entry.status = EntryStatus.FINAL
            entry.save(update_fields=["status"])
            services.entry_sign_off(entry=entry, supervisor=supervisor)
        offered = permissions.can_sign_off(supervisor, entry)
        try:
            services.entry_sign_off(entry=entry, supervisor=supervisor)
        except ValidationError as error:
            assert not offered
            assert error.code == permissions.sign_off_blocker(entry)
        else:
            assert offered


class TestEntryPageOffers:
    def test_draft_offers_review_and_comment_but_not_sign_off(self, client, author, supervisor):
        entry = shared_entry(author, supervisor)
        assert _offers(client, supervisor, entry) == {"entry_review", "comment"}
        page = client.get(reverse("reflections:entry_detail", args=[entry.pk])).content.decode()
        assert "still a draft" in page and "once Jordan Ellis marks it final" in page

    def test_final_entry_offers_sign_off(self, client, author, supervisor):
        entry = shared_entry(author, supervisor, status=EntryStatus.FINAL)
        assert _offers(client, supervisor, entry) == {"entry_review", "entry_sign_off", "comment"}

    def test_signed_off_entry_offers_reopen_not_sign_off(self, client, author, supervisor):
        entry = shared_entry(author, supervisor, status=EntryStatus.FINAL)
        services.entry_sign_off(entry=entry, supervisor=supervisor)
        assert _offers(client, supervisor, entry) == {"entry_review", "entry_reopen", "comment"}

    def test_another_supervisor_cannot_reopen_what_they_did_not_sign_off(
        self, client, author, supervisor
    ):
        second = make_supervisor()
        author.profile.supervisors.add(second)
        entry = shared_entry(author, supervisor, status=EntryStatus.FINAL)
        services.entry_share(entry=entry, author=author, supervisors=[second])
        services.entry_sign_off(entry=entry, supervisor=supervisor)
        assert _offers(client, second, entry) == {"entry_review", "comment"}

    def test_author_is_offered_no_supervisor_actions(self, client, author, supervisor):
        entry = shared_entry(author, supervisor, status=EntryStatus.FINAL)
        offers = _offers(client, author, entry)
        assert offers == {"entry_edit", "comment"}
        services.entry_sign_off(entry=entry, supervisor=supervisor)
        assert _offers(client, author, entry) == {"comment"}  # locked: no "Change"
