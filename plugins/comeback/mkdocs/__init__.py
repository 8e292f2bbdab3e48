"""The MkDocs plugins: thin adapters that hand MkDocs' data to the core and its results back."""
