#!/usr/bin/env python3
"""Refresh ferry's price catalog (Sources/Pricing/Resources/prices.tsv) from AWS Price List offer files.

Offer files are the public JSON price lists AWS publishes per service and region, e.g.
  https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonECS/current/eu-west-1/index.json
Download the ones you need (no credentials required) and pass them here; the script works offline:

  scripts/refresh-prices.py ~/offers/AmazonECS-eu-west-1.json ~/offers/AWSELB-*.json
  scripts/refresh-prices.py --check offers/*.json     # report differences, change nothing (exit 1 if any)

Each catalog row whose (service, usage_key) has a matcher below and whose region appears in a given
offer file is updated: usd from the on-demand price, source = the offer file URL (publication date),
as_of = the publication date, and the [unconfirmed] mark is dropped. Rows without a match keep their
values, so a partial set of offer files refreshes part of the catalog. Derived rows (Spot, Valkey's
discount, Multi-AZ) are not in offer files and stay as they are.
"""
import argparse
import json
import sys
from pathlib import Path

CATALOG = Path(__file__).resolve().parent.parent / "Sources/Pricing/Resources/prices.tsv"
COLUMNS = ["service", "region", "usage_key", "unit", "usd", "source", "as_of"]
OFFER_URL = "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/{offer}/current/{region}/index.json"


def usagetype(suffix):
    """Usage types carry a region prefix (EU-, EUC1-, USW2-; none or USE1- in us-east-1)."""
    return lambda a: a.get("usagetype", "") == suffix or a.get("usagetype", "").endswith("-" + suffix)


def attrs(**want):
    return lambda a: all(a.get(k) == v for k, v in want.items())


def both(*preds):
    return lambda a: all(p(a) for p in preds)


