"""The shared kit of the interface: widgets and helpers the pages and dialogs are made of."""
