"""The one exception carelist's commands turn into a message: a problem with setup, never with an editor's file."""


class CarelistError(Exception):
    """A problem with carelist's own setup (not with an editor's file): shown as one message, never a traceback."""
