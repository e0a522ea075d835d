"""/hr: the heart-rate profile behind zones and training load (birth year, sex, HRs, method)."""

from __future__ import annotations

import re

from telegram import ForceReply, InlineKeyboardMarkup, Message, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.context import services_of
from bot.services.athlete import DEFAULT_AGE, HeartProfile
from engine.errors import EngineError
from handlers.keyboards import grid

COMMANDS = [("hr", "Heart-rate profile: age, max and resting HR, zones")]
# The question each "set" button asks; a reply to it (Telegram's force-reply) sets the field.
PROMPTS = {
    "born": "❤️ Which year were you born? (e.g. 1988)",
    "max": "❤️ Your maximum heart rate, in bpm? (the highest you have seen, e.g. 188)",
    "rest": "❤️ Your resting heart rate, in bpm? (first thing in the morning, e.g. 52)",
}
_FIELD_OF = {text: field for field, text in PROMPTS.items()}
_NUMBER = re.compile(r"\d+")
HINT = "Type e.g. /hr born 1988 · /hr max 188 · /hr rest 52 · /hr max auto (back to the estimate)"


def describe(profile: HeartProfile) -> str:
    """The profile as the user sees it, with where each number comes from."""
    athlete = profile.athlete
    born = (
        f"Born {profile.birth_year} (age {athlete.age})"
        if profile.birth_year
        else f"Birth year not set (zones assume age {DEFAULT_AGE})"
    )
    sex = f"sex {profile.sex}" if profile.sex else "sex not set (TRIMP uses the male weighting)"
    source = "yours" if profile.max_hr else "estimated from age, HUNT formula"
    rest = "yours" if profile.rest_hr else "typical default"
    method = "% of HR reserve (Karvonen)" if profile.zone_method == "karvonen" else "% of max HR"
    floors = [round(b) for b in profile.zones_bpm]
    zones = " · ".join(f"Z{i + 1} {floors[i]}–{floors[i + 1] - 1}" for i in range(4))
    return "\n".join(
        [
            "❤️ Heart-rate profile",
            f"{born} · {sex}",
            f"Max HR {athlete.hr_max:.0f} ({source})",
            f"Resting HR {athlete.hr_rest:.0f} ({rest})",
            f"Zones: {method}",
            f"{zones} · Z5 {floors[4]}+",
            "",
            HINT,
        ]
    )


def keyboard(profile: HeartProfile) -> InlineKeyboardMarkup:
    """Buttons that ask for a number, and ones that switch sex or zone method."""
    other_sex = "f" if profile.sex == "m" else "m"
    other = "karvonen" if profile.zone_method == "hrmax" else "hrmax"
    method = "Karvonen (HR reserve)" if other == "karvonen" else "% of max HR"
    return grid(
        [
            ("🎂 Birth year", "hr:ask:born"),
            ("⬆️ Max HR", "hr:ask:max"),
            ("💤 Resting HR", "hr:ask:rest"),
            (f"Sex: {other_sex}", f"hr:set:sex {other_sex}"),
            (f"Zones: {method}", f"hr:set:zones {other}"),
        ]
    )


async def show_hr(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/hr shows the profile; /hr max 188 (and the like) changes it first."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    athlete = services_of(context).athlete
    try:
        if context.args:
            profile = await athlete.change(update.update_id, user.id, " ".join(context.args))
        else:
            profile = await athlete.heart(user.id)
    except EngineError as exc:
        await message.reply_text(str(exc))
        return
    await message.reply_text(describe(profile), reply_markup=keyboard(profile))


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Ask for a number (force-reply), or switch sex or zone method at once."""
    query = update.callback_query
    if query is None or query.data is None or not isinstance(query.message, Message):
        return
    _, action, value = query.data.split(":", 2)
    await query.answer()
    if action == "ask":
        await query.message.reply_text(PROMPTS[value], reply_markup=ForceReply(selective=True))
        return
    try:
        profile = await services_of(context).athlete.change(
            update.update_id, query.from_user.id, value
        )
    except EngineError as exc:
        await query.message.reply_text(str(exc))
        return
    await query.edit_message_text(describe(profile), reply_markup=keyboard(profile))


class _AnswersPrompt(filters.MessageFilter):
    """A reply to one of the /hr questions (checked before the set-log text router)."""

    def filter(self, message: Message) -> bool:
        replied = message.reply_to_message
        return bool(
            replied is not None
            and replied.from_user is not None
            and replied.from_user.is_bot
            and replied.text in _FIELD_OF
        )


async def answer_prompt(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Store the number typed in reply to a /hr question."""
    message, user = update.effective_message, update.effective_user
    if message is None or message.text is None or user is None:
        return
    replied = message.reply_to_message
    field = _FIELD_OF[replied.text if replied and replied.text else ""]
    number = _NUMBER.search(message.text)
    if number is None:
        await message.reply_text(f"Please answer with a number. {HINT}")
        return
    try:
        profile = await services_of(context).athlete.change(
            update.update_id, user.id, f"{field} {number.group()}"
        )
    except EngineError as exc:
        await message.reply_text(str(exc))
        return
    await message.reply_text(describe(profile), reply_markup=keyboard(profile))


HANDLERS = [
    CommandHandler("hr", show_hr),
    CallbackQueryHandler(
        on_button, pattern=r"^hr:(ask:(born|max|rest)|set:(sex [mf]|zones (hrmax|karvonen)))$"
    ),
    MessageHandler(filters.ChatType.PRIVATE & filters.TEXT & _AnswersPrompt(), answer_prompt),
]
