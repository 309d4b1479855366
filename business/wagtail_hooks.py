"""The business app's place in the admin and its contributions to other apps' hooks."""

from . import dashboard_hooks, demo_hooks  # noqa: F401 (each registers its own hooks)
