"""A signed-off entry stays in its signer's reach: the author cannot withdraw the share
while it is signed off, and the signer can reopen it even after the share lapsed,
without being able to read it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from learning import permissions
from learning.models import EntryShare, EntryStatus
from learning.reflections import services
from tests.learning.reflections.factories import make_supervisor, shared_entry

pytestmark = pytest.mark.django_db


def _url(name: str, entry) -> str:
    return reverse(f"reflections:{name}", args=[entry.pk])


@pytest.fixture
def signed(author, supervisor):
    entry = shared_entry(author, supervisor, status=EntryStatus.FINAL)
    services.entry_sign_off(entry=entry, supervisor=supervisor)
    return entry


def _live_shares(entry) -> int:
    return EntryShare.objects.filter(entry=entry, withdrawn_at__isnull=True).count()


class TestWithdrawWhileSignedOff:
    def test_the_service_refuses_and_keeps_the_share(self, author, signed):
        with pytest.raises(ValidationError) as caught:
            services.entry_withdraw_share(entry=signed, author=author)
        assert caught.value.code == "locked"
        assert _live_shares(signed) == 1

    def test_the_form_explains_and_changes_nothing(self, client, author, supervisor, signed):
        client.force_login(author)
        page = client.get(_url("entry_withdraw", signed))
        assert page.status_code == 200
        assert "cannot stop sharing it while it is signed off" in page.content.decode()
        assert "Stop sharing</button>" not in page.content.decode()

        response = client.post(_url("entry_withdraw", signed), {"supervisors": [supervisor.pk]})
        assert response.status_code == 400
        assert "cannot stop sharing it while it is signed off" in response.content.decode()
        assert _live_shares(signed) == 1

    def test_the_entry_page_offers_no_withdraw_link(self, client, author, signed):
        client.force_login(author)
        body = client.get(_url("entry_detail", signed)).content.decode()
        assert _url("entry_withdraw", signed) not in body

    def test_after_reopening_the_share_can_be_withdrawn(self, author, supervisor, signed):
        services.entry_reopen(entry=signed, supervisor=supervisor)
        assert services.entry_withdraw_share(entry=signed, author=author) == 1


class TestSignerReopensAfterTheShareLapsed:
    @pytest.fixture
    def lapsed(self, author, supervisor, signed):
        # The share lapses because they stop supervising the author (withdrawing is
        # refused while signed off): a row withdrawn in the past has the same effect.
        author.profile.supervisors.remove(supervisor)
        assert not permissions.can_view_entry(supervisor, signed)
        return signed

    def test_the_signer_may_reopen_but_still_not_read(self, client, supervisor, lapsed):
        assert permissions.can_reopen(supervisor, lapsed)
        client.force_login(supervisor)
        assert client.get(_url("entry_detail", lapsed)).status_code == 404

        page = client.get(_url("entry_reopen", lapsed))
        assert page.status_code == 200
        assert lapsed.body not in page.content.decode()
        assert _url("entry_detail", lapsed) not in page.content.decode()

        response = client.post(_url("entry_reopen", lapsed))
        assert response.status_code == 302
        assert response["Location"] == reverse("supervision:my_team")
        lapsed.refresh_from_db()
        assert not lapsed.is_locked
        # Reopening gave them nothing to read.
        assert client.get(_url("entry_detail", lapsed)).status_code == 404

    def test_a_withdrawn_share_row_does_not_stop_the_signer(self, client, supervisor, signed):
        EntryShare.objects.filter(entry=signed).update(withdrawn_at=signed.signed_off_at)
        client.force_login(supervisor)
        assert client.post(_url("entry_reopen", signed)).status_code == 302
        signed.refresh_from_db()
        assert not signed.is_locked

    def test_nobody_else_reopens(self, client, author, lapsed):
        other = make_supervisor()
        author.profile.supervisors.add(other)
        services.entry_share(entry=lapsed, author=author, supervisors=[other])
        for person in (other, author):
            client.force_login(person)
            assert client.post(_url("entry_reopen", lapsed)).status_code == 404
        lapsed.refresh_from_db()
        assert lapsed.is_locked
