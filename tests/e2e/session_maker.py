"""Signed-in sessions for the browser suite, made in the running site's own database.

Two halves of one small protocol. `serve()` runs in the site's environment
(`manage.py shell`, started once by conftest.hub_url): it reads one email a line and
answers with the key of a new session for that person. `SessionMaker` is the test
process's end: it starts that shell and asks it for keys, which helpers.sign_in sets as
the browser's session cookie.

Why: signing in through the form costs a deliberately slow password hash and, for anyone
with an authenticator, a wait for a TOTP code the server has not seen yet (up to 30 s).
Only the journeys about signing in need the form (helpers.sign_in_through_form).

The session is made by the unit tests' HubClient.force_login, so it records what allauth
records at sign-in: a password step, and a second factor when the person has an
authenticator. Every request makes a new session at that moment: a test that signs out
(deleting its session) affects no other test, and allauth sees a recent sign-in.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import TextIO

# Every answer is one line starting with one of these, so that anything else the shell
# prints cannot be read as a session key.
KEY_PREFIX = "hub-session-key:"
ERROR_PREFIX = "hub-session-error:"

ANSWER_TIMEOUT_S = 30
SERVE_COMMAND = "from tests.e2e.session_maker import serve; serve()"


def serve(requests: TextIO = sys.stdin, answers: TextIO = sys.stdout) -> None:
    """Answer each email read from `requests` with a new session key for that person,
    until `requests` closes. Runs inside `manage.py shell`."""
    from django.conf import settings

    from learning.models import User
    from tests.conftest import HubClient

    for line in requests:
        email = line.strip()
        if not email:
            continue
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            answers.write(f"{ERROR_PREFIX}no account has the address {email}\n")
        elif not user.is_active:
            answers.write(f"{ERROR_PREFIX}the account {email} is deactivated\n")
        else:
            client = HubClient()
            client.force_login(user)
            answers.write(f"{KEY_PREFIX}{client.cookies[settings.SESSION_COOKIE_NAME].value}\n")
        answers.flush()


class SessionMakerError(RuntimeError):
    pass


class SessionMaker:
    """The test process's end: a `manage.py shell` running `serve()` with the site's
    environment (`env`), its own errors appended to `log_path`."""

    def __init__(self, repo_root: Path, env: dict[str, str], log_path: Path) -> None:
        self._log_path = log_path
        with log_path.open("a") as log:
            log.write("\n$ manage.py shell (sessions for the browser suite)\n")
            log.flush()
            self._process = subprocess.Popen(
                [sys.executable, "manage.py", "shell", "--no-imports", "-c", SERVE_COMMAND],
                cwd=repo_root,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
            )
        # Answers read from the pipe but not yet returned (select() cannot see them).
        self._unread = b""

    def new_session_key(self, email: str) -> str:
        """The key of a new session in which `email` is signed in; raises
        SessionMakerError (saying why) if there is no such account or no answer."""
        if self._process.poll() is not None:
            raise SessionMakerError(f"the session maker exited with {self._process.returncode}")
        self._process.stdin.write(f"{email}\n".encode())
        self._process.stdin.flush()
        while True:
            line = self._read_line(email)
            if line.startswith(KEY_PREFIX):
                return line.removeprefix(KEY_PREFIX).strip()
            if line.startswith(ERROR_PREFIX):
                raise SessionMakerError(line.removeprefix(ERROR_PREFIX).strip())
            # Anything else is the shell talking; it belongs in the log, not here.
            with self._log_path.open("a") as log:
                log.write(line)

    def _read_line(self, email: str) -> str:
        deadline = time.monotonic() + ANSWER_TIMEOUT_S
        while b"\n" not in self._unread:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._process.stdout], [], [], max(left, 0))
            if not ready:
                raise SessionMakerError(f"no session for {email} within {ANSWER_TIMEOUT_S} s")
            chunk = os.read(self._process.stdout.fileno(), 4096)
            if not chunk:
                raise SessionMakerError(
                    f"the session maker exited with {self._process.wait(timeout=10)}"
                )
            self._unread += chunk
        line, self._unread = self._unread.split(b"\n", 1)
        return line.decode(errors="replace") + "\n"

    def close(self) -> None:
        self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(timeout=10)
