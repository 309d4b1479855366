"""A person's assessment results in their data export, and what is left when they leave."""

import datetime
import uuid

from django.db.models import Prefetch
from django.db.models.functions import TruncMonth

from .models import AreaResult, Assessment


def export(user) -> list[dict]:
    """Every result on the account, with the answers given, oldest first."""
    assessments = (
        Assessment.objects.filter(user=user)
        .select_related("ward", "framework_version")
        .prefetch_related(Prefetch("area_results", queryset=AreaResult.objects.select_related("area")))
        .order_by("completed_at")
    )
    return [
        {
            "result_id": str(assessment.uuid),
            "completed_at": assessment.completed_at.isoformat(),
            "kind": assessment.kind,
            "language": assessment.language,
            "framework_version": assessment.framework_version.number,
            "ward": assessment.ward.name if assessment.ward else None,
            "age_band": assessment.age_band,
            "status": assessment.status,
            "overall_level": assessment.overall_level,
            "ai_ready": assessment.is_ai_ready,
            "areas": {
                result.area.slug: {"score": result.score, "level": result.level}
                for result in assessment.area_results.all()
            },
            "answers": assessment.answers,
        }
        for assessment in assessments
    ]


def anonymise(user) -> int:
    """Keep the person's results only as anonymous aggregate data: no account link, no
    answers, no result link anyone holds, no context (ward, age band, status) that could
    single them out, and the date only to the month. Levels, and the language the
    assessment was taken in, still count in the town totals."""
    assessments = list(
        Assessment.objects.filter(user=user).annotate(month=TruncMonth("completed_at", tzinfo=datetime.UTC))
    )
    for assessment in assessments:
        assessment.user = None
        assessment.answers = {}
        assessment.uuid = uuid.uuid4()
        assessment.completed_at = assessment.month
        assessment.ward = None
        assessment.age_band = ""
        assessment.status = ""
    Assessment.objects.bulk_update(
        assessments, ["user", "answers", "uuid", "completed_at", "ward", "age_band", "status"]
    )
    return len(assessments)
