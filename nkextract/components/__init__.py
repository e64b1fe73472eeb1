"""The pipeline components. Factories are registered in ``nkextract.components.factories``."""
