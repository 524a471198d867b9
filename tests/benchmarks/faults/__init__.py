"""Fault runs: PostgreSQL and Redis stopped under load, and a failing reminder task
(run with `python -m tests.benchmarks.faults`; see cli.py)."""
