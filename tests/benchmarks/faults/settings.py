"""The benchmark's production settings with the reminder fault run's mail server
(tests.benchmarks.faults.mail), for the run's task workers and nothing else."""

import os

from tests.benchmarks.http.settings import *  # noqa: F403

EMAIL_BACKEND = "tests.benchmarks.faults.mail.FlakyBackend"
HUB_FAULTS_MAIL_DIR = os.environ["HUB_FAULTS_MAIL_DIR"]
