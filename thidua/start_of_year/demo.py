"""Demo data of the start of the year, from the news reports in shared/seeds (idempotent).

- Cụm 10 (HN-C10) 2020 (bản tin 07/02/2020): the pledge with its 6 commitments, split as the
  report lists them; the 8 models with the unit that registered each; all 5 districts register
  for “Cờ thi đua của Chính phủ”; registrations accepted; the pledge signed on 07/02/2020.
- Cụm 7 (HN-C07) 2021 (bản tin 30/3/2021): the 3 commitments, the target “100% đơn vị đăng ký
  từ Cờ thi đua xuất sắc của UBND Thành phố trở lên”, all 7 units registering for that flag
  (the report names no unit's exact choice), registrations submitted (waiting for the
  secretariat); the pledge signed on 30/3/2021.

Honest gaps: the reports say every member signed but name only Phạm Văn Minh (Sóc Sơn),
Bạch Liên Hương (Sở LĐ,TB&XH) and Nguyễn Thanh Liêm (Sở TT&TT). The other signatures are
recorded as not known (blank name and position): official documents leave their name lines
blank, to be written by hand, and the pledge page says “không rõ”. No topic is named in the reports: each unit gets one topic
marked as sample data (dữ liệu minh họa), which the rule “at least one topic” needs.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.awards.models import AwardType
from thidua.clusters.demo import DEMO_PASSWORD
from thidua.clusters.models import ClusterYear
from thidua.organizations.models import Organization
from thidua.start_of_year.enums import RegistrationAction
from thidua.start_of_year.models import Pledge, Registration, YearSettings
from thidua.start_of_year.services import (
    pledges,
    registered_items,
    registrations,
    signatures,
    year_settings,
)

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
UNNAMED = ""  # the reports do not name the signers: recorded as not known
SAMPLE_TOPIC = "Chuyên đề thi đua của đơn vị (bản tin không nêu tên chuyên đề)"

C10_SOURCE = "Bản tin Cụm thi đua số 10, ngày 07/02/2020"
C10_ITEMS = [
    "Thi đua hoàn thành tốt Kế hoạch kinh tế-xã hội Thành phố Hà Nội năm 2020.",
    "Tăng cường củng cố quốc phòng, an ninh, giữ vững ổn định chính trị, trật tự an toàn xã hội, "
    "xây dựng tổ chức Đảng, chính quyền trong sạch, vững mạnh.",
    "Tiếp tục nâng cao vai trò, trách nhiệm và sự gương mẫu của người đứng đầu ở tất cả các cấp, "
    "các ngành trong hệ thống chính trị, tập trung vào đổi mới, sắp xếp tổ chức bộ máy của hệ "
    "thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả, đẩy mạnh cải cách hành chính, xây "
    "dựng đội ngũ cán bộ công chức từ huyện đến cơ sở có thái độ giao tiếp, ứng xử chuẩn mực, có "
    "năng lực và tính chuyên nghiệp cao trong thực thi công vụ trên tinh thần lấy sự hài lòng của "
    "người dân và sự phát triển của doanh nghiệp là tiêu chí đánh giá mức độ hoàn thành công "
    "việc, rà soát, đơn giản hóa các thủ tục hành chính theo hướng minh bạch, thông thoáng, phù "
    "hợp với các luật, nghị định mới ban hành và yêu cầu hội nhập quốc tế, phấn đấu nâng cao chỉ "
    "số cải cách hành chính, triển khai sâu rộng hệ thống dịch vụ công trực tuyến mức độ 3, 4 "
    "trên một số thủ tục hành chính.",
    "Tiếp tục đổi mới công tác thi đua khen thưởng theo tinh thần Chỉ thị 34-CT/TW, phấn đấu mỗi "
    "đơn vị đăng ký từ 01 đến 02 mô hình và 01 đến 02 chuyên đề thi đua bám sát nhiệm vụ trọng "
    "tâm của Thành phố.",
    "Chỉ đạo tốt Hội nghị điển hình tiên tiến cấp cơ sở, tiến tới tổ chức Đại hội thi đua yêu "
    "nước hoặc Hội nghị điển hình tiên tiến cấp huyện.",
    "Tiếp tục triển khai có hiệu quả cuộc thi viết về gương điển hình tiên tiến, người tốt, việc "
    "tốt năm 2020, làm tốt công tác phát hiện, bồi dưỡng và nhân rộng các điển hình tiên tiến, "
    "các nhân tố, mô hình mới tiêu biểu.",
]
C10_MODELS = {
    "HN-SOCSON": ["Xây dựng, phát triển, nhân rộng trà hoa thảo dược, cây dược liệu huyện Sóc Sơn"],
    "HN-THANHTRI": [
        "Chăm sóc, nuôi dưỡng trong cơ sở giáo dục mầm non tại Trường mầm non B xã Liên Ninh",
        "Nuôi cá sông trong ao tại Đại Áng",
    ],
    "HN-DONGANH": [
        "Tăng cường quản lý, khai thác ao, hồ trên địa bàn huyện",
        "Lập quy hoạch xây dựng tỷ lệ 1/500 các khu dân cư trên địa bàn huyện",
    ],
    "HN-GIALAM": [
        "Trường học điện tử",
        "Áp dụng mục tiêu chất lượng theo tiêu chuẩn ISO 9001:2015",
    ],
    "HN-MELINH": ["Xây dựng hệ thống xử lý môi trường cho chăn nuôi tập trung tại xã Liên Mạc"],
}

C07_SOURCE = "Bản tin Cụm thi đua số 7, ngày 30/3/2021"
C07_ITEMS = [
    (
        "Thi đua phát triển kinh tế - xã hội, thực hiện nhiệm vụ chính trị",
        "Thi đua phát triển kinh tế-xã hội, thi đua thực hiện các nhiệm vụ chính trị được giao, "
        "các nhiệm vụ trọng tâm của cơ quan, đơn vị. Trong đó, tổ chức các đợt thi đua chào mừng "
        "các ngày lễ lớn, các sự kiện chính trị quan trọng của Thủ đô và đất nước; bầu cử đại "
        "biểu Quốc hội khóa XV và đại biểu HĐND các cấp nhiệm kỳ 2021 - 2026. Thi đua mỗi đơn vị "
        "đăng ký ít nhất 1 chuyên đề trọng tâm trong năm 2021, đẩy mạnh thực hiện Chủ đề năm "
        "“Kỷ cương, trách nhiệm, hành động, sáng tạo, phát triển”.",
    ),
    (
        "Thi đua thực hiện chủ trương của Đảng, chính sách pháp luật của Nhà nước",
        "Thi đua thực hiện các chủ trương của Đảng, chính sách pháp luật của Nhà nước; xây dựng "
        "Đảng và hệ thống chính trị trong sạch, vững mạnh. Tăng cường công tác xây dựng tổ chức "
        "Đảng, chính quyền, đoàn thể trong sạch, vững mạnh, hoạt động hiệu quả gắn phong trào "
        "thi đua với việc thực hiện các Chương trình công tác, Nghị quyết của Đảng; kiên quyết, "
        "kiên trì đấu tranh phòng, chống tham nhũng, lãng phí, tiêu cực. Nâng cao trách nhiệm của "
        "đội ngũ cán bộ, công chức, đặc biệt là trách nhiệm người đứng đầu, thực hiện tốt Quy chế "
        "dân chủ ở cơ sở.",
    ),
    (
        "Thi đua thực hiện tốt công tác thi đua, khen thưởng",
        "Thi đua tổ chức triển khai kịp thời và thực hiện tốt các nhiệm vụ về công tác thi đua, "
        "khen thưởng. Tập trung nâng cao chất lượng và khen thưởng kịp thời các thành tích chuyên "
        "đề, thành tích đột xuất, đảm bảo khen thưởng bám sát kết quả thi đua thực hiện các nhiệm "
        "vụ trọng tâm, cấp bách của từng ngành, địa phương, đơn vị và Thành phố; quan tâm thực "
        "hiện tốt khâu bồi dưỡng, phát hiện, đề xuất và thực hiện khen thưởng theo thẩm quyền ở "
        "mỗi cấp. Đẩy mạnh tuyên truyền các phong trào thi đua yêu nước, tuyên truyền và nhân "
        "rộng các gương điển hình tiên tiến với nhiều nội dung, hình thức đa dạng, phong phú.",
    ),
]

# unit code -> (username stem, signer name and position named by a report, or None)
NAMED_SIGNERS = {
    "HN-SOCSON": ("Phạm Văn Minh", "Chủ tịch UBND huyện"),
    "HN-SLDTBXH": ("Bạch Liên Hương", "Giám đốc"),
    "HN-STTTT": ("Nguyễn Thanh Liêm", "Giám đốc"),
}
STEMS = {
    "HN-SOCSON": "socson",
    "HN-THANHTRI": "thanhtri",
    "HN-MELINH": "melinh",
    "HN-GIALAM": "gialam",
    "HN-DONGANH": "donganh",
    "HN-SLDTBXH": "sldtbxh",
    "HN-STTTT": "stttt",
    "HN-SGDDT": "sgddt",
    "HN-SYT": "syt",
    "HN-SKHCN": "skhcn",
    "HN-SDL": "sdl",
    "HN-SVHTT": "svhtt",
}


def _user(
    username: str, full_name: str, role: str, organization: Organization, position: str = ""
) -> User:
    existing = User.objects.filter(username=username).first()
    if existing is not None:
        return existing
    return User.objects.create_user(
        username=username,
        password=DEMO_PASSWORD,
        full_name=full_name,
        position=position,
        role=role,
        organization=organization,
    )


def _unit_users(organization: Organization) -> tuple[User, User]:
    stem = STEMS[organization.code]
    officer = _user(
        f"demo-{stem}-cb",
        f"Cán bộ thi đua {organization.name} (tài khoản mẫu)",
        Role.UNIT_OFFICER,
        organization,
    )
    named = NAMED_SIGNERS.get(organization.code)
    leader = _user(
        f"demo-{stem}-ld",
        named[0] if named else f"Lãnh đạo {organization.name} (tài khoản mẫu)",
        Role.UNIT_LEADER,
        organization,
        position=named[1] if named else "",
    )
    return officer, leader


def _members(cluster_year: ClusterYear) -> list[Organization]:
    return [m.organization for m in cluster_year.memberships.select_related("organization")]


def _award(code: str) -> AwardType:
    return AwardType.objects.get(code=code)


def _pledge(
    cluster_year: ClusterYear,
    secretariat: User,
    *,
    items: list[tuple[str, str]],
    place: str,
    day: dt.datetime,
    source: str,
    unnamed_position: str,
    targets: list[tuple[int, dict[str, Any]]] = (),  # type: ignore[assignment]
) -> None:
    if Pledge.objects.filter(cluster_year=cluster_year).exists():
        return
    pledges.create_pledge(
        cluster_year=cluster_year,
        by=secretariat,
        place=place,
        conference_date=day.date(),
        preamble="",
    )
    for title, text in items:
        pledges.add_pledge_item(cluster_year=cluster_year, by=secretariat, title=title, text=text)
    for number, target in targets:
        pledges.add_pledge_target(
            cluster_year=cluster_year, by=secretariat, item_number=number, **target
        )
    pledge = pledges.open_pledge(cluster_year=cluster_year, by=secretariat, at=day)
    for organization in _members(cluster_year):
        name, position = NAMED_SIGNERS.get(organization.code, (UNNAMED, unnamed_position))
        signatures.import_signature(
            pledge=pledge,
            organization=organization,
            signer_name=name,
            signer_position=position,
            signed_at=day,
            source=source,
        )


def _registrations(
    cluster_year: ClusterYear,
    secretariat: User,
    *,
    award: AwardType,
    goals: str,
    models: dict[str, list[str]],
    day: dt.datetime,
    accept: bool,
) -> None:
    for organization in _members(cluster_year):
        officer, _leader = _unit_users(organization)
        if Registration.objects.filter(
            cluster_year=cluster_year, organization=organization
        ).exists():
            continue
        registration = registrations.save_registration(
            cluster_year=cluster_year,
            organization=organization,
            by=officer,
            award=award,
            goals=goals,
        )
        for name in models.get(organization.code, []):
            registered_items.add_registered_item(
                registration=registration, by=officer, kind="model", name=name
            )
        registered_items.add_registered_item(
            registration=registration, by=officer, kind="topic", name=SAMPLE_TOPIC, is_sample=True
        )
        registrations.transition_registration(
            registration=registration, action=RegistrationAction.SUBMIT, by=officer, at=day
        )
        if accept:
            registrations.transition_registration(
                registration=registration, action=RegistrationAction.ACCEPT, by=secretariat, at=day
            )


def _cluster_year(code: str, year: int) -> ClusterYear | None:
    return (
        ClusterYear.objects.select_related("cluster__authority")
        .filter(cluster__code=code, year=year)
        .first()
    )


def _settings(*, cluster_year: ClusterYear, **values: Any) -> None:
    if not YearSettings.objects.filter(cluster_year=cluster_year).exists():
        year_settings.update_settings(cluster_year=cluster_year, **values)


@transaction.atomic
def load(stdout: Any) -> None:
    _load_c10()
    _load_c07()
    stdout.write("Đầu năm: giao ước và đăng ký thi đua Cụm 10 (2020), Cụm 7 (2021) theo bản tin.\n")


def _load_c10() -> None:
    """Cụm 10, 2020 (bản tin 07/02/2020)."""
    c10 = _cluster_year("HN-C10", 2020)
    secretariat_c10 = User.objects.filter(username="thuky-c10").first()
    if c10 is not None and secretariat_c10 is not None:
        _settings(
            cluster_year=c10,
            by=secretariat_c10,
            pledge_min_items=3,
            pledge_max_items=10,
            models_min=1,
            models_max=2,
            topics_min=1,
            topics_max=2,
            progress_stale_days=90,
            basis=f"Giao ước thi đua năm 2020, nội dung 4 ({C10_SOURCE})",
        )
        day = dt.datetime(2020, 2, 7, 10, 0, tzinfo=HANOI)
        _registrations(
            c10,
            secretariat_c10,
            award=_award("CTD_CP"),
            goals=f"Cả 5 huyện trong Cụm đăng ký nhận Cờ thi đua của Chính phủ năm 2020 ({C10_SOURCE}).",
            models=C10_MODELS,
            day=day,
            accept=True,
        )
        _pledge(
            c10,
            secretariat_c10,
            items=[("", text) for text in C10_ITEMS],
            place="Sóc Sơn",
            day=day,
            source=f"{C10_SOURCE}: “Lãnh đạo các huyện trong cụm thi đua số 10 ký giao ước”",
            unnamed_position="",
        )


def _load_c07() -> None:
    """Cụm 7, 2021 (bản tin 30/3/2021)."""
    c07 = _cluster_year("HN-C07", 2021)
    secretariat_c07 = User.objects.filter(username="thuky-c07").first()
    if c07 is not None and secretariat_c07 is not None:
        _settings(
            cluster_year=c07,
            by=secretariat_c07,
            pledge_min_items=3,
            pledge_max_items=10,
            models_min=0,
            models_max=2,
            topics_min=1,
            topics_max=2,
            progress_stale_days=90,
            basis=f"Giao ước thi đua năm 2021, nội dung thứ nhất ({C07_SOURCE})",
        )
        day = dt.datetime(2021, 3, 30, 15, 0, tzinfo=HANOI)
        _registrations(
            c07,
            secretariat_c07,
            award=_award("CTD_XS_HN"),
            goals=(
                "Theo bản tin: 100% các đơn vị trong Cụm đăng ký thi đua từ Cờ thi đua xuất sắc "
                f"của UBND Thành phố trở lên; bản tin không nêu danh hiệu của từng đơn vị ({C07_SOURCE})."
            ),
            models={},
            day=day,
            accept=False,
        )
        _pledge(
            c07,
            secretariat_c07,
            items=C07_ITEMS,
            place="Hà Nội",
            day=day,
            source=f"{C07_SOURCE}: “Cụm thi đua số 7 ký kết giao ước thi đua năm 2021”",
            unnamed_position="",
            targets=[
                (
                    3,
                    {
                        "text": "100% đơn vị đăng ký thi đua từ Cờ thi đua xuất sắc của UBND "
                        "Thành phố trở lên",
                        "metric": "Tỷ lệ đơn vị đăng ký",
                        "value": Decimal(100),
                        "unit": "%",
                    },
                )
            ],
        )
