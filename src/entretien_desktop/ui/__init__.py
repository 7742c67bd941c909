"""The Qt interface: windows, pages, dialogs and models, built from what ``app.py`` hands in.

This is the only package that imports PySide6. Widgets receive the callables and objects
they need through their constructors and never look up a database or a global window.
"""
