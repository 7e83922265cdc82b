"""Starting nianbao-serve for a browser test: on a free port, its workspace under `tmp`."""
import os, re, signal, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def start_server(binary, tmp, *arguments):
    """Starts `binary --port 0 arguments…` and returns (process, its address) once it prints it."""
    env = dict(os.environ, TMPDIR=str(tmp))
    # The committed test fonts, as the Swift tests use: `make test` needs no fonts/prepared.
    fonts = ["--fonts-dir", str(ROOT / "Tests/Fonts")]
    proc = subprocess.Popen([binary, "--port", "0", *fonts, *arguments], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    deadline = time.time() + 60
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        m = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
        if m:
            return proc, m.group(1)
    proc.kill()
    sys.exit("nianbao-serve did not print its address: " + proc.stderr.read())


def stop_server(proc):
    """SIGTERM, as a user's Ctrl-C or a service manager stops it (the workspace is removed then)."""
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
