"""Reports for the board and for organisation leads: compliance with required
learning, reach of review learning, engagement, feedback and impact, knowledge checks,
the quarterly board pack and the xAPI export.

Every figure is computed in the database. Each report is a plain function taking the
viewer's scope (learning.permissions.ReportScope), the filters and today's date, and
returning a `Report` (learning.reports.tables): tables of rows, with charts drawn from
the same rows, so what is exported is exactly what is on screen. Groups of fewer than
five people are suppressed by learning.reports.suppression before anything is shown.
"""
