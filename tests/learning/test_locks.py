"""The dependency locks: production carries no test tooling, development carries the
same pins plus the tooling, object storage (requirements-s3.lock) the same pins plus
django-storages and boto3, and every lock pins every package with hashes."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s\\;]+)", re.MULTILINE)


def _pins(name: str) -> dict[str, str]:
    text = (ROOT / name).read_text()
    return {package.lower().replace("_", "-"): version for package, version in PIN.findall(text)}


def _names(requirements: list[str]) -> set[str]:
    return {
        re.split(r"[\[<>=!~ ;]", requirement, maxsplit=1)[0].lower() for requirement in requirements
    }


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_production_lock_has_no_test_tooling():
    production = _pins("requirements.lock")
    tooling = _names(_project()["optional-dependencies"]["dev"])
    assert tooling, "pyproject.toml lists the development tools"
    assert not tooling & set(production)


def test_development_lock_pins_what_production_pins_plus_the_tooling():
    production = _pins("requirements.lock")
    development = _pins("requirements-dev.lock")
    assert {name: development.get(name) for name in production} == production
    assert _names(_project()["optional-dependencies"]["dev"]) <= set(development)
    assert _names(_project()["dependencies"]) <= set(production)


def test_object_storage_lock_pins_what_production_pins_plus_django_storages():
    production = _pins("requirements.lock")
    object_storage = _pins("requirements-s3.lock")
    assert {name: object_storage.get(name) for name in production} == production
    assert _names(_project()["optional-dependencies"]["s3"]) == {"django-storages"}
    assert {"django-storages", "boto3"} <= set(object_storage)
    assert not _names(_project()["optional-dependencies"]["dev"]) & set(object_storage)


def test_every_pin_in_every_lock_carries_a_hash():
    for name in ("requirements.lock", "requirements-dev.lock", "requirements-s3.lock"):
        blocks = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / name).read_text())
        pinned = [block for block in blocks if PIN.match(block)]
        assert pinned
        assert all("--hash=sha256:" in block for block in pinned), name
