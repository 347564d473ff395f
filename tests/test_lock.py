"""requirements.lock pins every dependency that pyproject.toml names (run `make lock` after a change)."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = project["dependencies"] + [
        requirement
        for extra in project.get("optional-dependencies", {}).values()
        for requirement in extra
    ]
    return {canonical(re.match(r"[A-Za-z0-9_.-]+", r).group(0)) for r in requirements}


def pinned() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        match = re.match(r"([A-Za-z0-9_.-]+)==(\S+)", line)
        if match:
            pins[canonical(match.group(1))] = match.group(2)
    return pins


def test_every_declared_dependency_is_pinned_in_the_lock():
    missing = declared() - set(pinned())
    assert not missing, f"not in requirements.lock, run `make lock`: {sorted(missing)}"


def test_the_lock_pins_exact_versions_only():
    lines = [
        line
        for line in (ROOT / "requirements.lock").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert lines
    assert all("==" in line for line in lines), [line for line in lines if "==" not in line]
