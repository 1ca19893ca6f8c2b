"""The web app: FastAPI with the Chainlit practice app mounted, plus review pages."""

import os

from bot.config import PROJECT_ROOT

# Chainlit reads .chainlit/config.toml and public/ from its app root when first imported: make that the
# project, wherever `bot serve` is started from.
os.environ.setdefault("CHAINLIT_APP_ROOT", str(PROJECT_ROOT))
