"""Static files in production: whitenoise's compressed, fingerprinted storage, with each
file's address worked out once per process.

The manifest of fingerprinted names is read when the storage is made and does not
change while the process runs, so neither does any address built from it. Building one
(cleaning the name, looking it up, quoting and joining it to STATIC_URL) cost more than
a page's database query; every page asks for five or more.
"""

from __future__ import annotations

from functools import lru_cache

from whitenoise.storage import CompressedManifestStaticFilesStorage

# More than every file the templates name; bounded all the same, as a name could come
# from a variable.
_REMEMBERED_ADDRESSES = 1024


class HubStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._remembered_url = lru_cache(maxsize=_REMEMBERED_ADDRESSES)(super().url)

    def url(self, name: str | None, force: bool = False) -> str:
        if force:
            return super().url(name, force)
        return self._remembered_url(name)
