"""Dateline: a newsroom publishing platform."""

__version__ = "0.1.0"
