"""Spotter's pure training domain: parsing, strength maths, programs, FIT metrics, load models.

Nothing here does I/O, reads the clock or imports the rest of Spotter; time is passed in.
"""
