"""`python -m watcher.demo` is `watcher demo`."""

from watcher.demo.command import demo_command

demo_command(prog_name="watcher demo")
