"""What the test folders share: a free port, and the real service started as deployed (uvicorn, or
``assistant serve``, in its own process group) on one."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

from intake.questions import fact_in_words

CHECKOUT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Service:
    """The service on a free port with ``data_dir`` as its data folder, rate limiting off unless ``env`` says
    otherwise. ``workers`` > 1 runs uvicorn's workers; ``cli`` starts it as ``assistant serve``; ``log_config``
    is handed to uvicorn as its logging configuration."""

    def __init__(self, data_dir: Path, *, workers: int = 1, cli: bool = False, log_config: dict | None = None,
                 **env: str):
        self.data_dir, self.port = data_dir, free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = dict(os.environ, ASSISTANT_DATA_DIR=str(data_dir), ASSISTANT_RATE_LIMIT="0",
                        HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False", **env)
        data_dir.parent.mkdir(parents=True, exist_ok=True)
        self.log_path = data_dir.parent / f"service-{self.port}.log"
        if cli:
            self.command = [str(VENV_BIN / "assistant"), "serve", "--port", str(self.port), "--workers", str(workers)]
        else:
            self.command = [sys.executable, "-m", "uvicorn", "api.app:app", "--host", "127.0.0.1",
                            "--port", str(self.port), "--workers", str(workers)]
            if log_config is not None:
                config = data_dir.parent / f"logging-{self.port}.json"
                config.write_text(json.dumps(log_config))
                self.command += ["--log-config", str(config)]
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 180) -> "Service":
        with open(self.log_path, "a") as log:
            self.proc = subprocess.Popen(self.command, cwd=CHECKOUT, env=self.env, stdout=log,
                                         stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the service exited with {self.proc.returncode}: {self.log()[-3000:]}")
            try:
                if httpx.get(self.base + "/api/health", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop(signal.SIGKILL)
        raise RuntimeError(f"the service was not healthy within {timeout}s: {self.log()[-3000:]}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, sig)
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(15)
        except ProcessLookupError:
            pass

    def __enter__(self) -> "Service":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


@contextmanager
def running_service(data_dir: Path, **env: str):
    with Service(data_dir, **env) as service:
        yield service


# ---------------------------------------------------------------- answering intake questions in tests

YES_NO = {True: ["是的", "有", "是"], False: ["没有", "否", "不是"]}
MARK = {True: "是", False: "否", None: "不清楚"}


def question_fields(q) -> list[str]:
    """The facts a question asks (a dict from the API or an intake.questions.Question)."""
    q = q if isinstance(q, dict) else q.model_dump()
    return q.get("fields") or [q["field"]]


def answer_body(q, facts: dict) -> dict:
    """The structured answer to a question: {field, value}, or {values} for a checklist or a confirmation."""
    q = q if isinstance(q, dict) else q.model_dump()
    if q["kind"] in ("checklist", "confirm"):
        return {"values": {f: facts.get(f) for f in question_fields(q)}}
    return {"field": q["field"], "value": facts.get(q["field"])}


def words_for(q, facts: dict, i: int) -> str:
    """How a person types the answer that the facts give (the acceptance check's phrasing)."""
    q = q if isinstance(q, dict) else q.model_dump()
    if q["kind"] == "confirm":  # 确认无误 when what was read holds, else the right values of the wrong ones
        wrong = [c for c in q["choices"] if c["value"] != facts.get(c["field"]) or
                 type(c["value"]) is not type(facts.get(c["field"]))]
        if not wrong:
            return "确认无误"
        return "；".join(f"{c['label']}：{fact_in_words(c['field'], facts.get(c['field']))}" for c in wrong)
    if q["kind"] == "checklist":
        values = [facts.get(f) for f in question_fields(q)]
        if all(v is False for v in values):
            return "都没有"
        if all(v is None for v in values):
            return "都不清楚"
        labels = {c["field"]: c["label"] for c in q["choices"]}
        return "；".join(f"{labels[f]}：{MARK[facts.get(f)]}" for f in question_fields(q))
    value = facts.get(q["field"])
    if value is None:
        return "不清楚"
    if isinstance(value, bool):
        return YES_NO[value][i % 3]
    if q["kind"] == "choice":
        return next(c["label"] for c in q["choices"] if c["value"] == value)
    if q["field"] == "industrial_value_added_share":
        return f"大约{value}%"
    if q["field"] == "longest_halt_months":
        return f"{value}个月" if value else "没有停过产"
    return str(value)


def tiny_pdf(lines: list[str], title: str | None = None) -> bytes:
    """A one-page PDF with a text layer (Helvetica, so Latin text only), written by hand: no PDF library needed."""
    def literal(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = "BT /F1 12 Tf 72 770 Td 14 TL " + " ".join(f"({literal(line)}) Tj T*" for line in lines) + " ET"
    info = f"<< /Title ({literal(title)}) >>" if title else "<< >>"
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               "/Resources << /Font << /F1 5 0 R >> >> >>",
               f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", info]
    out, offsets = b"%PDF-1.4\n", []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return out
