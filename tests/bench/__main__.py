"""Run every benchmark module and print its figures: ``python -m tests.bench [name ...]``."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import tests.bench as package


def main(argv: list[str]) -> int:
    """Run the bench_* modules named on the command line, or all of them."""
    names = sorted(
        m.name for m in pkgutil.iter_modules(package.__path__) if m.name.startswith("bench_")
    )
    wanted = [n for n in names if not argv or any(a in n for a in argv)]
    for name in wanted:
        module = importlib.import_module(f"tests.bench.{name}")
        print(f"== {name.removeprefix('bench_')} ==", flush=True)
        for line in module.run():
            print(line, flush=True)
        print(flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
