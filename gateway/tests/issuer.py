"""A local identity provider for the tests: RSA and EC keys made with ``cryptography``, its JWKS
served over real HTTP on 127.0.0.1 (uvicorn in a thread), keys rotated at will, tokens signed
as an identity provider signs them."""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .support import ServerThread, bound_socket

ISSUER = "https://id.mediaops.test/"
AUDIENCE = "https://api.mediaops.test"
ALGORITHM_OF = {"RSA": "RS256", "EC": "ES256"}
_kids = itertools.count(1)

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


@dataclass
class Issuer:
    """Keys by kid (private key, algorithm), the kids the JWKS publishes, and its hit count."""

    keys: dict[str, tuple[PrivateKey, str]] = field(default_factory=dict)
    published: list[str] = field(default_factory=list)
    # Extra JWKS members the gateway must ignore (an `oct` key, an encryption key…).
    extra: list[dict[str, Any]] = field(default_factory=list)
    hits: int = 0
    status: int = 200
    server: ServerThread | None = None

    @property
    def jwks_url(self) -> str:
        assert self.server is not None
        return self.server.url + "/.well-known/jwks.json"

    def new_key(self, kty: str = "RSA", *, publish: bool = True) -> str:
        kid = f"key-{next(_kids)}"
        private: PrivateKey = (
            rsa.generate_private_key(public_exponent=65537, key_size=2048)
            if kty == "RSA"
            else ec.generate_private_key(ec.SECP256R1())
        )
        self.keys[kid] = (private, ALGORITHM_OF[kty])
        if publish:
            self.published.append(kid)
        return kid

    def rotate(self, kty: str = "RSA") -> str:
        """Publish a new key in place of every old one."""
        kid = self.new_key(kty, publish=False)
        self.published = [kid]
        return kid

    def jwks(self) -> dict[str, Any]:
        keys = []
        for kid in self.published:
            private, alg = self.keys[kid]
            public = private.public_key()
            jwk = (
                RSAAlgorithm.to_jwk(public, as_dict=True)
                if isinstance(public, rsa.RSAPublicKey)
                else ECAlgorithm.to_jwk(public, as_dict=True)
            )
            keys.append({**jwk, "kid": kid, "alg": alg, "use": "sig"})
        return {"keys": keys + self.extra}

    def public_pem(self, kid: str) -> bytes:
        return (
            self.keys[kid][0]
            .public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        )

    def claims(self, **overrides: Any) -> dict[str, Any]:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": ISSUER,
            "aud": AUDIENCE,
            "sub": "auth0|operator-7",
            "ws": "ws-idp",
            "scopes": ["content:read", "content:write"],
            "iat": now,
            "exp": now + 600,
        }
        claims.update(overrides)
        return {k: v for k, v in claims.items() if v is not None}

    def token(self, kid: str, *, alg: str | None = None, **claims: Any) -> str:
        private, key_alg = self.keys[kid]
        return jwt.encode(
            self.claims(**claims), private, algorithm=alg or key_alg, headers={"kid": kid}
        )


def app(issuer: Issuer) -> Starlette:
    async def jwks(_: Request) -> Response:
        issuer.hits += 1
        if issuer.status != 200:
            return JSONResponse({"error": "unavailable"}, status_code=issuer.status)
        return JSONResponse(issuer.jwks())

    return Starlette(routes=[Route("/.well-known/jwks.json", jwks)])


def serve(issuer: Issuer) -> ServerThread:
    issuer.server = ServerThread(app(issuer), bound_socket())
    return issuer.server


def hs256_signed_with(secret: bytes, claims: dict[str, Any], kid: str) -> str:
    """An HS256 token made by hand (PyJWT refuses a public key as an HMAC secret, as it should)."""

    def part(data: bytes) -> bytes:
        return base64.urlsafe_b64encode(data).rstrip(b"=")

    header = {"alg": "HS256", "typ": "JWT", "kid": kid}
    signing_input = part(json.dumps(header).encode()) + b"." + part(json.dumps(claims).encode())
    signature = hmac.new(secret, signing_input, hashlib.sha256).digest()
    return (signing_input + b"." + part(signature)).decode()
