"""Tests of the exports and the progress report."""
