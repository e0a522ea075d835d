"""Spotter's persistence: SQLModel tables on async SQLite, repositories, migrations, backup."""
