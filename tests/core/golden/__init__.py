"""Golden files and fixture graphs for the design document, lint and exporter tests."""
