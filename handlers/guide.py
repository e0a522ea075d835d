"""/help: what Spotter understands and which commands it has."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, ContextTypes

COMMANDS = [("help", "What I can do")]

HELP = """🏋️ Spotter — your training log and coach

Log a set by typing it the way you'd write it:
• bench 80x5 rir2
• squat 3x5 @ 100kg
• ohp 40x8,8,7 @8
• pullups bw+10 x6
• plank 60s · row 500m 1:45
Several exercises in one message work too (one per line). Follow-ups continue the last
exercise: “80x5”, “x5”, “same”, “+2.5”. Reply to my message with a corrected line to fix it.

Logbook
/undo — remove the last logged entry
/start_workout — start a new workout now
/done — finish the workout and see a summary
/last bench — the last session of an exercise
/history — your recent workouts
/prs — your personal records

Programs
/program — build an 8-12 week program: goals, days, session length, equipment, split
/today — today's session: sets × reps @ load, plates and warm-ups (sent each morning too)
/week — this week's sessions
/stats — strength per movement pattern against your best
Log against today's session to see planned vs done; /done moves your next loads.
/settings also sets the e1RM formula and the morning message hour.

Runs, rides and walks
Send a .fit file from your watch or bike computer (or a .zip export of them): I reply with
distance, pace, heart-rate zones, training load, PBs and a chart. Gym sessions recorded on a
watch go into the logbook.
/hr — heart-rate profile: birth year, max and resting HR, zone method

Commands
/start — set up units and timezone
/settings — change units and timezone
/chart — progress charts: e1RM (/chart e1rm bench vs squat), volume, load, zones
/calendar — a year of training days, streaks and consistency score
/help — this message"""


async def show_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the help text."""
    message = update.effective_message
    if message is not None:
        await message.reply_text(HELP)


HANDLERS = [CommandHandler("help", show_help)]
