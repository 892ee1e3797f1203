"""Passwords, second factors, sessions, CSRF tokens and sign-in rate limits."""
