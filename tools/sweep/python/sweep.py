"""The sweep's Dask client: reads the runs the lab prepared (tools/sweep/spec.ts),
groups the runs of one shape into tasks, trains them on a Dask cluster
(sweep_train.py) and appends each finished run to a journal as it completes.

    python3 sweep.py SPEC_DIR --journal FILE [--workers N] [--scheduler ADDR]
        [--device cpu|cuda] [--resume] [--runs-per-task K]

Without --scheduler: a LocalCluster of N single-threaded worker processes.
The journal is JSON lines: a header naming the experiment, then one line per
finished run. --resume keeps the runs an earlier journal of the same
experiment holds and trains only the rest; without it the journal starts
afresh. Nothing is written before PyTorch, Dask and the cluster are there.

Exit status: 0 done; 3 PyTorch or Dask distributed cannot be imported;
4 the scheduler cannot be reached; 6 CUDA asked for but not available; 1 anything else.
"""

import argparse
import json
import os
import sys
import threading
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

EXIT_NO_TORCH = 3
EXIT_NO_SCHEDULER = 4
EXIT_NO_CUDA = 6


def fail(status, message):
    sys.stderr.write(message.rstrip() + "\n")
    sys.exit(status)


def require_modules():
    try:
        import torch  # noqa: F401
    except ImportError as e:
        fail(
            EXIT_NO_TORCH,
            f"PyTorch cannot be imported by {sys.executable} ({e}). The sweep needs it: Debian's python3-torch "
            "(apt-get install python3-torch), or set PYTHON to an interpreter that has torch.",
        )
    try:
        import distributed  # noqa: F401
    except ImportError as e:
        fail(
            EXIT_NO_TORCH,
            f"Dask distributed cannot be imported by {sys.executable} ({e}). The sweep needs it: Debian's "
            "python3-distributed (apt-get install python3-distributed).",
        )


def load_spec(spec_dir):
    import numpy as np

    with open(os.path.join(spec_dir, "manifest.json")) as f:
        manifest = json.load(f)
    if manifest.get("format") != "nwl-sweep" or manifest.get("version") != 1:
        fail(1, f"{spec_dir}: not a sweep specification this script reads")
    for run in manifest["runs"]:
        run["arrays"] = {name: np.load(os.path.join(spec_dir, file)) for name, file in run["arrays"].items()}
    return manifest


def tasks_of(manifest, per_task):
    """Runs grouped by shape, in run order, in tasks of at most per_task runs: the same tasks whatever the cluster."""
    groups = {}
    for run in manifest["runs"]:
        groups.setdefault(run["shapeKey"], []).append(run)
    tasks = []
    for key, runs in groups.items():
        for start in range(0, len(runs), per_task):
            chunk = runs[start : start + per_task]
            tasks.append({"shape": manifest["shapes"][key], "runs": chunk})
    return tasks


def read_journal(path, experiment):
    """Records of runs an earlier journal of the same experiment finished, by run index."""
    done = {}
    try:
        with open(path) as f:
            lines = f.read().split("\n")
    except FileNotFoundError:
        return done
    if not lines or not lines[0]:
        return done
    try:
        header = json.loads(lines[0])
    except ValueError:
        return done
    if header.get("experiment") != experiment:
        sys.stderr.write("the journal there belongs to another experiment or device: starting afresh\n")
        return None
    for line in lines[1:]:
        try:
            record = json.loads(line)
        except ValueError:
            continue  # a line cut short by a crash: its run is trained again
        done[record["index"]] = record
    return done


def probe(address):
    """A refused TCP connection fails at once, where Dask's client would retry until its timeout."""
    import socket
    from urllib.parse import urlparse

    u = urlparse(address if "://" in address else f"tcp://{address}")
    if u.scheme == "tcp" and u.hostname and u.port:
        socket.create_connection((u.hostname, u.port), timeout=5).close()


def connect(args):
    from distributed import Client, LocalCluster

    if args.scheduler:
        try:
            probe(args.scheduler)
            return Client(args.scheduler, timeout=args.connect_timeout), None
        except (OSError, TimeoutError) as e:
            fail(
                EXIT_NO_SCHEDULER,
                f"the Dask scheduler at {args.scheduler} cannot be reached ({type(e).__name__}: {e}). Start one with "
                "`dask-scheduler` and workers with `dask-worker ADDR --nthreads 1`, or leave out --scheduler for a local cluster.",
            )
    cluster = LocalCluster(
        n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=40
    )
    return Client(cluster), cluster


