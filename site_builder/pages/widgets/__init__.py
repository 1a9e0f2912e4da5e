"""widgets: what the templates draw besides text: charts, the world map, structured data."""
