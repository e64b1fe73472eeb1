"""Text-level knowledge with no spaCy in it: numbers, calendar periods, TIMEX3 values,
publication dates. Every stage (components, cross-check, views) imports from here."""
