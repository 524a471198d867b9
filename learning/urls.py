from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.views import serve

from learning.accounts import views as account_views
from learning.views import principles
from learning.views import search as search_views

urlpatterns = [
    # Before Wagtail's admin URLs, so its own sign-in form is never reachable.
    path("admin/login/", account_views.admin_login_redirect, name="admin_login_redirect"),
    # Before Wagtail's admin URLs too: workflow approval refused by the anonymisation guard.
    path("admin/", include("learning.publishing_guard.urls")),
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
    # Learner records: my-learning/, people/<id>/learning/, certificates/ (learning.records).
    path("", include("learning.records.urls")),
    # Reflective log and supervision: reflections/, my-team/ (learning.reflections,
    # learning.supervision).
    path("", include("learning.reflections.urls")),
    path("", include("learning.supervision.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    path("", serve, {"path": ""}, name="home"),
    path("", include(wagtail_urls)),
]
