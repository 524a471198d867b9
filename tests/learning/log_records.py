"""Catching what a logger writes, for tests that run with or without pytest's logging
plugin (the brief's targeted runs use `-p no:logging`, which removes caplog)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def at_least(self, level: int) -> list[logging.LogRecord]:
        return [record for record in self.records if record.levelno >= level]


@contextmanager
def logged(name: str) -> Iterator[Records]:
    records = Records()
    logger = logging.getLogger(name)
    logger.addHandler(records)
    try:
        yield records
    finally:
        logger.removeHandler(records)
