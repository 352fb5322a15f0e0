"""Shared by the lab's AT-SPI scripts (ui-*.py): find Ferry's widgets by role
and accessible name, press and click them as a user would, wait with a
bound, report TAP, keep screenshots in FERRY_SCREENSHOT_DIR."""
import os
import subprocess
import sys
import time

import pyatspi

def _bail_out(kind, value, tb):
    """An exception in a script (an accessible gone mid-read, say) is a failure
    that names its line on stdout, where the TAP reader and the digest see it."""
    import traceback
    frame = traceback.extract_tb(tb)[-1] if tb else None
    where = f" at {os.path.basename(frame.filename)}:{frame.lineno}" if frame else ""
    print(f"Bail out! {kind.__name__}: {value}{where}", flush=True)
    sys.__excepthook__(kind, value, tb)


sys.excepthook = _bail_out

SHOTS = os.environ.get("FERRY_SCREENSHOT_DIR", "/tmp")
# Screenshots are named after the script that takes them (ui-migrate-1-….png).
PREFIX = os.path.splitext(os.path.basename(sys.argv[0]))[0]
_n = 0
_failed = 0


def tap(ok, desc):
    global _n, _failed
    _n += 1
    _failed += 0 if ok else 1
    desc = desc.replace("\n", " ")   # one TAP line, whatever a label holds
    print(f"{'ok' if ok else 'not ok'} {_n} - {desc}", flush=True)
    return ok


def failed():
    return _failed


def shot(name):
    os.makedirs(SHOTS, exist_ok=True)
    path = os.path.join(SHOTS, f"{PREFIX}-{name}.png")
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
    print(f"# gave up after {seconds} s waiting for {what}", flush=True)
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


def start(tests):
    """Prints the TAP plan and waits for Ferry's main window: (app, window)."""
    print(f"1..{tests}", flush=True)
    app = wait_for("Ferry on the accessibility bus", ferry, 30)
    if app is None:
        print("Bail out! Ferry is not on the accessibility bus", flush=True)
        sys.exit(1)
    return app, wait_for("main window", lambda: window(app, "Ferry"), 30)
