"""How this endorse was installed: the one place that answers "how do I add what is missing?"
and "which source can a workflow install endorse from?".

Every "needs an extra" message comes from ``missing_extra``: it gives the command for the way
endorse runs here (pipx, a virtual environment, a source checkout, or a plain Python), always
for the ``all`` extra, so one command brings Word, PDF and charts at once. ``tool_source`` reads
what the installer recorded (PEP 610's ``direct_url.json``) to pin the GitHub workflows to the
repository and commit endorse came from, and says why when it cannot.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

from endorse.errors import EndorseError

DISTRIBUTION = "endorse"
ALL = "all"
PIPX = "pipx"
VENV = "venv"
CHECKOUT = "checkout"
SYSTEM = "system"
# WeasyPrint's own installation guide, for the platforms without one command to give.
WEASYPRINT_INSTALL = "https://doc.courtbouillon.org/weasyprint/stable/first_steps.html"
# What WeasyPrint needs from the system (Pango and HarfBuzz), per platform, as its guide says.
PDF_SYSTEM_PACKAGES = {
    "debian": "sudo apt install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0",
    "fedora": "sudo dnf install pango",
    "macos": "brew install pango",
    "windows": (
        "install MSYS2, run 'pacman -S mingw-w64-x86_64-pango' in it, and set "
        f"WEASYPRINT_DLL_DIRECTORIES to its mingw64\\bin folder ({WEASYPRINT_INSTALL})"
    ),
}
PDF_PLATFORM_NAMES = {
    "debian": "Debian/Ubuntu",
    "fedora": "Fedora",
    "macos": "macOS",
    "windows": "Windows",
}
# Khmer text needs a Khmer font; the others come with every desktop.
KHMER_FONTS = "for Khmer, a Khmer font too (Debian: fonts-khmeros or fonts-noto-core)"


@dataclass(frozen=True)
class Installation:
    """Where the running endorse lives and how it got there."""

    kind: str  # PIPX, VENV, CHECKOUT or SYSTEM
    python: str  # the running interpreter
    prefix: Path  # sys.prefix: the pipx or virtual environment
    checkout: Path | None = None  # the source folder of an editable install


def direct_url(dist: metadata.Distribution | None = None) -> dict[str, object] | None:
    """What the installer recorded about endorse's source (PEP 610), if it recorded anything."""
    try:
        dist = dist or metadata.distribution(DISTRIBUTION)
        text = dist.read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    if not text:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _file_path(url: object) -> Path | None:
    if not isinstance(url, str):
        return None
    parsed = urlparse(url)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else None


def _editable_checkout(recorded: Mapping[str, object] | None) -> Path | None:
    if recorded is None:
        return None
    dir_info = recorded.get("dir_info")
    if isinstance(dir_info, dict) and dir_info.get("editable"):
        return _file_path(recorded.get("url"))
    return None


def pipx_home(environ: Mapping[str, str] | None = None) -> list[Path]:
    """The folders pipx keeps its environments in: $PIPX_HOME, or its defaults (old and new)."""
    environ = os.environ if environ is None else environ
    if environ.get("PIPX_HOME"):
        return [Path(environ["PIPX_HOME"])]
    home = Path.home()
    return [
        home / ".local" / "share" / "pipx",
        home / ".local" / "pipx",
        home / "Library" / "Application Support" / "pipx",
        home / "pipx",
    ]


