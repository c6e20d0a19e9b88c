"""The sentences of the reasons (Vietnamese source text; arguments in words by wording.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as t

MESSAGES = {
    # common
    "no_rule_set": t(
        "Chưa có bộ quy định áp dụng cho thành tích năm {year}, hồ sơ nhận ngày {date}"
    ),
    "rule_set": t("Áp dụng bộ quy định {rule_set} (thành tích năm {year}, hồ sơ nhận ngày {date})"),
    "default_date": t("Không ghi ngày nhận hồ sơ: dùng ngày mặc định {date}"),
    "merged_away": t("{unit} đã sắp xếp từ ngày {date}: đề nghị qua đơn vị kế thừa {successor}"),
    "dissolved": t("{unit} đã giải thể từ ngày {date}: không khen thưởng đơn vị đã giải thể"),
    "duplicate": t("Đã được tặng {award} cho thành tích năm {year} (quyết định {decision})"),
    "duplicate_row": t("Đã đề nghị {award} năm {year} ở dòng {row} của cùng đợt"),
    "pending": t("Đang bị thanh tra, kiểm tra, xem xét từ ngày {date}: chưa xét khen thưởng"),
    "missing_param_skip": t("Không áp dụng: {authority} chưa quy định “{name}”"),
    "missing_param_review": t("Cần xem xét: chưa có quy định của {authority} về “{name}”{cite}"),
    "absent_skip": t("Không áp dụng: bộ quy định {rule_set} không có “{name}”"),
    "absent_review": t("Cần xem xét: bộ quy định {rule_set} không có “{name}”{cite}"),
    "unknown_subject": t("Không tìm thấy mã đối tượng “{code}” trong phạm vi của bạn"),
    "no_rule_for_award": t("Chưa có quy tắc kiểm tra tự động cho “{award}”: cần xem xét"),
    "duplicate_forebear": t(
        "Đã được tặng {award} cho thành tích năm {year} (quyết định {decision}) — của {unit}, "
        "trước khi {event} {date}"
    ),
    "duplicate_forebear_unknown": t(
        "{unit} (trước khi {event} {date}) đã được tặng {award} năm {year}: chưa có quy định "
        "của {authority} về việc tính thành tích của đơn vị trước khi sắp xếp"
    ),
    "history_counted": t("Số liệu năm {year} là của {unit}, trước khi {event} {date}: được tính"),
    "history_not_counted": t(
        "Số liệu năm {year} là của {unit}, trước khi {event} {date}: không được tính theo quy định"
    ),
    "history_unknown": t(
        "Số liệu năm {year} là của {unit}, trước khi {event} {date}: chưa có quy định của {authority} "
        "về việc tính thành tích của đơn vị trước khi sắp xếp"
    ),
    # individual
    "rating_missing": t("Chưa có xếp loại năm {year}"),
    "no_data": t("Năm {year}: không có dữ liệu (trước năm bắt đầu có hồ sơ đầy đủ)"),
    "rating_ok": t("Năm {year} xếp loại {rating}, đạt mức {min} trở lên"),
    "rating_low": t("Năm {year} xếp loại {rating}, chưa đạt mức {min} trở lên"),
    "months_ok": t("Công tác {months} tháng trong năm (cần từ {min} tháng)"),
    "months_low": t("Chỉ công tác {months} tháng trong năm, cần từ {min} tháng"),
    "disciplined": t("Bị kỷ luật {level} trong năm {year}"),
    "initiative_ok": t("Có sáng kiến phạm vi {scope} chưa dùng: {codes}"),
    "initiative_reused": t(
        "Có sáng kiến phạm vi {scope} (bộ quy định cho phép dùng lại sáng kiến đã dùng): {codes}"
    ),
    "initiative_used": t("Không còn đủ {n} sáng kiến phạm vi {scope} chưa dùng; đã dùng: {used}"),
    "initiative_none": t("Không có đủ {n} sáng kiến phạm vi {scope} trở lên được công nhận"),
    "initiative_named_ok": t(
        "Sáng kiến nêu trong tệp, phạm vi {scope} trở lên, chưa dùng: {codes}"
    ),
    "initiative_named_ok_partly": t(
        "Sáng kiến nêu trong tệp, phạm vi {scope} trở lên, chưa dùng: {codes}; không tính: "
        "{rejected}"
    ),
    "initiative_named_short": t(
        "Sáng kiến nêu trong tệp ({named}) chưa đủ {n} sáng kiến phạm vi {scope} trở lên chưa "
        "dùng; tính được: {good}; không tính: {rejected}"
    ),
    "title_ok": t("Đã đạt {award} năm {year}"),
    "title_batch": t("{award} năm {year}: dự kiến, cùng đợt"),
    "title_missing": t("Chưa đạt {award} năm {year}"),
    "route_not_needed": t("Không cần xét sáng kiến: đã đạt theo xếp loại"),
    "chain_gap": t("Chưa đủ {n} lần liên tục đạt {award}{cite}: {held} đạt; {missing} không đạt"),
    "chain_unknown": t(
        "Chưa xác định được {n} lần liên tục đạt {award}{cite}: {held} đạt; {unknown} không "
        "có dữ liệu"
    ),
    "chain_ok": t("Đủ {n} lần liên tục đạt {award}{cite}: {held}"),
    "chain_ok_batch": t(
        "Đủ {n} lần liên tục đạt {award}{cite}: {held} (năm cuối dự kiến, cùng đợt; chuỗi "
        "kết thúc ở năm thành tích theo thực tiễn)"
    ),
    "no_cstd_tinh": t("Chưa lần nào đạt Chiến sĩ thi đua cấp tỉnh (cần {n} lần liên tục)"),
    "cstd_tinh_chain_ok": t("Đủ {n} lần liên tục đạt Chiến sĩ thi đua cấp tỉnh{cite}: {needed}"),
    "cstd_tinh_chain_short": t(
        "Chưa đủ {n} lần liên tục đạt Chiến sĩ thi đua cấp tỉnh{cite}: cần {needed}; đã đạt {held}"
    ),
    "window_ok": t("Đề nghị năm {year}, liền sau lần đạt cuối ({last})"),
    "window_late": t(
        "Đề nghị năm {year}, quá {n} năm sau lần đạt Chiến sĩ thi đua cấp tỉnh cuối ({last})"
    ),
    "alt_rating_low": t("Cách khác: các năm {years} chưa đạt {min}"),
    "alt_ok": t("Cách khác: {years} đạt Hoàn thành xuất sắc nhiệm vụ và có sáng kiến {codes}"),
    "bk_route_council": t(
        "Đề nghị theo điểm {route}: thành tích do Hội đồng Thi đua - Khen thưởng xét, không "
        "kiểm tra được từ dữ liệu"
    ),
    "bk_route_data": t(
        "Đề nghị theo điểm {route}: kiểm tra theo Chiến sĩ thi đua cơ sở, xếp loại và sáng kiến"
    ),
    "prior_ok": t("Đã được tặng {award} trước ngày nhận hồ sơ"),
    "prior_missing": t("Chưa được tặng {award} trước ngày nhận hồ sơ"),
    "period_rating_ok": t("{n} năm liên tục đạt {min} trở lên"),
    "period_rating_low": t("Chưa đủ {n} năm liên tục đạt {min} trở lên: năm {years} thấp hơn"),
    "period_cstdcs_ok": t("{count} lần Chiến sĩ thi đua cơ sở trong thời gian xét ({years})"),
    "period_cstdcs_low": t(
        "Chỉ {count} lần Chiến sĩ thi đua cơ sở trong thời gian xét ({years}), cần {min}"
    ),
    # collective
    "no_collective_year": t("Chưa có số liệu tập thể năm {year}"),
    "unit_rating_ok": t("Tập thể xếp loại {rating}, đạt mức {min} trở lên"),
    "unit_rating_low": t("Tập thể xếp loại {rating}, chưa đạt mức {min} trở lên"),
    "ratio_ok": t("{count}/{total} thành viên {what}, đạt tỷ lệ {op} {min}"),
    "ratio_low": t("{count}/{total} thành viên {what}, chưa đạt tỷ lệ {op} {min}"),
    "cstdcs_count_ok": t("{count} cá nhân đạt Chiến sĩ thi đua cơ sở (cần từ {min})"),
    "cstdcs_count_low": t("{count} cá nhân đạt Chiến sĩ thi đua cơ sở, cần từ {min}"),
    "member_disciplined": t("Có thành viên bị kỷ luật từ {level} trở lên"),
    "cluster_lead_ok": t("Được cụm suy tôn dẫn đầu năm {year}"),
    "cluster_lead_review": t(
        "Không được cụm suy tôn dẫn đầu năm {year}: xét theo chuyên đề (khoản 2 Điều 26) "
        "cần xem xét thủ công"
    ),
    "cluster_lead_missing": t("Không là đơn vị dẫn đầu cụm, khối năm {year}"),
    # quotas
    "cstdcs_quota_ok": t("{count} CSTĐCS / {total} LĐTT = {share}, trong giới hạn {max}"),
    "cstdcs_quota_over": t("{count} CSTĐCS / {total} LĐTT = {share}, vượt {max}: Hội đồng chọn"),
    "flags_ok": t("{count} đơn vị đề nghị Cờ trong cụm, không quá {max}"),
    "flags_over": t("{count} đơn vị đề nghị Cờ trong cụm, quá {max}: Hội đồng chọn"),
    "ctdcp_quota_ok": t(
        "{count} Cờ Chính phủ / {total} đơn vị dẫn đầu = {share}, trong giới hạn {max}"
    ),
    "ctdcp_quota_over": t(
        "{count} Cờ Chính phủ / {total} đơn vị dẫn đầu = {share}, vượt {max}: Hội đồng chọn"
    ),
}
