"""Starting and finishing attempts: recorded once, scored from the snapshot, and the
completion signal sent exactly once per passing attempt."""

from __future__ import annotations

import pytest

from learning.signals import knowledge_check_passed
from quizzes import services
from quizzes.models import Attempt, AttemptAnswer
from tests.factories import make_person
from tests.quizzes.helpers import answers_for, single

pytestmark = pytest.mark.django_db


@pytest.fixture
def passes_heard():
    """Every knowledge_check_passed signal sent during the test, as its kwargs."""
    heard = []

    def receiver(sender, **kwargs):
        heard.append(kwargs)

    knowledge_check_passed.connect(receiver, dispatch_uid="test-quizzes-receiver")
    yield heard
    knowledge_check_passed.disconnect(dispatch_uid="test-quizzes-receiver")


def test_start_records_snapshot_revision_and_start_time(make_check, learner):
    check = make_check()
    attempt = services.start_attempt(user=learner, check=check)

    assert attempt.revision_id == check.live_revision_id
    assert attempt.question_count == 4
    assert attempt.started_at is not None
    assert attempt.finished_at is None and attempt.passed is None
    assert attempt.page_title == check.title
    assert [q["id"] for q in attempt.snapshot["questions"]] == [c.id for c in check.questions]


def test_starting_again_resumes_the_unfinished_attempt(make_check, learner):
    check = make_check()
    first = services.start_attempt(user=learner, check=check)
    assert services.start_attempt(user=learner, check=check).pk == first.pk
    services.finish_attempt(attempt=first, answers=answers_for(first))
    assert services.start_attempt(user=learner, check=check).pk != first.pk


def test_an_unpublished_check_cannot_be_attempted(make_check, learner):
    check = make_check(publish=False)
    with pytest.raises(services.CheckNotPublished):
        services.start_attempt(user=learner, check=check)


def test_finish_scores_and_stores_each_answer(make_check, learner):
    check = make_check(pass_mark=75)
    attempt = services.start_attempt(user=learner, check=check)
    multiple_q = attempt.snapshot["questions"][1]
    partly = [o["key"] for o in multiple_q["options"] if o["correct"]][:1]
    stored, finished_now = services.finish_attempt(
        attempt=attempt, answers=answers_for(attempt, overrides={multiple_q["id"]: partly})
    )

    assert finished_now is True
    assert (stored.correct_count, stored.score, stored.passed) == (3, 75, True)
    assert stored.finished_at is not None
    rows = list(AttemptAnswer.objects.filter(attempt=stored).order_by("position"))
    assert [r.correct for r in rows] == [True, False, True, True]
    assert rows[1].given == partly


def test_double_submission_is_recorded_once(make_check, learner, passes_heard):
    check = make_check()
    attempt = services.start_attempt(user=learner, check=check)

    first, first_now = services.finish_attempt(attempt=attempt, answers=answers_for(attempt))
    # The second submission (another tab) has different answers: they are ignored.
    second, second_now = services.finish_attempt(
        attempt=attempt, answers=answers_for(attempt, right=False)
    )

    assert (first_now, second_now) == (True, False)
    assert second.finished_at == first.finished_at
    assert second.passed is True and second.correct_count == 4
    assert AttemptAnswer.objects.filter(attempt=attempt).count() == 4
    assert len(passes_heard) == 1


def test_pass_sends_the_signal_for_the_attached_page(make_check, learner, case_study, passes_heard):
    check = make_check(checks_page=case_study)
    attempt = services.start_attempt(user=learner, check=check)
    stored, _ = services.finish_attempt(attempt=attempt, answers=answers_for(attempt))

    assert len(passes_heard) == 1
    heard = passes_heard[0]
    assert heard["user"] == learner
    assert heard["page"] == case_study
    assert type(heard["page"]).__name__ == "CaseStudyPage"
    assert heard["revision_id"] == case_study.live_revision_id
    assert heard["attempt_id"] == attempt.pk
    assert heard["finished_at"] == stored.finished_at


def test_pass_for_an_attached_page_without_a_live_revision_sends_no_revision(
    make_check, learner, case_study, passes_heard
):
    check = make_check(checks_page=case_study)
    case_study.unpublish()
    attempt = services.start_attempt(user=learner, check=check)
    assert attempt.completes_revision_id is None
    services.finish_attempt(attempt=attempt, answers=answers_for(attempt))

    assert [h["page"].pk for h in passes_heard] == [case_study.pk]
    # Not the check's own revision: that is another page's content.
    assert passes_heard[0]["revision_id"] is None


def test_stand_alone_pass_completes_the_check_itself(make_check, learner, passes_heard):
    check = make_check()
    attempt = services.start_attempt(user=learner, check=check)
    services.finish_attempt(attempt=attempt, answers=answers_for(attempt))

    assert [h["page"].pk for h in passes_heard] == [check.pk]
    assert passes_heard[0]["revision_id"] == check.live_revision_id


def test_fail_sends_no_signal(make_check, learner, passes_heard):
    check = make_check(pass_mark=100)
    attempt = services.start_attempt(user=learner, check=check)
    question = attempt.snapshot["questions"][0]
    wrong = [o["key"] for o in question["options"] if not o["correct"]][:1]
    stored, _ = services.finish_attempt(
        attempt=attempt, answers=answers_for(attempt, overrides={question["id"]: wrong})
    )

    assert stored.passed is False
    assert passes_heard == []


def test_a_failing_receiver_leaves_the_attempt_unfinished(make_check, learner):
    def broken(sender, **kwargs):
        raise RuntimeError("records are down")

    knowledge_check_passed.connect(broken, dispatch_uid="test-quizzes-broken")
    try:
        check = make_check()
        attempt = services.start_attempt(user=learner, check=check)
        with pytest.raises(RuntimeError):
            services.finish_attempt(attempt=attempt, answers=answers_for(attempt))
    finally:
        knowledge_check_passed.disconnect(dispatch_uid="test-quizzes-broken")

    attempt.refresh_from_db()
    assert attempt.finished_at is None  # the learner can submit again
    assert not AttemptAnswer.objects.filter(attempt=attempt).exists()


def test_editing_the_check_keeps_recorded_results(make_check, learner):
    check = make_check([single("Old wording", right="Old right", wrong=("Old wrong",))])
    attempt = services.start_attempt(user=learner, check=check)
    question_id = attempt.snapshot["questions"][0]["id"]
    services.finish_attempt(attempt=attempt, answers={question_id: ["1"]})  # "Old right"

    # The editor rewords the question and makes the other option the right one.
    draft = check.get_latest_revision_as_object()
    draft.questions[0].value["text"] = "New wording"
    draft.questions[0].value["options"][0]["correct"] = False
    draft.questions[0].value["options"][1]["correct"] = True
    draft.save_revision().publish()

    stored = Attempt.objects.get(pk=attempt.pk)
    assert stored.passed is True and stored.correct_count == 1
    assert stored.snapshot["questions"][0]["text"] == "Old wording"
    assert stored.revision_id != check.__class__.objects.get(pk=check.pk).live_revision_id

    # A new attempt sees the new version; scoring it uses the new answers.
    check.refresh_from_db()
    newer = services.start_attempt(user=make_person(), check=check)
    assert newer.snapshot["questions"][0]["text"] == "New wording"
    assert newer.snapshot["questions"][0]["id"] == question_id
    new_stored, _ = services.finish_attempt(attempt=newer, answers={question_id: ["1"]})
    assert new_stored.passed is False
