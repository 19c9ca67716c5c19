"""The privacy statement stakeholders agree to; its version is recorded with each agreement."""

PRIVACY_STATEMENT_VERSION = "2026-11-21"
