"""One analysis per consideration, each a pure function of the data and the config."""
