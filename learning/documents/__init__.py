"""Uploaded documents: how big they may be, where they are filed, and who may read them.

- `forms`: the admin's document form (add, edit, multiple upload, the chooser's upload
  tab): the size limit, and the private collection as the place a new upload lands.
- `filing`: the two collections (private to the board's editors; public) and the rule
  that the public one holds exactly the documents live pages link to.
- `access`: a signed-in person outside the editorial groups gets "not found" for a
  private document.

Content apps say which documents their live pages link to through the Wagtail hook
named in `filing.LIVE_PAGE_DOCUMENTS_HOOK`, and call `filing.refile_documents()` when
such a page is published, unpublished or deleted.
"""
