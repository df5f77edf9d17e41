from django.urls import path

from diagrams import views

urlpatterns = [
    path("", views.home, name="home"),
    path("signup/", views.signup, name="signup"),
    path("d/<uuid:code>/", views.diagram_detail, name="diagram"),
    path("d/<uuid:code>/refine/", views.diagram_refine, name="diagram_refine"),
    path("d/<uuid:code>/r/<int:number>/restore/", views.revision_restore, name="revision_restore"),
    path(
        "d/<uuid:code>/r/<int:number>/export/<slug:fmt>/",
        views.revision_export,
        name="revision_export",
    ),
    path("jobs/<uuid:code>/", views.job_status, name="job_status"),
    path("jobs/<uuid:code>/retry/", views.job_retry, name="job_retry"),
]
