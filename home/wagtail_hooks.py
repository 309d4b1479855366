from wagtail import hooks

from . import demo


@hooks.register("load_demo", order=0)
def load_home_demo(stdout):
    demo.build(stdout)
