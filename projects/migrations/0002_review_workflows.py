"""The "Challenge review" and "Project review" workflows: moderators and editors approve
front-end submissions in the admin before anything is public."""

from django.db import migrations

REVIEWS = {"Challenge review": "projects.challengeindexpage", "Project review": "projects.projectindexpage"}
REVIEWER_GROUPS = ["Moderators", "Editors"]


def create_workflows(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    Page = apps.get_model("wagtailcore.Page")

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    for name, page_model in REVIEWS.items():
        if Workflow.objects.filter(name=name).exists():
            continue
        task = GroupApprovalTask.objects.create(name=f"{name}: moderator approval", content_type=task_type)
        task.groups.set(Group.objects.filter(name__in=REVIEWER_GROUPS))
        workflow = Workflow.objects.create(name=name, active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        app_label, model = page_model.split(".")
        index_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        for page in Page.objects.filter(content_type=index_type) if index_type else []:
            WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})


def remove_workflows(apps, schema_editor):
    apps.get_model("wagtailcore.Workflow").objects.filter(name__in=REVIEWS).delete()
    apps.get_model("wagtailcore.GroupApprovalTask").objects.filter(
        name__in=[f"{name}: moderator approval" for name in REVIEWS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0001_challenges_and_projects"),
        ("accounts", "0003_role_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_workflows, remove_workflows)]
