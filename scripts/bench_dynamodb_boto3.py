"""Helpers for scripts/bench-migrate-dynamodb.sh, run with .venv-test's Python (boto3 pinned there).

  gen FILE N                      JSON lines of N plain items (~200 bytes each, fixed seed)
  create ENDPOINT TABLE...        on-demand tables keyed by id (S)
  count ENDPOINT TABLE            items in the table (Scan with Select=COUNT)
  copy SRC TABLE DST TABLE [T]    the boto3 baseline: parallel Scan in T segments (8), each thread
                                  writing with the table resource's batch_writer (25 a request,
                                  unprocessed items resent by boto3)
"""
import json
import random
import sys
import threading

import boto3
from botocore.config import Config

CONFIG = Config(retries={"mode": "standard", "max_attempts": 10}, max_pool_connections=32)


def resource(endpoint):
    return boto3.resource("dynamodb", endpoint_url=endpoint, region_name="us-east-1", config=CONFIG)


def gen(path, n):
    rng = random.Random(42)
    with open(path, "w") as out:
        for i in range(n):
            out.write(json.dumps({
                "id": f"user-{i:07d}", "email": f"u{i}@example.com", "age": rng.randint(18, 90),
                "score": round(rng.random() * 1000, 3), "active": i % 3 != 0, "plan": rng.choice(["free", "pro", "team"]),
                "tags": [rng.choice("abcdef") for _ in range(3)], "address": {"city": f"city-{i % 500}", "zip": f"{i % 99999:05d}"},
                "note": None,
            }) + "\n")


def create(endpoint, tables):
    db = resource(endpoint)
    for name in tables:
        db.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])


def count(endpoint, table):
    client = boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1", config=CONFIG)
    total, start = 0, None
    while True:
        kwargs = {"TableName": table, "Select": "COUNT"}
        if start:
            kwargs["ExclusiveStartKey"] = start
        page = client.scan(**kwargs)
        total += page["Count"]
        start = page.get("LastEvaluatedKey")
        if not start:
            return total


def copy(src, src_table, dst, dst_table, threads):
    errors = []

    def segment(number):
        try:
            source = resource(src).Table(src_table)
            target = resource(dst).Table(dst_table)
            start = None
            with target.batch_writer() as writer:
                while True:
                    kwargs = {"Segment": number, "TotalSegments": threads}
                    if start:
                        kwargs["ExclusiveStartKey"] = start
                    page = source.scan(**kwargs)
                    for item in page["Items"]:
                        writer.put_item(Item=item)
                    start = page.get("LastEvaluatedKey")
                    if not start:
                        break
        except Exception as error:  # reported after the threads end
            errors.append(error)

    workers = [threading.Thread(target=segment, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if errors:
        raise SystemExit(f"boto3 copy failed: {errors[0]}")


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "gen":
        gen(args[0], int(args[1]))
    elif command == "create":
        create(args[0], args[1:])
    elif command == "count":
        print(count(args[0], args[1]))
    elif command == "copy":
        copy(args[0], args[1], args[2], args[3], int(args[4]) if len(args) > 4 else 8)
    else:
        raise SystemExit(f"unknown command {command}")
