"""Importers: recognise each export by its content and store it."""
