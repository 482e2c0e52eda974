"""esmtool: draft, check and export Title V ESMs from the MCHbest catalog."""

__version__ = "0.1.0"
