"""What events add to a person's skills pages: the events attended between results on
/skills/progress/ (`skills_progress_events`)."""
