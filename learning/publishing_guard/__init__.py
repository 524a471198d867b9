"""The anonymisation guard around publishing.

A learning page (briefing, SAR entry, case study) may not go live while its text holds a
possible identifier. Strong identifiers (NHS number, date of birth, address and the like)
must be removed; any other finding may be overridden, one at a time, by someone with the
"override anonymisation check" permission giving a reason and a second such person
confirming it.

- ``texts``: every piece of text a page would publish, with where it sits.
- ``services``: scanning, the publishing rule, proposing, confirming and declining an
  override (one finding each, two people).
- ``declarations``: names a page declares on purpose, and which of them to distrust.
- ``selectors``: overrides for reports, the findings screen and the dashboard.
- ``override_forms`` / ``dashboard``: the findings screen's forms; the dashboard panel of
  proposals awaiting a second person.
- ``admin_hooks`` / ``admin_views`` / ``forms``: how the Wagtail admin shows and enforces it
  (the edit page's warning, refusing publish, copy and bulk publish; the findings screen;
  the findings beside each field).
- ``editor_links``: each finding's link to its field in the editor.
- ``report_view``: the report of every override, with both people.
- ``documents``: a document used by a live page cannot take an identifying title or
  file name.
- ``urls``: the workflow action URL, answered in front of Wagtail's own so a refused
  approval says why.
- ``backstop``: refuses, at the database write, any publishing path that skipped the rest.

Import from the submodules. This package module stays empty on purpose: the page model
imports ``texts`` and ``forms`` while the models are still loading.
"""
