"""The one permission vocabulary: every declared action is walked by an agreement test.

Each app has ``tests/<app>/test_permission_agreement.py`` that walks its permissions × the demo
personas × the states of the object and checks that the view, the API (where the action has one)
and the service agree with ``user.has_perm``. Each such module lists what it walks in
``COVERED``; this test fails when a declared action is walked by none of them.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import tests
from thidua.core.permissions import ACTIONS

pytestmark = pytest.mark.unit


def _covered() -> set[str]:
    covered: set[str] = set()
    for module in pkgutil.walk_packages(tests.__path__, "tests."):
        if module.name.endswith(".test_permission_agreement"):
            covered |= set(importlib.import_module(module.name).COVERED)
    return covered


def test_every_action_is_walked_by_an_agreement_test() -> None:
    assert sorted(set(ACTIONS) - _covered()) == []


def test_agreement_tests_walk_only_declared_actions() -> None:
    assert sorted(_covered() - set(ACTIONS)) == []


def test_every_action_is_named_app_dot_verb_and_has_a_vietnamese_label() -> None:
    for name, declared in ACTIONS.items():
        app, _, verb = name.partition(".")
        assert (app and verb and "_" in verb) or verb.isidentifier(), name
        assert str(declared.label).strip(), name
