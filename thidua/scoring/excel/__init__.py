"""Excel in and out, in the layout offices use.

- ``score_table``: criteria as rows, units as columns, then totals, ranks and classes.
- ``unit_sheet``: a unit's self-scoring sheet (blank, or with its current values) that the unit
  fills in and imports back with ``parse_unit_sheet``: every cell is checked and each problem
  is reported cell by cell in Vietnamese ("Ô D7 (tiêu chí I.2): 12 vượt điểm tối đa 10").
- ``criteria``: the criteria table itself (``criteria_xlsx`` / ``parse_criteria``).
- ``sheet_formulas``: the formulas of the unit's sheet (computed points, group SUMs, the totals
  capped by the criteria set).

Every workbook prints through ``thidua.core.xlsx`` (A4, one page wide, a title block, typed and
safe cells).

openpyxl is imported inside the functions (it is heavy and only needed here). The names are
imported here so that callers write ``excel.unit_sheet_xlsx(…)``.
"""

from thidua.scoring.excel.common import XLSX_TYPE
from thidua.scoring.excel.criteria import CRITERIA_HEADER, criteria_xlsx, parse_criteria
from thidua.scoring.excel.score_table import score_table_xlsx
from thidua.scoring.excel.unit_sheet import ImportResult, parse_unit_sheet, unit_sheet_xlsx

__all__ = [
    "CRITERIA_HEADER",
    "XLSX_TYPE",
    "ImportResult",
    "criteria_xlsx",
    "parse_criteria",
    "parse_unit_sheet",
    "score_table_xlsx",
    "unit_sheet_xlsx",
]
