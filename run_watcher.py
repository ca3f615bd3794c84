"""Start the watcher: `python run_watcher.py ARGS` is `watcher run ARGS`."""

import sys

from watcher.cli import main

if __name__ == "__main__":
    main(["run", *sys.argv[1:]])
