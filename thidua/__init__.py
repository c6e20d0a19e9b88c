"""Thi Đua."""
