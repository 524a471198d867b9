"""Production's static storage (learning.static_storage): the fingerprinted addresses of
whitenoise's manifest storage, each worked out once per process."""

from __future__ import annotations

import json

import pytest
from whitenoise.storage import CompressedManifestStaticFilesStorage

from learning.static_storage import HubStaticFilesStorage


@pytest.fixture
def static_root(tmp_path):
    manifest = {
        "paths": {"css/hub.css": "css/hub.0123abcd.css", "js/a b.js": "js/a b.4567.js"},
        "version": "1.1",
        "hash": "feedface",
    }
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return tmp_path


def _storages(root):
    options = {"location": str(root), "base_url": "/static/"}
    return HubStaticFilesStorage(**options), CompressedManifestStaticFilesStorage(**options)


def test_addresses_are_whitenoises_own(static_root):
    ours, theirs = _storages(static_root)
    for name in ("css/hub.css", "js/a b.js", "css/hub.css"):
        assert ours.url(name) == theirs.url(name)
    assert ours.url("css/hub.css") == "/static/css/hub.0123abcd.css"


def test_a_file_missing_from_the_manifest_is_still_refused_every_time(static_root):
    ours, _theirs = _storages(static_root)
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            ours.url("css/not-there.css")


def test_each_address_is_worked_out_once(static_root, monkeypatch):
    ours, _theirs = _storages(static_root)
    asked = []
    original = CompressedManifestStaticFilesStorage.stored_name

    def counting(self, name):
        asked.append(name)
        return original(self, name)

    monkeypatch.setattr(CompressedManifestStaticFilesStorage, "stored_name", counting)
    for _ in range(3):
        ours.url("css/hub.css")
    assert asked == ["css/hub.css"]
    # force=True is the caller asking for the work to be done again.
    ours.url("css/hub.css", force=True)
    assert asked == ["css/hub.css", "css/hub.css"]
