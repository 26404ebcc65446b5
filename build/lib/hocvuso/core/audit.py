"""Who the audit trail names as the author of a change."""

import contextlib

from auditlog.context import set_actor


def acting_as(user):
    """Name `user` as the author of the audit entries written inside; no one if None.

    Pages get the actor from auditlog's middleware; services, commands and
    imports, which may run outside a request, say it with this.
    """
    return set_actor(user) if user is not None else contextlib.nullcontext()
