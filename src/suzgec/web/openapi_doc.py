"""Render the HTTP API reference from the OpenAPI schema:
`python -m suzgec.web.openapi_doc > docs/reference/http.md`."""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import Any

from suzgec.config import Settings

HEADER = """\
# HTTP API reference

Generated from the app's OpenAPI schema by `python -m suzgec.web.openapi_doc`; do not edit
by hand. The live schema is at `/api/openapi.json`, an explorer at `/api/docs`.

Every error, whatever the endpoint (validation, 404, 405, 413, 429 …), has one shape:

```json
{"error": {"code": "invalid_comment", "message": "Yorum boş olamaz."}}
```

Codes: `bad_request`, `invalid_json`, `json_too_deep`, `invalid_request` (schema validation),
`invalid_comment` (empty or too long), `unauthorized`, `forbidden`, `not_found`,
`method_not_allowed`, `conflict`, `request_too_large`, `headers_too_large` (431: headers over
16 KiB in all), `rate_limited` (with `Retry-After`), `internal`. Moderator endpoints need
`Authorization: Bearer <token>` from `POST /api/moderator/token`.

`invalid_json` and `invalid_request` also list each problem under `details`, with where it is
(`loc`: `body`, `query` or `path`, then the field) and pydantic's error type, for programs;
`message` says the same in Turkish, naming the field:

```json
{"error": {"code": "invalid_request",
  "message": "İstek geçersiz: “parent_id” alanı en fazla 2147483647 olabilir.",
  "details": [{"loc": ["body", "parent_id"], "type": "less_than_equal",
    "message": "“parent_id” alanı en fazla 2147483647 olabilir."}]}}
```

Ids are 1 … 2147483647 (what a PostgreSQL `INTEGER` holds). Strings may not contain lone
surrogates (`\\ud800`: not encodable as UTF-8), nor NUL (`\\u0000`) outside comment text and
author names. Dates without an offset are taken as UTC.
"""


def _type(schema: dict[str, Any], components: dict[str, Any]) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[1]
    if "anyOf" in schema:
        return " \\| ".join(_type(s, components) for s in schema["anyOf"])
    if "enum" in schema:
        return " \\| ".join(f"`{v}`" for v in schema["enum"])
    kind = str(schema.get("type", "any"))
    return f"{kind} ({schema['format']})" if "format" in schema else kind


def _fields(name: str, components: dict[str, Any]) -> list[str]:
    schema = components[name]
    required = set(schema.get("required", []))
    rows = ["| Field | Type | Required | Description |", "|---|---|---|---|"]
    for field, spec in schema.get("properties", {}).items():
        desc = spec.get("description", "")
        if "pattern" in spec:
            desc = f"{desc} pattern `{spec['pattern']}`".strip()
        rows.append(
            f"| `{field}` | {_type(spec, components)} | {'yes' if field in required else 'no'} "
            f"| {desc} |"
        )
    return rows


def render(schema: dict[str, Any]) -> str:
    components = schema.get("components", {}).get("schemas", {})
    out = [HEADER]
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            out.append(f"## `{method.upper()} {path}`\n")
            summary = op.get("summary", "")
            description = op.get("description", "")
            out.append(f"{description or summary}\n")
            params = op.get("parameters", [])
            if params:
                out.append(
                    "Parameters: "
                    + ", ".join(
                        f"`{p['name']}` ({p['in']}, {_type(p.get('schema', {}), components)})"
                        for p in params
                    )
                    + "\n"
                )
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                ref = _type(body["schema"], components)
                out.append(f"Body (`{ref}`):\n")
                out.extend(_fields(ref, components))
                out.append("")
            codes = ", ".join(sorted(op.get("responses", {})))
            out.append(f"Responses: {codes}\n")
    return "\n".join(out).rstrip() + "\n"


def main() -> None:
    from suzgec.web import create_app

    settings = replace(Settings(), database_url="sqlite://", secret_key="docs", demo_article=False)
    sys.stdout.write(render(create_app(settings).openapi()))


if __name__ == "__main__":
    main()
