"""Serving knowledge checks and myth-busters. Each page's serve() hands over here.

A knowledge check moves through three screens on the page's own URL:
- the introduction (GET), with the learner's past attempts and a "Start" button;
- the questions (GET ?attempt=<id>), after a POST to start has created the attempt;
- the result (GET ?attempt=<id> once it is finished), after the answers are POSTed.
Every POST redirects (post/redirect/get), so reloading never resubmits. Only
signed-in people attempt a check; anyone may read its introduction.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse

from quizzes import myth_buster, selectors, services
from quizzes.forms import AttemptForm, MythAnswerForm
from quizzes.recorded import recorded_for
from quizzes.results import attempt_result
from quizzes.snapshot import question_snapshot, questions_for_form


def _render(request: HttpRequest, page, template: str, **extra) -> TemplateResponse:
    context = page.get_context(request)
    context.update(extra)
    return TemplateResponse(request, template, context)


def _attempt_url(request: HttpRequest, page, attempt) -> str:
    return f"{page.get_url(request)}?attempt={attempt.pk}"


# ---------------------------------------------------------------------------
# Knowledge checks
# ---------------------------------------------------------------------------


def preview_knowledge_check(request: HttpRequest, page) -> TemplateResponse:
    """The admin's preview (editors only): every question with its right answers."""
    questions = [question_snapshot(child) for child in page.questions]
    return _render(request, page, "quizzes/knowledge_check_preview.html", questions=questions)


def serve_knowledge_check(request: HttpRequest, page) -> HttpResponse:
    if request.method == "POST":
        return _knowledge_check_post(request, page)
    attempt_id = request.GET.get("attempt")
    if attempt_id is None:
        return _introduction(request, page)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    attempt = selectors.attempt_of(user=request.user, check=page, attempt_id=attempt_id)
    if attempt is None:
        raise Http404("No such attempt.")
    if attempt.is_finished:
        return _result(request, page, attempt)
    return _questions(request, page, attempt, AttemptForm(questions_for_form(attempt.snapshot)))


def _introduction(request: HttpRequest, page) -> TemplateResponse:
    user = request.user
    unfinished = (
        selectors.unfinished_attempt(user=user, check=page) if user.is_authenticated else None
    )
    return _render(
        request,
        page,
        "quizzes/knowledge_check_page.html",
        question_count=len(page.questions),
        has_multiple=any(child.block_type == "multiple" for child in page.questions),
        unfinished=unfinished,
        history=selectors.attempt_history(user=user, check=page),
    )


def _questions(request: HttpRequest, page, attempt, form: AttemptForm) -> TemplateResponse:
    return _render(
        request,
        page,
        "quizzes/knowledge_check_attempt.html",
        attempt=attempt,
        form=form,
    )


def _result(request: HttpRequest, page, attempt) -> TemplateResponse:
    return _render(
        request,
        page,
        "quizzes/knowledge_check_result.html",
        attempt=attempt,
        questions=attempt_result(attempt),
        pass_mark=attempt.snapshot["pass_mark"],
        recorded=recorded_for(attempt),
        history=selectors.attempt_history(user=request.user, check=page),
    )


def _knowledge_check_post(request: HttpRequest, page) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(page.get_url(request))
    action = request.POST.get("action")
    if action == "start":
        try:
            attempt = services.start_attempt(user=request.user, check=page)
        except services.CheckNotPublished:
            raise Http404("This check is not published.") from None
        return HttpResponseRedirect(_attempt_url(request, page, attempt))
    if action != "submit":
        return HttpResponseRedirect(page.get_url(request))
    attempt = selectors.attempt_of(
        user=request.user, check=page, attempt_id=request.POST.get("attempt")
    )
    if attempt is None:
        raise Http404("No such attempt.")
    if attempt.is_finished:
        # Submitted already (a double click, a resent form, another tab): the result
        # stands as first recorded.
        return HttpResponseRedirect(_attempt_url(request, page, attempt))
    form = AttemptForm(questions_for_form(attempt.snapshot), data=request.POST)
    if not form.is_valid():
        return _questions(request, page, attempt, form)
    services.finish_attempt(attempt=attempt, answers=form.answers())
    return HttpResponseRedirect(_attempt_url(request, page, attempt))


# ---------------------------------------------------------------------------
# Myth-busters
# ---------------------------------------------------------------------------


def preview_myth_buster(request: HttpRequest, page) -> TemplateResponse:
    """The admin's preview (editors only): every statement with its answer."""
    cards = myth_buster.cards(page)
    return _render(request, page, "quizzes/myth_buster_preview.html", cards=cards)


def serve_myth_buster(request: HttpRequest, page) -> HttpResponse:
    page_cards = myth_buster.cards(page)
    if request.method == "POST":
        return _myth_buster_post(request, page, page_cards)
    answers = myth_buster.recorded_answers(request.session, page)
    if "summary" in request.GET:
        return _myth_summary(request, page, page_cards, answers)
    card = _card_from_query(request, page_cards)
    return _myth_card(request, page, page_cards, card, answers, MythAnswerForm())


def _card_from_query(request: HttpRequest, page_cards: list) -> myth_buster.Card:
    value = request.GET.get("statement", "1")
    try:
        number = int(value)
    except ValueError:
        raise Http404("No such statement.") from None
    if not 1 <= number <= len(page_cards):
        raise Http404("No such statement.")
    return page_cards[number - 1]


def _card_url(request: HttpRequest, page, card) -> str:
    return f"{page.get_url(request)}?statement={card.number}"


def _myth_card(request, page, page_cards, card, answers, form) -> TemplateResponse:
    given = answers.get(card.id)
    number = card.number
    _right, answered = myth_buster.tally(page_cards, answers)
    return _render(
        request,
        page,
        "quizzes/myth_buster_page.html",
        card=card,
        total=len(page_cards),
        form=form,
        given=given,
        given_label=myth_buster.ANSWER_LABELS.get(given, ""),
        is_right=given == card.correct_answer,
        previous_url=_card_url(request, page, page_cards[number - 2]) if number > 1 else None,
        next_url=(
            _card_url(request, page, page_cards[number]) if number < len(page_cards) else None
        ),
        summary_url=f"{page.get_url(request)}?summary",
        answered=answered,
    )


def _myth_summary(request, page, page_cards, answers) -> TemplateResponse:
    right, answered = myth_buster.tally(page_cards, answers)
    rows = [
        {
            "card": card,
            "url": _card_url(request, page, card),
            "given": answers.get(card.id),
            "is_right": answers.get(card.id) == card.correct_answer,
        }
        for card in page_cards
    ]
    return _render(
        request,
        page,
        "quizzes/myth_buster_summary.html",
        rows=rows,
        right=right,
        answered=answered,
        total=len(page_cards),
    )


def _myth_buster_post(request: HttpRequest, page, page_cards: list) -> HttpResponse:
    if request.POST.get("action") == "start-again":
        myth_buster.start_again(request.session, page)
        return HttpResponseRedirect(page.get_url(request))
    by_id = {card.id: card for card in page_cards}
    card = by_id.get(request.POST.get("statement", ""))
    if card is None:
        messages.info(request, "That statement has changed since you opened it. Try this one.")
        return HttpResponseRedirect(page.get_url(request))
    form = MythAnswerForm(request.POST)
    if not form.is_valid():
        answers = myth_buster.recorded_answers(request.session, page)
        return _myth_card(request, page, page_cards, card, answers, form)
    myth_buster.record_answer(request.session, page, card=card, answer=form.cleaned_data["answer"])
    return HttpResponseRedirect(f"{_card_url(request, page, card)}#answer")
