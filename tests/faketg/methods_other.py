"""Bot API methods besides sending: updates, commands, callbacks, files, chats."""

from __future__ import annotations

import re
import time
from typing import Any

from tests.faketg.methods_messages import Method, Params, Uploads
from tests.faketg.records import ApiError, bad_request
from tests.faketg.state import State

_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_ACTIONS = frozenset(
    [
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    ]
)
_DOWNLOAD_LIMIT = 20 * 1024 * 1024  # bots may download files up to 20 MB
_CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


def get_me(state: State, params: Params, uploads: Uploads) -> Any:
    """Return the bot user."""
    return state.bot_user | {"can_join_groups": True, "can_read_all_group_messages": False}


def get_updates(state: State, params: Params, uploads: Uploads) -> Any:
    """Long-poll: confirm below offset, answer at once if anything is pending, else wait."""
    offset = int(params.get("offset") or 0)
    limit = min(max(int(params.get("limit") or 100), 1), 100)
    deadline = time.monotonic() + float(params.get("timeout") or 0)
    state.updates.set_allowed(params.get("allowed_updates"))
    state.poll_generation += 1
    generation = state.poll_generation
    state.cond.notify_all()  # a newer poll ends an older one, as on Telegram
    state.updates.confirm(offset)
    while True:
        if state.stopping:
            return []
        if state.poll_generation != generation:
            raise ApiError(409, _CONFLICT)
        batch = state.updates.batch(limit)
        remaining = deadline - time.monotonic()
        if batch or remaining <= 0:
            return batch
        state.cond.wait(remaining)


def delete_webhook(state: State, params: Params, uploads: Uploads) -> Any:
    """Accept; drop pending updates when asked to."""
    if params.get("drop_pending_updates"):
        state.updates.drop_all()
    return True


def get_webhook_info(state: State, params: Params, uploads: Uploads) -> Any:
    """Report that no webhook is set."""
    count = state.updates.pending_count()
    return {"url": "", "has_custom_certificate": False, "pending_update_count": count}


def _commands_key(params: Params) -> str:
    scope = params.get("scope") or {}
    return f"{scope.get('type', 'default')}:{params.get('language_code') or ''}"


def set_my_commands(state: State, params: Params, uploads: Uploads) -> Any:
    """Record the command list; names must be 1-32 lowercase letters, digits or _."""
    commands = params.get("commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("can't parse commands JSON object")
    for command in commands:
        if not _COMMAND.fullmatch(str(command.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", ""))) <= 256:
            raise bad_request("command description is empty or too long")
    state.commands[_commands_key(params)] = commands
    state.last_commands = commands
    return True


def get_my_commands(state: State, params: Params, uploads: Uploads) -> Any:
    """Return the commands set for this scope and language."""
    return state.commands.get(_commands_key(params), [])


def delete_my_commands(state: State, params: Params, uploads: Uploads) -> Any:
    """Forget the commands of this scope and language."""
    state.commands.pop(_commands_key(params), None)
    return True


def send_chat_action(state: State, params: Params, uploads: Uploads) -> Any:
    """Accept a known chat action."""
    state.target_chat(params)
    if params.get("action") not in _ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True


def answer_callback_query(state: State, params: Params, uploads: Uploads) -> Any:
    """Record the answer; each callback query may be answered once."""
    query_id = str(params.get("callback_query_id", ""))
    if state.callback_queries.get(query_id, True):
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    state.callback_queries[query_id] = True
    state.callback_answers.append(dict(params))
    state.cond.notify_all()
    return True


def get_file(state: State, params: Params, uploads: Uploads) -> Any:
    """Return the File object whose file_path the download URL serves."""
    stored = state.files.get(str(params.get("file_id", "")))
    if stored is None:
        raise bad_request("invalid file_id")
    if len(stored.content) > _DOWNLOAD_LIMIT:
        raise bad_request("file is too big")
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.content),
        "file_path": stored.file_path,
    }


def set_message_reaction(state: State, params: Params, uploads: Uploads) -> Any:
    """Record a reaction on a live message."""
    chat_id = state.target_chat(params)
    state.message(chat_id, params.get("message_id", -1), "MESSAGE_ID_INVALID")
    state.reactions.append(dict(params))
    return True


def get_chat(state: State, params: Params, uploads: Uploads) -> Any:
    """Return basic ChatFullInfo for a chat."""
    chat = state.chat(state.target_chat(params))
    gifts = dict.fromkeys(
        ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription"), True
    )
    gifts["gifts_from_channels"] = True
    extra = {"accent_color_id": 0, "max_reaction_count": 11, "accepted_gift_types": gifts}
    return chat | extra


def accept(state: State, params: Params, uploads: Uploads) -> Any:
    """Accept and do nothing (close, logOut)."""
    return True


METHODS: dict[str, Method] = {
    "getMe": get_me,
    "getUpdates": get_updates,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "sendChatAction": send_chat_action,
    "answerCallbackQuery": answer_callback_query,
    "getFile": get_file,
    "setMessageReaction": set_message_reaction,
    "getChat": get_chat,
    "close": accept,
    "logOut": accept,
}
