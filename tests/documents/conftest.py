"""Fixtures of the documents tests: a cluster year with a signing leader, test templates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import rules

from tests.conftest import World
from tests.factories import ClusterMembershipFactory, OrganizationLeaderFactory
from thidua.documents.registry import KINDS, DocumentContent, DocumentKind, register_document

TEMPLATES = Path(__file__).resolve().parent / "templates"
DAY = dt.date(2020, 2, 7)
# Member names with every kind of Vietnamese diacritic (and đ / Đ).
EXTRA_MEMBERS = [
    "Ủy ban nhân dân xã Đức Hòa",
    "Sở Giáo dục và Đào tạo",
    "Bảo hiểm xã hội huyện Sóc Sơn",
    "Trường Trung học phổ thông Ngọc Hồi",
    "Công ty Thủy lợi Sông Nhuệ",
]


@pytest.fixture
def signed_world(world: World) -> World:
    """The world's cluster year with five more members and a leader for the head unit."""
    for name in EXTRA_MEMBERS:
        ClusterMembershipFactory(cluster_year=world.cy, organization__name=name)
    OrganizationLeaderFactory(
        organization=world.head, full_name="Phạm Văn Minh", position="Chánh Văn phòng"
    )
    return world


@pytest.fixture
def test_templates(settings: Any) -> Path:
    """Add tests/documents/templates to the template directories (test-only document kinds)."""
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [TEMPLATES]}]
    return TEMPLATES


def content_of(template: str, **context: Any) -> DocumentContent:
    doc = {
        "issuer_parent": "UBND huyện Sóc Sơn",
        "issuer": "Cụm thi đua số 10",
        "number": "01/GƯ-CTĐ10",
        "place": "Sóc Sơn",
        "date": DAY,
        "type_title": "Giao ước thi đua",
        "summary": "Năm 2020",
    }
    return DocumentContent(
        template_name=template, context={"doc": doc, **context}, filename="thu-nghiem"
    )


@pytest.fixture
def secret_kind(test_templates: Path) -> Iterator[DocumentKind]:
    """A registered kind nobody may print (to test the 403)."""
    rules.add_perm("documents_test.print_secret", rules.always_deny)
    kind = DocumentKind(
        slug="secret-test",
        title="Văn bản mật (thử nghiệm)",
        build=lambda *, cluster_year, user=None, **options: content_of("documents_test/plain.html"),
        permission="documents_test.print_secret",
    )
    register_document(kind)
    yield kind
    KINDS.remove(kind.slug)
    rules.remove_perm("documents_test.print_secret")
