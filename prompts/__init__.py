"""Coaching text: facts, persona prompts, the Ollama client, guardrails and templates."""
