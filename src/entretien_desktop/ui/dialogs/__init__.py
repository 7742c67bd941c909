"""The dialogs: employees, leaves and history, planning, campaigns, signing, templates."""
