"""Campaigns: a round of interviews of one kind for a group of employees, over a period,
and the board that shows who is to invite, invited, held and signed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from entretien_desktop.domain import Campaign, Company, Employee, Interview, InterviewStatus
from entretien_desktop.i18n import _
from entretien_desktop.services.employee_checks import ChangeRefused, refusal
from entretien_desktop.services.interview_life import Stage, invite, new_interview_id, stage
from entretien_desktop.services.retry import retried
from entretien_desktop.services.templates import choose_template, offered_key
from entretien_desktop.services.workspace import Workspace


class BoardColumn:
    TO_INVITE = "to_invite"
    INVITED = "invited"
    HELD = "held"
    SIGNED = "signed"
    DECLINED = "declined"
    """Refused by the employee (cancelled interviews leave the person to invite again)."""


COLUMNS = (
    BoardColumn.TO_INVITE,
    BoardColumn.INVITED,
    BoardColumn.HELD,
    BoardColumn.SIGNED,
    BoardColumn.DECLINED,
)


@dataclass(frozen=True, slots=True)
class BoardRow:
    employee: Employee
    interview: Interview | None
    column: str


def campaign_interview(campaign: Campaign, employee: Employee) -> Interview | None:
    """The employee's interview for this campaign: the one recorded with it, else one of its
    kind dated in its period; a cancelled one does not count."""
    candidates = [
        i
        for i in employee.interviews
        if i.status is not InterviewStatus.CANCELLED
        and (
            i.campaign == campaign.id
            or (
                i.campaign is None
                and i.kind is campaign.kind
                and i.date is not None
                and campaign.start <= i.date <= campaign.end
            )
        )
    ]
    return max(
        candidates, key=lambda i: (i.campaign == campaign.id, i.date or date.min), default=None
    )


def _column(interview: Interview | None) -> str:
    if interview is None:
        return BoardColumn.TO_INVITE
    current = stage(interview)
    if current is Stage.SIGNED:
        return BoardColumn.SIGNED
    if current is Stage.HELD:
        return BoardColumn.HELD
    if current is Stage.REFUSED:
        return BoardColumn.DECLINED
    if interview.invited_on is not None:
        return BoardColumn.INVITED
    return BoardColumn.TO_INVITE


def members(company: Company, campaign: Campaign) -> list[Employee]:
    """Who the campaign is for: present at its start and still there, in its group."""
    return [
        e
        for e in company.employees
        if campaign.includes(e)
        and e.employed_during(campaign.start, campaign.end)
        and e.contract.value not in {"temp_agency", "intern"}
    ]


def board(company: Company, campaign: Campaign) -> list[BoardRow]:
    rows = []
    for employee in members(company, campaign):
        interview = campaign_interview(campaign, employee)
        rows.append(BoardRow(employee, interview, _column(interview)))
    return rows


def counts(rows: list[BoardRow]) -> dict[str, int]:
    found = Counter(row.column for row in rows)
    return {column: found.get(column, 0) for column in COLUMNS}


def new_campaign_id(company: Company, start: date) -> str:
    taken = {c.id for c in company.campaigns}
    number = 1
    while f"C-{start.year}-{number}" in taken:
        number += 1
    return f"C-{start.year}-{number}"


def interviews_to_plan(company: Company, campaign: Campaign) -> list[tuple[str, Interview]]:
    """A planned interview for each member who has none in the campaign, dated its start
    (or the hire date of someone hired since), with the campaign's template."""
    planned = []
    for row in board(company, campaign):
        if row.interview is not None:
            continue
        employee = row.employee
        day = max(campaign.start, employee.hire_date)
        template = (
            offered_key(campaign.template)
            if campaign.template
            else choose_template(campaign.kind, employee, company.templates).key
        )
        interview = Interview(
            new_interview_id(company, employee.ref, day), campaign.kind, InterviewStatus.PLANNED,
            date=day, template=template, campaign=campaign.id,
        )  # fmt: skip
        planned.append((employee.ref, interview))
    return planned


@retried  # run again after a serialization failure or deadlock
def plan_everyone(workspace: Workspace, campaign_id: str) -> int:
    """Plan an interview for each member of the campaign who has none yet, in one change
    (one undo step takes them all back); returns how many were planned."""
    with workspace.change(lambda: _("planning the campaign")):
        company = workspace.require_company()
        campaign = next((c for c in company.campaigns if c.id == campaign_id), None)
        if campaign is None:
            raise refusal(_("This campaign is no longer in the file."))
        planned = interviews_to_plan(company, campaign)
        for ref, interview in planned:
            workspace.put_interview(ref, interview)
        return len(planned)


@retried  # run again after a serialization failure or deadlock
def invite_all(
    workspace: Workspace, interviews: list[tuple[str, str]], today: date
) -> list[tuple[str, str]]:
    """Record that the invitation of each interview (employee number, interview id) went
    out ``today``, in one change; returns (name, reason) for each one refused (the others
    are recorded)."""
    refused: list[tuple[str, str]] = []
    with workspace.change(lambda: _("the invitations of the campaign")):
        for ref, interview_id in interviews:
            stored = workspace.interview(ref, interview_id)
            try:
                invited = invite(stored, today)
            except ChangeRefused as why:
                refused.append((workspace.employee(ref).full_name, why.user_message))
                continue
            workspace.put_interview(ref, invited)
    return refused
