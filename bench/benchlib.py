"""benchlib — what bench/startup and bench/responsiveness share.

A display (Xvfb) and a session bus of the bench's own; programs started with
their output read line by line and time-stamped on arrival; an X11 watcher that
sees a program's window being mapped and pings it (_NET_WM_PING, which GTK 3
and GTK 4 answer from their main loop, so the answer says the UI is running
again); /proc readings; medians.

Every time is time.monotonic(), the same clock for every tool.
"""

import os
import re
import shutil
import signal
import statistics
import subprocess
import tempfile
import threading
import time

from Xlib import X, display
from Xlib.protocol import event as xevent

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLK_TCK = os.sysconf("SC_CLK_TCK")


def now():
    return time.monotonic()


class Session:
    """An Xvfb display and a D-Bus session bus. Both are reachable through
    file-system sockets, so a program in the lab's client namespace (another
    network namespace, where abstract sockets are not visible) reaches them too:
    Xlib falls back from X's abstract socket to its file."""

    def __init__(self, size="1280x800x24"):
        self.tmp = tempfile.mkdtemp(prefix="ferry-bench-")
        r, w = os.pipe()
        self.xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(w), "-screen", "0", size, "-nolisten", "tcp"],
            pass_fds=(w,), stderr=subprocess.DEVNULL)
        os.close(w)
        with os.fdopen(r) as f:
            self.display = ":" + f.readline().strip()
        bus = os.path.join(self.tmp, "bus")
        self.dbus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--nopidfile",
             "--address=unix:path=" + bus, "--print-address=1"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.bus = self.dbus.stdout.readline().strip()
        self.env = dict(os.environ, DISPLAY=self.display, DBUS_SESSION_BUS_ADDRESS=self.bus,
                        GSETTINGS_BACKEND="memory", NO_AT_BRIDGE="1", XDG_CACHE_HOME=self.tmp,
                        XDG_CONFIG_HOME=self.tmp)
        self.env.pop("WAYLAND_DISPLAY", None)
        os.environ["DISPLAY"] = self.display
        self.x11 = X11Watcher()

    def close(self):
        self.x11.close()
        self.x11.rx.close()
        for p in (self.dbus, self.xvfb):
            p.terminate()
            p.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


class X11Watcher:
    """Sees top-level windows being mapped and the answers to pings, on a
    thread of its own (its own X connection); pings go out on another."""

    def __init__(self):
        self.rx = display.Display()
        self.tx = display.Display()
        self.root = self.rx.screen().root
        self.root.change_attributes(event_mask=X.SubstructureNotifyMask)
        self.rx.flush()
        self.wm_protocols = self.tx.intern_atom("WM_PROTOCOLS")
        self.ping_atom = self.tx.intern_atom("_NET_WM_PING")
        self.pid_atom = self.tx.intern_atom("_NET_WM_PID")
        self.cond = threading.Condition()
        self.maps = []      # (time, window id)
        self.pongs = {}     # serial: time
        self.serial = 0
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while self.running:
            try:
                ev = self.rx.next_event()
            except Exception:   # the display went away: the session is closing
                return
            t = now()
            with self.cond:
                if ev.type == X.MapNotify and not ev.override:
                    self.maps.append((t, ev.window.id))
                elif ev.type == X.ClientMessage and ev.client_type == self.wm_protocols:
                    fmt, data = ev.data
                    if data[0] == self.ping_atom:
                        self.pongs[data[1]] = t
                self.cond.notify_all()

    def close(self):
        self.running = False

    def window_pid(self, wid):
        try:
            prop = self.tx.create_resource_object("window", wid).get_full_property(
                self.pid_atom, X.AnyPropertyType)
            return prop.value[0] if prop else None
        except Exception:  # the window is gone already
            return None

    def wait_map(self, pid, deadline):
        """The time the first top-level window of process pid was mapped, and its id."""
        seen = 0
        while now() < deadline:
            with self.cond:
                self.cond.wait_for(lambda: len(self.maps) > seen, timeout=0.2)
                maps = self.maps[seen:]
            seen += len(maps)
            for t, wid in maps:
                if self.window_pid(wid) == pid:
                    return t, wid
        return None, None

    def ping(self, wid, timeout):
        """Sends _NET_WM_PING and waits for the answer; returns the time of the answer."""
        self.serial += 1
        serial = self.serial
        win = self.tx.create_resource_object("window", wid)
        ev = xevent.ClientMessage(window=win, client_type=self.wm_protocols,
                                  data=(32, [self.ping_atom, serial, wid, 0, 0]))
        win.send_event(ev, event_mask=0)
        self.tx.flush()
        with self.cond:
            self.cond.wait_for(lambda: serial in self.pongs, timeout=timeout)
            return self.pongs.pop(serial, None)


class Program:
    """A program whose output (stdout and stderr together) is read line by line,
    each line stamped with the time it arrived."""

    def __init__(self, argv, env, cwd=None):
        self.t0 = now()
        self.proc = subprocess.Popen(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True, errors="replace", start_new_session=True)
        self.pid = self.proc.pid
        self.cond = threading.Condition()
        self.lines = []     # (time, text)
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        for line in self.proc.stdout:
            t = now()
            with self.cond:
                self.lines.append((t, line.rstrip("\n")))
                self.cond.notify_all()
        with self.cond:
            self.cond.notify_all()

    def wait_line(self, pattern, deadline, count=1):
        """The time the count-th line matching pattern arrived (None on timeout or exit)."""
        rx = re.compile(pattern)
        seen, found = 0, 0
        while True:
            with self.cond:
                self.cond.wait_for(lambda: len(self.lines) > seen or self.proc.poll() is not None,
                                   timeout=max(0.0, min(0.5, deadline - now())))
                new = self.lines[seen:]
            seen += len(new)
            for t, text in new:
                if rx.search(text):
                    found += 1
                    if found >= count:
                        return t
            if not new and (now() >= deadline or self.proc.poll() is not None):
                return None

    def tail(self, n=15):
        with self.cond:
            return "\n".join(text for _, text in self.lines[-n:])

    def signal(self, sig):
        try:
            os.kill(self.pid, sig)
        except ProcessLookupError:
            pass

    def stop(self):
        """Ends the program and everything it started (its own session)."""
        for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.proc.wait(wait)
                break
            except subprocess.TimeoutExpired:
                continue
        self.thread.join(2)


def proc_status_kib(pid, field):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return None


def proc_pss_kib(pid):
    with open("/proc/%d/smaps_rollup" % pid) as f:
        for line in f:
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return None


def proc_cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK   # utime, stime


def summary(values):
    """(median, min, max) of the values that are not None, or None."""
    v = [x for x in values if x is not None]
    if not v:
        return None
    return statistics.median(v), min(v), max(v)


def fmt_range(values, scale=1.0, digits=2):
    s = summary(values)
    if s is None:
        return "—"
    m, lo, hi = (x * scale for x in s)
    return "%.*f (%.*f–%.*f)" % (digits, m, digits, lo, digits, hi)


def machine_load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])
