"""Reports on screen: the viewer, how each document is built, the worker, batches."""
