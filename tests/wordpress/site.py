"""A real WordPress for the publish tests: Debian's wordpress package, a private MariaDB and ``php -S``.

Everything lives in one state folder (default $READER_WP_STATE or <tmp>/reader-wordpress): the MariaDB data
on a unix socket only, a copy of /usr/share/wordpress made with ``cp -rL`` (relative symlinks such as
wp-includes/ID3 must be resolved, or media uploads fail), an own wp-config.php (WP_ENVIRONMENT_TYPE local,
so application passwords work over plain HTTP), logs and the pid files. ``start`` is idempotent: it installs
what is missing, starts what is not running, and says which processes it started; ``stop`` ends exactly
those (it checks each pid's command line names this state folder). The state is kept, so a second start
takes a couple of seconds.

    python3 -m tests.wordpress start | stop | status [--state DIR]
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORDPRESS = Path("/usr/share/wordpress")
COMMANDS = ("mariadbd", "mariadb-install-db", "mariadb", "php")
PHP_MODULES = ("mysqli", "xml", "mbstring")
DEBIAN_PACKAGES = "wordpress mariadb-server php-cli php-mysql php-xml php-mbstring"
ADMIN = "reader-admin"
DB = {"name": "wordpress", "user": "wordpress"}
UPLOAD_LIMIT = "64M"


@dataclass
class Site:
    url: str            # http://127.0.0.1:PORT (no trailing slash)
    user: str
    password_file: Path  # the application password for the REST API
    state: Path
    started: list[str] = field(default_factory=list)  # what this start() started: "mariadb", "php"

    @property
    def password(self) -> str:
        return self.password_file.read_text().strip()


def default_state() -> Path:
    import tempfile

    return Path(os.environ.get("READER_WP_STATE") or Path(tempfile.gettempdir()) / "reader-wordpress")


def why_not_runnable() -> str | None:
    """Why a real WordPress cannot run here (None when it can)."""
    if os.geteuid() != 0:
        return "needs root (a private MariaDB and a copy of Debian's WordPress are set up as root)"
    missing = [c for c in COMMANDS if shutil.which(c) is None]
    if missing or not (WORDPRESS / "wp-load.php").exists():
        return f"needs Debian's {DEBIAN_PACKAGES} (missing: {', '.join(missing) or WORDPRESS}); run sh tests/system-deps.sh as root"
    modules = subprocess.run(["php", "-m"], capture_output=True, text=True).stdout.lower().split()
    absent = [m for m in PHP_MODULES if m not in modules]
    if absent:
        return f"PHP lacks {', '.join(absent)}: install php-mysql php-xml php-mbstring (sh tests/system-deps.sh)"
    return None


def start(state: Path | None = None) -> Site:
    """Make sure the WordPress in STATE is installed and running; return it (with what was started)."""
    state = Path(state or default_state()).resolve()
    state.mkdir(parents=True, exist_ok=True)
    started: list[str] = []
    try:
        if not _alive(state / "mariadb.pid", state / "mysql"):
            started.append("mariadb")
            _start_mariadb(state)
        docroot = state / "wordpress"
        if not (docroot / "wp-load.php").exists():
            _copy_wordpress(docroot)
        port = _port(state)
        url = f"http://127.0.0.1:{port}"
        _write_config(docroot, state, url)
        if not _alive(state / "php.pid", docroot):
            started.append("php")
            _start_php(state, docroot, port)
        if not (state / "app-password").exists():
            _install(state, docroot, url)
    except BaseException:
        stop(state, only=started)  # leave nothing running that this call started
        raise
    return Site(url=url, user=ADMIN, password_file=state / "app-password", state=state, started=started)


def stop(state: Path | None = None, only: list[str] | None = None) -> list[str]:
    """Stop the processes of STATE (or ONLY those named): php -S's whole process group, then MariaDB."""
    state = Path(state or default_state()).resolve()
    stopped = []
    for name, pidfile, marker, group in (("php", "php.pid", state / "wordpress", True),
                                         ("mariadb", "mariadb.pid", state / "mysql", False)):
        if only is not None and name not in only:
            continue
        pid = _alive(state / pidfile, marker)
        if pid:
            _terminate(pid, group)
            stopped.append(name)
        (state / pidfile).unlink(missing_ok=True)
    return stopped


