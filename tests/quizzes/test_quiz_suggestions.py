"""A knowledge check attached to a page is completed through that page: the home
page never suggests it, and the principle list does not count it in a total."""

from __future__ import annotations

import pytest

from learning.next_steps import suggested_learning
from learning.records.selectors import principle_progress
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_an_attached_check_is_neither_suggested_nor_counted(case_study, make_check, principles):
    attached = make_check(checks_page=case_study, title="Check on Mr A")
    standalone = make_check(title="Check on its own")
    person = make_person()

    suggested = {page.pk for page in suggested_learning(person, limit=10)}
    assert case_study.pk in suggested and standalone.pk in suggested
    assert attached.pk not in suggested

    empowerment = principle_progress(user=person)[principles["empowerment"].pk]
    assert (empowerment.completed, empowerment.total) == (0, 2)
