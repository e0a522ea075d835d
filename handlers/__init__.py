"""Telegram callbacks: parse the update, call one service, render the reply."""
