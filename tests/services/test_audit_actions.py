"""Every action the code base writes into the audit log has a Chinese label for the auditors (Art. 15(3))."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import desktop
from desktop.services import audit_actions

SOURCES = Path(desktop.__file__).parent


def _writes_audit(call: ast.Call) -> bool:
    """unit_of_work(db, actor, ACTION, …) or audit.append(session, actor, ACTION, …)."""
    function = call.func
    if isinstance(function, ast.Name):
        return function.id == "unit_of_work"
    return isinstance(function, ast.Attribute) and (
        function.attr == "unit_of_work"
        or (function.attr == "append" and isinstance(function.value, ast.Name) and function.value.id == "audit"))


def _parameters(scopes: list[ast.AST]) -> set[str]:
    return {arg.arg for scope in scopes if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef))
            for arg in (*scope.args.posonlyargs, *scope.args.args, *scope.args.kwonlyargs)}


def _assigned(name: str, scopes: list[ast.AST]) -> list[ast.expr]:
    """What `name` is set to in the innermost scope (a function, then the module) that sets it."""
    for scope in reversed(scopes):
        values = [node.value for node in ast.walk(scope) if isinstance(node, (ast.Assign, ast.AnnAssign))
                  and any(isinstance(t, ast.Name) and t.id == name
                          for t in (node.targets if isinstance(node, ast.Assign) else [node.target]))]
        if values:
            return values
    return []


def _actions(node: ast.expr, scopes: list[ast.AST]) -> set[str] | None:
    """The actions an argument may name; None for one handed in by the caller (checked at the caller)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return (_actions(node.body, scopes) or set()) | (_actions(node.orelse, scopes) or set())
    root = node
    while isinstance(root, ast.Attribute):
        root = root.value
    if isinstance(root, ast.Name) and root.id in _parameters(scopes):
        return None
    if isinstance(node, ast.Name) and (values := _assigned(node.id, scopes)):
        return set().union(*(_actions(value, scopes) or set() for value in values))
    raise AssertionError(f"cannot tell which action {ast.unparse(node)!r} names: write it as a literal or a constant")


def _written_actions() -> dict[str, str]:
    """Each action the sources write, with where it is written."""
    found: dict[str, str] = {}

    def visit(node: ast.AST, scopes: list[ast.AST], path: Path) -> None:
        if isinstance(node, ast.Call) and _writes_audit(node) and len(node.args) >= 3:
            for action in _actions(node.args[2], scopes) or ():
                found.setdefault(action, f"{path.relative_to(SOURCES.parent)}:{node.lineno}")
        inner = [*scopes, node] if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) else scopes
        for child in ast.iter_child_nodes(node):
            visit(child, inner, path)

    for path in sorted(SOURCES.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        visit(tree, [tree], path)
    return found


@pytest.mark.law("Art. 15")
def test_every_action_written_to_the_audit_log_has_a_chinese_label():
    written = _written_actions()
    # The collector finds the ways an action is named: literals, a constant, a choice of two.
    assert {"users.login", "privacy.view", "adjustments.approve", "users.enable", "users.disable",
            "departments.retire", "departments.restore"} <= set(written)
    unlabelled = {action: where for action, where in written.items() if action not in audit_actions.LABELS}
    assert not unlabelled, f"give these actions a label in desktop/services/audit_actions.py: {unlabelled}"
    assert not set(audit_actions.LABELS) - set(written), "labels of actions no longer written"
    for action, label in audit_actions.LABELS.items():
        assert re.fullmatch(r"[\u4e00-\u9fff(),]+", label), (action, label)  # Chinese, the ASCII punctuation


def test_an_action_reads_as_its_label_and_an_unknown_one_as_its_code():
    assert audit_actions.label_of("governance.propose_recurring") == "按规则建议重点治理事项"
    assert audit_actions.label_of("settings.set") == "settings.set"  # an old database's, no longer written
    assert audit_actions.labelled("登录") == {"users.login"}
    assert {"cases.merge", "cases.unmerge"} <= audit_actions.labelled("合并")
