"""The pages of the main window, one module each (with their item models and actions)."""
