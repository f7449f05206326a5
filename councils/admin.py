from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from councils import models


class CouncilRoleInline(admin.TabularInline):
    model = models.CouncilRole
    extra = 0
    autocomplete_fields = ["council"]


@admin.register(models.User)
class PortalUserAdmin(UserAdmin, SimpleHistoryAdmin):
    inlines = [CouncilRoleInline]


@admin.register(models.Council)
class CouncilAdmin(SimpleHistoryAdmin):
    list_display = ["name", "commune", "province"]
    search_fields = ["name", "commune"]
    prepopulated_fields = {"slug": ["commune"]}


for model in [
    models.Term,
    models.Constituency,
    models.Committee,
    models.Delegate,
    models.Membership,
    models.Agency,
    models.PartyCell,
]:
    admin.site.register(
        model, SimpleHistoryAdmin, list_filter=["council"], search_fields=["search_text"]
    )
