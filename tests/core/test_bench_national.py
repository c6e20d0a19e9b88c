"""The national benchmark's own pieces (bench/national, issue 13): the trivial view exists only
in the benchmark's URLs, and the generator writes the shape it announces."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import Resolver404, resolve

from thidua.accounts.models import User
from thidua.clusters.models import Cluster, ClusterMembership, ClusterYear
from thidua.core.vntext import search_document, sort_key
from thidua.organizations.models import Authority, Organization
from thidua.scoring.models import ScoreEntry, ScoreSheet
from thidua.start_of_year.models import Registration

TRIVIAL = "/__bench__/trivial/"


def test_the_product_never_mounts_the_trivial_view() -> None:
    with pytest.raises(Resolver404):
        resolve(TRIVIAL)
    assert resolve(TRIVIAL, urlconf="bench.national.urls").url_name == "bench_trivial"
    assert resolve("/clusters/", urlconf="bench.national.urls").url_name == "list"


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="bench.national.urls")
def test_the_trivial_view_needs_a_signed_in_user() -> None:
    client = Client()
    assert client.get(TRIVIAL).status_code == 302
    client.force_login(User.objects.create_user(username="bench-viewer"))
    response = client.get(TRIVIAL)
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_the_generator_writes_the_announced_shape() -> None:
    from bench.national import generate

    counts = generate.generate(0.005)
    assert counts["authorities"] == Authority.objects.count() == 34
    assert counts["units"] == Organization.objects.count() == 34 * 4
    assert counts["clusters"] == Cluster.objects.count() == 34
    assert counts["cluster_years"] == ClusterYear.objects.count() == 340
    assert counts["memberships"] == ClusterMembership.objects.count()
    assert counts["registrations"] == Registration.objects.count()
    assert counts["score_sheets"] == ScoreSheet.objects.count() > 0
    assert counts["score_entries"] == ScoreEntry.objects.count() > counts["score_sheets"] * 18
    # one unit in 14 joins in the sixth year; every other unit is a member every year
    assert counts["memberships"] == 136 * 10 - 10 * 5
    for unit in Organization.objects.all()[:20]:
        assert unit.sort_key == sort_key(unit.name)
        assert unit.search_text == search_document(unit.name, unit.short_name, unit.code)
    users = User.objects.filter(username__startswith="bench-")
    assert users.count() == 5
    assert all(u.check_password(generate.BENCH_PASSWORD) for u in users)
    secretariat = users.get(username="bench-secretariat")
    assert ClusterYear.objects.filter(head=secretariat.organization_id).count() == 10
