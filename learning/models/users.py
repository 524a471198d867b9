"""Accounts: people sign in with their work email address, never a username."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **fields: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **fields)


class User(AbstractUser):
    """A member of staff. Deactivated (is_active=False) when they leave, never deleted,
    so that their learning records and the reports built on them stay intact."""

    username = None
    email = models.EmailField("email address", unique=True)
    # When the account was last deactivated: the organisation's retention period runs
    # from here (learning.privacy.retention). Set by learning.privacy.receivers.
    deactivated_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When the person's identity and free text were erased (learning.privacy.erasure).
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        permissions = [("erase_user", "Can erase a person's records at once")]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ignoring_case"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.erased_at is not None and self.is_active:
            # An erased account is a shell kept for the reports' totals; made active
            # again, its new records would fall outside retention and erasure, which
            # skip people already erased. The admin's forms never offer it.
            raise ValueError("An erased account cannot be made active again.")
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)
