"""Supervision: a supervisor's "My team" page and team sessions, where a supervisor
delivers a learning item in a team meeting and records who attended.

Writes live in `services`, reads in `selectors`; who may see what is decided in
learning.permissions.
"""
