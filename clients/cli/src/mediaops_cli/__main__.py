from mediaops_cli.main import run

run()
