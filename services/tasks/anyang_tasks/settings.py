"""Settings of the tasks service (env TASKS_*, falling back to the shared names)."""

from pydantic import Field

from govkit.settings import ServiceSettings


class TasksSettings(ServiceSettings):
    report_font: str = Field("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
                             description="TrueType font (or collection) with CJK glyphs for the PDF reports "
                                         "(Debian: fonts-wqy-microhei)")
