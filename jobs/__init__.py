"""Scheduled jobs: plain async functions of (bot, services), scheduled on the JobQueue."""
