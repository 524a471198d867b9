from pathlib import Path

from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.views import serve

from learning.accounts import views as account_views
from learning.views import favicon, principles
from learning.views import search as search_views

# Every sign-in form a dependency brings is replaced by a redirect to allauth's, so that
# nobody is signed in without its second-factor stage, rate limits and verification
# rules. Listed before the dependencies' own URLs, which they shadow.
sign_in_elsewhere_patterns = [
    path("admin/login/", account_views.sign_in_through_allauth, name="admin_login_redirect"),
    path("_util/login/", account_views.sign_in_through_allauth, name="wagtail_login_redirect"),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        account_views.sign_in_through_allauth,
        name="wagtail_page_password_redirect",
    ),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        account_views.sign_in_through_allauth,
        name="wagtail_document_password_redirect",
    ),
]

urlpatterns = [
    *sign_in_elsewhere_patterns,
    # Before Wagtail's admin URLs too: workflow approval refused by the anonymisation guard,
    # and Wagtail's views that would fail with a 500.
    path("admin/", include("learning.publishing_guard.urls")),
    path("admin/", include("learning.admin_override_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "accounts/invitations/",
        account_views.invitation_list_create,
        name="invitation_list_create",
    ),
    path(
        "accounts/invitation/<str:token>/",
        account_views.invitation_accept,
        name="invitation_accept",
    ),
    path("accounts/continue/", account_views.continue_after_mfa, name="mfa_continue"),
    path("accounts/", include("allauth.urls")),
    path("principles/", principles.principle_list, name="principle_list"),
    path("principles/<slug:slug>/", principles.principle_detail, name="principle_detail"),
    path("search/", search_views.search, name="search"),
    path("favicon.ico", favicon.favicon, name="favicon"),
    # Learner records: my-learning/, people/<id>/learning/, certificates/ (learning.records).
    path("", include("learning.records.urls")),
    # Reflective log and supervision: reflections/, my-team/ (learning.reflections,
    # learning.supervision).
    path("", include("learning.reflections.urls")),
    path("", include("learning.supervision.urls")),
    path("notifications/", include("learning.notifications.urls")),
    # Subject access: a person downloads a copy of everything held about them.
    path("my-data/", include("learning.privacy.urls")),
    path("organisation/", include("learning.organisation.urls")),
    path("required-learning/", include("learning.required.urls")),
    # Reports for SAB managers and organisation leads (learning.reports).
    path("reports/", include("learning.reports.urls")),
]


def development_media_patterns() -> list:
    """Images straight from MEDIA_ROOT, for `make run` (Django's static() adds nothing
    unless DEBUG is on). Images only: documents must go through /documents/ (Wagtail's
    serve view), which checks their collection's privacy, never straight from
    MEDIA_ROOT/documents."""
    patterns = []
    for image_folder in ("images", "original_images"):
        patterns += static(
            f"{settings.MEDIA_URL}{image_folder}/",
            document_root=Path(settings.MEDIA_ROOT) / image_folder,
        )
    return patterns


urlpatterns += development_media_patterns()
urlpatterns += [
    path("", serve, {"path": ""}, name="home"),
    path("", include(wagtail_urls)),
]
