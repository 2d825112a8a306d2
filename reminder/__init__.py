"""actionpoint-reminder: the action register and reminder mails for coordination meetings."""

__version__ = "0.1.0"
