"""The command line in processes of its own, as users and cron jobs run it side by side; a process
that holds a project's lock until told to let go; and a site compared with a clean build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from site_builder.lock import current_holder
from tests.support.servers import site_files
from tests.support.sites import REPO

TIMEOUT = 120  # seconds; a bound on a hang, never a speed asserted


def cli(root: Path, *args: str, timeout: float = TIMEOUT,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`site-builder --root ROOT ARGS` in a process of its own (`env`: added to this one's)."""
    return subprocess.run([sys.executable, "-m", "site_builder", "--root", str(root), *args], cwd=REPO,
                          capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})})


def start_cli(root: Path, *args: str) -> subprocess.Popen[str]:
    """The same, started and left running; its stderr is a pipe to read line by line."""
    return subprocess.Popen([sys.executable, "-m", "site_builder", "--root", str(root), *args], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


_HOLD = """
import sys
from pathlib import Path
from site_builder.lock import project_lock
with project_lock(Path(sys.argv[1]), sys.argv[2]):
    print("held", flush=True)
    sys.stdin.read()
"""


class LockHolder:
    """A process holding the project's lock as a command would (`command`: "build",
    "deploy production"), until `release` or a kill."""

    def __init__(self, root: Path, command: str = "build"):
        self.process = subprocess.Popen([sys.executable, "-c", _HOLD, str(root), command], cwd=REPO,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        assert self.process.stdout.readline() == "held\n"
        holder = current_holder(root)
        assert holder is not None and holder.pid == self.process.pid, holder
        self.pid = self.process.pid

    def release(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        assert self.process.wait(timeout=TIMEOUT) == 0

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=TIMEOUT)


def clean_build(root: Path, scratch: Path) -> dict[str, bytes]:
    """The site a fresh build of `root`'s sources makes (in a copy, without cache or output), by
    path, the search index left out: what an incremental build must equal."""
    if scratch.exists():
        shutil.rmtree(scratch)
    scratch.mkdir(parents=True)
    for name in ("site.toml", "content", "themes", "templates", "static"):
        source = root / name
        if source.is_dir():
            shutil.copytree(source, scratch / name, symlinks=True)
        elif source.is_file():
            shutil.copy2(source, scratch / name)
    done = cli(scratch, "build")
    assert done.returncode == 0, done.stderr
    return without_search(site_files(scratch / "output"))


def without_search(files: dict[str, bytes]) -> dict[str, bytes]:
    return {path: data for path, data in files.items() if not path.startswith("pagefind/")}


def mount_namespace() -> list[str] | None:
    """The command that runs a shell in a mount namespace of its own (as root, or as a user who
    may make one), where the tests mount folders as Docker volumes and full or read-only disks
    are; None where this machine allows neither."""
    for command in (["unshare", "--mount", "--propagation", "private"],
                    ["unshare", "--user", "--map-root-user", "--mount", "--propagation", "private"]):
        try:
            probe = subprocess.run([*command, "sh", "-c", "mount -t tmpfs none /mnt"], capture_output=True)
        except OSError:
            return None
        if probe.returncode == 0:
            return command
    return None


def in_mount_namespace(command: list[str], script: str, timeout: float = TIMEOUT) -> subprocess.CompletedProcess[str]:
    """`script` (sh, stopping at the first failure) run in a mount namespace of its own: what it
    mounts is gone when it ends. `$PY` runs site-builder."""
    site_builder = f"{sys.executable} -m site_builder"
    return subprocess.run([*command, "sh", "-ec", script], capture_output=True, text=True, timeout=timeout,
                          cwd=REPO, env={**os.environ, "PY": site_builder})
