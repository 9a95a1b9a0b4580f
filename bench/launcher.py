"""A tiny process that starts each measured command, so the child's peak memory is its own.

Linux keeps a process's peak RSS across fork and exec, so a child forked from the (large)
benchmark process would report the parent's size. This launcher stays small: it reads one JSON
request per line on stdin, spawns the command, waits for it with wait4 and answers one JSON line.
"""

import json
import os
import signal
import sys
import time


def _spawn(request: dict) -> dict:
    os.chdir(request["cwd"])
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
    ]
    argv = request["argv"]
    start = time.perf_counter()
    # SIGINT at its default even when the benchmark runs in the background (where the shell
    # ignores it): a profiled run is stopped with SIGINT so that the profiler writes its file.
    pid = os.posix_spawn(
        argv[0], argv, request["env"], file_actions=actions, setsigdef=[signal.SIGINT]
    )

    def _kill(signum: int, frame: object) -> None:
        if request.get("interrupt"):
            # A profiled run: SIGINT lets the profiler write its file; SIGKILL if it hangs.
            request["interrupt"] = False
            os.kill(pid, signal.SIGINT)
            signal.setitimer(signal.ITIMER_REAL, 30)
        else:
            os.kill(pid, signal.SIGKILL)

    signal.signal(signal.SIGALRM, _kill)
    signal.setitimer(signal.ITIMER_REAL, request["cap"])
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    signal.setitimer(signal.ITIMER_REAL, 0)
    return {
        "seconds": seconds,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_kb": usage.ru_maxrss,
        "code": os.waitstatus_to_exitcode(status),
    }


def main() -> None:
    for line in sys.stdin:
        sys.stdout.write(json.dumps(_spawn(json.loads(line))) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
