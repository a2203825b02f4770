"""Connexion validators that report one-line errors naming the field and the rule."""

from __future__ import annotations

import copy
import typing as t

from connexion.datastructures import MediaTypeDict
from connexion.exceptions import BadRequestProblem
from connexion.utils import is_null, is_nullable
from connexion.validators import (
    VALIDATOR_MAP,
    FormDataValidator,
    JSONRequestBodyValidator,
    MultiPartFormDataValidator,
    ParameterValidator,
)
from jsonschema import Draft4Validator, ValidationError
from starlette.types import Scope

from apisix_gpt.errors import condense


class CondensedParameterValidator(ParameterValidator):
    """Parameter errors as `query.page_size: 5 is less than the minimum of 10`."""

    @staticmethod
    def validate_parameter(parameter_type: str, value: t.Any, param: dict,
                           param_name: str | None = None) -> str | None:
        if is_nullable(param) and is_null(value):
            return None
        if value is None:
            return f"Missing {parameter_type} parameter '{param['name']}'" if param.get("required") else None
        try:
            _validator_for(param).validate(value)
        except ValidationError as exc:
            return condense(exc, f"{parameter_type}.{param['name']}")
        return None


# One compiled validator per spec parameter (the spec's dicts live as long as the app); the parameter
# itself is kept next to its validator, so a recycled id() can never match a different dict.
_PARAM_VALIDATORS: dict[int, tuple[dict, Draft4Validator]] = {}
_MAX_CACHED = 4096  # far above any spec's parameter count; a safety net, not an eviction policy


def _validator_for(param: dict) -> Draft4Validator:
    cached = _PARAM_VALIDATORS.get(id(param))
    if cached is None or cached[0] is not param:
        if len(_PARAM_VALIDATORS) >= _MAX_CACHED:
            _PARAM_VALIDATORS.clear()
        schema = copy.deepcopy(param.get("schema", param))
        cached = (param, Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER))
        _PARAM_VALIDATORS[id(param)] = cached
    return cached[1]


class CondensedJSONBodyValidator(JSONRequestBodyValidator):
    """Body errors as `body.methods[0]: 'FETCH' is not one of [...]`; non-UTF-8 bodies are a 400."""

    async def _parse(self, stream: t.AsyncGenerator[bytes, None], scope: Scope) -> t.Any:
        chunks = [message async for message in stream]
        try:
            b"".join(chunks).decode(self._encoding)
        except (UnicodeDecodeError, LookupError):
            raise BadRequestProblem(detail="Request body is not valid UTF-8") from None

        async def replay() -> t.AsyncGenerator[bytes, None]:
            for chunk in chunks:
                yield chunk
        try:
            return await super()._parse(replay(), scope)
        except BadRequestProblem as exc:
            raise BadRequestProblem(detail=f"body: invalid JSON ({exc.detail})") from None

    def _validate(self, body: t.Any) -> dict | None:
        if not self._nullable and body is None:
            raise BadRequestProblem("body: a JSON request body is required")
        try:
            return self._validator.validate(body)
        except ValidationError as exc:
            raise BadRequestProblem(detail=condense(exc, "body")) from None


VALIDATORS = {
    "parameter": CondensedParameterValidator,
    "body": MediaTypeDict({
        "*/*json": CondensedJSONBodyValidator,
        "application/x-www-form-urlencoded": FormDataValidator,
        "multipart/form-data": MultiPartFormDataValidator,
    }),
    "response": VALIDATOR_MAP["response"],
}
