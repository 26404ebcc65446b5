from django.apps import AppConfig
from django_tasks_db import apps as tasks_db


class CoreConfig(AppConfig):
    name = "hocvuso.core"
    label = "core"
    verbose_name = "Chung"


class TasksDatabaseConfig(tasks_db.TasksAppConfig):
    """django-tasks-db's queue of background tasks, named in Vietnamese on the admin's index."""

    default = False
    verbose_name = "Việc nền"
