"""A local award variant belongs to an authority, not to a free-text province: each row's
province text is mapped to the authority whose name ends with it (``catalogue.authority_for``:
"Hà Nội" → "Hội đồng Thi đua - Khen thưởng Thành phố Hà Nội"). A variant whose authority does
not exist yet (a fresh database) is removed when nothing uses it: ``load_catalogue`` (the demo,
``thidua load-award-catalogue``) adds it again once the authority exists. A used variant with
no matching authority is kept, national, and named in the migration's output. The new
column comes in 0008 and the province column goes in 0010: PostgreSQL refuses to alter a table
(or index it) with pending foreign-key checks from the deletes in the same transaction."""

from django.db import IntegrityError, migrations, transaction
from django.db.models import F, ProtectedError


def province_to_authority(apps, schema_editor):
    from thidua.awards.catalogue import authority_for

    award_model = apps.get_model("awards", "AwardType")
    authorities = list(apps.get_model("organizations", "Authority").objects.all())
    # variants first: a national row is deleted only after the variants pointing at it
    rows = award_model.objects.exclude(province="")
    for award in rows.order_by(F("variant_of_id").desc(nulls_last=True), "pk"):
        authority = authority_for(award.province, authorities)
        if authority is not None:
            award.authority = authority
            award.save(update_fields=["authority"])
            continue
        try:
            with transaction.atomic():
                award.delete()
        except (ProtectedError, IntegrityError):
            print(f"\n  awards.0008: {award.code} ({award.province}) kept as national: no authority")


def authority_to_province(apps, schema_editor):
    award_model = apps.get_model("awards", "AwardType")
    for award in award_model.objects.filter(authority__isnull=False).select_related("authority"):
        award.province = award.authority.province or award.authority.name
        award.save(update_fields=["province"])


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0008_award_type_authority'),
        ('organizations', '0003_authority_dates_parent_and_succession'),
    ]

    operations = [
        migrations.RunPython(province_to_authority, authority_to_province),
    ]
