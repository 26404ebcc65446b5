"""The report as PDF, converted from its DOCX by LibreOffice running headless.

Times New Roman is not installed on Linux; fontconfig gives LibreOffice Liberation Serif in its
place, which has the same metrics, so lines and pages break as in Word. Debian's
fonts-liberation2 is needed: the older fonts-liberation lacks most Vietnamese letters.
"""

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

DEFAULT_TIMEOUT = 120


class LibreOfficeMissing(RuntimeError):
    def __init__(self):
        super().__init__(
            "Không tìm thấy LibreOffice (lệnh soffice hoặc libreoffice) trên máy chủ, nên chưa "
            "xuất được báo cáo ra PDF. Hãy tải bản Word (.docx), hoặc nhờ quản trị viên cài "
            "LibreOffice (gói libreoffice-writer-nogui) và phông chữ fonts-liberation2."
        )


class PdfConversionError(RuntimeError):
    """LibreOffice ran but gave no PDF; the message is for the officer."""


def soffice() -> str | None:
    """The LibreOffice program on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx_bytes: bytes, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    program = soffice()
    if program is None:
        raise LibreOfficeMissing()
    with tempfile.TemporaryDirectory(prefix="hocvuso-pdf-") as workdir:
        workdir = Path(workdir)
        source = workdir / "bao-cao.docx"
        source.write_bytes(docx_bytes)
        outdir = workdir / "out"
        # A private profile per conversion: two LibreOffice processes sharing one profile
        # block each other, and a fresh one costs under a second.
        profile = (workdir / "profile").as_uri()
        command = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(source),
        ]
        # Its own process group, so that a hung conversion is ended with all its children.
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            cwd=workdir,
            start_new_session=True,
            env={**os.environ, "HOME": str(workdir)},
        )
        try:
            _, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise PdfConversionError(
                f"LibreOffice không chuyển xong báo cáo sang PDF sau {timeout:g} giây."
            ) from None
        result = outdir / "bao-cao.pdf"
        if process.returncode != 0 or not result.exists():
            detail = stderr.decode(errors="replace").strip()[-500:]
            raise PdfConversionError(
                f"LibreOffice không chuyển được báo cáo sang PDF (mã {process.returncode}). {detail}"
            )
        return result.read_bytes()
