"""Entretien Desktop: run employee interviews and keep their legal obligations, offline."""

__version__ = "0.1.0"
