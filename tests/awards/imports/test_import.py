"""The history import as a whole: a good file imports everything, a second time nothing
(skips), the audit event, the CSV of one sheet."""

from __future__ import annotations

import pytest

from tests.awards.imports.helpers import csv_bytes, good_sheets, xlsx_bytes
from tests.conftest import World
from thidua.audit.models import AuditEvent
from thidua.awards.history import AwardRecord, CollectiveYear, InitiativeUse
from thidua.awards.imports import import_history
from thidua.people.models import Discipline, Employment, Initiative, Person, YearRecord

pytestmark = pytest.mark.django_db


def test_a_good_file_imports_everything(world: World) -> None:
    result = import_history(
        data=xlsx_bytes(good_sheets(world)), filename="lich-su.xlsx", user=world.board
    )
    assert result.errors == []
    counts = result.counts
    assert counts.as_dict() == {
        "persons": 2,
        "employments": 2,
        "ratings": 4,
        "initiatives": 1,
        "awards": 2,
        "initiative_uses": 1,
        "collective_years": 1,
        "disciplines": 1,
    }
    assert Person.objects.count() == 2
    assert Employment.objects.filter(organization=world.member).count() == 2
    assert YearRecord.objects.get(person__code="CB-001", year=2023).rating == 4
    assert Initiative.objects.get(code="SK-01").authors.count() == 2
    record = AwardRecord.objects.get(person__code="CB-001")
    assert record.unit_at_time == world.member and record.source == "import"
    assert InitiativeUse.objects.get().award_record == record
    assert CollectiveYear.objects.get().members == 40
    assert Discipline.objects.get().level == 1
    person = Person.objects.get(code="CB-001")
    assert person.sort_key and "nguyen van an" in person.search_text
    sheet_counts = {s.name: (s.rows, s.new, s.skipped) for s in result.sheets}
    assert sheet_counts["Xếp loại"] == (4, 4, 0)


def test_the_import_is_audited_once_with_file_hash_and_counts(world: World) -> None:
    data = xlsx_bytes(good_sheets(world))
    result = import_history(data=data, filename="lich-su.xlsx", user=world.board)
    event = AuditEvent.objects.get(action="import.history")
    assert event.after["sha256"] == result.sha256 and len(result.sha256) == 64
    assert event.after["file"] == "lich-su.xlsx" and event.after["awards"] == 2
    assert "2 khen thưởng" in event.note


def test_importing_the_same_file_again_skips_every_row(world: World) -> None:
    data = xlsx_bytes(good_sheets(world))
    import_history(data=data, filename="lich-su.xlsx", user=world.board)
    again = import_history(data=data, filename="lich-su.xlsx", user=world.board)
    assert again.errors == [] and again.counts.total == 0 and not again.written
    assert all(s.new == 0 and s.skipped == s.rows for s in again.sheets)
    assert Person.objects.count() == 2 and AwardRecord.objects.count() == 2
    assert AuditEvent.objects.filter(action="import.history").count() == 1


def test_a_dry_run_reports_the_counts_and_writes_nothing(world: World) -> None:
    data = xlsx_bytes(good_sheets(world))
    result = import_history(data=data, filename="lich-su.xlsx", user=world.board, dry_run=True)
    assert result.ok and result.counts.awards == 2 and not result.written
    assert not Person.objects.exists() and not AwardRecord.objects.exists()


def test_one_csv_sheet_is_recognised_by_its_headers(world: World) -> None:
    sheets = good_sheets(world)
    import_history(
        data=csv_bytes("Cá nhân", sheets["Cá nhân"]), filename="ca-nhan.csv", user=world.board
    )
    result = import_history(
        data=csv_bytes("Xếp loại", sheets["Xếp loại"]), filename="xep-loai.csv", user=world.board
    )
    assert result.errors == [] and result.counts.ratings == 4
    assert [s.name for s in result.sheets] == ["Xếp loại"]


def test_numbered_rows_left_empty_are_not_rows(world: World) -> None:
    from tests.awards.imports.helpers import HEADERS

    headers = {**HEADERS, "Xếp loại": ["STT", *HEADERS["Xếp loại"]]}
    sheets = good_sheets(world)
    people = {"Cá nhân": sheets["Cá nhân"]}
    ratings = {"Xếp loại": [[1, "CB-001", 2021, "HTXS", 12], [2], [3, None, None, None, None]]}
    data = xlsx_bytes({**people, **ratings}, headers)
    result = import_history(data=data, filename="a.xlsx", user=world.board)
    assert result.errors == [] and result.counts.ratings == 1


@pytest.mark.parametrize("people", [2, 40])
def test_the_import_reads_and_writes_in_a_constant_number_of_queries(  # 25 at both sizes
    world: World, people: int, django_assert_max_num_queries: object
) -> None:
    sheets = good_sheets(world)
    unit = world.member.code
    sheets["Cá nhân"] += [
        [f"X-{i:03d}", f"Người {i}", 1990, "Nữ", unit, "viên chức", "", "01/01/2019", "", ""]
        for i in range(people)
    ]
    sheets["Xếp loại"] += [[f"X-{i:03d}", 2022, "HTT", 12] for i in range(people)]
    with django_assert_max_num_queries(25):  # type: ignore[operator]
        result = import_history(data=xlsx_bytes(sheets), filename="a.xlsx", user=world.board)
    assert result.errors == [] and result.counts.persons == people + 2
