"""The person's own email settings at /my-learning/reminders/, linked from My learning."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from learning.models import Profile
from tests.factories import make_person

pytestmark = pytest.mark.django_db

URL = "/my-learning/reminders/"


@pytest.fixture
def dana(db):
    return make_person(first_name="Dana", last_name="Due")


def setting_of(user) -> bool:
    return Profile.objects.get(user=user).receives_digests


def test_the_address(dana):
    assert reverse("records:reminder_settings") == URL


def test_shows_both_email_settings_ticked_by_default(client, dana):
    client.force_login(dana)

    body = client.get(URL).content.decode()

    assert '<h1 class="govuk-heading-l">Email settings</h1>' in body
    assert body.count('type="checkbox"') == 2
    assert '<input type="checkbox" name="receives_digests"' in body
    assert 'id="id_receives_digests" checked' in body
    assert '<input type="checkbox" name="emails_supervision_activity"' in body
    assert 'id="id_emails_supervision_activity" checked' in body


def test_each_setting_is_kept_on_its_own(client, dana):
    client.force_login(dana)

    response = client.post(URL, {"receives_digests": "on"})

    profile = Profile.objects.get(user=dana)
    assert (profile.receives_digests, profile.emails_supervision_activity) == (True, False)
    assert "We will not email you when a supervisor responds" in html.unescape(
        client.get(response.url).content.decode()
    )
    body = client.get(URL).content.decode()
    assert 'id="id_emails_supervision_activity" checked' not in body
    assert 'id="id_receives_digests" checked' in body


def test_unticking_turns_reminders_off_and_ticking_turns_them_on(client, dana):
    client.force_login(dana)

    response = client.post(URL, {})
    assert response.status_code == 302 and response.url == reverse("records:my_learning")
    assert setting_of(dana) is False
    assert "We will not email you reminders." in html.unescape(
        client.get(response.url).content.decode()
    )

    client.post(URL, {"receives_digests": "on"})
    assert setting_of(dana) is True


def test_changes_only_the_signed_in_persons_setting(client, dana):
    other = make_person()
    client.force_login(dana)

    client.post(URL, {})

    assert (setting_of(dana), setting_of(other)) == (False, True)


def test_my_learning_links_to_it_and_says_whether_they_are_on(client, dana):
    client.force_login(dana)
    Profile.objects.filter(user=dana).update(receives_digests=False)

    body = client.get(reverse("records:my_learning")).content.decode()

    assert f'<a class="govuk-link" href="{URL}">Email settings</a>: reminders off;' in body


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
