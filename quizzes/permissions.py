"""Who may see the knowledge-check report.

The partnership's other who-may-see-what rules live in learning.permissions; this one
sits here until that module offers a rule for content reports, so `learning` never
has to know about quizzes.
"""

from __future__ import annotations

from learning.roles import Role, has_role


def can_view_check_reports(user) -> bool:
    """SAB editors and managers (and superusers): the board staff who write checks.
    The figures are aggregates, but they are about partner staff's results, so other
    admin users (site administrators) do not see them."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or has_role(user, Role.SAB_EDITOR, Role.SAB_MANAGER)
