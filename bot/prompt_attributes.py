"""Check ``{{ persona.nmae }}``-style typos in a prompt template before anything renders it.

Jinja only knows a variable's attributes when it renders. The registry knows each variable's type, so we
walk the template: each ``a.b.c`` on a registered variable (or on a loop variable over a list of models)
must name a field, property or method of that type. Anything whose type we cannot tell is left alone.
"""

from __future__ import annotations

import types
import typing

from jinja2 import nodes
from pydantic import BaseModel

from bot.file_errors import did_you_mean, without_none

Scope = dict[str, object]  # template name -> its Python type (None: unknown)


def _item_type(container: object) -> object:
    """The element type of list[X], else unknown."""
    if typing.get_origin(container) is list:
        return without_none(typing.get_args(container)[0])
    return None


def _public_names(owner: type) -> list[str]:
    if issubclass(owner, BaseModel):
        methods = {name for name, value in vars(owner).items() if isinstance(value, property | types.FunctionType)}
        names = set(owner.model_fields) | methods
        return sorted(n for n in names if not n.startswith("_"))
    return sorted(n for n in dir(owner) if not n.startswith("_"))


class _Walker:
    def __init__(self) -> None:
        self.problems: dict[str, tuple[str, str]] = {}  # dotted path -> (problem, hint); dict keeps one each

    def type_of(self, expr: nodes.Node, scope: Scope) -> object:
        if isinstance(expr, nodes.Name):
            return scope.get(expr.name)
        if not isinstance(expr, nodes.Getattr):
            return None
        owner = without_none(self.type_of(expr.node, scope))
        cls = typing.get_origin(owner) or owner
        if not isinstance(cls, type):
            return None
        if issubclass(cls, BaseModel) and expr.attr in cls.model_fields:
            return without_none(cls.model_fields[expr.attr].annotation)
        if hasattr(cls, expr.attr):
            return None  # a property or method: fine, type unknown
        allowed = _public_names(cls)
        self.problems[_dotted(expr)] = (f"'{cls.__name__}' has no attribute '{expr.attr}'",
                                        f"{did_you_mean(expr.attr, allowed)}allowed: {', '.join(allowed)}")
        return None

    def visit(self, node: nodes.Node, scope: Scope) -> None:
        if isinstance(node, nodes.For):
            self.visit(node.iter, scope)
            inner = dict(scope)
            if isinstance(node.target, nodes.Name):
                inner[node.target.name] = _item_type(self.type_of(node.iter, scope))
            for child in [*node.body, *node.else_, *([node.test] if node.test else [])]:
                self.visit(child, inner)
            return
        if isinstance(node, nodes.Getattr):
            self.type_of(node, scope)
        for child in node.iter_child_nodes():
            self.visit(child, scope)


def _dotted(expr: nodes.Node) -> str:
    if isinstance(expr, nodes.Name):
        return expr.name
    if isinstance(expr, nodes.Getattr):
        return f"{_dotted(expr.node)}.{expr.attr}"
    return "(expression)"


def attribute_problems(template: nodes.Template, variable_types: Scope) -> list[tuple[str, str, str]]:
    """(dotted path, problem, hint) for each attribute the template uses that its type does not have."""
    walker = _Walker()
    walker.visit(template, dict(variable_types))
    return [(path, problem, hint) for path, (problem, hint) in walker.problems.items()]
