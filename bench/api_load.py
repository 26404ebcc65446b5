"""Post support visits through the API from many concurrent clients, under gunicorn.

    .venv/bin/python bench/api_load.py [--clients 50] [--seconds 20] [--database-url URL]

Builds its own database (a temporary SQLite file, or the PostgreSQL database
given, whose name must contain "bench": it is dropped before and after), loads
the demo commune, issues an API token for the demo team member `tovien`,
starts gunicorn on it, then for each endpoint runs N client threads that send
requests back to back for a fixed time: `POST /api/v1/visits` (a new visit,
with its own client_key each time) and, for comparison, `GET /healthz` (a
trivial view of the same server, no database). Prints requests per second and
the p50/p95 latencies of both, and checks that the database holds exactly one
visit per successful POST.

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

from common import load_demo_commune, machine, prepare_database, setup_django  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765


def start_server(url: str, workers: int, threads: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "hocvuso.wsgi",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            str(workers),
            "-k",
            "gthread",
            "--threads",
            str(threads),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("gunicorn did not start")


def load(clients: int, seconds: float, request) -> dict:
    """Run `clients` threads calling request(connection) until the time is up."""
    latencies, errors = [], []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        mine, failed = [], []
        while time.perf_counter() < stop:
            began = time.perf_counter()
            try:
                status = request(connection)
            except (OSError, http.client.HTTPException) as error:
                failed.append(repr(error))
                connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
                continue
            mine.append(time.perf_counter() - began)
            if status >= 300:
                failed.append(status)
        with lock:
            latencies.extend(mine)
            errors.extend(failed)

    began = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000 if latencies else 0,
        "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000 if latencies else 0,
        "errors": len(errors),
        "error_kinds": sorted({str(e) for e in errors})[:5],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--database-url")
    args = parser.parse_args(argv)
    url, remove = prepare_database(args.database_url)
    try:
        setup_django(url)
        load_demo_commune()
        from hocvuso.accounts.models import User
        from hocvuso.api.services import issue_token
        from hocvuso.support.models import SupportVisit

        _, secret = issue_token(User.objects.get(username="tovien"), "bench")
        before = SupportVisit.objects.count()
        server = start_server(url, args.workers, args.threads)
        try:
            headers = {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"}

            def post_visit(connection):
                body = json.dumps(
                    {
                        "client_key": str(uuid.uuid4()),
                        "place": "centre",
                        "services": ["vneid-activate", "dvc-filing"],
                        "people": 1,
                        "gender": "female",
                        "age_band": "60_plus",
                        "outcome": "done",
                    }
                )
                connection.request("POST", "/api/v1/visits", body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                return response.status

            def health(connection):
                connection.request("GET", "/healthz")
                response = connection.getresponse()
                response.read()
                return response.status

            trivial = load(args.clients, args.seconds, health)
            visits = load(args.clients, args.seconds, post_visit)
        finally:
            server.terminate()
            server.wait(timeout=30)
        saved = SupportVisit.objects.count() - before
        engine = "PostgreSQL" if url.startswith("postgres") else "SQLite"
        print(
            f"\nAPI under gunicorn ({args.workers} workers × {args.threads} threads), "
            f"{engine}, {args.clients} concurrent clients, {args.seconds:.0f} s each"
        )
        for line in machine():
            print(f"  {line}")
        print(
            f"  {'endpoint':<24}{'requests':>10}{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}"
            f"{'errors':>8}"
        )
        for name, r in (("GET /healthz", trivial), ("POST /api/v1/visits", visits)):
            print(
                f"  {name:<24}{r['requests']:>10}{r['rps']:>10.1f}{r['p50']:>10.1f}"
                f"{r['p95']:>10.1f}{r['errors']:>8}"
            )
            if r["error_kinds"]:
                print(f"    errors: {', '.join(r['error_kinds'])}")
        ok_posts = visits["requests"] - visits["errors"]
        print(
            f"  visits saved: {saved} for {ok_posts} successful POSTs "
            f"({'one each' if saved == ok_posts else 'MISMATCH'})"
        )
        return 0 if saved == ok_posts else 1
    finally:
        remove()


if __name__ == "__main__":
    sys.exit(main())
