"""Signals through which content apps report learning events to the platform.

`learning/` defines them and never imports the senders; the learner-records feature
connects receivers to them.
"""

from django.dispatch import Signal

# Sent once per passing attempt at a knowledge check.
# Arguments: user, page (the LearningPage the pass completes: the check itself, or the
# briefing or case study it is attached to), revision_id (the content revision the
# learner was shown), attempt_id, finished_at.
knowledge_check_passed = Signal()
