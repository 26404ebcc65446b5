"""Post support visits through the API from many concurrent clients, under gunicorn.

    .venv/bin/python bench/api_load.py [--clients 50] [--seconds 20] [--rounds 4]
                                       [--workers N] [--threads N] [--database-url URL]

Builds its own database (a temporary SQLite file, or the PostgreSQL database
given, whose name must contain "bench": it is dropped before and after), loads
the demo commune, issues an API token for the demo team member `tovien`,
starts gunicorn on it with production's settings (`hocvuso/gunicorn_conf.py`,
DEBUG off, behind a proxy that says the request came over HTTPS), then for
each endpoint runs N client threads that send requests back to back for
`--seconds` in all: `POST /api/v1/visits` (a new visit, with its own
client_key each time) and, for comparison, `GET /healthz` (a trivial view of
the same server: two one-row queries). The two alternate over `--rounds`
rounds, so that both meet the same load from whatever else runs on the
machine. Prints requests per second, the p50/p95 latencies, the CPU time
gunicorn's processes spent per request, and the ratio of the throughputs;
then, from this process alone (Django's test client, no server), the queries
of one POST and the median CPU time of a POST and of /healthz, the steadier
figures on a shared machine.

Then it checks that no visit was lost or doubled: the database holds exactly
one visit for each client_key that was answered 201, and none other; and it
sends each of 20 new client_keys from every client at once (offline phones
resending), which must save exactly one visit per key, answered 201 once and
200 to every other send.

The clients run on the same 2-core machine as the server; they take CPU from
it, so the figures are a floor, not a ceiling.
"""

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    load_average,
    load_demo_commune,
    machine,
    prepare_database,
    setup_django,
)

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765
# What nginx or Caddy adds in production (deploy/): the request came over HTTPS.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def start_server(url: str, workers: int | None, threads: int | None) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    }
    if workers:
        env["WEB_CONCURRENCY"] = str(workers)
    if threads:
        env["GUNICORN_THREADS"] = str(threads)
    server = subprocess.Popen(
        [
            # The gunicorn of the virtualenv that runs this script.
            str(Path(sys.executable).parent / "gunicorn"),
            "-c",
            "python:hocvuso.gunicorn_conf",
            "-b",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
            "hocvuso.wsgi",
        ],
        cwd=ROOT,
        env=env,
        # The access log, one line a request, is written as in production, and not shown.
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            connection.request("GET", "/healthz", headers=PROXY_HEADERS)
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("gunicorn did not start")


def server_cpu(pid: int) -> float:
    """CPU seconds gunicorn has used so far: the master, its live workers, and the workers it
    has replaced (max_requests), whose time the kernel adds to the master's once reaped."""
    tick = os.sysconf("SC_CLK_TCK")

    def fields(p) -> list[str]:
        # After the command's closing parenthesis: state, ppid, … utime is the 12th.
        return Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()

    master = fields(pid)
    total = sum(int(v) for v in master[11:15])  # utime, stime, cutime, cstime
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                child = fields(entry.name)
            except OSError:
                continue
            if child[1] == str(pid):
                total += int(child[11]) + int(child[12])
    return total / tick


class Load:
    """Requests of one endpoint, gathered over one or more timed rounds."""

    def __init__(self):
        self.latencies, self.errors, self.kept = [], [], []
        self.elapsed = self.cpu = 0.0

    def run(self, clients: int, seconds: float, request, server_pid: int) -> None:
        """Run `clients` threads calling request(connection) until the time is up.

        `request` returns the response's status and what to keep of it (or None): the
        client_keys of the visits answered 201, for the POSTs.
        """
        lock = threading.Lock()
        stop = time.perf_counter() + seconds

        def client():
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
            mine, failed, keep = [], [], []
            while time.perf_counter() < stop:
                began = time.perf_counter()
                try:
                    status, value = request(connection)
                except (OSError, http.client.HTTPException) as error:
                    failed.append(repr(error))
                    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
                    continue
                mine.append(time.perf_counter() - began)
                if status >= 300:
                    failed.append(status)
                elif value is not None:
                    keep.append(value)
            with lock:
                self.latencies.extend(mine)
                self.errors.extend(failed)
                self.kept.extend(keep)

        cpu = server_cpu(server_pid)
        began = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.elapsed += time.perf_counter() - began
        self.cpu += server_cpu(server_pid) - cpu

    def summary(self) -> dict:
        latencies = sorted(self.latencies)
        count = len(latencies)
        return {
            "requests": count,
            "rps": count / self.elapsed if self.elapsed else 0,
            "p50": statistics.median(latencies) * 1000 if latencies else 0,
            "p95": latencies[int(count * 0.95) - 1] * 1000 if latencies else 0,
            "cpu": self.cpu / count * 1000 if count else 0,
            "errors": len(self.errors),
            "error_kinds": sorted({str(e) for e in self.errors})[:5],
        }


def visit_body(key: str) -> str:
    return json.dumps(
        {
            "client_key": key,
            "place": "centre",
            "services": ["vneid-activate", "dvc-filing"],
            "people": 1,
            "gender": "female",
            "age_band": "60_plus",
            "outcome": "done",
        }
    )


def in_process(secret: str, repeat: int = 50) -> dict:
    """One POST's queries, and the median CPU time of a POST and of /healthz, in this process
    (Django's test client, no server, no other client): steadier than the throughput on a
    shared machine."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(headers={"Authorization": f"Bearer {secret}"})

    def post():
        body = visit_body(str(uuid.uuid4()))
        response = client.post("/api/v1/visits", body, "application/json", secure=True)
        assert response.status_code == 201, response.content

    def health():
        assert client.get("/healthz", secure=True).status_code == 200

    def median_cpu(request) -> float:
        times = []
        for _ in range(repeat):
            began = time.process_time()
            request()
            times.append(time.process_time() - began)
        return statistics.median(times) * 1000

    post(), health()  # warm-up
    with CaptureQueriesContext(connection) as queries:
        post()
    return {"queries": len(queries), "post": median_cpu(post), "health": median_cpu(health)}


def resend_race(clients: int, keys: list[str], headers: dict) -> list[tuple[str, int]]:
    """Every client sends every one of `keys` at once, as phones coming back online resend
    what they logged offline; returns (key, status) of each send."""
    answers = []
    lock = threading.Lock()
    start = threading.Barrier(clients)

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        start.wait()
        mine = []
        for key in keys:
            try:
                connection.request("POST", "/api/v1/visits", body=visit_body(key), headers=headers)
                response = connection.getresponse()
                response.read()
                mine.append((key, response.status))
            except (OSError, http.client.HTTPException):
                mine.append((key, 0))
                connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        with lock:
            answers.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return answers


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument(
        "--workers", type=int, help="gunicorn's processes (default: gunicorn_conf.py's)"
    )
    parser.add_argument(
        "--threads", type=int, help="threads of each process (default: gunicorn_conf.py's)"
    )
    parser.add_argument(
        "--rounds", type=int, default=4, help="alternate the endpoints this many times"
    )
    parser.add_argument("--database-url")
    args = parser.parse_args(argv)
    url, remove = prepare_database(args.database_url)
    try:
        setup_django(url)
        load_demo_commune()
        from hocvuso import gunicorn_conf
        from hocvuso.accounts.models import User
        from hocvuso.api.services import issue_token
        from hocvuso.support.models import SupportVisit

        workers = args.workers or gunicorn_conf.workers
        threads = args.threads or gunicorn_conf.threads
        _, secret = issue_token(User.objects.get(username="tovien"), "bench")
        where = machine()  # the load average before the run
        alone = in_process(secret)
        before = set(SupportVisit.objects.values_list("pk", flat=True))
        server = start_server(url, args.workers, args.threads)
        try:
            headers = {
                "Authorization": f"Bearer {secret}",
                "Content-Type": "application/json",
                **PROXY_HEADERS,
            }

            def post_visit(connection):
                key = str(uuid.uuid4())
                connection.request("POST", "/api/v1/visits", body=visit_body(key), headers=headers)
                response = connection.getresponse()
                response.read()
                return response.status, key if response.status == 201 else None

            def health(connection):
                connection.request("GET", "/healthz", headers=PROXY_HEADERS)
                response = connection.getresponse()
                response.read()
                return response.status, None

            # The rounds alternate, so that both endpoints meet the same load from the
            # machine's other users.
            trivial, visits = Load(), Load()
            for _ in range(args.rounds):
                trivial.run(args.clients, args.seconds / args.rounds, health, server.pid)
                visits.run(args.clients, args.seconds / args.rounds, post_visit, server.pid)
            visit_keys = visits.kept
            race_keys = [str(uuid.uuid4()) for _ in range(20)]
            race = resend_race(args.clients, race_keys, headers)
        finally:
            server.terminate()
            server.wait(timeout=30)
        new = SupportVisit.objects.exclude(pk__in=before)
        saved = list(new.values_list("client_key", flat=True))
        saved_keys = {str(key) for key in saved}
        engine = "PostgreSQL" if url.startswith("postgres") else "SQLite"
        print(
            f"\nAPI under gunicorn ({workers} workers × {threads} threads, gthread), "
            f"{engine}, {args.clients} concurrent clients, {args.seconds:.0f} s each "
            f"in {args.rounds} alternating rounds"
        )
        for line in where:
            print(f"  {line}")
        print(
            f"  {'endpoint':<24}{'requests':>10}{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}"
            f"{'errors':>8}{'server CPU ms':>15}"
        )
        trivial, visits = trivial.summary(), visits.summary()
        for name, r in (("GET /healthz", trivial), ("POST /api/v1/visits", visits)):
            print(
                f"  {name:<24}{r['requests']:>10}{r['rps']:>10.1f}{r['p50']:>10.1f}"
                f"{r['p95']:>10.1f}{r['errors']:>8}{r['cpu']:>15.2f}"
            )
            if r["error_kinds"]:
                print(f"    errors: {', '.join(r['error_kinds'])}")
        ratio = visits["rps"] / trivial["rps"] if trivial["rps"] else 0
        print(f"  POST / healthz: {ratio:.1%} of the trivial view's throughput (goal: 20 %)")
        print(
            "  (server CPU: gunicorn's processes, per request, while each endpoint ran; "
            "PostgreSQL's and the clients' not counted)"
        )
        print(
            f"  in-process, test client: a POST makes {alone['queries']} queries; CPU, median of 50: "
            f"POST {alone['post']:.2f} ms, /healthz {alone['health']:.2f} ms "
            f"({alone['post'] / alone['health']:.1f}×)"
        )
        print(f"  {load_average('at the end')}")

        created = set(visit_keys)
        answered = {}
        for key, status in race:
            answered.setdefault(key, []).append(status)
        race_ok = all(
            sorted(statuses) == [200] * (args.clients - 1) + [201] for statuses in answered.values()
        )
        expected = created | set(race_keys)
        exact = len(saved) == len(saved_keys) == len(expected) and saved_keys == expected
        print(
            f"  check     visits saved: {len(saved)} for {len(created)} POSTs answered 201 "
            f"and {len(race_keys)} resent keys; the same keys, one visit each: "
            f"{'yes' if exact else 'NO'}"
        )
        if not exact:
            print(
                f"            doubled: {len(saved) - len(saved_keys)}, "
                f"lost: {len(expected - saved_keys)}, unanswered: {len(saved_keys - expected)}"
            )
        print(
            f"  check     {len(race_keys)} keys sent by all {args.clients} clients at once: "
            f"201 once and 200 to every other send: {'yes' if race_ok else 'NO'}"
        )
        if not race_ok:
            print(f"            statuses: {sorted({s for v in answered.values() for s in v})}")
        return 0 if exact and race_ok else 1
    finally:
        remove()


if __name__ == "__main__":
    sys.exit(main())
