"""``nk_quantities``: MONEY and PERCENT mentions (the component is in ``finder``)."""
from .finder import QuantityFinder

__all__ = ["QuantityFinder"]
