"""Spotter's composition root, settings, logging and the use cases shared by handlers and jobs."""
