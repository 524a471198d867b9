"""Build a partnership-scale data set into the database DATABASE_URL names.

    DJANGO_DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python -m tests.benchmarks.generate --size tenth

Migrates the database first (an empty database is what it expects: it refuses one
that already holds a generated partnership), then prints how long each table took, the
total, and the people to sign in as. Sizes and what they hold:
tests/benchmarks/generator/sizes.py.
"""

from __future__ import annotations

import argparse
import os
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.generate")
    parser.add_argument("--size", choices=("small", "tenth", "full"), default="tenth")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: fixed)")
    options = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learning.settings")
    import django

    django.setup()
    import time

    from django.core.management import call_command

    from tests.benchmarks import bulk
    from tests.benchmarks.generator import generate

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    migrated = time.perf_counter() - started
    result = generate(options.size, bulk.SEED if options.seed is None else options.seed)
    print(
        f"Built the {options.size} partnership (seed {result.seed}, dated back from {result.today})"
    )
    print(f"migrate: {migrated:.1f} s")
    print(result.summary())
    print(f"Sign in with password {result.password!r} as:")
    for role, email in result.emails.items():
        print(f"  {role:<10} {email} (user id {result.ids[role]})")
    print(f"The manager and the lead have the TOTP secret {result.totp_secret}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
