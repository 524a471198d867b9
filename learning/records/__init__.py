"""Learner records: completing learning pages, CPD done elsewhere, feedback,
exports, certificates and progress against a professional regulator's requirement.

Writes live in `services`, reads in `selectors`; views only parse input and call them.
"""
