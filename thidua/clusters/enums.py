"""Glossary: Cluster = cụm thi đua (kind=cluster) or khối thi đua (kind=bloc);
ClusterYear = one year of a cụm/khối (members, cụm trưởng/khối trưởng, cụm phó/khối phó, theme)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ClusterKind(models.TextChoices):
    CLUSTER = "cluster", _("Cụm thi đua")
    BLOC = "bloc", _("Khối thi đua")


HEAD_LABELS = {
    ClusterKind.CLUSTER: (_("Cụm trưởng"), _("Cụm phó")),
    ClusterKind.BLOC: (_("Khối trưởng"), _("Khối phó")),
}
