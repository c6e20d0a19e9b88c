"""Comments (góp ý) on a draft version of a document (plan, rules, summary report), in threads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.core.permissions import check
from thidua.planning.models import PlanComment, PlanVersion
from thidua.planning.rules import COMMENT_PLAN_VERSION
from thidua.planning.validators import validate_required_text

if TYPE_CHECKING:
    from thidua.accounts.models import User

MAX_COMMENT_LENGTH = 5000


def _author_label(user: User) -> str:
    place = user.organization or user.authority
    return f"{user.display_name} — {place}" if place else user.display_name


def _thread_root(version: PlanVersion, parent_id: int | None) -> PlanComment | None:
    """The comment a reply attaches to: the root of the thread (a reply to a reply joins it)."""
    if parent_id is None:
        return None
    parent = PlanComment.objects.filter(pk=parent_id, version=version).first()
    if parent is None:
        raise ValidationError(_("Ý kiến được trả lời không thuộc bản này."), code="parent_mismatch")
    return parent.parent if parent.parent_id is not None else parent


@transaction.atomic
def add_plan_comment(
    *, version: PlanVersion, author: User, body: str, parent_id: int | None = None
) -> PlanComment:
    """A comment on a draft version, or a reply in a thread (replies attach to the thread's root).

    Adopted versions take no more comments (``PermissionDenied``): their discussion is closed
    with the adoption. Side effects: audit ``plan.comment.add``.
    """
    check(author, COMMENT_PLAN_VERSION.name, version)
    body = validate_required_text(body, _("nội dung ý kiến"))
    if len(body) > MAX_COMMENT_LENGTH:
        raise ValidationError(
            _("Ý kiến dài quá {max} ký tự.").format(max=MAX_COMMENT_LENGTH), code="too_long"
        )
    comment = PlanComment.objects.create(
        version=version,
        parent=_thread_root(version, parent_id),
        author=author,
        author_label=_author_label(author)[:300],
        organization=author.organization,
        body=body,
    )
    record_event(
        action="plan.comment.add",
        obj=comment,
        after={"version_id": version.pk, "parent_id": comment.parent_id, "body": body},
        actor=author,
    )
    return comment
