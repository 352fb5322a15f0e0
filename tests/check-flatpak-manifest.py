#!/usr/bin/env python3
"""Checks that the flatpak manifest parses and names the app id and command."""
import json
import sys

path, app_id, command = sys.argv[1:4]
with open(path, encoding="utf-8") as f:
    manifest = json.load(f)

problems = []
if manifest.get("app-id", manifest.get("id")) != app_id:
    problems.append(f"app-id is {manifest.get('app-id')!r}, expected {app_id!r}")
if manifest.get("command") != command:
    problems.append(f"command is {manifest.get('command')!r}, expected {command!r}")
modules = manifest.get("modules", [])
names = [m.get("name") if isinstance(m, dict) else m for m in modules]
if not names or names[-1] != "ferry":
    problems.append(f"the last module must be ferry itself, modules are {names}")
for m in modules:
    if not isinstance(m, dict):
        continue
    for s in m.get("sources", []):
        if s.get("type") in ("archive", "file") and "sha256" not in s:
            problems.append(f"module {m.get('name')}: source {s.get('url')} has no sha256")

for p in problems:
    print("not ok:", p)
if problems:
    sys.exit(1)
print(f"ok: {path} parses; app-id {app_id}, command {command}, {len(modules)} modules")
