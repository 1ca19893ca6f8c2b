"""What the practice app's handlers need at run time, built once by the web app's lifespan.

    await start_practice(settings, store, models, catalog)   # in the FastAPI lifespan, after the LLM is up
    mount_practice_app(app)                                  # in create_app, after every other route

chat.py is loaded by Chainlit from its file path (a module of its own, not ``bot.web.chat``), so it keeps
no state: it asks ``current()`` for this runtime. Login mode is decided here at start-up: with no user that
has a password the app runs as the single local user (header auth that always answers "local"); with such
users it asks for a password. Adding the first password user therefore needs a restart.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cached_property

from bot import accounts
from bot.config import PROJECT_ROOT, Settings
from bot.customer import CustomerVoice
from bot.domain import Persona, Rubric
from bot.errors import AccessDenied, ConfigError, NotFound
from bot.files import Catalog
from bot.grading import OfflineGrader, default_engine, get_grader
from bot.grading.debrief_llm import debrief_builder
from bot.llm import ChatModels
from bot.ports import Grader, Mode, SessionRecord
from bot.session import DebriefBuilder, PracticeSession
from bot.store import SqlStore, User

# Start-up lines go to uvicorn's logger: the one `bot serve` prints.
log = logging.getLogger("uvicorn.error")

CHAT_MODULE = PROJECT_ROOT / "bot" / "web" / "chat.py"


@dataclass
class PracticeRuntime:
    settings: Settings
    store: SqlStore
    catalog: Catalog
    models: ChatModels
    login_required: bool

    @property
    def rubric(self) -> Rubric:
        try:
            return self.catalog.rubrics[self.settings.default_rubric]
        except KeyError:
            raise ConfigError(
                f"The default rubric '{self.settings.default_rubric}' is not loaded.",
                hint="check BOT_DEFAULT_RUBRIC and run `bot check`",
            ) from None

    def persona(self, persona_id: str | None) -> Persona:
        persona = self.catalog.personas.get(persona_id or "")
        if persona is None:
            raise NotFound(f"There is no customer scenario '{persona_id}'.", hint="pick one from the scenario list")
        return persona

    def find_persona(self, persona_id: str) -> Persona | None:
        return self.catalog.personas.get(persona_id)

    def may_log_in(self, user: User) -> bool:
        """In login mode only users with a password; otherwise everyone is the local user."""
        return user.has_password if self.login_required else user.name == accounts.LOCAL_USER_NAME

    async def user(self, name: str) -> User:
        """The store user behind a Chainlit login, refused if they can no longer log in."""
        user = await self.store.find_user(name)
        if user is None or not self.may_log_in(user):
            raise AccessDenied(f"The account '{name}' cannot use the practice app now.",
                               hint="log out and log in again")
        return user

    # Made once, on first use, and shared by every session (they hold no session state): building them
    # loads and compiles the prompt templates, ~40 ms of CPU each time, which under load delayed every chat.
    @cached_property
    def refining_grader(self) -> Grader | None:
        return None if default_engine(self.settings) == "offline" else get_grader(self.settings, self.models)

    @cached_property
    def debrief(self) -> DebriefBuilder:
        return debrief_builder(self.settings, self.models)

    def session(self, persona: Persona, user: User, mode: Mode) -> PracticeSession:
        """A new practice conversation, not started yet. The offline grader moves the mood at once; a
        configured LLM engine refines the stored grades behind it."""
        # the configured retries (BOT_LLM_MAX_RETRIES); the off-topic check only on the embedded model
        customer = CustomerVoice.for_models(self.models, self.catalog.prompts)
        return PracticeSession(
            persona=persona, rubric=self.rubric, customer=customer,
            mood_grader=OfflineGrader(), refining_grader=self.refining_grader,
            debrief=self.debrief, store=self.store, settings=self.settings,
            user_id=user.id, mode=mode,
        )

    def reopened(self, record: SessionRecord, user: User) -> PracticeSession:
        """A stored session brought back (after a restart or from history), ready for the next reply."""
        session = self.session(self.persona(record.persona_id), user, record.mode)
        session.resume(record)
        return session


_runtime: PracticeRuntime | None = None


def current() -> PracticeRuntime:
    if _runtime is None:
        raise ConfigError("The practice app is not started.", hint="run it with `bot serve`")
    return _runtime


async def start_practice(settings: Settings, store: SqlStore, models: ChatModels, catalog: Catalog) -> PracticeRuntime:
    """Pick the login mode and make the runtime current."""
    global _runtime
    login_required = await accounts.login_required(store)
    accounts.ensure_auth_secret(settings)
    if login_required:
        log.info("Practice app: password login (users are managed with `bot users`).")
    else:
        local = await accounts.local_user(store)
        log.info("Practice app: no users with a password, so everyone is the single local user '%s'. "
                 "Add one with `bot users add NAME --role agent --password-stdin` and restart to require a login.",
                 local.name)
    _runtime = PracticeRuntime(settings, store, catalog, models, login_required)
    from bot.web.chainlit_setup import configure_chainlit  # it imports this module

    configure_chainlit(_runtime)
    return _runtime


def mount_practice_app(app) -> None:
    """Mount Chainlit at / on ``app``: call it last, so the app's own routes (/healthz, /review) win.

    Chainlit's app is a process-wide singleton that takes its set-up once; a second FastAPI app (tests
    build several) mounts the same one."""
    from chainlit.server import app as chainlit_app
    from chainlit.utils import mount_chainlit

    global _chainlit_mounted
    if _chainlit_mounted:
        app.mount("/", chainlit_app)
        return
    mount_chainlit(app=app, target=str(CHAT_MODULE), path="/")
    _chainlit_mounted = True


_chainlit_mounted = False
