"""`make bench`: run each section in order and print one markdown report.

Each section is a module with ``main()`` that measures, prints its part of the report (markdown,
PASS/FAIL against each target of its issue) and returns it. Sections share one bench database
(``bench.common.setup_django``), dropped at the end unless ``BENCH_KEEP_DB=1``. Pass section names
to run only some: ``python -m bench statements``.
"""

import importlib
import subprocess
import sys

from bench import common

SECTIONS = ["bench.statements"]
# Sections that set Django up their own way (their own database, their own servers) run as
# separate processes after the shared ones.
STANDALONE = ["bench.enquiries", "bench.alerting"]


def main(argv):
    wanted = [f"bench.{name.removeprefix('bench.')}" for name in argv]
    sections = [name for name in SECTIONS if not wanted or name in wanted]
    standalone = [name for name in STANDALONE if not wanted or name in wanted]
    unknown = set(wanted) - set(SECTIONS) - set(STANDALONE)
    if unknown:
        known = ", ".join(SECTIONS + STANDALONE)
        sys.exit(f"Unknown section(s): {', '.join(sorted(unknown))}; known: {known}")
    reports = []
    if sections:
        common.setup_django()
        try:
            for name in sections:
                common.say(f"== {name}")
                reports.append(importlib.import_module(name).main())
        finally:
            common.teardown_django()
    failed = sum(report.count("| FAIL |") for report in reports)
    for name in standalone:
        common.say(f"== {name}")
        run = subprocess.run([sys.executable, "-m", name], capture_output=True, text=True)
        print(run.stdout, flush=True)
        if run.returncode:
            print(run.stderr, file=sys.stderr)
            failed += 1
        failed += run.stdout.count("NOT met") + run.stdout.count("not met")
    print(f"\nBench finished: {'all targets met' if not failed else f'{failed} target(s) missed'}.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
