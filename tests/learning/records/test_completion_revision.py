"""A completion records the revision the person read: the one the page was rendered
with, posted by the completion form, not whatever is live when they press the button."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from learning.models import Completion

pytestmark = pytest.mark.django_db


def _rendered_revision(client, page) -> str:
    body = client.get(page.url).content.decode()
    match = re.search(r'<input type="hidden" name="revision" value="(\d+)">', body)
    assert match, "the completion form carries no revision"
    return match.group(1)


def test_the_revision_read_is_stored_even_after_a_new_one_is_published(
    client, practitioner, learning_page
):
    client.force_login(practitioner)
    read = _rendered_revision(client, learning_page)
    assert int(read) == learning_page.live_revision_id

    learning_page.summary = "Rewritten while the reader was reading."
    learning_page.save_revision().publish()
    learning_page.refresh_from_db()
    assert learning_page.live_revision_id != int(read)

    url = reverse("records:complete", args=[learning_page.pk])
    assert client.post(url, {"revision": read}).status_code == 302
    assert Completion.objects.get(user=practitioner).revision_id == int(read)


@pytest.mark.parametrize(
    "posted",
    [None, "", "abc", "-1", "0", "1.5", str(2**40), "99999"],
    ids=["absent", "empty", "text", "negative", "zero", "decimal", "huge", "unknown"],
)
def test_a_bad_revision_falls_back_to_the_live_one(client, practitioner, learning_page, posted):
    client.force_login(practitioner)
    data = {} if posted is None else {"revision": posted}
    response = client.post(reverse("records:complete", args=[learning_page.pk]), data)
    assert response.status_code == 302
    assert Completion.objects.get(user=practitioner).revision_id == learning_page.live_revision_id


def test_another_pages_revision_is_not_stored(
    client, practitioner, learning_page, make_learning_page
):
    other = make_learning_page()
    client.force_login(practitioner)
    client.post(
        reverse("records:complete", args=[learning_page.pk]),
        {"revision": other.live_revision_id},
    )
    assert Completion.objects.get(user=practitioner).revision_id == learning_page.live_revision_id
