"""The catalogue by period (docs/dev/awards-design.md §3): ``GIAY_KHEN`` becomes ``GK`` and
``THON_VH`` becomes ``THON_VAN_HOA`` (the codes of the legal rule sets; foreign keys are by id),
the new ``CTD_6X`` row, ``annual`` on the titles, corrected marks and notes, then who decides
each award by period and the base salary by period."""

from django.db import migrations

from thidua.awards.catalogue import load_catalogue
from thidua.awards.periods import load_periods

RENAMES = (("GIAY_KHEN", "GK"), ("THON_VH", "THON_VAN_HOA"))


def forward(apps, schema_editor):
    award = apps.get_model("awards", "AwardType")
    for old, new in RENAMES:
        if not award.objects.filter(code=new).exists():
            award.objects.filter(code=old).update(code=new)
    load_catalogue(award)
    load_periods(
        award,
        apps.get_model("awards", "AwardDecider"),
        apps.get_model("awards", "BaseSalary"),
        apps.get_model("legal", "LegalInstrument"),
    )


def backward(apps, schema_editor):
    award = apps.get_model("awards", "AwardType")
    for old, new in RENAMES:
        award.objects.filter(code=new).update(code=old)


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0005_catalogue_by_period"),
        ("legal", "0004_correct_national_sets"),
    ]

    operations = [migrations.RunPython(forward, backward)]
