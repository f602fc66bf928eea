"""python -m pipeline: the kehoach command line."""

from pipeline.cli.main import main

main()
