"""/healthz once the app has started: backend, models per role, personas loaded and the broken ones."""

import shutil

from fastapi.testclient import TestClient

from bot.config import PROJECT_ROOT, Settings
from bot.web.app import create_app


def test_healthz_reports_backend_models_and_persona_problems(tmp_path):
    personas = tmp_path / "personas"
    personas.mkdir()
    shutil.copy(PROJECT_ROOT / "personas" / "isp-dana.yaml", personas)
    (personas / "broken.yaml").write_text("name: [unclosed\n")
    settings = Settings(
        _env_file=None,
        llm_base_url="http://127.0.0.1:9/v1",  # nothing is called at start-up, so nothing needs to listen
        llm_model="gpt-4o-mini",
        judge_model="gpt-4o",
        personas_dir=personas,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
    )
    with TestClient(create_app(settings)) as client:
        response = client.get("/healthz")
    assert response.status_code == 200
    health = response.json()
    assert health["model_backend"] == "http://127.0.0.1:9/v1"
    assert health["models"] == {"customer": "gpt-4o-mini", "judge": "gpt-4o", "debrief": "gpt-4o-mini"}
    assert health["personas_loaded"] == 1 and health["status"] == "ok"
    [problem] = health["personas_unavailable"]
    assert problem["file"].endswith("broken.yaml") and problem["error"]
