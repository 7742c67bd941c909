"""The interview form: the wizard and its field editors."""