# (service, usage_key or key prefix) -> (offer code, predicate on product attributes, multiplier to the catalog unit)
MATCHERS = {
    ("fargate", "vcpu-hours.x86"): ("AmazonECS", usagetype("Fargate-vCPU-Hours:perCPU"), 1),
    ("fargate", "gb-hours.x86"): ("AmazonECS", usagetype("Fargate-GB-Hours"), 1),
    ("fargate", "vcpu-hours.arm"): ("AmazonECS", usagetype("Fargate-ARM-vCPU-Hours:perCPU"), 1),
    ("fargate", "gb-hours.arm"): ("AmazonECS", usagetype("Fargate-ARM-GB-Hours"), 1),
    ("fargate", "ephemeral-storage-gb-hours"): ("AmazonECS", usagetype("Fargate-EphemeralStorage-GB-Hours"), 1),
    ("elb", "alb-hours"): ("AWSELB", both(usagetype("LoadBalancerUsage"), attrs(productFamily="Load Balancer-Application")), 1),
    ("elb", "alb-lcu-hours"): ("AWSELB", both(usagetype("LCUUsage"), attrs(productFamily="Load Balancer-Application")), 1),
    ("vpc", "nat-gateway-hours"): ("AmazonEC2", usagetype("NatGateway-Hours"), 1),
    ("vpc", "nat-gateway-gb"): ("AmazonEC2", usagetype("NatGateway-Bytes"), 1),
    ("vpc", "public-ipv4-hours"): ("AmazonVPC", usagetype("PublicIPv4:InUseAddress"), 1),
    ("vpc", "interface-endpoint-hours"): ("AmazonVPC", usagetype("VpcEndpoint-Hours"), 1),
    ("vpc", "interface-endpoint-gb"): ("AmazonVPC", usagetype("VpcEndpoint-Bytes"), 1),
    ("rds", "storage-gp3-gb-month"): ("AmazonRDS", both(usagetype("RDS:GP3-Storage"), attrs(deploymentOption="Single-AZ")), 1),
    ("rds", "backup-gb-month"): ("AmazonRDS", usagetype("RDS:ChargedBackupUsage"), 1),
    ("aurora", "storage-gb-month"): ("AmazonRDS", usagetype("Aurora:StorageUsage"), 1),
    ("aurora", "io-million-requests"): ("AmazonRDS", usagetype("Aurora:StorageIOUsage"), 1_000_000),
    ("aurora", "serverless-v2-acu-hours"): ("AmazonRDS", usagetype("Aurora:ServerlessV2Usage"), 1),
    ("s3", "standard-gb-month"): ("AmazonS3", both(usagetype("TimedStorage-ByteHrs"), attrs(volumeType="Standard")), 1),
    ("s3", "put-requests-1k"): ("AmazonS3", usagetype("Requests-Tier1"), 1000),
    ("s3", "get-requests-1k"): ("AmazonS3", usagetype("Requests-Tier2"), 1000),
    ("cloudwatch", "logs-ingest-gb"): ("AmazonCloudWatch", usagetype("DataProcessing-Bytes"), 1),
    ("cloudwatch", "logs-storage-gb-month"): ("AmazonCloudWatch", usagetype("TimedStorage-ByteHrs"), 1),
    ("cloudwatch", "metrics-month"): ("AmazonCloudWatch", usagetype("CW:MetricMonitorUsage"), 1),
    ("cloudwatch", "alarms-month"): ("AmazonCloudWatch", usagetype("CW:AlarmMonitorUsage"), 1),
    ("secretsmanager", "secrets-month"): ("AWSSecretsManager", usagetype("AWSSecretsManager-Secrets"), 1),
    ("secretsmanager", "api-calls-10k"): ("AWSSecretsManager", usagetype("AWSSecretsManager-APIRequest"), 10_000),
    ("dynamodb", "write-request-units-million"): ("AmazonDynamoDB", usagetype("WriteRequestUnits"), 1_000_000),
    ("dynamodb", "read-request-units-million"): ("AmazonDynamoDB", usagetype("ReadRequestUnits"), 1_000_000),
    ("dynamodb", "storage-gb-month"): ("AmazonDynamoDB", usagetype("TimedStorage-ByteHrs"), 1),
    ("ecr", "storage-gb-month"): ("AmazonECR", usagetype("TimedStorage-ByteHrs"), 1),
    ("iot", "connectivity-million-minutes"): ("AWSIoT", usagetype("IoT-Connectivity"), 1_000_000),
    ("iot", "messages-million"): ("AWSIoT", usagetype("IoT-Messaging"), 1_000_000),
    ("sqs", "standard-requests-million"): ("AWSQueueService", both(usagetype("Requests-RBP"), attrs(queueType="Standard")), 1_000_000),
    ("sns", "requests-million"): ("AmazonSNS", usagetype("Requests-Tier1"), 1_000_000),
    ("ebs", "gp3-gb-month"): ("AmazonEC2", both(usagetype("EBS:VolumeUsage.gp3"), attrs(productFamily="Storage")), 1),
}

RDS_ENGINES = {"postgresql": "PostgreSQL", "mysql": "MySQL"}
AURORA_ENGINES = {"postgresql": "Aurora PostgreSQL", "mysql": "Aurora MySQL"}
CACHE_ENGINES = {"redis": "Redis", "memcached": "Memcached", "valkey": "Valkey"}


