from django.urls import path

from diagrams import views, views_import, views_share, views_tokens

urlpatterns = [
    path("", views.home, name="home"),
    path("signup/", views.signup, name="signup"),
    path("d/<uuid:code>/", views.diagram_detail, name="diagram"),
    path("d/<uuid:code>/refine/", views.diagram_refine, name="diagram_refine"),
    path("d/<uuid:code>/live/", views.diagram_fragment, name="diagram_fragment"),
    path("d/<uuid:code>/r/<int:number>/restore/", views.revision_restore, name="revision_restore"),
    path(
        "d/<uuid:code>/r/<int:number>/export/<slug:fmt>/",
        views.revision_export,
        name="revision_export",
    ),
    path("jobs/<uuid:code>/", views.job_status, name="job_status"),
    path("jobs/<uuid:code>/retry/", views.job_retry, name="job_retry"),
    path("d/<uuid:code>/share/", views_share.share_manage, name="share_manage"),
    path(
        "d/<uuid:code>/share/<int:link_id>/revoke/",
        views_share.share_revoke,
        name="share_revoke",
    ),
    path("s/<slug:token>/", views_share.shared_diagram, name="shared_diagram"),
    path("s/<slug:token>/doc/", views_share.shared_document, name="shared_document"),
    path("s/<slug:token>/export/<slug:fmt>/", views_share.shared_export, name="shared_export"),
    path("settings/tokens/", views_tokens.token_list, name="api_tokens"),
    path(
        "settings/tokens/<int:token_id>/revoke/",
        views_tokens.token_revoke,
        name="api_token_revoke",
    ),
    path("import/", views_import.diagram_import, name="diagram_import"),
]
