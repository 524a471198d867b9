"""The reflective log: entries written in Markdown, their versions, sharing with
supervisors, comments, review and sign-off.

Writes live in `services`, reads in `selectors`; who may see or do what is decided in
learning.permissions; views only parse input and call them.
"""
