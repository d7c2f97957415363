"""Creates COUNT s3 buckets through the API (POST /api/v1/resources) on a few keep-alive connections."""
import http.client
import json
import sys
import threading

port, token, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
workers = 4
failures = []


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


threads = [threading.Thread(target=create, args=(w,)) for w in range(workers)]
for t in threads:
    t.start()
for t in threads:
    t.join()
if failures:
    sys.exit(f"seeding failed: {failures[0]}")
