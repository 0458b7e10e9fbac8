"""`python -m hub serve`: set the hub folder up on first run, then start Datasette on it (docs/hub.md).

The hub folder (``--dir``, default ``$DR_SCREEN_HUB_DIR`` or /srv/dr-screen) holds, owner-only:

    hub.db               the hub database (made, then set up again at every start: after an
                         update that adds columns or guards, a restart adds them)
    hub-export.key/.pub  the hub's export key pair (hub/keys.py; the laptops get the .pub)
    datasette-secret     the secret that signs logins and laptop tokens (made once), unless
                         $DATASETTE_SECRET is set
    datasette.json       permissions and graders' accounts (a starting file, made once; the
                         administrator edits it)
    models/              published model bundles (served to the laptops as /dr-screen-models/)
    laptop-keys/         enrolled laptops' keys (`python -m hub enrol`)

The secret reaches Datasette in its environment, never on its command line: any local user
can read another's command line (ps), and the secret mints tokens that read patient names.
A secret or configuration file that others may read is refused (it must be chmod 600).
"""

from __future__ import annotations

import json
import os
import secrets
import stat
import sys
from pathlib import Path

from fundus.private import FILE_MODE, make_private_dir
from hub import HubError, database

ENV_DIR = "DR_SCREEN_HUB_DIR"
DEFAULT_DIR = "/srv/dr-screen"
ENV_SECRET = "DATASETTE_SECRET"  # read by `datasette serve` and `datasette create-token`
DB_NAME, SECRET_NAME, CONFIG_NAME, MODELS_DIR = "hub.db", "datasette-secret", "datasette.json", "models"
MODELS_ROUTE = "dr-screen-models"  # where the laptops fetch model updates (docs/model-updates.md)
NOBODY = {"id": []}  # an allow block no actor matches: the administrator adds the ids
STARTING_CONFIG = {
    "allow": {"id": "root"},  # nobody browses the tables (patient names, phones) but root
    "databases": {"hub": {"permissions": {"insert-row": NOBODY, "update-row": NOBODY}}},  # the laptops' ids
    "permissions": {"dr-screen-review": NOBODY, "dr-screen-adjudicate": NOBODY, "dr-screen-monitor": NOBODY},
    "plugins": {"dr-screen-review": {"sample_share": 0.1}, "datasette-auth-passwords": {}},
}


def add_parser(commands) -> None:
    serve = commands.add_parser("serve", help="set the hub folder up on first run, then serve the hub and its "
                                              "review pages (Datasette)")
    serve.add_argument("--dir", type=Path, help=f"the hub folder (default: ${ENV_DIR} or {DEFAULT_DIR})")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: behind the "
                                                           "hospital's TLS proxy; 0.0.0.0 with --ssl-*)")
    serve.add_argument("--port", type=int, default=8001, help="port (default 8001)")
    serve.add_argument("--ssl-keyfile", type=Path, help="TLS private key, to serve HTTPS directly")
    serve.add_argument("--ssl-certfile", type=Path, help="TLS certificate, to serve HTTPS directly")
    serve.add_argument("--root", action="store_true", help="print a one-time login link for the root actor "
                                                           "(staff reading the tables)")


def run(args) -> int:
    folder = (args.dir or Path(os.environ.get(ENV_DIR) or DEFAULT_DIR)).expanduser().resolve()
    done = prepare(folder)
    secret = os.environ.get(ENV_SECRET) or read_secret(folder / SECRET_NAME)
    command = datasette_command(folder, args)
    for line in done:
        print(line)
    scheme = "https" if args.ssl_certfile else "http"
    print(f"serving {folder / DB_NAME} at {scheme}://{args.host}:{args.port}/ (the laptops' hub address ends in "
          f"/hub; graders: /-/review); accounts and permissions: {folder / CONFIG_NAME}", flush=True)
    # exec: Datasette becomes this process (a service manager stops it directly), and the secret
    # travels in its environment, which only its owner can read.
    os.execve(sys.executable, command, {**os.environ, ENV_SECRET: secret})
    return 0  # not reached


def prepare(folder: Path) -> list[str]:
    """Make what is missing in the hub folder (idempotent); returns what it did, in words."""
    try:
        make_private_dir(folder)
        make_private_dir(folder / MODELS_DIR)
    except OSError as e:
        raise HubError(f"The hub folder {folder} cannot be made ({e.strerror}). Make it, owned by the account that "
                       f"runs the hub (e.g. `sudo install -d -o $USER -m 700 {folder}`), or choose another with "
                       "--dir.") from None
    done = database.setup_hub_db(folder / DB_NAME, create=True)
    if ENV_SECRET not in os.environ and _write_new(folder / SECRET_NAME, secrets.token_hex(32) + "\n"):
        done.append(f"made the Datasette secret {folder / SECRET_NAME} (owner-only; it signs logins and tokens)")
    if _write_new(folder / CONFIG_NAME, json.dumps(STARTING_CONFIG, indent=2) + "\n"):
        done.append(f"made {folder / CONFIG_NAME}: add the laptops' ids and the graders' accounts there "
                    "(docs/hub.md, docs/review-loop.md), then restart")
    check_private(folder / CONFIG_NAME)
    return done


def _write_new(path: Path, text: str) -> bool:
    """Write an owner-only file unless it exists; True if written."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    return True


def check_private(path: Path) -> None:
    """Refuse a file that anyone but its owner may read or write (it holds a secret or password hashes)."""
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise HubError(f"{path} may be read or changed by other accounts (mode {mode:04o}). Make it owner-only "
                       f"with `chmod 600 {path}`; if others may have read a secret in it, replace that secret.")


def read_secret(path: Path) -> str:
    try:
        check_private(path)
        secret = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise HubError(f"There is no Datasette secret {path}: `python -m hub serve` makes one on its first run, "
                       f"or set ${ENV_SECRET}.") from None
    except (OSError, UnicodeDecodeError) as e:
        raise HubError(f"The Datasette secret {path} cannot be read ({e}).") from None
    if len(secret) < 32:
        raise HubError(f"The Datasette secret in {path} is too short (at least 32 characters; a new one: "
                       "`python -c \"import secrets; print(secrets.token_hex(32))\"`).")
    return secret


def datasette_command(folder: Path, args) -> list[str]:
    """`datasette serve` on the hub folder: its argv holds paths and options, never the secret."""
    command = [sys.executable, "-m", "datasette", "serve", str(folder / DB_NAME), "-c", str(folder / CONFIG_NAME),
               "--host", args.host, "--port", str(args.port), "--static", f"{MODELS_ROUTE}:{folder / MODELS_DIR}"]
    if bool(args.ssl_keyfile) != bool(args.ssl_certfile):
        raise HubError("HTTPS needs both --ssl-keyfile and --ssl-certfile.")
    if args.ssl_keyfile:
        command += ["--ssl-keyfile", str(args.ssl_keyfile), "--ssl-certfile", str(args.ssl_certfile)]
    if args.root:
        command.append("--root")
    return command
