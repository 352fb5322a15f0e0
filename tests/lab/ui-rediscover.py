#!/usr/bin/python3
"""Ferry was killed while a migration ran; the window started again finds it.
Over AT-SPI, by accessible names: the toast saying the migration was found,
its Show button opening the progress view, the progress moving, the job in
the Migrations list. Then Ferry's connection to the source is dropped by the
source's libvirtd (virt-admin client-disconnect; the migration goes on): the
view says so instead of an outcome, and on reconnect the migration is found
and followed again, to Migration Completed. TAP on stdout; screenshots in
FERRY_SCREENSHOT_DIR.

usage: ui-rediscover.py VM SOURCE-HOST-NAME SOURCE-ADMIN-URI"""
import os
import subprocess
import sys
import time

from ui_atspi import failed, find, press, shot, start, tap, wait_for, walk, window

VM, SOURCE, ADMIN = sys.argv[1:4]
LAB = os.environ["FERRY_LAB"]
FOUND = f"Migration of {VM} from {SOURCE} is running (found when Ferry connected)"
LOST = f"Lost the connection to {SOURCE}"


def with_text(root, text):
    """The first accessible whose name contains text."""
    for acc in walk(root):
        try:
            if text in acc.name:
                return acc
        except Exception:
            continue
    return None


def show_button(main):
    """The Show button of the toast announcing the found migration (the toast
    holds the title and the button; GTK does not name its container)."""
    label = with_text(main, FOUND)
    for toast in (label.parent, label.parent.parent) if label is not None else ():
        button = next((a for a in walk(toast) if a.getRoleName() in ("push button", "button")
                       and "Show" in a.name), None)
        if button is not None:
            return button
    return None


def dump(root, what):
    """What AT-SPI sees, when a look-up failed: for the test's log."""
    for acc in walk(root):
        try:
            if acc.name or acc.getRoleName() in ("push button", "button"):
                print(f"# {what}: {acc.getRoleName()} {acc.name!r} <- {acc.parent.getRoleName()}", flush=True)
        except Exception:
            continue


def views(app):
    return [app.getChildAtIndex(i) for i in range(app.childCount) if app.getChildAtIndex(i).name == VM]


def progress_values(view, seconds):
    bar = wait_for("progress bar", lambda: find(view, "progress bar"), 15)
    values = []
    end = time.time() + seconds
    while bar is not None and time.time() < end:
        v = round(bar.queryValue().currentValue, 4)
        if not values or v != values[-1]:
            values.append(v)
        time.sleep(0.2)
    return values


def admin(*args):
    return subprocess.run(["virt-admin", "-c", ADMIN, *args], capture_output=True, text=True, timeout=20)


app, main = start(9)

show = wait_for("the toast", lambda: show_button(main), 60)
tap(show is not None, f"a toast says: {FOUND}, with a Show button")
shot("1-toast")
if show is None:
    dump(main, "main window")
    sys.exit(1)
press(show)
view = wait_for("the progress view", lambda: window(app, VM), 15)
values = progress_values(view, 6) if view is not None else []
moving = [v for v in values if 0 < v < 1]
tap(len(moving) >= 2, f"Show opens the migration's progress, and it moves (bar values {values})")
jobs = find(main, "list", "Migrations")
tap(jobs is not None and any(a.getRoleName() == "label" and a.name == VM for a in walk(jobs)),
    f"the Migrations list shows the job of {VM}")
shot("2-progress")

# The source's libvirtd closes every client connection; its own migration job
# (peer-to-peer, driven by libvirtd) is not a client's and goes on.
clients = admin("srv-clients-list", "libvirtd").stdout.splitlines()[2:]
for line in clients:
    if line.split():
        admin("client-disconnect", "libvirtd", line.split()[0])
print(f"# disconnected {len(clients)} client(s) of {SOURCE}'s libvirtd", flush=True)
lost = wait_for("the lost-source message", lambda: view and with_text(view, LOST), 30)
tap(lost is not None, f"the view says: {lost.name if lost else 'nothing'}")
tap(view is not None and with_text(view, "Migration Completed") is None,
    "losing the source is not reported as completed")
shot("3-source-lost")

show = wait_for("the toast, again", lambda: show_button(main), 60)
tap(show is not None, "on reconnect the migration is found again (a new toast)")
if show is not None:
    press(show)
again = wait_for("a second view", lambda: next((v for v in views(app) if with_text(v, LOST) is None), None), 15)
values = progress_values(again, 4) if again is not None else []
tap(len([v for v in values if 0 < v < 1]) >= 2, f"the new view follows the migration (bar values {values})")
# Let it end in time: the speed is libvirt's to change, as from any other client.
subprocess.run([LAB, "virsh", "a", "migrate-setspeed", VM, "--bandwidth", "300"], check=False, timeout=30,
               capture_output=True)
done = wait_for("the outcome", lambda: again and (find(again, "label", "Migration Completed") or
                                                 find(again, "label", "Migration Failed")), 90)
where = find(again, "label", prefix="The VM runs on") if again is not None else None
tap(done is not None and done.name == "Migration Completed",
    f"the view reaches: {done.name if done else 'nothing'}; {where.name if where else 'no placement'}")
shot("4-completed")
sys.exit(1 if failed() else 0)
