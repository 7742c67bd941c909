"""Use cases the interface and the command line call: open a file, import, export, demo.

Services take an open ``Database`` (or a unit of work) and return what changed; they hold
no Qt and no SQL of their own.
"""
