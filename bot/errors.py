"""One small exception family. Every message is fit to show a user as is;
the UI and the CLI translate them to text at the edge, nowhere else."""


class BotError(Exception):
    """Base of every error the product raises on purpose."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class LoadError(BotError):
    """A trainer's file (persona, rubric, prompt, script) is invalid.

    Rendered as ``file: field: what is wrong (hint)``."""

    def __init__(self, file: str, field: str, problem: str, hint: str | None = None):
        self.file, self.field, self.problem = file, field, problem
        super().__init__(f"{file}: {field}: {problem}", hint)


class ConfigError(BotError):
    """A setting is missing or inconsistent."""


class LLMUnavailable(BotError):
    """The LLM endpoint cannot be reached or keeps failing after retries."""


class JudgeOutputError(BotError):
    """The judge answered, but not with a usable grade."""


class InputError(BotError):
    """A user's input (a message, a batch line, a form field) is refused."""


class NotFound(BotError):
    """The thing asked for does not exist (or is not visible to the asker)."""


class AccessDenied(BotError):
    """The user may not see or change this."""
