"""The "Coordinators" and "Editors" groups and what each may do.

Wagtail's own migrations create "Moderators" (publishing rights on the page tree, images and
documents, and the approver of the default workflow) and "Editors"; Moderators becomes our
Coordinators, who also run registrations and reference data.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("stakeholders", "view_stakeholderprofile"),
    ("stakeholders", "change_stakeholderprofile"),
    ("stakeholders", "review_stakeholderprofile"),
    *[
        ("initiative", f"{action}_{model}")
        for model in ("country", "workinggroup", "diseasearea", "stakeholdercluster")
        for action in ("add", "change", "delete", "view")
    ],
]
EDITOR_PERMISSIONS = [("wagtailadmin", "access_admin")]


def _permissions(apps, pairs):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, codename in pairs:
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so they can be granted.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    coordinators = Group.objects.filter(name="Moderators").first()
    if coordinators is not None:
        coordinators.name = "Coordinators"
        coordinators.save()
    else:
        coordinators, _ = Group.objects.get_or_create(name="Coordinators")
    editors, _ = Group.objects.get_or_create(name="Editors")
    coordinators.permissions.add(*_permissions(apps, COORDINATOR_PERMISSIONS))
    editors.permissions.add(*_permissions(apps, EDITOR_PERMISSIONS))


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name="Coordinators").update(name="Moderators")


class Migration(migrations.Migration):
    dependencies = [
        ("stakeholders", "0001_initial"),
        ("initiative", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
