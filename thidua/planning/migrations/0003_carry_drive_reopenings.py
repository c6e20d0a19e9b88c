"""Carry every drive's report deadline over to a ``clusters.Deadline`` and every reopening
(``DriveReopening``) over to a ``clusters.DeadlineExtension`` of it, keeping who granted it, the
unit, the date, the reason and when it was granted.

A reopening of a drive that has no report deadline changed nothing (the drive was open to every
unit) and has no deadline to extend: it is not carried; its ``drive.report.reopen`` event stays
in the audit trail. Backwards, the deadlines and extensions of drives become the old column and
rows again.
"""

from django.db import migrations

STEP = "drive_report"


def _key(drive):
    return f"drive-{drive.number}"


def forwards(apps, schema_editor):
    Drive = apps.get_model("planning", "Drive")
    DriveReopening = apps.get_model("planning", "DriveReopening")
    Deadline = apps.get_model("clusters", "Deadline")
    DeadlineExtension = apps.get_model("clusters", "DeadlineExtension")
    for drive in Drive.objects.filter(report_due_at__isnull=False):
        deadline, _created = Deadline.objects.update_or_create(
            cluster_year_id=drive.cluster_year_id,
            step=STEP,
            key=_key(drive),
            defaults={"due_at": drive.report_due_at},
        )
        Drive.objects.filter(pk=drive.pk).update(report_deadline=deadline)
    deadlines = dict(
        Drive.objects.filter(report_deadline__isnull=False).values_list("pk", "report_deadline")
    )
    for reopening in DriveReopening.objects.filter(drive_id__in=list(deadlines)).order_by("pk"):
        extension = DeadlineExtension.objects.create(
            deadline_id=deadlines[reopening.drive_id],
            organization_id=reopening.organization_id,
            until=reopening.until,
            reason=reopening.reason,
            granted_by_id=reopening.granted_by_id,
        )
        DeadlineExtension.objects.filter(pk=extension.pk).update(
            created=reopening.created, updated=reopening.updated
        )


def backwards(apps, schema_editor):
    Drive = apps.get_model("planning", "Drive")
    DriveReopening = apps.get_model("planning", "DriveReopening")
    Deadline = apps.get_model("clusters", "Deadline")
    DeadlineExtension = apps.get_model("clusters", "DeadlineExtension")
    for drive in Drive.objects.filter(report_deadline__isnull=False).select_related(
        "report_deadline"
    ):
        deadline = drive.report_deadline
        Drive.objects.filter(pk=drive.pk).update(report_due_at=deadline.due_at)
        for extension in DeadlineExtension.objects.filter(deadline=deadline).order_by("pk"):
            reopening = DriveReopening.objects.create(
                drive_id=drive.pk,
                organization_id=extension.organization_id,
                until=extension.until,
                reason=extension.reason,
                granted_by_id=extension.granted_by_id,
            )
            DriveReopening.objects.filter(pk=reopening.pk).update(
                created=extension.created, updated=extension.updated
            )
    Deadline.objects.filter(step=STEP).exclude(key="").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("clusters", "0004_deadline_key"),
        ("planning", "0002_drive_report_deadline"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
