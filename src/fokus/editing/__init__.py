"""Editing a workspace's registers and settings: the services behind the web forms.

Framework-free: plain typed inputs and results, ``FokusError`` for what cannot be
done, translated field messages for what was typed wrong.
"""
