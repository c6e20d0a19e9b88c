"""Writes of the year-end conference and its ballots: keyword-only, atomic, permission first,
audited. ``conference`` sets the meeting up; ``ballots`` configures and opens questions;
``casting`` takes online ballots and paper tallies; ``closing`` closes a question (the shuffled
batch of §4.3); ``outcomes`` turns results into nominations and next year."""

from __future__ import annotations

from thidua.voting.services.ballot_rules import BallotRuleEntry, set_ballot_rules, set_weights
from thidua.voting.services.conference import (
    AttendanceEntry,
    CommitteeEntry,
    DelegateEntry,
    close_session,
    create_conference,
    open_session,
    record_attendance,
    record_decision,
    set_agenda,
    set_committee,
    set_voting_rules,
    update_conference,
)

__all__ = [
    "AttendanceEntry",
    "BallotRuleEntry",
    "CommitteeEntry",
    "DelegateEntry",
    "close_session",
    "create_conference",
    "open_session",
    "record_attendance",
    "record_decision",
    "set_agenda",
    "set_ballot_rules",
    "set_committee",
    "set_voting_rules",
    "set_weights",
    "update_conference",
]
