"""Creates COUNT s3 buckets through the API (POST /api/v1/resources) on a few keep-alive connections, then waits
until the provisioning worker has finished every resource (COUNT 0: only waits).

The wait matters: a creation answers 202 and leaves a provisioning job behind, and the worker finishes far fewer
jobs per second than the API accepts. Without it the benchmark's API, started on a copy of this data, would work
through thousands of leftover jobs (database writes, on the same two cores) while GET by id is being measured.
"""
import http.client
import json
import sys
import threading
import time

port, token, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
workers = 4
failures = []
unfinished_statuses = ("pending", "provisioning")
provisioning_timeout_seconds = 900


def create(worker: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    for i in range(worker, count, workers):
        body = json.dumps({"name": f"seed{i}", "type": "s3", "region": "us-east-1", "tags": {"env": "dev", "team": "bench"}})
        connection.request("POST", "/api/v1/resources", body, headers)
        response = connection.getresponse()
        answer = response.read()
        if response.status != 202:
            failures.append(f"{response.status} {answer[:200]!r}")
            return


def unfinished() -> int:
    """How many resources are still pending or provisioning (the list's totalCount for each status)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    total = 0
    for status in unfinished_statuses:
        connection.request("GET", f"/api/v1/resources?status={status}&pageSize=1", headers={"Authorization": f"Bearer {token}"})
        response = connection.getresponse()
        answer = response.read()
        if response.status != 200:
            sys.exit(f"counting {status} resources failed: {response.status} {answer[:200]!r}")
        total += json.loads(answer)["totalCount"]
    connection.close()
    return total


threads = [threading.Thread(target=create, args=(w,)) for w in range(workers)]
for t in threads:
    t.start()
for t in threads:
    t.join()
if failures:
    sys.exit(f"seeding failed: {failures[0]}")

started = time.monotonic()
last_report = started
left = unfinished()
while left > 0:
    now = time.monotonic()
    if now - started > provisioning_timeout_seconds:
        sys.exit(f"provisioning did not finish: {left} resources still pending or provisioning after {provisioning_timeout_seconds} s")
    if now - last_report >= 10:
        print(f"[bench] waiting for provisioning: {left} resources left", file=sys.stderr)
        last_report = now
    time.sleep(1)
    left = unfinished()
print(f"[bench] nothing left to provision ({time.monotonic() - started:.0f} s after the last creation)", file=sys.stderr)
