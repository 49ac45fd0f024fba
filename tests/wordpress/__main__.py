"""python3 -m tests.wordpress start | stop | status [--state DIR]: the test WordPress by hand."""

import argparse
import json
import sys

from . import site

parser = argparse.ArgumentParser(prog="python3 -m tests.wordpress", description=site.__doc__.split("\n\n")[0])
parser.add_argument("action", choices=["start", "stop", "status"])
parser.add_argument("--state", help="state folder (default $READER_WP_STATE or <tmp>/reader-wordpress)")
args = parser.parse_args()
if args.action == "start":
    reason = site.why_not_runnable()
    if reason:
        sys.exit(f"cannot start WordPress: {reason}")
    found = site.start(args.state)
    print(json.dumps({"url": found.url, "user": found.user, "password_file": str(found.password_file),
                      "started": found.started}))
elif args.action == "stop":
    print(json.dumps({"stopped": site.stop(args.state)}))
else:
    print(json.dumps(site.status(args.state)))
