"""``python -m nkextract``: the same as the ``nkextract`` command."""
from nkextract.cli import main

if __name__ == "__main__":
    main()
