"""A plain-text letter is read without loading the PDF, DOCX, HTML or XML readers' libraries (issue 12)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "src" / "beleidsmonitor" / "examples" / "kst-32824-47.txt"
PDF = ROOT / "tests" / "documents" / "kst-32824-47.pdf"

PROBE = """
import sys
from beleidsmonitor.pipeline import analyse_file
analysis = analyse_file(sys.argv[1])
heavy = ("pdfminer", "docx", "lxml", "defusedxml")
print(len(analysis.commitments), sorted(m for m in sys.modules if m.split(".")[0] in heavy))
"""


def _loaded(path: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.strip()


def test_a_text_file_loads_no_other_reader() -> None:
    count, loaded = _loaded(EXAMPLE).split(" ", 1)
    assert int(count) > 50
    assert loaded == "[]"


def test_a_pdf_loads_pdfminer_when_it_is_read() -> None:
    assert "'pdfminer'" in _loaded(PDF)
