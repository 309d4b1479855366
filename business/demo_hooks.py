"""The business app's part in `load_demo`: after the events it lists, before page translations."""

from wagtail import hooks


@hooks.register("load_demo", order=25)
def load_business_demo(stdout):
    from .demo import build

    build(stdout)
