#!/usr/bin/env python3
"""Runs `clausemark-cli annotate --jsonl -` over partitions of a JSONL file on a
Dask distributed LocalCluster of 2 worker processes, piping each partition
through the CLI, and prints the annotated records in input order.

    scale-out-dask.py CLI INPUT PARTITION_SIZE [KILL_MARKER]

With KILL_MARKER (a path that does not exist yet), the first task to run
creates it and SIGKILLs its own worker process: the scheduler must run the
task again elsewhere and lose nothing. Exit status: that of the worst
partition (1 when some record was refused, as the CLI reports it)."""

import os
import signal
import subprocess
import sys

from distributed import Client, LocalCluster


def annotate_partition(cli, lines, kill_marker):
    if kill_marker:
        try:
            fd = os.open(kill_marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            os.close(fd)
            os.kill(os.getpid(), signal.SIGKILL)     # this worker dies mid-task
        except FileExistsError:
            pass
    r = subprocess.run([cli, "annotate", "--jsonl", "-", "--no-model"], input="".join(lines),
                       capture_output=True, text=True, check=False)
    return r.returncode, r.stdout, r.stderr


def main():
    cli, path, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
    kill_marker = sys.argv[4] if len(sys.argv) > 4 else None
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    partitions = [lines[i:i + size] for i in range(0, len(lines), size)]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        futures = [client.submit(annotate_partition, cli, p, kill_marker, pure=False,
                                 retries=2) for p in partitions]
        results = client.gather(futures)
    status = 0
    for code, out, err in results:
        sys.stdout.write(out)
        sys.stderr.write(err)
        status = max(status, code)
    return status


if __name__ == "__main__":
    sys.exit(main())
