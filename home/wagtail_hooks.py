from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from . import demo


@hooks.register("load_demo", order=0)
def load_home_demo(stdout):
    demo.build(stdout)


@hooks.register("load_demo", order=100)
def load_demo_page_translations(stdout):
    """Last, once every app has made its listing pages."""
    demo.build_translations(stdout)


@hooks.register("insert_global_admin_css")
def admin_brand_colours():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
