"""Starting text for the pages every hub has. Editors change it in the admin; this is
used only when a page is first created."""

from learning.demo_text import ACCESSIBILITY_STATEMENT, HOME_INTRO, PRIVACY_NOTICE

__all__ = ["ACCESSIBILITY_STATEMENT", "HOME_INTRO", "PRIVACY_NOTICE"]