class Progress:
    """The console's line: runs done, run-steps/s and time left, counting the run-steps of tasks still training."""

    def __init__(self, total_runs, total_run_steps, done_runs, done_run_steps):
        self.total_runs, self.total_run_steps = total_runs, total_run_steps
        self.runs, self.run_steps = done_runs, done_run_steps
        self.start_steps = done_run_steps
        # Run-steps so far of each task still training (its key: its first run), from its reports.
        self.partial = {}
        # Tasks finished: a report of theirs still on the queue is stale.
        self.finished = set()
        self.t0 = time.perf_counter()
        self.lock = threading.Lock()

    def add(self, key, runs, run_steps):
        with self.lock:
            self.partial.pop(key, None)
            self.finished.add(key)
            self.runs += runs
            self.run_steps += run_steps
            self._print()

    def report(self, key, run_steps):
        with self.lock:
            if key in self.finished:
                return
            self.partial[key] = run_steps
            self._print()

    def _print(self):
        steps = self.run_steps + sum(self.partial.values())
        secs = time.perf_counter() - self.t0
        rate = (steps - self.start_steps) / secs if secs > 0 else 0.0
        left = (self.total_run_steps - steps) / rate if rate > 0 else float("inf")
        eta = "?" if left == float("inf") else f"{left:.0f} s"
        sys.stderr.write(f"runs {self.runs}/{self.total_runs}  {rate:.0f} run-steps/s  about {eta} left\n")


def listen(queue, progress, stop):
    """Hands the tasks' reports to the console's line until `stop` is set."""
    # Polled, never waited on: a get that times out is logged as an error by the scheduler.
    while not stop.wait(1.0):
        try:
            reports = queue.get(batch=True)
        except Exception:  # the cluster going away at the end
            continue
        for key, run_steps in reports:
            progress.report(key, run_steps)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("spec")
    p.add_argument("--journal", required=True)
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    p.add_argument("--scheduler", default=None)
    p.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    p.add_argument("--resume", action="store_true")
    p.add_argument("--runs-per-task", type=int, default=8)
    p.add_argument("--connect-timeout", default="5s")
    args = p.parse_args()

    require_modules()
    import torch

    if args.device == "cuda" and not torch.cuda.is_available():
        fail(EXIT_NO_CUDA, "--device cuda: PyTorch sees no CUDA device here")
    manifest = load_spec(args.spec)
    client, cluster = connect(args)
    try:
        import cloudpickle
        import sweep_train

        # The workers need not find the module on their path: it travels with each task.
        cloudpickle.register_pickle_by_value(sweep_train)
        # Each worker imports torch once before the clock starts, not inside its first task.
        client.run(lambda: __import__("torch") and None)
        timing = run(client, manifest, args, sweep_train)
        import platform

        import distributed

        versions = {"torch": torch.__version__, "distributed": distributed.__version__, "python": platform.python_version()}
        print(json.dumps({"versions": versions, "timing": timing}))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run(client, manifest, args, sweep_train):
    import warnings

    from distributed import Queue, as_completed

    # Each task carries its runs' data, so that a rerun after a lost worker needs nothing from it.
    warnings.filterwarnings("ignore", message="Large object of size")

    experiment = f"{manifest['permalink']} on {args.device}"
    done = read_journal(args.journal, experiment) if args.resume else None
    done = done or {}
    steps_of = {r["index"]: manifest["shapes"][r["shapeKey"]]["steps"] for r in manifest["runs"]}
    tasks = [t for t in tasks_of(manifest, args.runs_per_task) if not all(r["index"] in done for r in t["runs"])]
    with open(args.journal, "w") as journal:
        journal.write(json.dumps({"experiment": experiment}) + "\n")
        for index in sorted(done):
            journal.write(json.dumps(done[index]) + "\n")
        journal.flush()
        progress = Progress(
            len(manifest["runs"]), sum(steps_of.values()), len(done), sum(steps_of[i] for i in done)
        )
        if done:
            sys.stderr.write(f"resuming: {len(done)} runs already finished\n")
        t0 = time.perf_counter()
        trained, cpu = 0, 0.0
        queue_name = f"nwl-progress-{uuid.uuid4().hex}"
        queue = Queue(queue_name, client=client)
        stop = threading.Event()
        listener = threading.Thread(target=listen, args=(queue, progress, stop), daemon=True)
        listener.start()
        futures = [client.submit(sweep_train.train_task, t, args.device, queue_name, pure=False) for t in tasks]
        for future in as_completed(futures):
            out = future.result()
            records = out["records"]
            cpu += out["cpuSeconds"]
            for record in records:
                journal.write(json.dumps(record) + "\n")
            journal.flush()
            os.fsync(journal.fileno())
            trained += sum(steps_of[r["index"]] for r in records)
            progress.add(records[0]["index"], len(records), sum(steps_of[r["index"]] for r in records))
        stop.set()
        listener.join()
    # cpuSeconds: the tasks' own processor time, which a busy shared machine does not inflate.
    return {"seconds": time.perf_counter() - t0, "cpuSeconds": cpu, "runSteps": trained, "tasks": len(tasks)}


if __name__ == "__main__":
    main()
