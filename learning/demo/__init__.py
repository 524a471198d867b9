"""Demo data for `manage.py seed_demo`: a fictional partnership and its people."""
