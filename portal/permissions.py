"""Granting model permissions to the role groups from data migrations.

Django creates model permissions only after all migrations have run, so a data migration
that grants them must create them first.
"""

from django.contrib.auth.management import create_permissions


def ensure_permissions_exist(apps) -> None:
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant(apps, group_name: str, permissions: list[str]) -> None:
    """Give `group_name` each permission, written "app_label.codename"; creates the group."""
    ensure_permissions_exist(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    for permission in permissions:
        app_label, codename = permission.split(".")
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def grant_page_permissions(apps, group_name: str, permission_types: list[str]) -> None:
    """Give `group_name` page permissions (add, change, publish, lock, unlock, bulk_delete)
    over the whole page tree."""
    ensure_permissions_exist(apps)
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    group, _ = Group.objects.get_or_create(name=group_name)
    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    for permission_type in permission_types:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{permission_type}_page")
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
