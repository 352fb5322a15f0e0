#!/usr/bin/python3
"""A user migrates a VM with Ferry, found and pressed by accessible names over
AT-SPI (as a screen reader or dogtail would): select the VM, press Migrate…,
choose the destination, press Migrate, watch the progress move, see the
outcome, and find the VM listed on the destination host. TAP on stdout;
a screenshot of each step in FERRY_SCREENSHOT_DIR.

usage: ui-migrate.py VM SOURCE-HOST-NAME DESTINATION-HOST-NAME"""
import sys
import time

from ui_atspi import click, failed, find, press, sensitive, shot, start, tap, wait_for, walk, window

VM, SOURCE, DEST = sys.argv[1:4]


app, main = start(10)

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
sys.exit(1 if failed() else 0)
