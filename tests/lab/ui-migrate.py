#!/usr/bin/python3
"""A user migrates a VM with Ferry, found and pressed by accessible names over
AT-SPI (as a screen reader or dogtail would): select the VM, press Migrate…,
choose the destination, press Migrate, watch the progress move, see the
outcome, and find the VM listed on the destination host. TAP on stdout;
a screenshot of each step in FERRY_SCREENSHOT_DIR.

usage: ui-migrate.py VM SOURCE-HOST-NAME DESTINATION-HOST-NAME"""
import os
import subprocess
import sys
import time

import pyatspi

VM, SOURCE, DEST = sys.argv[1:4]
SHOTS = os.environ.get("FERRY_SCREENSHOT_DIR", "/tmp")
N = 0
FAILED = 0


def tap(ok, desc):
    global N, FAILED
    N += 1
    FAILED += 0 if ok else 1
    print(f"{'ok' if ok else 'not ok'} {N} - {desc}", flush=True)
    return ok


def shot(name):
    os.makedirs(SHOTS, exist_ok=True)
    path = os.path.join(SHOTS, f"ui-migrate-{name}.png")
    subprocess.run(["import", "-window", "root", path], check=False)
    print(f"# screenshot: {path}", flush=True)


def walk(acc):
    try:
        yield acc
        for i in range(acc.childCount):
            yield from walk(acc.getChildAtIndex(i))
    except Exception:
        return


def find(root, role, name=None, prefix=None, showing=False):
    for acc in walk(root):
        try:
            if acc.getRoleName() != role:
                continue
            if name is not None and acc.name != name:
                continue
            if prefix is not None and not acc.name.startswith(prefix):
                continue
            if showing and not acc.getState().contains(pyatspi.STATE_SHOWING):
                continue
            return acc
        except Exception:
            continue
    return None


def wait_for(what, fn, seconds=60):
    end = time.time() + seconds
    while time.time() < end:
        result = fn()
        if result:
            return result
        time.sleep(0.2)
    return None


def ferry():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app.name == "ferry":
            return app
    return None


def window(app, title):
    for i in range(app.childCount):
        w = app.getChildAtIndex(i)
        if w.name == title:
            return w
    return None


def click(acc):
    """A real pointer click in the middle of acc, as a user's."""
    e = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    pyatspi.Registry.generateMouseEvent(e.x + e.width // 2, e.y + e.height // 2, "b1c")


def press(acc):
    acc.queryAction().doAction(0)


def sensitive(acc):
    return acc is not None and acc.getState().contains(pyatspi.STATE_SENSITIVE)


print("1..10", flush=True)
app = wait_for("Ferry on the accessibility bus", ferry, 30)
if app is None:
    print("Bail out! Ferry is not on the accessibility bus")
    sys.exit(1)
main = wait_for("main window", lambda: window(app, "Ferry"), 30)

vm_label = wait_for("the VM in the list", lambda: find(main, "label", VM), 60)
tap(vm_label is not None, f"{VM} is listed on {SOURCE}")
shot("1-main-window")

click(vm_label.parent.parent)   # the table row holding the VM's name
migrate = find(main, "push button", prefix="_Migrate")
tap(wait_for("Migrate… enabled", lambda: sensitive(migrate), 10), "selecting the VM enables Migrate…")
press(migrate)

dialog = wait_for("Migrate dialog", lambda: window(app, "Migrate VM"), 15)
dest = wait_for("destination", lambda: dialog and find(dialog, "check box", DEST), 15)
tap(dest is not None, f"the dialog offers {DEST} as destination")
shot("2-migrate-dialog")
click(dest)
shot("3-destination-chosen")


def migrate_button():
    """Looked up again on each try: on a busy machine the dialog may not have
    named its button yet when the destination is chosen."""
    b = find(dialog, "push button", "_Migrate Migrate")
    return b if sensitive(b) else None


# Choosing the destination starts the readiness checks on both hosts; Migrate
# waits for them. The Readiness tab says what they found.
go = wait_for("Migrate enabled", migrate_button, 30)
tap(go is not None, "the readiness checks pass and Migrate is enabled")
# GTK names the switcher's tab after its mnemonic label; its role varies by version.
tab = next((a for a in walk(dialog) if a.getRoleName() in ("page tab", "toggle button", "radio button")
            and a.name.replace("_", "").startswith("Readiness")), None)
print(f"# readiness tab: {tab.getRoleName() + ' ' + repr(tab.name) if tab else 'not found'}", flush=True)
if tab is not None:
    click(tab)
status = wait_for("readiness status", lambda: find(dialog, "label", prefix="Ready to migrate"), 10)
tap(status is not None, f"the Readiness tab says: {status.name if status else 'nothing'}")
shot("3b-readiness")
press(go)

# Progress: the bar's value, read every 100 ms while the VM moves.
bar = wait_for("progress bar", lambda: find(dialog, "progress bar"), 15)
values = []
end = time.time() + 120
while bar is not None and time.time() < end:
    v = round(bar.queryValue().currentValue, 3)
    if not values or v != values[-1]:
        values.append(v)
        if len(values) == 3:
            shot("4-progress")
    if v >= 1.0:
        break
    time.sleep(0.1)
done = wait_for("the outcome", lambda: find(dialog, "label", "Migration Completed") or
                find(dialog, "label", "Migration Failed"), 60)
moving = [v for v in values if 0 < v < 1]
tap(len(moving) >= 2, f"progress moves while migrating (bar values {values})")
tap(done is not None and done.name == "Migration Completed",
    f"the dialog reports the outcome: {done.name if done else 'none'}")
where = find(dialog, "label", prefix="The VM runs on")
print('# ' + (where.name if where else 'no placement label').replace('\n', ' '), flush=True)
shot("5-completed")

# The main window: close the dialog (the migration is over), select the
# destination host, and find the VM in the main window's VM table itself.
close = find(dialog, "push button", "Close")
if close is not None:
    press(close)
wait_for("dialog closed", lambda: window(app, "Migrate VM") is None, 10)
hosts = find(main, "list", "Hosts")
host = next((a for a in walk(hosts) if a.getRoleName() == "label" and a.name == DEST), None)
tap(host is not None, f"{DEST} is in the hosts list")
click(host)


def vm_in_table():
    table = find(main, "tree table", "Virtual Machines")
    title = find(main, "label", DEST)
    return table is not None and title is not None and \
        any(a.getRoleName() == "label" and a.name == VM for a in walk(table))


listed = wait_for("VM listed on the destination", vm_in_table, 30)
tap(bool(listed), f"{VM} is in the VM table after selecting {DEST}")
shot("6-destination-host")
sys.exit(1 if FAILED else 0)
