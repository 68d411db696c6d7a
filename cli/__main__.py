"""`python -m cli`: the `minutes` command."""

from cli.main import main

main()
