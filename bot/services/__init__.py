"""Use cases shared by handlers and jobs; each feature has its own service object."""

from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass

from bot.services.access import Access
from bot.services.athlete import AthleteService
from bot.services.bodyweight import BodyWeightService
from bot.services.broadcast import BroadcastService
from bot.services.charts import ChartService
from bot.services.coaching import CoachingService
from bot.services.core import Clock, Core, utc_now
from bot.services.deliveries import DeliveryService
from bot.services.housekeeping import HousekeepingService
from bot.services.logbook import LogbookService
from bot.services.logwrite import LogWriter
from bot.services.profile import UserView
from bot.services.program_morning import MorningDeliveries
from bot.services.programs import ProgramService
from bot.services.questions import QuestionService
from bot.services.reminders import DeloadEveReminders, ReminderService
from bot.services.roles import RoleService
from bot.services.status import StatusService
from bot.services.team_groups import GroupService
from bot.services.team_join import JoinService
from bot.services.teams import TeamService
from bot.services.uploads import UploadService
from bot.services.users import UserService
from bot.services.voice import VoiceService
from bot.services.weekly import WeeklySummaries
from bot.services.workouts import WorkoutService
from bot.settings import Settings
from storage.db import Database

__all__ = ["Clock", "Core", "Services", "UserView", "build_services", "utc_now"]


@dataclass(frozen=True, slots=True)
class Services:
    """Everything the handlers and jobs may call."""

    core: Core
    users: UserService
    logbook: LogbookService
    questions: QuestionService
    workouts: WorkoutService
    charts: ChartService
    programs: ProgramService
    uploads: UploadService
    athlete: AthleteService
    status: StatusService
    access: Access
    roles: RoleService
    teams: TeamService
    joins: JoinService
    groups: GroupService
    reminders: ReminderService
    deliveries: DeliveryService
    voice: VoiceService
    morning: MorningDeliveries
    housekeeping: HousekeepingService
    coaching: CoachingService
    broadcast: BroadcastService
    bodyweight: BodyWeightService


def build_services(
    settings: Settings, db: Database, clock: Clock = utc_now, workers: Executor | None = None
) -> Services:
    """Wire the feature services around one database, one clock and the worker pool."""
    core = Core(
        db=db, clock=clock, default_timezone=settings.timezone, settings=settings, workers=workers
    )
    writer = LogWriter(core)
    access = Access(core)
    programs, charts = ProgramService(core), ChartService(core)
    deliveries, voice = DeliveryService(core), VoiceService(core)
    morning = MorningDeliveries(core, programs, voice)
    coaching = CoachingService(core, access, programs, charts)
    for kind in (
        morning,
        DeloadEveReminders(core, programs, voice),
        WeeklySummaries(core, programs, charts, voice),
        coaching,
    ):
        deliveries.add(kind)
    return Services(
        core=core,
        users=UserService(core),
        logbook=LogbookService(writer),
        questions=QuestionService(writer),
        workouts=WorkoutService(core),
        charts=charts,
        programs=programs,
        uploads=UploadService(core),
        athlete=AthleteService(core),
        status=StatusService(core, deliveries),
        access=access,
        roles=RoleService(core, access),
        teams=TeamService(core, access),
        joins=JoinService(core, access),
        groups=GroupService(core, access),
        reminders=ReminderService(core),
        deliveries=deliveries,
        voice=voice,
        morning=morning,
        housekeeping=HousekeepingService(core),
        coaching=coaching,
        broadcast=BroadcastService(core, access),
        bodyweight=BodyWeightService(core),
    )
