"""The project's own locale formats (``FORMAT_MODULE_PATH``): dates are typed day-first.

Django reads a language's formats from these modules first, then from its own. Only the input
formats are set here: in Vietnam, ``01/07/2025`` is 1 July 2025 whatever the interface language
(Django's English locale, and its global default, would read it as 7 January).
"""

from __future__ import annotations

# The first format is the one Django's widgets (the admin's included) use to show a value.
DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 01/07/2025
    "%Y-%m-%d",  # 2025-07-01 (ISO; what <input type="date"> sends)
    "%d-%m-%Y",  # 01-07-2025
    "%d.%m.%Y",  # 01.07.2025
    "%d/%m/%y",  # 01/07/25
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
    "%d-%m-%Y %H:%M",
    "%d.%m.%Y %H:%M",
]
