"""Importers: bring content from other systems into Dateline."""
