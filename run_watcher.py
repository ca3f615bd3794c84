"""Start the watcher: `python run_watcher.py ARGS` is `watcher run ARGS`, and
`python run_watcher.py --demo ARGS` is `watcher demo ARGS`, the offline demo."""

import sys

from watcher.cli import main
from watcher.demo.command import demo_command

if __name__ == "__main__":
    args = sys.argv[1:]
    if "--demo" in args:
        args.remove("--demo")
        demo_command(args, prog_name="run_watcher.py --demo")
    else:
        main(["run", *args])
