from __future__ import annotations

from django.urls import path

from thidua.voting import ballot_views, outcome_views, room_views, views

app_name = "voting"

CY = "<str:code>/<int:year>/conference/"

urlpatterns = [
    path(CY, views.conference, name="conference"),
    path(CY + "save/", views.conference_save, name="conference_save"),
    path(CY + "agenda/", views.agenda_save, name="agenda"),
    path(CY + "committee/", views.committee_save, name="committee"),
    path(CY + "attendance/", views.attendance_save, name="attendance"),
    path(CY + "rules/", views.rules_save, name="rules"),
    path(CY + "rules/ballots/", views.ballot_rules_save, name="ballot_rules"),
    path(CY + "rules/weights/", views.weights_save, name="weights"),
    path(CY + "agenda/<int:item_id>/decision/", views.decision_save, name="decision"),
    path(CY + "open/", views.session_open, name="open"),
    path(CY + "close/", views.session_close, name="close"),
    # in the room: voting cards, the meeting screen, the delegates' pages (no account)
    path(CY + "passes/", room_views.passes_page, name="passes"),
    path(CY + "passes/issue/", room_views.passes_issue, name="passes_issue"),
    path(CY + "passes/revoke/", room_views.passes_revoke, name="passes_revoke"),
    path(CY + "screen/", room_views.screen, name="screen"),
    path(CY + "screen/state/", room_views.screen_state, name="screen_state"),
    path("p/", room_views.delegate, name="delegate"),
    path("p/ballots/<uuid:ballot_uuid>/", room_views.delegate_vote, name="delegate_vote"),
    path("p/leave/", room_views.delegate_leave, name="delegate_leave"),
    path(CY + "outcomes/", outcome_views.outcomes, name="outcomes"),
    path(CY + "outcomes/acclamations/", outcome_views.acclamations_apply, name="outcomes_apply"),
    path(CY + "outcomes/next-year/", outcome_views.next_year_open, name="outcomes_next_year"),
]

# ballot pages
BALLOT = CY + "ballots/<uuid:uuid>/"
urlpatterns += [
    path(CY + "ballots/", ballot_views.ballot_list, name="ballots"),
    path(CY + "ballots/new/", ballot_views.ballot_create, name="ballot_create"),
    path(BALLOT, ballot_views.ballot_detail, name="ballot"),
    path(BALLOT + "prefill/", ballot_views.ballot_prefill, name="ballot_prefill"),
    path(BALLOT + "candidates/", ballot_views.ballot_candidates, name="ballot_candidates"),
    path(BALLOT + "open/", ballot_views.ballot_open, name="ballot_open"),
    path(BALLOT + "cancel/", ballot_views.ballot_cancel, name="ballot_cancel"),
    path(BALLOT + "paper/", ballot_views.ballot_paper, name="ballot_paper"),
    path(BALLOT + "close/", ballot_views.ballot_close, name="ballot_close"),
    path(BALLOT + "runoff/", ballot_views.ballot_runoff, name="ballot_runoff"),
    path(BALLOT + "board/", ballot_views.ballot_board, name="ballot_board"),
    path(BALLOT + "board.json", ballot_views.ballot_board_json, name="ballot_board_json"),
    path(BALLOT + "verify/", ballot_views.ballot_verify, name="ballot_verify"),
]
urlpatterns += [path(CY + "record/", ballot_views.conference_record, name="record")]
