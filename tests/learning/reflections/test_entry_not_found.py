"""After a share is withdrawn the supervisor's old link is still a 404, but the page
says why that happens (issue 12), and it is the very same page for an entry that never
existed, so it reveals nothing about which entries exist."""

from __future__ import annotations

import re
import uuid

import pytest
from django.urls import reverse

from learning.reflections import services
from tests.learning.reflections.factories import make_entry, make_supervisor, shared_entry

pytestmark = pytest.mark.django_db


def _detail(client, entry_id):
    return client.get(reverse("reflections:entry_detail", args=[entry_id]))


def _without_tokens(html: str) -> str:
    """The page with its per-request values (CSRF token, CSP nonce) taken out."""
    return re.sub(r'(value|nonce|content)="[^"]*"', "", html)


def test_withdrawn_share_gives_a_404_that_explains_and_links_to_my_team(client, author, supervisor):
    entry = shared_entry(author, supervisor)
    client.force_login(supervisor)
    assert _detail(client, entry.pk).status_code == 200

    services.entry_withdraw_share(entry=entry, author=author)
    response = _detail(client, entry.pk)

    assert response.status_code == 404
    page = response.content.decode()
    assert "can withdraw a share" in page
    assert f'href="{reverse("supervision:my_team")}">Go to My team</a>' in page
    assert entry.title not in page and str(author) not in page


def test_withdrawn_and_never_existed_look_the_same(client, author, supervisor):
    entry = shared_entry(author, supervisor)
    services.entry_withdraw_share(entry=entry, author=author)
    someone_elses = make_entry(make_supervisor())  # exists, never shared with them
    client.force_login(supervisor)

    pages = [_detail(client, entry_id) for entry_id in (entry.pk, uuid.uuid4(), someone_elses.pk)]

    assert {response.status_code for response in pages} == {404}
    assert len({_without_tokens(response.content.decode()) for response in pages}) == 1


def test_someone_who_supervises_nobody_gets_no_my_team_link(client):
    from tests.factories import make_person

    client.force_login(make_person())
    response = _detail(client, uuid.uuid4())
    assert response.status_code == 404
    assert reverse("supervision:my_team") not in response.content.decode()
    assert reverse("reflections:entry_list") in response.content.decode()
