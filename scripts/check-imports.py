#!/usr/bin/env python3
"""Checks that every module a target imports is a dependency Package.swift declares for it.

The package graph is the architecture (docs/architecture.md, "Modules"): the domain imports
nothing but Foundation, the MeMo codec and the letter typesetter know nothing of Vapor, and the
sandbox stand-ins are wired by the `almen` executable, not linked into the app. SwiftPM's own
`--explicit-target-dependency-import-check` does not report anything on this toolchain, so this
reads the manifest (`swift package dump-package`) and each target's sources itself.

Usage: scripts/check-imports.py   (exit 1 and one line per undeclared import)
"""
import json
import pathlib
import re
import subprocess
import sys

# The toolchain's own modules, which no manifest declares.
TOOLCHAIN = {
    "Foundation", "FoundationEssentials", "FoundationNetworking", "Dispatch", "Glibc", "Musl", "Darwin",
    "Testing", "XCTest", "Synchronization", "Observation", "_Concurrency", "PackageDescription",
}
IMPORT = re.compile(
    r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*import\s+(?:(?:struct|class|enum|protocol|func|var|let|typealias)\s+)?([A-Za-z_]\w*)",
    re.MULTILINE,
)


def declared(target):
    names = set()
    for dependency in target.get("dependencies", []):
        for kind in ("byName", "target", "product"):
            if kind in dependency:
                names.add(dependency[kind][0])
    return names


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    manifest = json.loads(subprocess.check_output(["swift", "package", "dump-package"], cwd=root))
    problems = []
    for target in manifest["targets"]:
        if target["type"] not in ("regular", "executable", "test"):
            continue
        allowed = declared(target) | TOOLCHAIN | {target["name"]}
        folder = target.get("path") or ("Tests/" if target["type"] == "test" else "Sources/") + target["name"]
        for source in sorted((root / folder).rglob("*.swift")):
            text = source.read_text(encoding="utf-8")
            for match in IMPORT.finditer(text):
                module = match.group(1)
                if module not in allowed:
                    line = text.count("\n", 0, match.start()) + 1
                    problems.append(f"{source.relative_to(root)}:{line}: {target['name']} imports {module}, "
                                    f"which Package.swift does not declare for it")
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} undeclared import(s)", file=sys.stderr)
        return 1
    print(f"imports: every target imports only what it declares ({len(manifest['targets'])} targets)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
