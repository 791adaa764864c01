"""The OpenAPI description of our token authentication (drf-spectacular)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class HashedTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "accounts.authentication.HashedTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token-based authentication with required prefix `Token`",
        }


ERROR_BODY = {
    "application/json": {
        "schema": {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
    }
}
COMMON = {
    "401": "no token, or an expired or revoked one",
    "403": "not allowed for this account (or its first login is not finished)",
    "413": "request body too large",
}


def declare_security_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """drf-spectacular post-processing: the answers the security layer may give on any operation."""
    for path, path_item in result.get("paths", {}).items():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            declared = dict(COMMON)
            if "{" in path:
                declared["404"] = "no such object, or not one the caller may see"
            if "requestBody" in operation or operation.get("parameters"):
                declared["400"] = "invalid input: a message per field"
            for code, description in declared.items():
                responses.setdefault(code, {"description": description, "content": ERROR_BODY})
    return result
