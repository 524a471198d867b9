"""A practitioner takes a knowledge check with the keyboard alone: fails it, reads the
explanations, tries again and passes. Then answers a myth-buster statement. Every
screen passes axe-core.

Once signed in, the journey uses only Tab, the arrow keys within a radio group, Space
and Enter: no clicks. The test knows the right answers from the demo data, never from
the page (which does not carry them)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from quizzes.demo_data import KNOWLEDGE_CHECKS, MYTH_BUSTER
from tests.e2e.helpers import assert_no_axe_violations, sign_in

PRACTITIONER = "practitioner@northmoor.example"
BRIEFING = "self-neglect-and-hoarding"
CHECK_URL = f"/test-your-knowledge/{BRIEFING}-check/"
MYTH_BUSTER_URL = f"/test-your-knowledge/{MYTH_BUSTER['slug']}/"
# More than any screen here has focusable elements: a loop that passes it is lost.
MAX_TABS = 250

_ACTIVE_ELEMENT = """() => {
  const el = document.activeElement;
  const label = el && el.labels && el.labels.length ? el.labels[0].innerText.trim() : "";
  return {
    tag: el ? el.tagName.toLowerCase() : "",
    type: (el && el.type) || "",
    name: (el && el.name) || "",
    label: label,
    text: el && el.innerText ? el.innerText.trim() : "",
    checked: !!(el && el.checked),
  };
}"""

_QUESTIONS_SHOWN = """() => Array.from(document.querySelectorAll("fieldset")).map((fs) => {
  const input = fs.querySelector("input");
  const heading = fs.querySelector(".govuk-fieldset__heading");
  return {name: input ? input.name : "", text: heading ? heading.innerText.trim() : ""};
})"""


def _active(page) -> dict:
    return page.evaluate(_ACTIVE_ELEMENT)


def _tab_to(page, matches) -> dict:
    """Press Tab until the focused element matches; fail if it never does."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        info = _active(page)
        if matches(info):
            return info
    pytest.fail(f"Tabbing never reached the element wanted; last focus: {_active(page)}")


def _is_button(*texts):
    return lambda info: info["tag"] == "button" and info["text"] in texts


def _chosen_labels(*, right: bool) -> dict[str, set[str]]:
    """For each question of the demo check (by its wording): the option labels to
    choose, all right or all wrong."""
    chosen = {}
    for question in KNOWLEDGE_CHECKS[BRIEFING]["questions"]:
        labels = [o["text"] for o in question["options"] if o["correct"] == right]
        if not right and question["type"] != "multiple":
            labels = labels[:1]
        chosen[question["text"]] = set(labels)
    return chosen


def _answer_with_keyboard(page, *, right: bool) -> None:
    """Answer every question using Tab, arrows and Space, then submit with Enter."""
    wanted = _chosen_labels(right=right)
    by_field = {q["name"]: wanted[q["text"]] for q in page.evaluate(_QUESTIONS_SHOWN)}
    assert len(by_field) == len(wanted)
    answered = set()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        info = _active(page)
        if _is_button("Submit answers")(info):
            assert answered == set(by_field), "some questions were not reached"
            with page.expect_navigation():
                page.keyboard.press("Enter")
            return
        targets = by_field.get(info["name"])
        if targets is None:
            continue
        if info["type"] == "radio":
            # Tab lands on a radio group once; the arrow keys move within it.
            for _ in range(10):
                if info["label"] in targets:
                    break
                page.keyboard.press("ArrowDown")
                info = _active(page)
            assert info["label"] in targets
            page.keyboard.press("Space")
            assert _active(page)["checked"]
            answered.add(info["name"])
        elif info["type"] == "checkbox":
            if info["label"] in targets and not info["checked"]:
                page.keyboard.press("Space")
            answered.add(info["name"])
    pytest.fail("Never reached the Submit answers button")


def test_practitioner_fails_reads_explanations_retries_and_passes(page, hub_url):
    sign_in(page, hub_url, PRACTITIONER)
    page.goto(f"{hub_url}{CHECK_URL}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your understanding")
    assert_no_axe_violations(page)

    _tab_to(page, _is_button("Start the check", "Try the check again", "Continue the check"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Submit answers")).to_be_visible()
    assert_no_axe_violations(page)

    # First go: every answer wrong.
    _answer_with_keyboard(page, right=False)
    expect(page.get_by_role("heading", level=1)).to_have_text("You did not pass this time")
    expect(page.get_by_text("You got 0 out of 5 right (0%)")).to_be_visible()
    for question in KNOWLEDGE_CHECKS[BRIEFING]["questions"]:
        expect(page.get_by_text(question["explanation"], exact=True)).to_be_visible()
    assert_no_axe_violations(page)

    # Try again, this time right.
    _tab_to(page, _is_button("Try again"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Submit answers")).to_be_visible()
    _answer_with_keyboard(page, right=True)

    expect(page.get_by_role("heading", level=1)).to_have_text("You passed")
    expect(page.get_by_text("You got 5 out of 5 right (100%)")).to_be_visible()
    history = page.get_by_role("table")
    expect(history.get_by_text("Passed", exact=True)).to_be_visible()
    expect(history.get_by_text("Not passed", exact=True)).to_be_visible()
    assert_no_axe_violations(page)


def test_practitioner_answers_a_myth_buster_statement(page, hub_url):
    sign_in(page, hub_url, PRACTITIONER)
    page.goto(f"{hub_url}{MYTH_BUSTER_URL}")
    first = MYTH_BUSTER["myths"][0]
    expect(page.get_by_role("heading", level=2, name=first["statement"])).to_be_visible()
    expect(page.get_by_text(first["explanation"])).to_have_count(0)
    assert_no_axe_violations(page)

    label = first["answer"].capitalize()
    info = _tab_to(page, lambda i: i["type"] == "radio" and i["name"] == "answer")
    for _ in range(3):
        if info["label"] == label:
            break
        page.keyboard.press("ArrowDown")
        info = _active(page)
    page.keyboard.press("Space")
    _tab_to(page, _is_button("Check my answer"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.get_by_text(first["explanation"])).to_be_visible()
    expect(page.locator("#answer")).to_contain_text("Right")
    assert_no_axe_violations(page)

    # On to the next statement with the keyboard.
    _tab_to(page, lambda i: i["tag"] == "a" and i["text"].startswith("Next"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Statement 2 of")).to_be_visible()
