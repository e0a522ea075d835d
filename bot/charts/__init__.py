"""Phone-sized matplotlib charts: plain data in, ``Chart(png, caption)`` out.

Every ``render_*`` function is synchronous and pure (data to PNG bytes), so callers run it in
an executor; the matching ``build_*`` returns the matplotlib ``Figure`` for inspection. Too
little data raises ``NotEnoughDataError``, whose message is a friendly answer to show.
"""

from bot.charts.activity import ActivityTrace, build_activity, render_activity
from bot.charts.calendar import build_calendar, render_calendar
from bot.charts.chart import Chart, NotEnoughDataError, Unit
from bot.charts.e1rm import E1rmPoint, E1rmSeries, build_e1rm, render_e1rm
from bot.charts.load import LoadDay, build_load, render_load
from bot.charts.volume import WeekVolume, build_volume, render_volume
from bot.charts.zones import WeekZones, build_zones, render_zones

__all__ = [
    "ActivityTrace",
    "Chart",
    "E1rmPoint",
    "E1rmSeries",
    "LoadDay",
    "NotEnoughDataError",
    "Unit",
    "WeekVolume",
    "WeekZones",
    "build_activity",
    "build_calendar",
    "build_e1rm",
    "build_load",
    "build_volume",
    "build_zones",
    "render_activity",
    "render_calendar",
    "render_e1rm",
    "render_load",
    "render_volume",
    "render_zones",
]
