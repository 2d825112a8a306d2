"""Configuration: typed settings (`settings`) read from TOML and `REMINDER_*` variables (`load`).

The first stage; imports only the leaves (errors).
"""
