import copy
from collections.abc import Callable

import pytest
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.test import Client

from tests.no_network import disable_network

# Before any test runs: nothing beyond 127.0.0.1 (tests/no_network.py).
disable_network()


class HubClient(Client):
    """The test client, signing people in as allauth would.

    allauth only completes a sign-in for someone with an authenticator after its
    second-factor stage, and the hub's guard (learning.accounts.mfa) goes by that record
    of the session. So `force_login` records a password step, and a second factor when
    the person has an authenticator; `force_login_without_second_factor` makes the
    session a route round allauth would have made, for the tests that refuse it."""

    def force_login(self, user, backend=None) -> None:
        super().force_login(user, backend)
        methods = ["password"]
        if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            methods.append("mfa")
        self._record_authentication(user, methods)

    def force_login_without_second_factor(self, user) -> None:
        super().force_login(user)
        self._record_authentication(user, ["password"])

    def _record_authentication(self, user, methods: list[str]) -> None:
        request = HttpRequest()
        request.session = self.session
        request.user = user
        for method in methods:
            extra = {"type": Authenticator.Type.TOTP} if method == "mfa" else {}
            record_authentication(request, user, method, **extra)
        request.session.save()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as pytest-django makes it, plus the site's home and information
    pages (learning.site_setup), which most tests need and which cost a Wagtail publish
    each. Made once per database here, every test starts with them; a test's own call
    to ensure_site_pages then finds them."""
    from django.db import connections

    from learning.site_setup import ensure_site_pages

    with django_db_blocker.unblock():
        ensure_site_pages()
        # Tests marked serialized_rollback reload a copy of the database Django took
        # when it made it; take it again, or they would reload a Site that clashes.
        for connection in connections.all(initialized_only=True):
            if hasattr(connection, "_test_serialized_contents"):
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    yield


@pytest.fixture
def client() -> HubClient:
    return HubClient()


@pytest.fixture(autouse=True)
def _fresh_cache():
    # allauth keeps rate-limit counters and used TOTP codes in the cache.
    cache.clear()
    yield
    cache.clear()


def _enrol_in_totp(user) -> Callable[[], str]:
    from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

    secret = "JBSWY3DPEHPK3PXPJBSWY3DP"
    TOTP.activate(user, secret)

    def code() -> str:
        import time

        return format_hotp_value(hotp_value(secret, int(time.time()) // 30))

    return code


@pytest.fixture
def totp_user(db):
    """A factory: give a user an authenticator app, returning a function that makes
    a currently valid code."""
    return _enrol_in_totp


@pytest.fixture(scope="session")
def enrol_totp():
    """`totp_user`'s factory for the fixtures of `shared_data`, which are built before
    any test's database access and so cannot ask for `totp_user`."""
    return _enrol_in_totp


class SharedData:
    """Data that every test of a module (or class) reads, built once, as Django's
    TestCase.setUpTestData does: see the `shared_data` fixture."""

    def __init__(self, django_db_blocker) -> None:
        self._blocker = django_db_blocker
        self._built: dict[Callable, object] = {}

    def build(self, make: Callable, *args, **kwargs):
        """What `make(*args, **kwargs)` returns, made with database access inside the
        shared transaction (once per `make`; later calls return the same objects)."""
        if make not in self._built:
            with self._blocker.unblock():
                self._built[make] = make(*args, **kwargs)
        return self._built[make]

    @staticmethod
    def copy(built):
        """A test's own copy of what was built: rows a test changes are put back by its
        savepoint, but the Python objects are shared, so each test gets a deep copy
        (as setUpTestData's attributes are) and may change it freely."""
        return copy.deepcopy(built)


def _shared_transaction(django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield SharedData(django_db_blocker)
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def shared_data(django_db_setup, django_db_blocker):
    """Build a module's expensive world (published pages, dozens of people) once and
    give each test a savepoint in it.

    The module's rows are written inside one transaction that is rolled back when the
    module's last test is done; each test runs in its own savepoint inside it (pytest-
    django's per-test atomic blocks nest), so nothing a test writes reaches the next.
    Use it from a module-scoped fixture, and hand each test a copy:

        @pytest.fixture(scope="module")
        def _world(shared_data, enrol_totp):
            return shared_data.build(build_world, enrol_totp)

        @pytest.fixture
        def world(_world, shared_data, db):
            return shared_data.copy(_world)

    Every test of the module then sees those rows, so mark the whole module with
    `pytest.mark.usefixtures("_world")`; tests that must not see them belong in another
    module, or use `class_shared_data` for a class of tests instead. Not for
    transactional tests: their flush would empty it."""
    yield from _shared_transaction(django_db_blocker)


@pytest.fixture(scope="class")
def class_shared_data(django_db_setup, django_db_blocker):
    """`shared_data` for one class of tests (mark the class with usefixtures): rolled
    back when the class's last test is done, so the module's other tests never see it."""
    yield from _shared_transaction(django_db_blocker)


@pytest.fixture
def sign_in_with_mfa(client, totp_user):
    """A factory: make a person in `role`, enrol them in MFA (which the privileged roles
    need before the admin or any report) and sign the test client in as them."""
    from tests.factories import make_person

    def sign_in(role):
        user = make_person(role=role)
        totp_user(user)
        client.force_login(user)
        return user

    return sign_in


_SHARED_DATA_FIXTURES = {"shared_data", "class_shared_data"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items) -> None:
    """A test that reads shared data is a database test, whatever its marks.
    pytest-django runs tests without a database mark last, after the transactional
    tests that empty the database: a shared world built there would find no groups,
    locales or content types. Runs before pytest-django orders the tests."""
    for item in items:
        if _SHARED_DATA_FIXTURES & set(getattr(item, "fixturenames", ())) and not any(
            item.iter_markers("django_db")
        ):
            item.add_marker(pytest.mark.django_db)
