from counterclaim.cli import run

run()
