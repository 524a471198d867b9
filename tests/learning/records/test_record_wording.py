"""A learning record seen by someone else (a supervisor, an organisation lead) speaks
of the person by name, never as "you"; the person's own record speaks to them."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import Profile, RegistrationBody
from tests.learning.reflections.factories import make_supervisee, make_supervisor

pytestmark = pytest.mark.django_db

BODIES = [RegistrationBody.SOCIAL_WORK_ENGLAND, RegistrationBody.NMC, RegistrationBody.HCPC]


@pytest.fixture
def supervisor(db):
    return make_supervisor(first_name="Rachel", last_name="Hughes")


@pytest.fixture
def jordan(supervisor):
    return make_supervisee(supervisor, first_name="Jordan", last_name="Ellis")


def _register(person, body: str, renewal: date | None) -> None:
    Profile.objects.filter(user=person).update(
        registration_body=body, registration_renewal_date=renewal
    )


def _main(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    return body.split('id="main-content"', 1)[1].split("</main>", 1)[0]


def _registration_section(main: str) -> str:
    return main.split('id="registration"', 1)[1].split("</section>", 1)[0]


@pytest.mark.parametrize("body", BODIES)
@pytest.mark.parametrize("renewal_in_days", [None, 200])
def test_a_supervisor_reads_the_persons_record_in_the_third_person(
    client, supervisor, jordan, body, renewal_in_days
):
    renewal = timezone.localdate() + timedelta(days=renewal_in_days) if renewal_in_days else None
    _register(jordan, body, renewal)
    client.force_login(supervisor)

    main = _main(client, reverse("records:person_learning", args=[jordan.pk]))

    section = _registration_section(main)
    assert re.search(r"<p class=\"govuk-body\">Over Jordan Ellis's \w", section)
    assert [
        m.group(0)
        for m in re.finditer(r".{60}\byour?\b.{60}", main, flags=re.IGNORECASE | re.DOTALL)
    ] == []


@pytest.mark.parametrize("body", BODIES)
def test_the_person_reads_their_own_record_in_the_second_person(client, jordan, body):
    _register(jordan, body, None)
    client.force_login(jordan)

    section = _registration_section(_main(client, reverse("records:my_learning")))

    assert re.search(r"<p class=\"govuk-body\">Over your \w", section)
    assert "Jordan Ellis" not in section
