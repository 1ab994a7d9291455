from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from chanjiao.accounts.forms import AdminSignInForm
from chanjiao.api import api
from chanjiao.web import operations, pickers, plugins, views

handler500 = "chanjiao.web.operations.server_error"

admin.site.login_form = AdminSignInForm  # says why a throttled admin sign-in was refused

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", operations.health, name="health"),
    path("imports/", views.import_page, name="imports"),
    path("jobs/<int:pk>/", views.job_detail, name="job"),
    path("demo/", views.demo_page, name="demo"),
    path("pick/<slug:name>/", pickers.pick, name="picker"),
    path("accounts/", include("chanjiao.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
    *[path("", include(module)) for module in plugins.domain_modules("urls")],
]
