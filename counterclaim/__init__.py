"""counterclaim's command line (`counterclaim.cli`)."""
