"""The organization dashboard: one module per page, each with its own router.

Every page reads the organization from the session (``signed_in.org.id``), never from the
URL, and reaches data through the domains' services and repositories, which are bound to
that organization: another organization's id is as unknown as a made-up one (404).
"""
