"""Reminder digests: who is reminded of what, and the emails (learning.reminders)."""
