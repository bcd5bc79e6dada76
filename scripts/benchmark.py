"""Pushes fusion jobs through a running worker and reports what they cost (see scripts/benchmark.sh).

Two phases on the same 640x480 pair, already uploaded by benchmark.sh:
  sequential  one job at a time: end-to-end latency without queueing (REST -> Kafka -> worker -> MinIO -> DB)
  burst       N jobs submitted at once: throughput with the worker's configured concurrency
All times come from the job records (createdAt, succeededAt and the worker's per-stage timings), not from
this client, so polling adds nothing to them.
"""

import argparse
import json
import os
import statistics
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime


def auth_headers():
    """The bearer token the REST API needs (scripts/benchmark.sh passes the demo's in FUSION_TOKEN)."""
    token = os.environ.get("FUSION_TOKEN")
    return {"Authorization": f"Bearer {token}"} if token else {}


def post_job(url, job_id, ir_key, vis_key):
    body = {
        "schemaVersion": 1,
        "jobId": job_id,
        "task": "infrared-visible",
        "sources": [
            {"role": "infrared", "bucket": "fusion-inputs", "key": ir_key},
            {"role": "visible", "bucket": "fusion-inputs", "key": vis_key},
        ],
        "output": {"bucket": "fusion-outputs", "key": f"bench/{job_id}.png"},
        "options": {"format": "png", "normalization": "normalized"},
    }
    request = urllib.request.Request(f"{url}/jobs", data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **auth_headers()})
    with urllib.request.urlopen(request, timeout=30) as response:
        if response.status != 202:
            raise RuntimeError(f"POST /jobs {job_id}: HTTP {response.status}")


def get_job(url, job_id):
    try:
        request = urllib.request.Request(f"{url}/jobs/{job_id}", headers=auth_headers())
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)
    except urllib.error.HTTPError as e:
        if e.code == 404:
            return None
        raise


def wait_all(url, job_ids, timeout_s):
    deadline = time.monotonic() + timeout_s
    done = {}
    while len(done) < len(job_ids):
        if time.monotonic() > deadline:
            raise RuntimeError(f"{len(job_ids) - len(done)} jobs unfinished after {timeout_s} s")
        for job_id in job_ids:
            if job_id in done:
                continue
            job = get_job(url, job_id)
            if job and job["status"] in ("SUCCEEDED", "FAILED"):
                done[job_id] = job
        time.sleep(0.2)
    failed = [j for j in done.values() if j["status"] != "SUCCEEDED"]
    if failed:
        raise RuntimeError(f"{len(failed)} jobs failed, e.g. {json.dumps(failed[0])}")
    return [done[j] for j in job_ids]


def ts(value):
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def percentile(values, p):
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summarise(jobs):
    e2e = [(ts(j["succeededAt"]) - ts(j["createdAt"])) * 1000 for j in jobs]
    total = [j["timings"]["totalMs"] for j in jobs]
    inference = [j["timings"]["inferenceMs"] for j in jobs]
    span = max(ts(j["succeededAt"]) for j in jobs) - min(ts(j["createdAt"]) for j in jobs)
    stages = {k: statistics.mean(j["timings"][k] for j in jobs)
              for k in ("downloadMs", "decodeMs", "inferenceMs", "encodeMs", "uploadMs", "totalMs")}
    return {
        "jobs": len(jobs),
        "throughput_per_s": len(jobs) / span if span > 0 else float("nan"),
        "e2e_p50_ms": percentile(e2e, 50),
        "e2e_p95_ms": percentile(e2e, 95),
        "processing_p50_ms": percentile(total, 50),
        "inference_p50_ms": percentile(inference, 50),
        # of the worker's own processing time (download .. upload), the part not spent in ONNX Runtime
        "outside_inference_processing_pct": 100 * (1 - sum(inference) / sum(total)),
        # of the end-to-end time (accepted by REST .. recorded as succeeded), the part not spent in inference;
        # meaningful in the sequential phase, where no job waits behind another
        "outside_inference_e2e_pct": 100 * (1 - sum(inference) / sum(e2e)),
        "stage_means_ms": stages,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--ir-key", required=True)
    parser.add_argument("--vis-key", required=True)
    parser.add_argument("-n", type=int, default=20, help="jobs in the burst phase")
    parser.add_argument("--sequential", type=int, default=5, help="jobs in the sequential phase")
    parser.add_argument("--timeout", type=int, default=1800)
    parser.add_argument("--run-id", default=time.strftime("%Y%m%dT%H%M%S", time.gmtime()))
    parser.add_argument("--json-out")
    args = parser.parse_args()

    report = {"run_id": args.run_id}
    sequential = []
    for i in range(args.sequential):
        job_id = f"bench-{args.run_id}-seq-{i}"
        post_job(args.url, job_id, args.ir_key, args.vis_key)
        sequential += wait_all(args.url, [job_id], args.timeout)
    if sequential:
        report["sequential"] = summarise(sequential)

    burst_ids = [f"bench-{args.run_id}-burst-{i}" for i in range(args.n)]
    started = time.monotonic()
    for job_id in burst_ids:
        post_job(args.url, job_id, args.ir_key, args.vis_key)
    burst = wait_all(args.url, burst_ids, args.timeout)
    report["burst"] = summarise(burst)
    report["burst"]["client_wall_s"] = time.monotonic() - started
    workers = sorted({j["workerId"] for j in burst})
    report["workers"] = workers

    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump(report, f, indent=2)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    sys.exit(main())
