"""The registers a team keeps by hand (access, AI tools, time use, profiles,
experiments): what each contains, and the templates a new workspace starts with."""

from __future__ import annotations

from fokus.registers.templates import (
    REGISTER_KEYS,
    REGISTERS,
    RegisterColumn,
    RegisterKey,
    RegisterTemplate,
    render_register_template,
    write_register_template,
)

__all__ = [
    "REGISTERS",
    "REGISTER_KEYS",
    "RegisterColumn",
    "RegisterKey",
    "RegisterTemplate",
    "render_register_template",
    "write_register_template",
]
