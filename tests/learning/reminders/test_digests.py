"""The digest emails: contents (both parts), sending once, a week's gap, stopping on
completion, the person's opt-out and the site-wide switch. TODAY is 16 June 2025."""

from __future__ import annotations

from datetime import timedelta
from smtplib import SMTPException
from unittest import mock

import pytest
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from learning.models import DigestKind, DigestSent, Feedback, User, WillChangePractice
from learning.reminders.digests import Outcome, send_reminder_digests
from learning.tasks import send_reminder_digests as reminder_task
from tests.learning.reminders.conftest import BASE_URL, TODAY, complete

pytestmark = pytest.mark.django_db

SETTINGS_URL = f"{BASE_URL}/my-learning/reminders/"


def html_of(message) -> str:
    [(content, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return content


class TestLearnerDigestEmail:
    def test_lists_each_item_with_its_due_date_and_link_in_both_parts(
        self, person, requirement, page, mailoutbox
    ):
        person(20, "Dana", "Due")
        page_url = f"{BASE_URL}{page.url}"

        assert send_reminder_digests(today=TODAY) == {"learner": 1, "supervisor": 0, "failed": 0}

        [message] = mailoutbox
        assert isinstance(message, EmailMultiAlternatives)
        assert message.to == ["dana.due@northmoor.example"]
        assert message.subject == "Reminder: 1 item of required safeguarding learning due soon"
        assert message.extra_headers["List-Unsubscribe"] == f"<{SETTINGS_URL}>"
        text = message.body
        assert text.startswith("Hello Dana,\n")
        assert (
            "Core safeguarding adults learning\nDue by 26 June 2025.\n"
            f"- Making safeguarding personal: {page_url}\n"
        ) in text
        assert f"change your email settings: {SETTINGS_URL}" in text
        html = html_of(message)
        assert '<html lang="en-GB">' in html
        assert "<h2>Core safeguarding adults learning</h2>" in html
        assert "<strong>Due</strong> by 26 June 2025." in html
        assert f'<a href="{page_url}">Making safeguarding personal</a>' in html
        assert f'<a href="{SETTINGS_URL}">Turn off these reminders</a>' in html

    def test_overdue_subject_and_wording(self, person, requirement, mailoutbox):
        person(40, "Owen", "Over")

        send_reminder_digests(today=TODAY)

        [message] = mailoutbox
        assert message.subject == (
            "Reminder: 1 item of required safeguarding learning overdue, 1 to do in all"
        )
        assert "Overdue: it was due on 6 June 2025." in message.body
        assert "<strong>Overdue:</strong> it was due on 6 June 2025." in html_of(message)

    def test_records_what_it_sent(self, person, requirement, mailoutbox):
        dana = person(20, "Dana", "Due")

        send_reminder_digests(today=TODAY)

        sent = DigestSent.objects.get()
        assert (sent.user, sent.kind, sent.sent_on) == (dana, DigestKind.LEARNER, TODAY)
        assert sent.items == [
            {"requirement": requirement.pk, "status": "due", "due_on": "2025-06-26"}
        ]

    def test_includes_the_impact_question_due(self, person, requirement, second_page, mailoutbox):
        dana = person(60, "Dana", "Due")
        complete(dana, second_page, TODAY - timedelta(days=42))
        feedback = Feedback.objects.create(
            user=dana, page=second_page, usefulness=5, will_change_practice=WillChangePractice.YES
        )
        answer_url = BASE_URL + reverse("records:impact_answer", args=[feedback.pk])

        send_reminder_digests(today=TODAY)

        [message] = mailoutbox
        assert "Have you used this in your practice?" in message.body
        assert f"- Self-neglect and hoarding: {answer_url}\n" in message.body
        assert f'<a href="{answer_url}">Self-neglect and hoarding</a>' in html_of(message)

    def test_the_question_alone_has_its_own_subject(self, person, second_page, mailoutbox):
        fay = person(400, "Fay", "Followup")
        complete(fay, second_page, TODAY - timedelta(days=50))
        Feedback.objects.create(
            user=fay, page=second_page, usefulness=5, will_change_practice=WillChangePractice.YES
        )

        send_reminder_digests(today=TODAY)

        [message] = mailoutbox
        assert message.subject == "Have you used your safeguarding learning in your practice?"
        assert "required to complete" not in message.body


class TestSendingOnce:
    def test_twice_on_a_day_sends_one_then_none_for_a_week_then_again(
        self, person, requirement, mailoutbox
    ):
        person(20, "Dana", "Due")  # due 26 June: still due on the 24th

        send_reminder_digests(today=TODAY)
        send_reminder_digests(today=TODAY)
        assert len(mailoutbox) == 1

        assert send_reminder_digests(today=TODAY + timedelta(days=3))["learner"] == 0
        assert len(mailoutbox) == 1

        assert send_reminder_digests(today=TODAY + timedelta(days=8))["learner"] == 1
        assert len(mailoutbox) == 2
        assert "Due by 26 June 2025." in mailoutbox[1].body
        assert DigestSent.objects.count() == 2

    def test_the_task_run_twice_sends_once(self, person, requirement, mailoutbox):
        person(20, "Dana", "Due")

        reminder_task.enqueue(today=TODAY.isoformat())
        reminder_task.enqueue(today=TODAY.isoformat())

        assert len(mailoutbox) == 1

    def test_a_digest_already_recorded_for_today_is_not_sent_again(
        self, person, requirement, mailoutbox
    ):
        # Another worker recorded today's digest between our selection and our send.
        from learning.reminders import digests, selectors

        dana = person(20, "Dana", "Due")
        [digest] = selectors.learner_digests(today=TODAY)
        DigestSent.objects.create(user=dana, kind=DigestKind.LEARNER, sent_on=TODAY)

        sent = digests.send_once(
            person=dana,
            kind=DigestKind.LEARNER,
            today=TODAY,
            items=[],
            message=digests.learner_message(digest),
        )

        assert sent is Outcome.SKIPPED
        assert mailoutbox == []

    def test_a_failed_send_is_released_and_tried_on_the_next_run(
        self, person, requirement, mailoutbox
    ):
        person(20, "Dana", "Due")

        with mock.patch.object(EmailMultiAlternatives, "send", side_effect=SMTPException("down")):
            sent = send_reminder_digests(today=TODAY)
        assert (sent["learner"], sent["failed"]) == (0, 1)
        assert not DigestSent.objects.exists()

        assert send_reminder_digests(today=TODAY)["learner"] == 1
        assert len(mailoutbox) == 1

    def test_stops_once_the_learning_is_complete(self, person, requirement, page, mailoutbox):
        dana = person(20, "Dana", "Due")
        send_reminder_digests(today=TODAY)
        complete(dana, page, TODAY + timedelta(days=1))

        send_reminder_digests(today=TODAY + timedelta(days=8))

        assert len(mailoutbox) == 1


class TestTurningThemOff:
    def test_a_person_who_opted_out_gets_nothing(self, person, requirement, mailoutbox):
        dana = person(20, "Dana", "Due")
        dana.profile.receives_digests = False
        dana.profile.save()

        assert send_reminder_digests(today=TODAY) == {"learner": 0, "supervisor": 0, "failed": 0}
        assert mailoutbox == []

    def test_the_site_wide_switch_sends_nothing(self, person, requirement, settings, mailoutbox):
        settings.HUB_SEND_DIGESTS = False
        ana = person(400, "Ana", "Supervisor")
        person(20, "Dana", "Due").profile.supervisors.add(ana)

        assert send_reminder_digests(today=TODAY) == {"learner": 0, "supervisor": 0, "failed": 0}
        assert mailoutbox == []
        assert not DigestSent.objects.exists()


class TestSupervisorDigestEmail:
    def test_lists_the_supervisees_and_links_to_my_team(self, person, requirement, mailoutbox):
        ana = person(400, "Ana", "Supervisor")
        for days, first, last in ((20, "Dana", "Due"), (40, "Owen", "Over"), (5, "Nina", "New")):
            supervisee = person(days, first, last)
            supervisee.profile.supervisors.add(ana)
            supervisee.profile.receives_digests = False  # their own reminders are off
            supervisee.profile.save()

        assert send_reminder_digests(today=TODAY) == {"learner": 1, "supervisor": 1, "failed": 0}

        [team] = [m for m in mailoutbox if m.subject.startswith("Team digest")]
        assert team.to == ["ana.supervisor@northmoor.example"]
        assert team.subject == "Team digest: 2 people in your team with safeguarding learning due"
        dana, owen = (User.objects.get(first_name=name) for name in ("Dana", "Owen"))
        dana_url = f"{BASE_URL}/people/{dana.pk}/learning/"
        owen_url = f"{BASE_URL}/people/{owen.pk}/learning/"
        assert (
            f"\nDana Due (learning record: {dana_url})\n"
            "- Core safeguarding adults learning: due by 26 June 2025\n"
            f"\nOwen Over (learning record: {owen_url})\n"
            "- Core safeguarding adults learning: overdue, it was due on 6 June 2025\n"
        ) in team.body
        assert "Nina" not in team.body
        assert f"See your team's learning: {BASE_URL}/my-team/" in team.body
        html = html_of(team)
        assert f'<h2><a href="{dana_url}">Dana Due</a></h2>' in html
        assert f'<h2><a href="{owen_url}">Owen Over</a></h2>' in html
        assert f'<a href="{BASE_URL}/my-team/">See your team' in html
        assert f'<a href="{SETTINGS_URL}">Turn off these emails</a>' in html

    def test_one_team_digest_a_week(self, person, requirement, mailoutbox):
        ana = person(400, "Ana", "Supervisor")
        person(40, "Owen", "Over").profile.supervisors.add(ana)

        for days in (0, 0, 3, 7):
            send_reminder_digests(today=TODAY + timedelta(days=days))

        team_digests = DigestSent.objects.filter(kind=DigestKind.SUPERVISOR)
        assert sorted(team_digests.values_list("sent_on", flat=True)) == [
            TODAY,
            TODAY + timedelta(days=7),
        ]
        assert sum(m.subject.startswith("Team digest") for m in mailoutbox) == 2
