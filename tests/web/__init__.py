"""Tests of the web dashboard and API."""
