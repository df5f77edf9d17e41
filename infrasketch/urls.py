from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from diagrams.api import api_urls

# Log in, log out, change password. No password reset: accounts have no e-mail address and no
# mail server is configured, so a reset page could only promise a mail that never comes.
auth_patterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]

urlpatterns = [
    path("accounts/", include(auth_patterns)),
    path("api/v1/", api_urls()),
    path("api/openapi.json", RedirectView.as_view(url="/api/v1/openapi.json")),
    path("api/docs", RedirectView.as_view(url="/api/v1/docs")),
    path("", include("diagrams.urls")),
]
