"""`make bench`: run each section in order and print one markdown report.

Each section is a module with ``main()`` that measures, prints its part of the report (markdown,
PASS/FAIL against each target of its issue) and returns it. Sections share one bench database
(``bench.common.setup_django``), dropped at the end unless ``BENCH_KEEP_DB=1``. Pass section names
to run only some: ``python -m bench statements``.
"""

import importlib
import sys

from bench import common

SECTIONS = ["bench.statements"]


def main(argv):
    wanted = [f"bench.{name.removeprefix('bench.')}" for name in argv]
    sections = [name for name in SECTIONS if not wanted or name in wanted]
    unknown = set(wanted) - set(SECTIONS)
    if unknown:
        sys.exit(f"Unknown section(s): {', '.join(sorted(unknown))}; known: {', '.join(SECTIONS)}")
    common.setup_django()
    reports = []
    try:
        for name in sections:
            common.say(f"== {name}")
            reports.append(importlib.import_module(name).main())
    finally:
        common.teardown_django()
    failed = sum(report.count("| FAIL |") for report in reports)
    print(f"\nBench finished: {'all targets met' if not failed else f'{failed} target(s) missed'}.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
