"""Lossless, typed Dockerfile syntax: parse text into values, render them back."""