def status(state: Path | None = None) -> dict:
    state = Path(state or default_state()).resolve()
    port = (state / "port").read_text().strip() if (state / "port").exists() else None
    return {
        "state": str(state),
        "mariadb": bool(_alive(state / "mariadb.pid", state / "mysql")),
        "php": bool(_alive(state / "php.pid", state / "wordpress")),
        "url": f"http://127.0.0.1:{port}" if port else None,
        "installed": (state / "app-password").exists(),
    }


# --- MariaDB -------------------------------------------------------------------------------------------

def _start_mariadb(state: Path) -> None:
    datadir, log = state / "mysql", state / "mariadb.log"
    if not (datadir / "mysql").is_dir():
        shutil.rmtree(datadir, ignore_errors=True)
        _run(["mariadb-install-db", "--no-defaults", "--user=root", f"--datadir={datadir}", "--skip-test-db",
              "--auth-root-authentication-method=socket"], log)
    with open(log, "ab") as out:
        process = subprocess.Popen(
            ["mariadbd", "--no-defaults", f"--datadir={datadir}", f"--socket={state / 'mysql.sock'}",
             f"--pid-file={state / 'mariadb.pid'}", "--skip-networking", "--user=root", "--skip-log-bin",
             f"--log-error={log}", "--innodb-buffer-pool-size=32M", "--performance-schema=OFF"],
            stdin=subprocess.DEVNULL, stdout=out, stderr=out, start_new_session=True,
        )
    (state / "mariadb.pid").write_text(f"{process.pid}\n")
    _wait(lambda: _sql(state, "SELECT 1", check=False) == 0 or process.poll() is not None, 60, "MariaDB")
    if process.poll() is not None:
        raise RuntimeError(f"MariaDB ended at start (exit {process.returncode}); see {log}")
    password = _secret(state / "db-password")
    _sql(state, f"CREATE DATABASE IF NOT EXISTS {DB['name']} CHARACTER SET utf8mb4; "
                f"CREATE USER IF NOT EXISTS '{DB['user']}'@'localhost' IDENTIFIED BY '{password}'; "
                f"GRANT ALL ON {DB['name']}.* TO '{DB['user']}'@'localhost';")


def _sql(state: Path, statement: str, check: bool = True) -> int:
    done = subprocess.run(["mariadb", "--no-defaults", f"--socket={state / 'mysql.sock'}", "-u", "root", "-e", statement],
                          capture_output=True, text=True)
    if check and done.returncode:
        raise RuntimeError(f"MariaDB refused {statement[:40]!r}: {done.stderr.strip()}")
    return done.returncode


# --- WordPress -----------------------------------------------------------------------------------------

def _copy_wordpress(docroot: Path) -> None:
    """cp -rL of Debian's WordPress (symlinks resolved), with only the German language files."""
    partial = docroot.with_name("wordpress.partial")
    shutil.rmtree(partial, ignore_errors=True)
    subprocess.run(["cp", "-rL", str(WORDPRESS), str(partial)], check=True)
    languages = partial / "wp-content" / "languages"
    for path in languages.glob("*"):
        if path.is_file() and "de_DE" not in path.name:
            path.unlink()
    (partial / "wp-config.php").unlink(missing_ok=True)
    (partial / "wp-content" / "mu-plugins").mkdir(exist_ok=True)
    shutil.copy(HERE / "mu-plugin.php", partial / "wp-content" / "mu-plugins" / "reader-test-site.php")
    (partial / "wp-content" / "uploads").mkdir(exist_ok=True)
    partial.rename(docroot)


