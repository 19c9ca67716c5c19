"""The surveys' screens in the Wagtail admin, one module a concern; wagtail_hooks.py loads them."""
