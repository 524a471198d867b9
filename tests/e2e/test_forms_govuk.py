"""GOV.UK form patterns in the browser: the server's error summary instead of the
browser's tooltips (novalidate), and dates typed as day, month and year."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_axe_violations, sign_in

PRACTITIONER = "practitioner@northmoor.example"


def test_add_cpd_submitted_empty_shows_the_error_summary_not_a_tooltip(page, hub_url):
    sign_in(page, hub_url, PRACTITIONER)
    page.goto("/my-learning/external/add/")
    assert page.locator("form[novalidate]").count() >= 1
    # Without novalidate the browser would stop here with its tooltip and never
    # send the form: the navigation itself shows the server saw the submission.
    with page.expect_navigation():
        page.get_by_role("button", name="Add to my record").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(summary.get_by_role("link", name="Enter the name of the activity")).to_be_visible()
    assert_no_axe_violations(page)


def test_a_date_is_typed_as_day_month_and_year_and_kept_after_an_error(page, hub_url):
    sign_in(page, hub_url, PRACTITIONER)
    page.goto("/my-learning/external/add/")
    when = page.get_by_role("group", name="When did you do it?")
    page.get_by_label("What was the activity?").fill("Date input check")
    when.get_by_label("Day").fill("15")
    when.get_by_label("Year").fill("2026")
    page.get_by_label("How long did it take, in minutes?").fill("30")
    page.get_by_role("radio", name="Course").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Add to my record").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("link", name="The date must include a month")).to_be_visible()
    when = page.get_by_role("group", name="When did you do it?")
    expect(when.get_by_label("Day")).to_have_value("15")
    expect(when.get_by_label("Year")).to_have_value("2026")
    expect(when.get_by_label("Month")).to_have_class(
        "govuk-input govuk-date-input__input govuk-input--width-2 govuk-input--error"
    )
    assert_no_axe_violations(page)

    # The summary link takes the keyboard to the box that needs filling in.
    summary.get_by_role("link", name="The date must include a month").click()
    expect(when.get_by_label("Month")).to_be_focused()
    when.get_by_label("Month").fill("1")
    with page.expect_navigation():
        page.get_by_role("button", name="Add to my record").click()
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
