from wagtail import hooks  # noqa: F401
