"""Wagtail admin hooks: filled in by issue 14."""
