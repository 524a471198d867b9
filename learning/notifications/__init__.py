"""Telling a person, on the hub and by email, when a supervisor responds to a reflective
entry they shared (learning.notifications)."""