def installation(
    *,
    prefix: Path | None = None,
    base_prefix: Path | None = None,
    python: str | None = None,
    recorded: Mapping[str, object] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Installation:
    """How the running endorse was installed (the arguments stand in for ``sys`` in tests)."""
    prefix = Path(sys.prefix) if prefix is None else prefix
    base_prefix = Path(sys.base_prefix) if base_prefix is None else base_prefix
    python = python or sys.executable
    recorded = direct_url() if recorded is None else recorded
    checkout = _editable_checkout(recorded)
    if checkout is not None:
        return Installation(CHECKOUT, python, prefix, checkout)
    in_pipx = (prefix / "pipx_metadata.json").is_file() or any(
        prefix.parent == home / "venvs" for home in pipx_home(environ)
    )
    if in_pipx:
        return Installation(PIPX, python, prefix)
    if prefix != base_prefix:
        return Installation(VENV, python, prefix)
    return Installation(SYSTEM, python, prefix)


def extra_requirements(extra: str = ALL) -> list[str]:
    """The requirements an extra adds, as the installed metadata lists them."""
    try:
        requires = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        return []
    marker = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")
    found: list[str] = []
    for requirement in requires:
        name, _, condition = requirement.partition(";")
        match = marker.search(condition)
        if not match or match.group(1) != extra:
            continue
        if name.strip() not in found:
            found.append(name.strip())
    return found


def install_command(where: Installation, requirements: list[str] | None = None) -> str:
    """The one command that adds the ``all`` extra to this installation."""
    python = shlex.quote(where.python)
    if where.kind == CHECKOUT and where.checkout is not None:
        return f"{python} -m pip install -e {shlex.quote(f'{where.checkout}[{ALL}]')}"
    if where.kind == PIPX:
        wanted = extra_requirements() if requirements is None else requirements
        if wanted:
            return f"pipx inject {where.prefix.name} " + " ".join(map(shlex.quote, wanted))
        return f"pipx runpip {where.prefix.name} install '{DISTRIBUTION}[{ALL}]'"
    # pip finds endorse installed and adds only the extra's packages: nothing is fetched by the
    # name 'endorse' from the package index.
    user = " --user" if where.kind == SYSTEM else ""
    return f"{python} -m pip install{user} '{DISTRIBUTION}[{ALL}]'"


def platform_key(platform: str | None = None, os_release: str | None = None) -> str | None:
    """'debian', 'fedora', 'macos' or 'windows' for the running system; None if unknown."""
    platform = sys.platform if platform is None else platform
    if platform == "darwin":
        return "macos"
    if platform.startswith(("win", "cygwin", "msys")):
        return "windows"
    if not platform.startswith("linux"):
        return None
    if os_release is None:
        try:
            os_release = Path("/etc/os-release").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    ids: list[str] = []
    for line in os_release.splitlines():
        key, _, value = line.partition("=")
        if key in ("ID", "ID_LIKE"):
            ids += value.strip().strip("\"'").lower().split()
    for known in ("debian", "ubuntu", "fedora", "rhel"):
        if known in ids:
            return {"ubuntu": "debian", "rhel": "fedora"}.get(known, known)
    return None


def pdf_system_packages(platform: str | None = None) -> str:
    """What PDF needs from the system here; every platform's line when this one is unknown."""
    if platform in PDF_SYSTEM_PACKAGES:
        return f"PDF also needs Pango: {PDF_SYSTEM_PACKAGES[platform]}; {KHMER_FONTS}"
    each = "; ".join(f"{PDF_PLATFORM_NAMES[k]}: {v}" for k, v in PDF_SYSTEM_PACKAGES.items())
    return f"PDF also needs Pango ({each}); {KHMER_FONTS}"


def missing_extra(
    what: str,
    package: str,
    *,
    alternative: str | None = None,
    where: Installation | None = None,
    platform: str | None = None,
) -> EndorseError:
    """The error for a feature whose optional package is not installed: the one message of the
    kind, with the command for this installation."""
    where = where or installation()
    hint = f"install endorse's extras with: {install_command(where)}"
    if package == "weasyprint":
        hint += f"\n{pdf_system_packages(platform_key() if platform is None else platform)}"
    if alternative:
        hint += f"\n(or {alternative})"
    return EndorseError(f"{what} needs {package}, which is not installed", hint=hint)


def missing_system_library(detail: str, *, platform: str | None = None) -> EndorseError:
    """WeasyPrint is installed but its system libraries are not."""
    return EndorseError(
        f"WeasyPrint cannot start: {detail}",
        hint=pdf_system_packages(platform_key() if platform is None else platform),
    )


# --- Which source a GitHub workflow installs endorse from -----------------------------------

# A full commit hash: a tag or a branch can be moved, a commit cannot.
COMMIT = re.compile(r"[0-9a-f]{40}")
# What a URL in a workflow may hold: no quotes, spaces, '$' or backticks reach the shell.
SAFE_URL = re.compile(r"(?:https|ssh|git|file)://[A-Za-z0-9._~:/%+@-]+")
SAFE_REF = re.compile(r"[A-Za-z0-9._/-]+")
_SCP_LIKE = re.compile(r"(?:[A-Za-z0-9._-]+@)?(?P<host>[A-Za-z0-9.-]+):(?P<path>[^/].*)")


@dataclass(frozen=True)
class ToolSource:
    """A git repository and a ref to install endorse from; ``reason`` says how it was found,
    or why none was."""

    url: str | None
    ref: str | None
    reason: str

    @property
    def known(self) -> bool:
        return self.url is not None and self.ref is not None

    @property
    def pinned(self) -> bool:
        return self.ref is not None and COMMIT.fullmatch(self.ref) is not None

    def requirement(self) -> str:
        """The pip requirement: ``endorse[all] @ git+URL@REF``."""
        assert self.url is not None and self.ref is not None
        url = self.url if self.url.startswith("git+") else f"git+{self.url}"
        return f"{DISTRIBUTION}[{ALL}] @ {url}@{self.ref}"


def parse_tool_source(given: str, option: str = "--tool-source") -> ToolSource:
    """``URL@REF`` as given to ``init --github --tool-source``."""
    from endorse.errors import UsageError

    url, at, ref = given.strip().removeprefix("git+").rpartition("@")
    example = f"{option} https://github.com/OWNER/endorse@<40-hex commit>"
    if not at or not url or "://" not in url:
        raise UsageError(f"{option} wants URL@REF, not '{given}'", hint=example)
    if not SAFE_URL.fullmatch(url):
        raise UsageError(
            f"{option}: '{url}' is not a repository URL a workflow can use "
            "(https://, ssh://, git:// or file://, without spaces or quotes)",
            hint=example,
        )
    if not SAFE_REF.fullmatch(ref) or ref.startswith("-") or ".." in ref:
        raise UsageError(f"{option}: '{ref}' is not a git ref", hint=example)
    return ToolSource(url, ref, f"given with {option}")


def https_url(remote: str) -> str | None:
    """A remote as a URL a workflow can fetch: scp-like ``git@host:o/r`` becomes https."""
    remote = remote.strip()
    if SAFE_URL.fullmatch(remote):
        parsed = urlparse(remote)
        if parsed.scheme == "ssh" and parsed.hostname:
            return f"https://{parsed.hostname}{parsed.path}"
        return remote if parsed.scheme in ("https", "git") else None
    scp = _SCP_LIKE.fullmatch(remote)
    if scp and "/" not in scp.group("host"):
        url = f"https://{scp.group('host')}/{scp.group('path')}"
        return url if SAFE_URL.fullmatch(url) else None
    return None


def _git(folder: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args],
            input=stdin,
            capture_output=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def _published_head(clone: Path) -> tuple[str, str] | str:
    """(remote URL, HEAD) when HEAD is on a branch of a remote the runner can fetch; else why
    not."""
    head = _git(clone, "rev-parse", "HEAD")
    if head is None:
        return f"{clone} is not a git clone with a commit"
    commit = head.decode().strip()
    branches = _git(clone, "branch", "-r", "--contains", commit, "--format=%(refname:short)")
    for branch in (branches or b"").decode().split():
        remote = branch.split("/", 1)[0]
        url = _git(clone, "remote", "get-url", remote)
        fetchable = https_url(url.decode()) if url else None
        if fetchable:
            return fetchable, commit
    return f"commit {commit[:12]} of {clone} is on no remote branch a workflow can fetch"


def _same_as_installed(clone: Path, commit: str, dist: metadata.Distribution) -> bool:
    """Whether every installed endorse module is, byte for byte, the file at ``commit``."""
    files = [f for f in dist.files or [] if f.parts[0] == DISTRIBUTION and f.hash is not None]
    if not files:
        return False
    names = "".join(f"{commit}:src/{f.as_posix()}\n" for f in files).encode()
    out = _git(clone, "cat-file", "--batch", stdin=names)
    if out is None:
        return False
    position = 0
    for entry in files:
        header_end = out.find(b"\n", position)
        header = out[position:header_end].split() if header_end >= 0 else []
        if len(header) != 3 or not header[2].isdigit():
            return False  # missing at that commit, or output cut short
        size = int(header[2])
        blob = out[header_end + 1 : header_end + 1 + size]
        position = header_end + 1 + size + 1
        assert entry.hash is not None
        digest = hashlib.new(entry.hash.mode, blob).digest()
        if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != entry.hash.value:
            return False
    return True


def recorded_tool_source(dist: metadata.Distribution | None = None) -> ToolSource:
    """The repository and commit endorse was installed from, when that is known for sure:

    - installed from git (``pip install git+URL@REF``): the URL and the commit pip resolved;
    - an editable install of a clone: the clone's HEAD, when the clone has no uncommitted
      change to the package and HEAD is on a remote branch;
    - installed from a clone's folder: the clone's HEAD when every installed module is the
      file at HEAD (compared with the hashes the installer recorded) and HEAD is on a remote
      branch.
    """
    try:
        dist = dist or metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return ToolSource(None, None, "endorse is not installed as a package")
    recorded = direct_url(dist)
    if recorded is None:
        return ToolSource(None, None, "the installer recorded no source (installed from an index)")
    vcs = recorded.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git":
        url, commit = recorded.get("url"), vcs.get("commit_id")
        if isinstance(url, str) and isinstance(commit, str) and COMMIT.fullmatch(commit):
            fetchable = https_url(url)
            if fetchable:
                return ToolSource(fetchable, commit, f"installed from {fetchable}")
        return ToolSource(
            None, None, f"installed from git at {url!r}, which a GitHub runner cannot fetch"
        )
    clone = _file_path(recorded.get("url"))
    if clone is None:
        return ToolSource(None, None, "installed from an archive, not a git repository")
    published = _published_head(clone)
    if isinstance(published, str):
        return ToolSource(None, None, published)
    url, commit = published
    if _editable_checkout(recorded) is not None:
        changed = _git(clone, "status", "--porcelain", "--", "src", "pyproject.toml")
        if changed is None or changed.strip():
            return ToolSource(None, None, f"{clone} has uncommitted changes to endorse")
    elif not _same_as_installed(clone, commit, dist):
        return ToolSource(
            None, None, f"the installed endorse is not commit {commit[:12]} of {clone}"
        )
    return ToolSource(url, commit, f"{clone} at HEAD, published at {url}")