def matcher(service, key):
    """Matchers for families of keys (instance classes) are built from the key itself."""
    if (service, key) in MATCHERS:
        return MATCHERS[(service, key)]
    parts = key.split(".", 2)
    if service == "rds" and key.startswith("instance-hours.") and len(parts) == 3 and parts[1] in RDS_ENGINES:
        return ("AmazonRDS", attrs(instanceType=parts[2], databaseEngine=RDS_ENGINES[parts[1]],
                                   deploymentOption="Single-AZ", productFamily="Database Instance"), 1)
    if service == "aurora" and key.startswith("instance-hours.") and len(parts) == 3 and parts[1] in AURORA_ENGINES:
        return ("AmazonRDS", attrs(instanceType=parts[2], databaseEngine=AURORA_ENGINES[parts[1]],
                                   productFamily="Database Instance"), 1)
    if service == "elasticache" and key.startswith("node-hours.") and len(parts) == 3 and parts[1] in CACHE_ENGINES:
        return ("AmazonElastiCache", attrs(instanceType=parts[2], cacheEngine=CACHE_ENGINES[parts[1]]), 1)
    if service == "ec2" and key.startswith("instance-hours."):
        # Linux, shared tenancy, no pre-installed software, not a reservation's placeholder.
        return ("AmazonEC2", attrs(instanceType=key[len("instance-hours."):], operatingSystem="Linux", tenancy="Shared",
                                   preInstalledSw="NA", licenseModel="No License required", capacitystatus="Used"), 1)
    return None


def on_demand_price(offer, sku):
    """The first-tier (beginRange 0) USD price of a SKU's on-demand term."""
    for term in offer.get("terms", {}).get("OnDemand", {}).get(sku, {}).values():
        for dim in term.get("priceDimensions", {}).values():
            if str(dim.get("beginRange", "0")) in ("0", "0.0"):
                usd = dim.get("pricePerUnit", {}).get("USD")
                if usd is not None:
                    return float(usd)
    return None


def load_offers(paths):
    """offer code -> region -> (offer json, publication date)."""
    offers = {}
    for p in paths:
        with open(p, encoding="utf-8") as f:
            offer = json.load(f)
        code = offer.get("offerCode")
        regions = {prod.get("attributes", {}).get("regionCode") for prod in offer.get("products", {}).values()}
        date = (offer.get("publicationDate") or "")[:10]
        for region in regions - {None}:
            offers.setdefault(code, {})[region] = (offer, date)
    return offers


def fmt(x):
    s = f"{x:.10f}".rstrip("0").rstrip(".")
    return s or "0"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("offers", nargs="+", help="offer files (index.json of a service, whole or per region)")
    ap.add_argument("--catalog", default=str(CATALOG))
    ap.add_argument("--check", action="store_true", help="report differences only; exit 1 when any")
    args = ap.parse_args()

    offers = load_offers(args.offers)
    lines = Path(args.catalog).read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].split("\t") != COLUMNS:
        sys.exit(f"{args.catalog}:1:1: unexpected header")
    out, changed, confirmed = [lines[0]], 0, 0
    for n, line in enumerate(lines[1:], start=2):
        row = dict(zip(COLUMNS, line.split("\t")))
        m = matcher(row["service"], row["usage_key"])
        found = offers.get(m[0], {}).get(row["region"]) if m else None
        if found:
            offer, date = found
            _, pred, mult = m
            prices = sorted({on_demand_price(offer, sku) for sku, prod in offer.get("products", {}).items()
                             if prod.get("attributes", {}).get("regionCode") == row["region"]
                             and pred(prod.get("attributes", {}))} - {None})
            if len(prices) == 1:
                usd = fmt(prices[0] * mult)
                source = OFFER_URL.format(offer=m[0], region=row["region"]) + f" (published {date})"
                if usd != row["usd"]:
                    changed += 1
                    print(f"{args.catalog}:{n}: {row['service']} {row['region']} {row['usage_key']}: {row['usd']} -> {usd}")
                confirmed += 1
                row.update(usd=usd, source=source, as_of=date)
            elif len(prices) > 1:
                print(f"{args.catalog}:{n}: {row['usage_key']} in {row['region']}: {len(prices)} candidate prices {prices}; left as is",
                      file=sys.stderr)
        out.append("\t".join(row[c] for c in COLUMNS))
    print(f"{confirmed} rows matched offer files, {changed} changed", file=sys.stderr)
    if args.check:
        sys.exit(1 if changed else 0)
    Path(args.catalog).write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
