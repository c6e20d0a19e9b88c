from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import AuthorityFactory, RuleParameterFactory, RuleSetFactory
from thidua.legal.selectors import MissingRule, rule_value

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_rule_value_follows_effective_dates() -> None:
    old = RuleSetFactory(
        code="nd98", effective_from=dt.date(2024, 1, 1), effective_to=dt.date(2025, 6, 30)
    )
    new = RuleSetFactory(code="nd152", effective_from=dt.date(2025, 7, 1))
    RuleParameterFactory(
        rule_set=old, key="ctdcp_max_ratio", value=0.2, legal_basis="CV 5007/BNV-TĐKT"
    )
    RuleParameterFactory(rule_set=new, key="ctdcp_max_ratio", value=0.25, legal_basis="giả định")
    assert rule_value("ctdcp_max_ratio", on=dt.date(2024, 12, 31))[0] == 0.2
    value, param = rule_value("ctdcp_max_ratio", on=dt.date(2025, 7, 1))
    assert (value, param.legal_basis) == (0.25, "giả định")


def test_local_rule_set_overrides_national() -> None:
    authority = AuthorityFactory()
    national = RuleSetFactory(effective_from=dt.date(2024, 1, 1))
    local = RuleSetFactory(effective_from=dt.date(2024, 1, 1), authority=authority)
    RuleParameterFactory(rule_set=national, key="cstdcs_max_ratio", value=0.15)
    RuleParameterFactory(rule_set=local, key="cstdcs_max_ratio", value=0.10)
    assert (
        rule_value("cstdcs_max_ratio", on=dt.date(2024, 5, 1), authority_id=authority.pk)[0] == 0.10
    )
    assert rule_value("cstdcs_max_ratio", on=dt.date(2024, 5, 1))[0] == 0.15


def test_missing_rule_says_which_and_when() -> None:
    with pytest.raises(MissingRule, match="Không có tham số 'x' có hiệu lực ngày 01/01/2020"):
        rule_value("x", on=dt.date(2020, 1, 1))


def test_national_rule_sets_are_installed_with_their_basis() -> None:
    value, param = rule_value("ctdcp_max_ratio_of_cluster_leaders", on=dt.date(2024, 6, 1))
    assert (value, param.legal_basis, param.confidence) == (
        0.2,
        "CV 5007/BNV-TĐKT ngày 05/9/2023",
        "S",
    )
    assert (
        rule_value("cluster_leaders_per_cluster", on=dt.date(2026, 1, 1))[1].rule_set.code
        == "luat-2022-nd152-2025"
    )


def test_rule_sets_page_lists_parameters_with_marks(client) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    body = client.get("/legal/").content.decode()
    assert "CV 5007/BNV-TĐKT ngày 05/9/2023" in body
    assert "Luật TĐKT 2022 và Nghị định 152/2025/NĐ-CP" in body


def test_rule_sets_page_requires_login(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/legal/").url == "/accounts/login/?next=/legal/"
