"""The anonymisation guard around publishing.

A learning page (briefing, SAR entry, case study) may not go live while its text holds a
possible identifier, unless someone with the "override anonymisation check" permission
has recorded why each one is safe.

- ``texts``: every piece of text a page would publish, with where it sits.
- ``services``: scanning, the publishing rule, recording an override.
- ``selectors``: overrides for reports.
- ``admin_hooks`` / ``admin_views`` / ``forms``: how the Wagtail admin shows and enforces it.
- ``urls``: the workflow action URL, answered in front of Wagtail's own so a refused
  approval says why.
- ``backstop``: refuses, at the database write, any publishing path that skipped the rest.

Import from the submodules. This package module stays empty on purpose: the page model
imports ``texts`` and ``forms`` while the models are still loading.
"""
