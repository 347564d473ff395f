"""How the data version moves (steunpunten/cache.py): one pattern, read from the code itself.

Every write of public data ends in `transaction.on_commit(bump_version)`; nothing calls
`bump_version` straight away (it would move the version before the data is committed), and no
module reads Django's private transaction state or a test-only flag to decide when to move it.
"""

import ast

from tests.test_layout import first_party_modules

PRIVATE_TRANSACTION_STATE = {"run_on_commit", "atomic_blocks", "savepoint_ids", "_from_testcase"}
SIGNALS = {"post_save", "post_delete", "m2m_changed"}
BUMPS = {"bump_version", "bump_data_version"}


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def problems_in(source: str) -> list[str]:
    """What in this source breaks the pattern; empty when it follows it."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in PRIVATE_TRANSACTION_STATE:
            found.append(f"reads {node.attr}")
        if isinstance(node, ast.Constant) and node.value in PRIVATE_TRANSACTION_STATE:
            found.append(f"reads {node.value}")
        if isinstance(node, ast.Call) and _name(node.func) in BUMPS:
            found.append(f"calls {_name(node.func)} before the commit")
        if isinstance(node, ast.ImportFrom) and node.module == "django.db.models.signals":
            used = {alias.name for alias in node.names} & SIGNALS
            if used:
                found.append(f"listens to {', '.join(sorted(used))}")
    return found


def test_every_module_moves_the_version_on_commit_and_only_so():
    offenders = {}
    for name, path in first_party_modules().items():
        if name == "steunpunten.cache":
            continue  # where bump_version itself lives
        problems = problems_in(path.read_text())
        if problems:
            offenders[name] = problems
    assert offenders == {}


def test_the_checker_finds_each_way_round_the_pattern():
    assert problems_in("transaction.on_commit(bump_version)") == []
    assert problems_in("on_commit(partial(bump_version, past=1))") == []
    assert problems_in("bump_version()") == ["calls bump_version before the commit"]
    assert problems_in("cache.bump_version(using)") == ["calls bump_version before the commit"]
    assert problems_in("transaction.on_commit(bump_data_version)") == []
    assert problems_in("bump_data_version()") == ["calls bump_data_version before the commit"]
    assert problems_in("x = connection.run_on_commit") == ["reads run_on_commit"]
    assert problems_in("getattr(block, '_from_testcase', False)") == ["reads _from_testcase"]
    assert problems_in("from django.db.models.signals import post_save") == ["listens to post_save"]
