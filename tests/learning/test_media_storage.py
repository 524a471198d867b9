"""Where uploads, documents and data copies are kept: the filesystem, or S3-compatible
object storage with HUB_MEDIA_STORAGE=s3 (learning.environment.media_storage)."""

from __future__ import annotations

import pytest
from django.conf import settings

from learning import environment
from learning.environment import ConfigurationError, media_storage

S3 = {
    "HUB_MEDIA_STORAGE": "s3",
    "AWS_STORAGE_BUCKET_NAME": "northmoor-hub-media",
    "AWS_S3_ENDPOINT_URL": "https://objects.example.net",
}


@pytest.fixture
def storages_installed(monkeypatch):
    # django-storages is optional and not in the lock files.
    monkeypatch.setattr(environment, "_installed", lambda module: True)


@pytest.mark.parametrize("value", [None, "", "filesystem", " FileSystem "])
def test_the_filesystem_unless_told_otherwise(value):
    environ = {} if value is None else {"HUB_MEDIA_STORAGE": value}
    assert media_storage(environ) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_the_settings_use_it():
    assert settings.STORAGES["default"] == media_storage({})


def test_s3_switches_the_default_storage(storages_installed):
    assert media_storage(S3) == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "northmoor-hub-media",
            "endpoint_url": "https://objects.example.net",
            "file_overwrite": False,
            "querystring_auth": False,
        },
    }


def test_optional_s3_settings_are_passed_on(storages_installed):
    storage = media_storage(
        {
            **S3,
            "AWS_S3_REGION_NAME": "eu-west-2",
            "AWS_S3_CUSTOM_DOMAIN": "media.example.org",
            "AWS_LOCATION": "hub",
            "AWS_QUERYSTRING_AUTH": "1",
            # boto3 reads these itself: they stay out of settings.
            "AWS_ACCESS_KEY_ID": "key",
            "AWS_SECRET_ACCESS_KEY": "secret",
        }
    )
    assert storage["OPTIONS"] == {
        "bucket_name": "northmoor-hub-media",
        "endpoint_url": "https://objects.example.net",
        "region_name": "eu-west-2",
        "custom_domain": "media.example.org",
        "location": "hub",
        "file_overwrite": False,
        "querystring_auth": True,
    }


def test_s3_without_a_bucket_is_refused(storages_installed):
    with pytest.raises(ConfigurationError, match="AWS_STORAGE_BUCKET_NAME"):
        media_storage({"HUB_MEDIA_STORAGE": "s3"})


def test_s3_without_django_storages_says_what_to_install(monkeypatch):
    monkeypatch.setattr(environment, "_installed", lambda module: module != "storages")
    with pytest.raises(ConfigurationError, match=r"pip install 'django-storages\[s3\]'"):
        media_storage(S3)


def test_an_unknown_storage_is_refused():
    with pytest.raises(ConfigurationError, match="filesystem or s3"):
        media_storage({"HUB_MEDIA_STORAGE": "azure"})
