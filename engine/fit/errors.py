"""Why a FIT file or a Garmin export ZIP was refused, each with a message safe to show a user."""

from __future__ import annotations

from engine.errors import FitError

_RESEND = "Export the original .fit file again from your watch or app and send that."


class EmptyFitError(FitError):
    """The upload has no bytes."""

    def __init__(self) -> None:
        super().__init__("The file is empty.")


class NotFitError(FitError):
    """The bytes are not a FIT file at all (a renamed PDF, a text file, …)."""

    def __init__(self) -> None:
        super().__init__(
            "This is not a FIT file (it lacks the '.FIT' signature). "
            "Send the .fit file your watch or bike computer recorded."
        )


class FitCrcError(FitError):
    """The stored checksum does not match the bytes: the file was damaged."""

    def __init__(self) -> None:
        super().__init__(f"The file's checksum does not match, so it was damaged. {_RESEND}")


class TruncatedFitError(FitError):
    """The bytes stop before the file's declared end."""

    def __init__(self, part: int = 1, parts: int = 1) -> None:
        where = f" inside part {part} of its {parts} chained FIT files" if parts > 1 else ""
        super().__init__(f"The file ends too early{where}: it was cut off. {_RESEND}")
        self.part = part


class ChainedHeaderError(FitError):
    """A later FIT file chained after the first has a corrupt header."""

    def __init__(self, part: int) -> None:
        super().__init__(
            f"This file chains several FIT files and the header of part {part} is corrupt. "
            f"{_RESEND}"
        )
        self.part = part


class CorruptFitError(FitError):
    """The FIT data breaks the format (undefined messages, impossible values)."""

    def __init__(
        self, offset: int | None = None, why: str = "its data breaks the FIT format"
    ) -> None:
        at = f" at byte {offset}" if offset is not None else ""
        super().__init__(f"The file is damaged{at}: {why}. {_RESEND}")
        self.offset = offset


class NoClockError(FitError):
    """The device wrote only times relative to power-on and nothing to anchor them."""

    def __init__(self) -> None:
        super().__init__(
            "The file has no real date or time (the device only counted seconds since it was "
            "switched on), so the activity cannot be placed on a day."
        )


class NoActivityError(FitError):
    """A valid FIT file that holds no recorded activity (settings, course, workout, …)."""

    def __init__(self, file_type: str | None = None) -> None:
        kind = f"a '{file_type}' file" if file_type and file_type != "activity" else "valid"
        super().__init__(
            f"The FIT file is {kind} but holds no recorded activity (no sessions, records or "
            "sets). Send the activity file of your workout."
        )


class ZipError(FitError):
    """A Garmin export ZIP could not be used."""


class BadZipError(ZipError):
    """The upload is not a readable ZIP archive."""

    def __init__(self, why: str = "it is damaged or not a ZIP archive") -> None:
        super().__init__(f"The archive cannot be opened: {why}.")


class ZipLimitError(ZipError):
    """The archive exceeds a safety limit (member count, unpacked size, compression ratio)."""

    def __init__(self, why: str) -> None:
        super().__init__(f"The archive was refused for safety: {why}.")


class NoFitInZipError(ZipError):
    """The archive holds no .fit file."""

    def __init__(self) -> None:
        super().__init__("The archive holds no .fit files.")
