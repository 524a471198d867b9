"""Bulk invitations: reading a pasted list or a CSV file into entries, and deciding
what will happen to each.

Every address is checked by the one invitation form (learning.accounts.forms.
InvitationForm: a valid address, no account with it yet, a team in the organisation,
a role a lead may grant) and sent by the one service (learning.accounts.membership.
invitation_create), so a bulk invitation follows exactly the rules of a single one:
an address on a public email service waits for a site administrator's confirmation.
Only two rules are added here, because a list brings them: an address repeated in the
list is invited once, and an address with an invitation still open is not sent another
(so submitting the same list twice sends nothing twice; a lead changes one person's role
by inviting them on their own, which replaces the open invitation).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.utils import dateformat, timezone

from learning.accounts import free_mail
from learning.accounts.forms import InvitationForm
from learning.models import Invitation, InvitationConfirmation, Organisation, Team
from learning.roles import Role

MAX_ADDRESSES = 500
MAX_UPLOAD_BYTES = 1024 * 1024
# Column headings read from a CSV file (compared in lower case, spaces trimmed).
EMAIL_HEADINGS = ("email", "email address", "e-mail")
TEAM_HEADING = "team"
ROLE_HEADING = "role"
NAME_HEADING = "name"

TOO_MANY = f"There are more than {MAX_ADDRESSES} addresses: send at most {MAX_ADDRESSES} at a time"


class BulkInputError(Exception):
    """The list or file cannot be read; the message says why, for the form."""


@dataclass(frozen=True)
class Entry:
    """One address from the list: the line it was on, and what the line said."""

    line: int
    email: str
    name: str = ""
    team: str = ""
    role: str = ""


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------

_NAMED = re.compile(r"^(?P<name>[^<]*)<(?P<email>[^<>]*)>\s*$")


def _split_outside_quotes(line: str) -> list[str]:
    """Split at commas and semicolons, except inside quotes or angle brackets, so that
    "Smith, Jo" <jo@example.org> stays one item."""
    items, current, quoted, angled = [], [], False, False
    for char in line:
        if char == '"' and not angled:
            quoted = not quoted
        elif char == "<" and not quoted:
            angled = True
        elif char == ">" and not quoted:
            angled = False
        if char in ",;" and not quoted and not angled:
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    items.append("".join(current))
    return items


def entries_from_text(text: str) -> list[Entry]:
    """Addresses pasted one a line, or separated by commas or semicolons, each bare or
    as "Name <email>"; addresses separated only by spaces are read apart too."""
    entries: list[Entry] = []
    for number, line in enumerate(text.splitlines(), start=1):
        for item in _split_outside_quotes(line):
            named = _NAMED.match(item)
            if named:
                name = named["name"].strip().strip('"').strip()
                pieces = [(name, named["email"].strip())]
            else:
                pieces = [("", word) for word in item.split()]
            for name, email in pieces:
                entries.append(Entry(line=number, email=email, name=name))
                if len(entries) > MAX_ADDRESSES:
                    raise BulkInputError(TOO_MANY)
    if not entries:
        raise BulkInputError("Enter at least one email address")
    return entries


def _decoded(upload: UploadedFile) -> str:
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise BulkInputError("The file is larger than 1 MB: split it into smaller files")
    raw = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(raw) > MAX_UPLOAD_BYTES:
        raise BulkInputError("The file is larger than 1 MB: split it into smaller files")
    try:
        # utf-8-sig: Excel's "CSV UTF-8" starts with a byte-order mark.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BulkInputError(
            "The file is not UTF-8 text. In Excel, save it as “CSV UTF-8 (comma delimited)” "
            "and try again"
        ) from error
    if "\x00" in text:
        raise BulkInputError("The file is not a CSV file: it contains binary data")
    return text


def entries_from_csv(upload: UploadedFile) -> list[Entry]:
    """Rows of a CSV file with an "email" column, and optional "team", "role" and
    "name" columns (headings in any case)."""
    text = _decoded(upload)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        heading_row = next(reader, None)
        if heading_row is None:
            raise BulkInputError("The file is empty")
        headings = [heading.strip().lower() for heading in heading_row]
        email_column = next((i for i, h in enumerate(headings) if h in EMAIL_HEADINGS), None)
        if email_column is None:
            raise BulkInputError(
                "The file has no “email” column: its first row must name the columns, "
                "with one headed “email”"
            )

        def column(row: list[str], heading: str) -> str:
            if heading not in headings:
                return ""
            index = headings.index(heading)
            return row[index].strip() if index < len(row) else ""

        entries = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(entries) == MAX_ADDRESSES:
                raise BulkInputError(
                    f"The file has more than {MAX_ADDRESSES} rows: "
                    f"send at most {MAX_ADDRESSES} at a time"
                )
            email = row[email_column].strip() if email_column < len(row) else ""
            entries.append(
                Entry(
                    line=reader.line_num,
                    email=email,
                    name=column(row, NAME_HEADING),
                    team=column(row, TEAM_HEADING),
                    role=column(row, ROLE_HEADING),
                )
            )
    except csv.Error as error:
        raise BulkInputError(f"The file could not be read as CSV ({error})") from error
    if not entries:
        raise BulkInputError("The file has no addresses under its “email” heading")
    return entries


# The preview carries its entries to the confirmation in a hidden field, as CSV.
_CARRIED_HEADINGS = ["line", "email", "name", "team", "role"]


def entries_to_carry(entries: list[Entry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(_CARRIED_HEADINGS)
    for entry in entries:
        writer.writerow([entry.line, entry.email, entry.name, entry.team, entry.role])
    return out.getvalue()


def entries_from_carried(text: str) -> list[Entry]:
    """The entries a preview carried. The field comes back from the browser, so it is
    read as untrusted: anything but what `entries_to_carry` writes is refused."""
    problem = BulkInputError("The list was changed or lost on its way: start again")
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise problem from error
    if not rows or rows[0] != _CARRIED_HEADINGS or len(rows) > MAX_ADDRESSES + 1:
        raise problem
    entries = []
    for row in rows[1:]:
        if len(row) != len(_CARRIED_HEADINGS) or not row[0].isascii() or not row[0].isdigit():
            raise problem
        line, email, name, team, role = row
        entries.append(Entry(line=int(line[:9]), email=email, name=name, team=team, role=role))
    if not entries:
        raise problem
    return entries


# ---------------------------------------------------------------------------
# Deciding what happens to each
# ---------------------------------------------------------------------------

INVITE = "invite"
AWAIT = "await"
SKIP = "skip"


@dataclass(frozen=True)
class Planned:
    entry: Entry
    outcome: str  # INVITE, AWAIT (a personal address: waits for an administrator) or SKIP
    reason: str = ""
    email: str = ""
    team: Team | None = None
    role: str = Role.PRACTITIONER.value

    @property
    def will_send(self) -> bool:
        return self.outcome != SKIP


def _open_invitations(emails: list[str]) -> dict[str, Invitation]:
    """Invitations to these addresses that are still open, into any organisation: not
    used, withdrawn, expired or declined (one query). One address has one open
    invitation at most (learning.accounts.membership.invitation_conflict)."""
    addresses = {email.strip().lower() for email in emails if email}
    if not addresses:
        return {}
    still_open = Invitation.objects.filter(
        email__in=addresses,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).exclude(confirmation=InvitationConfirmation.DECLINED)
    return {invitation.email: invitation for invitation in still_open}


def _role_named(text: str) -> str | None:
    for value, _label in Role.invitable_choices():
        if text.strip().lower() == value.lower():
            return value
    return None


def plan_invitations(
    *,
    entries: list[Entry],
    organisation: Organisation,
    organisations,
    team: Team | None,
    role: str,
) -> list[Planned]:
    """What will happen to each entry: invited, waiting for an administrator (a
    personal address), or skipped with the reason. `organisations` are those the
    person inviting may invite into (learning.permissions.invitable_organisations)."""
    teams = {item.name.strip().lower(): item for item in organisation.teams.all()}
    open_invitations = _open_invitations([entry.email for entry in entries])
    first_line: dict[str, int] = {}
    plan = []
    for entry in entries:
        email = entry.email.strip().lower()

        def skip(reason: str, entry=entry, email=email) -> Planned:
            return Planned(entry=entry, outcome=SKIP, reason=reason, email=email)

        if not email:
            plan.append(skip("No email address"))
            continue
        if email in first_line:
            plan.append(skip(f"Repeats the address on line {first_line[email]}"))
            continue
        first_line[email] = entry.line
        entry_team = team
        if entry.team:
            entry_team = teams.get(entry.team.strip().lower())
            if entry_team is None:
                plan.append(skip(f"There is no team called “{entry.team}” in {organisation}"))
                continue
        entry_role = _role_named(entry.role) if entry.role else role
        if entry_role is None:
            choices = " or ".join(value for value, _label in Role.invitable_choices())
            plan.append(skip(f"The role must be {choices}, not “{entry.role}”"))
            continue
        form = InvitationForm(
            data={
                "email": email,
                "organisation": organisation.pk,
                "team": entry_team.pk if entry_team else "",
                "role": entry_role,
            },
            organisations=organisations,
        )
        if not form.is_valid():
            reasons = [str(error) for errors in form.errors.values() for error in errors]
            plan.append(skip(" ".join(reasons)))
            continue
        email = form.cleaned_data["email"]
        if email in open_invitations:
            invited = open_invitations[email]
            if invited.organisation_id != organisation.pk:
                plan.append(skip("Already has an open invitation from another organisation"))
                continue
            sent_at = timezone.localtime(invited.sent_at or invited.created_at)
            sent = dateformat.format(sent_at, "j F Y")
            plan.append(skip(f"Already invited on {sent}, and that invitation is still open"))
            continue
        plan.append(
            Planned(
                entry=entry,
                outcome=AWAIT if free_mail.is_free_mail_address(email) else INVITE,
                email=email,
                team=entry_team,
                role=entry_role,
            )
        )
    return plan
