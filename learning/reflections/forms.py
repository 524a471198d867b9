"""Forms for the reflective log. They explain bad input in GOV.UK style; the rules
themselves (who may share with whom, locking, dates) live in services and permissions,
which check again whatever a form lets through."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from learning.forms_ids import IdModelChoiceField, IdModelMultipleChoiceField
from learning.models import EntryStatus, EntryStructure, Principle, ReviewStatus
from learning.models.reflections import ENTRY_MAX_LENGTH
from learning.records.forms import DATE_FORMATS, DateInput
from learning.records.services import validate_cpd_date
from learning.reflections import selectors
from learning.reflections.services import COMMENT_MAX_LENGTH, TITLE_MAX_LENGTH
from learning.reflections.structures import starting_text

# Names of the entry form's extra submit buttons: each re-shows the form, saving nothing.
SWITCH_STRUCTURE = "switch_structure"
PREVIEW = "preview"

MARKDOWN_HINT = (
    "You can use Markdown: a line starting with # is a heading, - starts a bullet, "
    "and *stars* make emphasis."
)

UNKNOWN_PAGE = (
    "We could not find the page this reflection is about. It may have been moved or "
    "unpublished: go back to it and choose the question again, or write a free reflection."
)
UNKNOWN_QUESTION = (
    "We could not find that reflective question on the page. The page may have changed: "
    "go back to it and choose the question again, or write a free reflection."
)


def _text_field(*, label: str, limit: int, missing: str, rows: int, help_text: str = ""):
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows, "spellcheck": "true"}),
        error_messages={
            "required": missing,
            "max_length": f"Keep this to {limit:,} characters or fewer (it has %(show_value)s)",
        },
    )


class EntryTextForm(forms.Form):
    """What the author writes and may later change: title, text, draft or final."""

    title = forms.CharField(
        label="Title",
        max_length=TITLE_MAX_LENGTH,
        help_text="A few words to help you find it again.",
        error_messages={
            "required": "Enter a title",
            "max_length": f"Keep the title to {TITLE_MAX_LENGTH} characters or fewer",
        },
    )
    body = _text_field(
        label="Your reflection",
        limit=ENTRY_MAX_LENGTH,
        missing="Write your reflection",
        rows=18,
        help_text=f"{MARKDOWN_HINT} Up to {ENTRY_MAX_LENGTH:,} characters.",
    )
    status = forms.ChoiceField(
        label="Is it finished?",
        choices=[
            (EntryStatus.DRAFT, "Not yet: keep it as a draft"),
            (EntryStatus.FINAL, "Yes: it is final"),
        ],
        initial=EntryStatus.DRAFT,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the entry is finished"},
    )


class EntryForm(EntryTextForm):
    """A new entry: what it reflects on (a page's question, a principle, or nothing)
    comes from the link that opened the form, in hidden fields checked here."""

    principle = IdModelChoiceField(
        queryset=Principle.objects.order_by("sort_order", "name"),
        to_field_name="slug",
        required=False,
        label="Which safeguarding principle does it relate to?",
        empty_label="None in particular",
        error_messages={"invalid_choice": "Choose a principle from the list"},
    )
    structure = forms.ChoiceField(
        choices=EntryStructure.choices, required=False, widget=forms.HiddenInput
    )
    # Not stripped: " 7 " is not a page id (learning.forms_ids).
    page = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)
    question = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    field_order = ["title", "principle", "body", "status"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def _page_visible(self, page) -> bool:
        """Respect the page's view restrictions, as serving it would."""
        if self.request is None:
            return True
        return all(r.accept_request(self.request) for r in page.get_view_restrictions())

    def clean(self):
        cleaned = super().clean()
        page_id, question_id = cleaned.get("page"), cleaned.get("question")
        page = None
        if page_id or question_id:
            page = selectors.learnable_page(page_id)
            if page is None or not self._page_visible(page):
                raise ValidationError(UNKNOWN_PAGE, code="unknown_page")
        if question_id and selectors.find_question(page, question_id) is None:
            raise ValidationError(UNKNOWN_QUESTION, code="unknown_question")
        cleaned["page"] = page
        cleaned["structure"] = cleaned.get("structure") or EntryStructure.FREE
        return cleaned

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "body": data["body"],
            "status": data["status"],
            "structure": data["structure"],
            "page": data["page"],
            "question_id": data.get("question") or "",
            "principle": data.get("principle"),
        }


class _PeopleForm(forms.Form):
    """Choose some of a given list of people (checkboxes)."""

    label = ""
    required_message = ""

    supervisors = IdModelMultipleChoiceField(queryset=None, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["supervisors"]
        field.queryset = people
        field.label = self.label
        field.error_messages.update(
            {
                "required": self.required_message,
                "invalid_choice": "Choose from the people listed",
                "invalid_pk_value": "Choose from the people listed",
            }
        )


class ShareForm(_PeopleForm):
    label = "Who do you want to share it with?"
    required_message = "Choose who to share it with"


class WithdrawShareForm(_PeopleForm):
    label = "Who should no longer see it?"
    required_message = "Choose who should no longer see it"


class CommentForm(forms.Form):
    body = _text_field(
        label="Your comment",
        limit=COMMENT_MAX_LENGTH,
        missing="Write your comment",
        rows=6,
        help_text=f"{MARKDOWN_HINT} Up to {COMMENT_MAX_LENGTH:,} characters.",
    )


class ReviewForm(forms.Form):
    status = forms.ChoiceField(
        label="What have you done with this entry?",
        choices=[
            (ReviewStatus.REVIEWED, "I have reviewed it"),
            (ReviewStatus.DISCUSSED, "We discussed it in supervision"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you reviewed it or discussed it"},
    )
    on = forms.DateField(
        label="On what date?",
        help_text="For example, 27 3 2026.",
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={
            "required": "Enter the date",
            "invalid": "Enter a real date, for example 27 3 2026",
        },
    )

    def clean_on(self):
        value = self.cleaned_data["on"]
        validate_cpd_date(value)
        return value


# ---------------------------------------------------------------------------
# Re-showing the entry form (structure switch, preview) without saving
# ---------------------------------------------------------------------------


def _same_text(a: str, b: str) -> bool:
    """Equal once line endings and surrounding blank space are ignored (browsers send
    a textarea's lines with CRLF)."""
    return a.replace("\r\n", "\n").strip() == b.replace("\r\n", "\n").strip()


def body_after_switch(body: str, *, old: str, new: str) -> str:
    """The text box after the writer switches structure from `old` to `new`.

    Whatever they have written is kept as it is: rewriting it, even only to add
    headings, would surprise someone mid-thought, and the new structure's headings and
    prompts are shown beside the box instead. Only a box that is empty, or still holds
    nothing but the old structure's untouched headings, starts again with the new
    structure's headings, as nothing of theirs is lost.
    """
    if not body.strip() or _same_text(body, starting_text(old)):
        return starting_text(new)
    return body


def kept_entry_values(data, *, fields) -> dict:
    """Initial values for re-showing the entry form with what was posted, so a switch of
    structure or a preview keeps every word. Only the form's own fields are taken."""
    values = {name: data.get(name, "") for name in fields}
    if values.get("status") not in EntryStatus.values:
        values["status"] = EntryStatus.DRAFT
    return values
