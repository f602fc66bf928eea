"""Reading: a file becomes a normalised Document (readers, layout, legacy fonts, normalisation)."""
