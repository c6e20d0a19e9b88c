from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "thidua.documents"
    label = "documents"
    verbose_name = _("Văn bản (Nghị định 30/2020)")

    def ready(self) -> None:
        from thidua.clusters.sections import Section, register_section
        from thidua.documents import checks  # noqa: F401 -- registers the font checks
        from thidua.documents.member_list import (
            MEMBER_LIST,
            documents_section,
            member_list_section,
        )
        from thidua.documents.registry import register_document

        register_document(MEMBER_LIST)
        register_section(
            Section("documents.member_list_pdf", 900, member_list_section("pdf", "PDF"))
        )
        register_section(
            Section("documents.member_list_docx", 901, member_list_section("docx", "DOCX"))
        )
        register_section(Section("documents.all", 902, documents_section))
