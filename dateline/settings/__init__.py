"""Settings modules: base, dev, test and production. Only env.py reads the environment."""