def _write_config(docroot: Path, state: Path, url: str) -> None:
    keys = "".join(f"define('{name}', '{_secret(state / 'salts' / name)}');\n" for name in (
        "AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT", "SECURE_AUTH_SALT",
        "LOGGED_IN_SALT", "NONCE_SALT"))
    config = f"""<?php
// Written by tests/wordpress/site.py for reader's tests.
define('DB_NAME', '{DB["name"]}');
define('DB_USER', '{DB["user"]}');
define('DB_PASSWORD', '{_secret(state / "db-password")}');
define('DB_HOST', 'localhost:{state / "mysql.sock"}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
{keys}$table_prefix = 'wp_';
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_HOME', '{url}');
define('WP_SITEURL', '{url}');
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_DEBUG', false);
if (!defined('ABSPATH')) {{ define('ABSPATH', __DIR__ . '/'); }}
require_once ABSPATH . 'wp-settings.php';
"""
    path = docroot / "wp-config.php"
    if not path.exists() or path.read_text() != config:
        path.write_text(config)


def _start_php(state: Path, docroot: Path, port: int) -> None:
    log = state / "php.log"
    env = dict(os.environ, PHP_CLI_SERVER_WORKERS="3")
    with open(log, "ab") as out:
        process = subprocess.Popen(
            ["php", "-d", f"upload_max_filesize={UPLOAD_LIMIT}", "-d", f"post_max_size={UPLOAD_LIMIT}",
             "-d", "memory_limit=256M", "-d", "display_errors=stderr", "-S", f"127.0.0.1:{port}",
             "-t", str(docroot), str(HERE / "router.php")],
            cwd=docroot, stdin=subprocess.DEVNULL, stdout=out, stderr=out, env=env, start_new_session=True,
        )
    (state / "php.pid").write_text(f"{process.pid}\n")
    _wait(lambda: _answers(port) or process.poll() is not None, 30, "php -S")
    if process.poll() is not None:
        raise RuntimeError(f"php -S ended at start (exit {process.returncode}); see {log}")


def _install(state: Path, docroot: Path, url: str) -> None:
    admin_password = _secret(state / "admin-password")
    env = dict(os.environ, READER_WP_URL=url)
    done = subprocess.run(
        ["php", "-d", "display_errors=stderr", str(HERE / "install.php"), str(docroot), "Reader Testblog", ADMIN,
         admin_password, "admin@example.invalid"],
        capture_output=True, text=True, env=env, cwd=docroot,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode or not lines:
        (state / "install.log").write_text(done.stdout + done.stderr)
        raise RuntimeError(f"WordPress installation failed (exit {done.returncode}); see {state / 'install.log'}")
    path = state / "app-password"
    path.touch(mode=0o600)
    path.write_text(json.loads(lines[-1])["app_password"] + "\n")


# --- processes -----------------------------------------------------------------------------------------

def _alive(pidfile: Path, marker: Path) -> int | None:
    """The pid in PIDFILE when that process runs and its command line names MARKER (ours, not a reused pid)."""
    try:
        pid = int(pidfile.read_text().split()[0])
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (OSError, ValueError, IndexError):
        return None
    if stat.rsplit(")", 1)[-1].split()[0] == "Z":
        return None
    return pid if str(marker) in cmdline else None


def _terminate(pid: int, group: bool) -> None:
    kill = (lambda sig: os.killpg(pid, sig)) if group else (lambda sig: os.kill(pid, sig))
    try:
        kill(signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _running(pid):
        time.sleep(0.1)
    if _running(pid):
        try:
            kill(signal.SIGKILL)
        except ProcessLookupError:
            pass


def _running(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:
        return False


def _port(state: Path) -> int:
    path = state / "port"
    if path.exists():
        port = int(path.read_text())
        if _alive(state / "php.pid", state / "wordpress") or _free(port):
            return port
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    path.write_text(f"{port}\n")
    return port


def _free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as php -S binds: TIME_WAIT is no obstacle
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/wp-includes/version.php", timeout=2):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


def _wait(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not come up within {seconds:g} s")
        time.sleep(0.2)


def _secret(path: Path) -> str:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(24) + "\n")
    return path.read_text().strip()


def _run(command: list[str], log: Path) -> None:
    with open(log, "ab") as out:
        subprocess.run(command, stdin=subprocess.DEVNULL, stdout=out, stderr=out, check=True)
