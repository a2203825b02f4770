"""In-process API tests: the Connexion app against a real sandbox process."""
