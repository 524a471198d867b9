"""Learner records in a real browser: a practitioner reads a briefing, records it as
CPD, gives feedback and finds it on My learning; the records pages pass axe-core."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_axe_violations, fill_date, sign_in

PRACTITIONER = "practitioner@northmoor.example"
SUPERVISOR = "supervisor@northmoor.example"
# A demo briefing no other journey records, so this test finds it not yet completed.
BRIEFING_PATH = "/briefings/organisational-abuse-and-closed-cultures/"
BRIEFING_TITLE = "Organisational abuse and closed cultures in care settings"


def _path(page) -> str:
    return urlsplit(page.url).path


def _complete_the_briefing(page) -> None:
    """Record the briefing if this session has not already done so."""
    page.goto(BRIEFING_PATH)
    button = page.get_by_role("button", name=re.compile(r"^I have read this"))
    if button.count():
        with page.expect_navigation():
            button.click()


def test_practitioner_records_a_briefing_gives_feedback_and_sees_it(page, hub_url):
    sign_in(page, hub_url, PRACTITIONER)
    page.goto(BRIEFING_PATH)
    expect(page.get_by_role("heading", name="Record your learning")).to_be_visible()
    button = page.get_by_role(
        "button", name=re.compile(r"^I have read this seven-minute briefing .* record 7 minutes")
    )
    expect(button).to_be_visible()

    with page.expect_navigation():
        button.click()

    assert _path(page) == BRIEFING_PATH
    expect(page.locator("#completion")).to_contain_text("7 minutes of CPD for")
    expect(page.get_by_text(re.compile(r"You completed this on \d{1,2} \w+ \d{4}"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("View your certificate"))).to_be_visible()

    # Feedback is offered, not required: send it with a comment that must come back as text.
    page.get_by_role("radio", name="4").check()
    page.get_by_role("radio", name="Yes").check()
    page.get_by_label("Anything else you want to tell us?").fill("<b>Clear</b> and practical")
    with page.expect_navigation():
        page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_text("Your feedback has been saved")).to_be_visible()
    expect(page.get_by_text("You rated this 4 out of 5")).to_be_visible()

    page.get_by_role("link", name=re.compile("Change your feedback")).click()
    expect(page.get_by_label("Anything else you want to tell us?")).to_have_value(
        "<b>Clear</b> and practical"
    )

    page.get_by_role("link", name="My learning", exact=True).first.click()
    assert _path(page) == "/my-learning/"
    record = page.locator("#record")
    expect(record.get_by_role("link", name=BRIEFING_TITLE, exact=True)).to_be_visible()
    change = re.compile(r"Change feedback\s+on " + re.escape(BRIEFING_TITLE))
    expect(record.get_by_role("link", name=change)).to_be_visible()
    expect(page.get_by_role("heading", name="CPD for Social Work England")).to_be_visible()


def test_my_learning_has_no_axe_violations(page, hub_url):
    sign_in(page, hub_url, PRACTITIONER)
    _complete_the_briefing(page)
    page.goto("/my-learning/?principle=nonsense")
    expect(page.get_by_text("There is no principle called that, so that filter")).to_be_visible()
    assert_no_axe_violations(page)


def test_external_cpd_form_with_errors_has_no_axe_violations(page, hub_url):
    sign_in(page, hub_url, PRACTITIONER)
    page.goto("/my-learning/external/add/")
    assert_no_axe_violations(page)

    page.get_by_label("What was the activity?").fill("Court skills day")
    page.get_by_label("How long did it take, in minutes?").fill("0")
    with page.expect_navigation():
        page.get_by_role("button", name="Add to my record").click()

    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="The time must be at least 1 minute")).to_be_visible()
    expect(page.get_by_label("What was the activity?")).to_have_value("Court skills day")
    assert_no_axe_violations(page)


def test_certificate_and_public_verification_have_no_axe_violations(page, hub_url):
    sign_in(page, hub_url, PRACTITIONER)
    _complete_the_briefing(page)
    page.get_by_role("link", name=re.compile("View your certificate")).click()
    expect(page.get_by_role("heading", name="Certificate of completion")).to_be_visible()
    assert_no_axe_violations(page)

    verify_link = page.locator("main a[href*='/certificates/verify/']").first
    verify_path = urlsplit(verify_link.get_attribute("href")).path
    page.context.clear_cookies()  # the check is public: nobody signed in
    page.goto(verify_path)
    expect(page.get_by_role("heading", name="This certificate is genuine")).to_be_visible()
    expect(page.get_by_text(BRIEFING_TITLE)).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Jordan")
    expect(page.locator("main")).not_to_contain_text("Ellis")
    assert_no_axe_violations(page)

    page.goto("/certificates/verify/?code=nope")
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_no_axe_violations(page)

    response = page.goto("/certificates/verify/ABCDEFGHJKMN/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Certificate not found")).to_be_visible()
    assert_no_axe_violations(page)


def test_cpd_summary_has_no_axe_violations(page, hub_url):
    sign_in(page, hub_url, PRACTITIONER)
    _complete_the_briefing(page)
    page.goto("/my-learning/cpd-summary/")
    expect(page.get_by_role("heading", name=re.compile("CPD summary"))).to_be_visible()
    expect(page.get_by_text("Description and relevance").first).to_be_visible()
    assert_no_axe_violations(page)


def _give_feedback_on_the_briefing(page) -> None:
    """Leave the briefing completed with feedback given (if this session has not)."""
    _complete_the_briefing(page)
    send = page.get_by_role("button", name="Send feedback")
    if send.count():
        page.get_by_role("radio", name="3").check()
        page.get_by_role("radio", name="Not sure").check()
        with page.expect_navigation():
            send.click()
    expect(page.get_by_text(re.compile(r"You rated this \d out of 5"))).to_be_visible()


def test_completed_block_and_feedback_form_have_no_axe_violations(page, hub_url):
    sign_in(page, hub_url, PRACTITIONER)
    _give_feedback_on_the_briefing(page)
    # The "Record your learning" block, completed and with feedback given.
    assert_no_axe_violations(page)

    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("Change your feedback")).click()
    assert re.fullmatch(r"/my-learning/feedback/\d+/", _path(page))
    expect(page.get_by_label("Anything else you want to tell us?")).to_be_visible()
    assert_no_axe_violations(page)

    comment = page.get_by_label("Anything else you want to tell us?")
    # The browser stops typing at maxlength; the server's own limit is what is shown here.
    comment.evaluate("element => element.removeAttribute('maxlength')")
    comment.fill("x" * 1001)
    with page.expect_navigation():
        page.get_by_role("button", name="Save feedback").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_no_axe_violations(page)


def test_external_cpd_edit_and_delete_have_no_axe_violations(page, hub_url):
    sign_in(page, hub_url, PRACTITIONER)
    title = "Axe check: court skills day"
    page.goto("/my-learning/external/add/")
    page.get_by_label("What was the activity?").fill(title)
    fill_date(page, "When did you do it?", "2026-01-15")
    page.get_by_label("How long did it take, in minutes?").fill("90")
    page.get_by_role("radio", name="Course").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Add to my record").click()

    record = page.locator("#record")
    with page.expect_navigation():
        record.get_by_role("link", name=f"Change {title}").first.click()
    expect(page.get_by_role("heading", name="Change a CPD entry")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("How long did it take, in minutes?").fill("7000")
    with page.expect_navigation():
        page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_no_axe_violations(page)

    page.goto("/my-learning/")
    with page.expect_navigation():
        page.locator("#record").get_by_role("link", name=f"Delete {title}").first.click()
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Delete the entry").click()
    expect(page.get_by_text(f"“{title}” was deleted from your record")).to_be_visible()


def test_registration_form_has_no_axe_violations(page, hub_url):
    sign_in(page, hub_url, PRACTITIONER)
    page.goto("/my-learning/")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("professional registration")).click()
    assert _path(page) == "/my-learning/registration/"
    expect(page.get_by_role("heading", name="Your professional registration")).to_be_visible()
    assert_no_axe_violations(page)

    # Bad input is explained and nothing is saved (the demo registration stays as it is).
    page.get_by_role("radio", name="Nursing and Midwifery Council").check()
    page.get_by_label("Registration number").fill("not a pin")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_no_axe_violations(page)


def test_supervisor_viewing_a_supervisees_record_has_no_axe_violations(page, hub_url):
    sign_in(page, hub_url, SUPERVISOR)
    page.goto("/my-team/")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"^Jordan Ellis")).first.click()
    assert re.fullmatch(r"/people/\d+/learning/", _path(page))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jordan Ellis")
    assert_no_axe_violations(page)
