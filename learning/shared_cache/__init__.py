"""What every reader sees alike, built once and cached for all of them.

- version.py: the content version, one number bumped whenever published content
  changes, part of every key here, so nothing cached is ever served stale.
- values.py: a value (a list of pages, an index page's URL) cached under that version.
- routing.py: which page a URL path leads to, so Wagtail need not walk the tree.
- receivers.py: what bumps it (publishing, unpublishing, moves, deletions, tag renames).
- The template tag `{% shared_fragment %}` (learning/templatetags/shared_cache.py) caches
  a part of a page, keyed by its live revision too.
"""
