"""Language analysis: parsing, actors, attributions, events, modality."""
