"""Start-up: typer (0.29 and later) converts every command-line value through a pydantic
``TypeAdapter``; importing pydantic and building the adapters is most of what a query command costs
before it queries (≈ 0.25 s of ≈ 0.4 s). The values kehoach's commands take are plain (text,
flags, whole and decimal numbers without bounds, paths without checks, the output-format choice,
lists of them): those are converted here directly, with the same results and a click-style error for a bad
value; anything else still goes through typer's own conversion.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any


def install() -> None:
    try:
        from typer import _coercion, core
        from typer._click.exceptions import BadParameter
    except ImportError:  # another typer: leave it alone
        return
    original = getattr(_coercion, "build_runtime_param", None)
    base = getattr(_coercion, "RuntimeParam", None)
    if original is None or base is None or getattr(core, "build_runtime_param", None) is not original:
        return

    @dataclass(frozen=True)
    class PlainRuntimeParam(base):  # type: ignore[misc,valid-type]
        convert: Any
        many: bool

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if self.many:
                return [self._one(v, param, ctx) for v in value]
            return self._one(value, param, ctx)

        def _one(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return self.convert(value)
            except (TypeError, ValueError) as e:
                raise BadParameter(str(e), ctx=ctx, param=param) from e

    def build(descriptor: Any) -> Any:
        convert, many = _plain(descriptor)
        if convert is None:
            return original(descriptor)
        return PlainRuntimeParam(annotation=descriptor.annotation, parameter_info=descriptor.parameter_info,
                                 convert=convert, many=many)

    _coercion.build_runtime_param = build
    core.build_runtime_param = build


def _unwrap_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _plain(descriptor: Any) -> tuple[Any, bool]:
    """(converter, whether the value is a list) for a plain annotation, else (None, False)."""
    info = descriptor.parameter_info
    if descriptor.file_annotation is not None or getattr(info, "parser", None) is not None:
        return None, False
    if getattr(info, "click_type", None) is not None:
        return None, False
    ann = _unwrap_optional(descriptor.annotation)
    many = typing.get_origin(ann) is list
    if many:
        (ann,) = typing.get_args(ann) or (None,)
        ann = _unwrap_optional(ann)
    if ann is str:
        return _text, many
    if ann is bool:
        return _flag, many
    if ann in (int, float):
        if getattr(info, "min", None) is not None or getattr(info, "max", None) is not None:
            return None, False
        return (_integer if ann is int else _decimal), many
    if ann is Path:
        checks = (getattr(info, "exists", False), not getattr(info, "file_okay", True),
                  not getattr(info, "dir_okay", True), getattr(info, "writable", False),
                  getattr(info, "resolve_path", False), getattr(info, "allow_dash", False),
                  getattr(info, "path_type", None) is not None)
        return (None, False) if any(checks) else (Path, many)
    if isinstance(ann, type) and issubclass(ann, Enum) and getattr(info, "case_sensitive", True):
        return _choice(ann), many
    return None, False


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise TypeError(f"{value!r} is not text.")


_TRUE = {"1", "true", "t", "yes", "y", "on"}
_FALSE = {"0", "false", "f", "no", "n", "off"}


def _flag(value: Any) -> bool:
    """As pydantic reads a boolean: a bool, 0/1, or true/false, yes/no, on/off, t/f, y/n."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise ValueError(f"{value!r} is not a valid boolean.")


def _integer(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a valid integer.")
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        raise ValueError(f"{value!r} is not a valid integer.") from None


def _decimal(value: Any) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    try:
        return float(str(value).strip())
    except ValueError:
        raise ValueError(f"{value!r} is not a valid float.") from None


def _choice(enum: type[Enum]) -> Any:
    def convert(value: Any) -> Enum:
        if isinstance(value, enum):
            return value
        for member in enum:
            if member.value == value:
                return member
        choices = ", ".join(repr(m.value) for m in enum)
        raise ValueError(f"{value!r} is not one of {choices}.")

    return convert
