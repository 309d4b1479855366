"""The town dashboard's "Do workshops help?" section (`dashboard_sections`) and the
attendees-rose-a-level key result's metric (`okr_metrics`)."""
