"""Mint a development token: ``python -m gateway.token --workspace demo --scopes "content:read"``.

The token is signed with ``--secret``, else ``GATEWAY_JWT_SECRET``, else the development default,
so it verifies against a gateway started with the same environment. Without ``--scopes`` it
carries every service's read and write scope (not ``admin``, not ``leads:pii``). ``--ttl``
(default 24 h) may not exceed what the gateway accepts (``GATEWAY_MAX_TOKEN_TTL_S``).
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Sequence

import jwt

from gateway.auth import ALGORITHM, DEFAULT_MAX_TOKEN_TTL_S
from gateway.config import Settings
from gateway.routes import SERVICE_SCOPES
from servicekit.context import WORKSPACE_ID_PATTERN


def mint_token(
    secret: str,
    *,
    workspace: str,
    scopes: Sequence[str],
    subject: str = "dev-user",
    ttl_s: int = 86_400,
    now: float | None = None,
) -> str:
    issued_at = int(time.time() if now is None else now)
    claims = {
        "sub": subject,
        "ws": workspace,
        "scopes": list(scopes),
        "iat": issued_at,
        "exp": issued_at + ttl_s,
    }
    with warnings.catch_warnings():
        # A short development secret is the gateway's to warn about, once, when it starts.
        warnings.simplefilter("ignore", jwt.InsecureKeyLengthWarning)
        return jwt.encode(claims, secret, algorithm=ALGORITHM)


def _workspace(value: str) -> str:
    if not WORKSPACE_ID_PATTERN.fullmatch(value):
        raise argparse.ArgumentTypeError(
            "letters, digits and _.:- only, starting with a letter or digit, at most 64 characters"
        )
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m gateway.token", description="Print a signed development token."
    )
    parser.add_argument("--workspace", required=True, type=_workspace, help="the `ws` claim")
    parser.add_argument(
        "--scopes",
        help="space-separated scopes (default: every <service>:read and <service>:write)",
    )
    parser.add_argument("--sub", default="dev-user", help="the `sub` claim (default: dev-user)")
    parser.add_argument("--ttl", type=int, default=86_400, help="seconds until it expires")
    parser.add_argument("--secret", help="HS256 secret (default: GATEWAY_JWT_SECRET or dev)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.ttl <= 0:
        _parser().error("--ttl must be positive")
    settings = None if args.secret else Settings()
    max_ttl = settings.max_token_ttl_s if settings else DEFAULT_MAX_TOKEN_TTL_S
    if args.ttl > max_ttl:
        # The gateway would refuse it (GATEWAY_MAX_TOKEN_TTL_S): better said here than by a 401.
        _parser().error(f"--ttl may be at most {max_ttl} s (GATEWAY_MAX_TOKEN_TTL_S)")
    secret = args.secret or (settings or Settings()).jwt_secret.get_secret_value()
    scopes = args.scopes.split() if args.scopes is not None else list(SERVICE_SCOPES)
    token = mint_token(
        secret, workspace=args.workspace, scopes=scopes, subject=args.sub, ttl_s=args.ttl
    )
    sys.stdout.write(token + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
