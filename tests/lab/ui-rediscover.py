#!/usr/bin/python3
"""Ferry was killed while a migration ran; the window started again finds it.
Over AT-SPI, by accessible names: the toast saying the migration was found,
its Show button opening the progress view, the progress moving, the job in
the Migrations list. Then Ferry's connection to the source is dropped by the
source's libvirtd (virt-admin client-disconnect; the migration goes on): the
view says so instead of an outcome, and on reconnect the migration is found
and followed again, to Migration Completed. Second, the VM goes back: that
migration's ferry-migrate is killed too, Ferry's connection to its source (b)
dropped, the migration found on reconnect and cancelled from its view: the VM
stays on b. TAP on stdout; screenshots in FERRY_SCREENSHOT_DIR.

usage: ui-rediscover.py VM A-NAME A-ADMIN-URI B-NAME B-ADMIN-URI B-URI A-URI
(the last two: b and a as ferry-migrate reaches them in the lab's client namespace)"""
import os
import subprocess
import sys
import time

from ui_atspi import failed, find, press, shot, start, tap, wait_for, walk, window

VM, SOURCE, ADMIN, BACK_SOURCE, BACK_ADMIN, BACK_FROM, BACK_TO = sys.argv[1:8]
LAB = os.environ["FERRY_LAB"]
LOST = f"Lost the connection to {SOURCE}"


def found(host):
    return f"Migration of {VM} from {host} is running (found when Ferry connected)"


FOUND = found(SOURCE)


def with_text(root, text):
    """The first accessible whose name contains text."""
    for acc in walk(root):
        try:
            if text in acc.name:
                return acc
        except Exception:
            continue
    return None


def show_button(main, title=FOUND):
    """The Show button of the toast announcing the found migration (the toast
    holds the title and the button; GTK does not name its container)."""
    label = with_text(main, title)
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


def drop_clients(admin_uri):
    """The host's libvirtd closes every client connection (Ferry's among them)."""
    def admin(*args):
        return subprocess.run(["virt-admin", "-c", admin_uri, *args], capture_output=True, text=True, timeout=20)
    clients = [line.split()[0] for line in admin("srv-clients-list", "libvirtd").stdout.splitlines()[2:]
               if line.split()]
    for client in clients:
        admin("client-disconnect", "libvirtd", client)
    print(f"# {admin_uri}: disconnected {len(clients)} client(s)", flush=True)


def button(root, name):
    """A button by its text (its own name, or its label's). GTK leaves hidden
    widgets out of the tree (an ended view's Cancel); SHOWING is not reliable
    inside a scrolled view, so it is not asked."""
    for a in walk(root):
        try:
            if name not in a.name.replace("_", ""):
                continue
            if a.getRoleName() in ("push button", "button"):
                return a
            if a.getRoleName() == "label" and a.parent.getRoleName() in ("push button", "button"):
                return a.parent
        except Exception:
            continue
    return None


def domstate(host):
    r = subprocess.run([LAB, "virsh", host, "domstate", VM], capture_output=True, text=True, timeout=30)
    return r.stdout.strip() if r.returncode == 0 else "absent"


app, main = start(14)

show = wait_for("the toast", lambda: show_button(main), 60)
tap(show is not None, f"a toast says: {FOUND}, with a Show button")
shot("1-toast")
# b's VM, paused (migrating) while it arrives, is not taken for a migration whose driver died.
tap(with_text(app, "Interrupted Migration") is None, "no false alarm about b's incoming VM")
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

# The source's migration job (peer-to-peer, driven by libvirtd) is no client's:
# it goes on while Ferry's connection is dropped.
drop_clients(ADMIN)
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
rows = [a for a in walk(find(main, "list", "Migrations")) if a.getRoleName() == "label" and a.name == VM]
tap(len([v for v in values if 0 < v < 1]) >= 2 and len(rows) == 1,
    f"the new view follows the migration (bar values {values}); the Migrations list has one row for it "
    f"({len(rows)})")
# Let it end in time: the speed is libvirt's to change, as from any other client.
subprocess.run([LAB, "virsh", "a", "migrate-setspeed", VM, "--bandwidth", "300"], check=False, timeout=30,
               capture_output=True)
done = wait_for("the outcome", lambda: again and (find(again, "label", "Migration Completed") or
                                                 find(again, "label", "Migration Failed")), 90)
where = find(again, "label", prefix="The VM runs on") if again is not None else None
tap(done is not None and done.name == "Migration Completed",
    f"the view reaches: {done.name if done else 'nothing'}; {where.name if where else 'no placement'}")
shot("4-completed")
states = {h: wait_for("the VM settled", lambda: domstate(h), 5) for h in ("a", "b")}
tap(states == {"a": "absent", "b": "running"}, f"the VM runs once, on b (a: {states['a']}, b: {states['b']})")

# --- 2: back to a, its driver killed, found on b's reconnect, cancelled -----------------------
mig = subprocess.Popen([LAB, "exec", os.environ["FERRY_MIGRATE"], "--p2p", "--live", "--persistent",
                        "--undefinesource", "--bandwidth", "2", VM, BACK_FROM, BACK_TO],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
for line in mig.stderr:   # ends at the first progress line, or when ferry-migrate exits
    if line.startswith("progress: "):
        break
mig.kill()                # `lab exec` execs: this is ferry-migrate itself
mig.wait(10)
drop_clients(BACK_ADMIN)
show = wait_for("the toast from b", lambda: show_button(main, found(BACK_SOURCE)), 60)
tap(show is not None, f"after {BACK_SOURCE} reconnects: {found(BACK_SOURCE)}")
if show is not None:
    press(show)
view = wait_for("a running view", lambda: next((v for v in views(app) if button(v, "Cancel Migration")), None), 15)
cancel = button(view, "Cancel Migration") if view is not None else None
if view is None:
    for v in views(app):
        dump(v, "view")
if cancel is not None:
    press(cancel)
confirm = wait_for("the confirmation", lambda: next((button(app.getChildAtIndex(i), "Cancel Migration")
                                                     for i in range(app.childCount)
                                                     if app.getChildAtIndex(i).name != VM
                                                     and button(app.getChildAtIndex(i), "Cancel Migration")), None), 10)
shot("5-cancel")
if confirm is not None:
    press(confirm)
done = wait_for("cancelled", lambda: find(view, "label", "Migration Cancelled"), 60) if view else None
where = find(view, "label", prefix="The VM runs on") if view is not None else None
tap(done is not None, f"Cancel in the found job's view ends it: {done.name if done else 'not cancelled'}; "
    f"{where.name if where else 'no placement'}")
shot("6-cancelled")


def figure(root, title):
    """The value shown under a figure's title (the label that follows it)."""
    labels = [a for a in walk(root) if a.getRoleName() == "label"]
    return next((labels[i + 1].name for i, a in enumerate(labels[:-1]) if a.name == title), None)


processed = figure(view, "Processed") if view is not None else None
tap(processed not in (None, "", "\u2014"), f"the cancelled view keeps the figures it reached (Processed: {processed})")
sys.exit(1 if failed() else 0)
