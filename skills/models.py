"""The AI skills framework: six areas and five levels (DESIGN.md §8)."""

from django.core.validators import MaxValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Area(index.Indexed, models.Model):
    """One of the six skill areas, e.g. "Staying safe"."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(help_text="What this area covers, in plain English.")
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Level(models.Model):
    """A level from 0 (Starting out) to 4 (Creator, earned only by a showcased project)."""

    number = models.PositiveSmallIntegerField(unique=True, validators=[MaxValueValidator(4)])
    name = models.CharField(max_length=40)
    description = models.TextField(help_text="What someone at this level can do.")

    panels = [FieldPanel("number"), FieldPanel("name"), FieldPanel("description")]

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"{self.number} {self.name}"
