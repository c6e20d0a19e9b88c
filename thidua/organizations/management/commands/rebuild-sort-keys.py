from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from thidua.clusters.models import Cluster
from thidua.core.vntext import search_document, sort_key
from thidua.organizations.models import Authority, Organization


class Command(BaseCommand):
    help = "Tính lại khóa sắp xếp tiếng Việt (sau khi nâng cấp ICU) và chỉ mục tìm kiếm không dấu."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        orgs = list(Organization.objects.all())
        for org in orgs:
            org.sort_key = sort_key(org.name)
            org.search_text = search_document(org.name, org.short_name, org.code)
        Organization.objects.bulk_update(orgs, ["sort_key", "search_text"], batch_size=500)
        clusters = list(Cluster.objects.all())
        for cluster in clusters:
            cluster.sort_key = sort_key(cluster.name)
            cluster.search_text = search_document(cluster.name, cluster.code)
        Cluster.objects.bulk_update(clusters, ["sort_key", "search_text"], batch_size=500)
        authorities = list(Authority.objects.all())
        for authority in authorities:
            authority.sort_key = sort_key(authority.name)
        Authority.objects.bulk_update(authorities, ["sort_key"], batch_size=500)
        self.stdout.write(
            f"Đã tính lại: {len(orgs)} đơn vị, {len(clusters)} cụm/khối, {len(authorities)} cơ quan."
        )
