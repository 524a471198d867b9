"""Connects the document rules to the signals that drive them (LearningConfig.ready)."""

from __future__ import annotations

import logging
from typing import Any

from django.apps import AppConfig
from django.db import DatabaseError
from django.db.models.signals import post_migrate, pre_save
from wagtail.documents import get_document_model

from learning.documents.filing import file_root_documents_privately, settle_documents

logger = logging.getLogger(__name__)


def _documents_after_migrate(sender: AppConfig, **kwargs: Any) -> None:
    try:
        settle_documents()
    except DatabaseError as error:
        # Migrating part way (or back) can leave a table the rules read missing; the
        # next full migrate settles the documents. Not a reason to fail this one.
        logger.warning("Documents not filed after migrate: %s", error)


def connect(app_config: AppConfig) -> None:
    # Connected after the role groups' receiver, so the groups exist when the private
    # collection's restriction names them.
    post_migrate.connect(
        _documents_after_migrate, sender=app_config, dispatch_uid="hub_document_collections"
    )
    pre_save.connect(
        file_root_documents_privately,
        sender=get_document_model(),
        dispatch_uid="hub_file_root_documents_privately",
    )
