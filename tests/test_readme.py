"""Every setting is documented in the README."""
from pathlib import Path

from assistant.settings import Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented():
    missing = [f"ASSISTANT_{name.upper()}" for name in Settings.model_fields if f"ASSISTANT_{name.upper()}" not in README]
    assert not missing


def test_readme_opens_with_the_start_and_test_commands():
    head = README[:1200]
    assert "uvicorn api.app:app" in head and "pytest" in head
