"""moto_server for ferry's tests, with fixes for emulator bugs that ferry's templates hit.

Each fix corrects moto where it disagrees with AWS; none fakes behaviour. Used by
Tests/AWSTestSupport/MotoServer.swift when present; arguments are moto_server's.
"""
import os
import sys

import moto.kms.models as kms

# moto 5.2.1 reads the Tags of an AWS::KMS::Key from CloudFormation ({Key, Value}) as if they came
# from the KMS API ({TagKey, TagValue}) and fails with KeyError: 'TagKey'.
_tag_resource = kms.KmsBackend.tag_resource


def _tag_resource_either_shape(self, key_id_or_arn, tags):
    tags = [{"TagKey": t.get("TagKey", t.get("Key")), "TagValue": t.get("TagValue", t.get("Value"))} for t in tags or []]
    return _tag_resource(self, key_id_or_arn, tags)


kms.KmsBackend.tag_resource = _tag_resource_either_shape

# moto 5.2.1's ECS RunTask with awsvpc networking reads `private_dns_name` from the network interface
# it creates, which its EC2 model does not have (AttributeError, HTTP 500). AWS names it from the address.
import moto.ec2.models.elastic_network_interfaces as enis  # noqa: E402

if not hasattr(enis.NetworkInterface, "private_dns_name"):
    enis.NetworkInterface.private_dns_name = property(
        lambda self: "ip-" + str(self.private_ip_address).replace(".", "-") + "." + self.ec2_backend.region_name + ".compute.internal")

# moto 5.2.1's CloudFormation engine has no model for many types ferry's templates use (Secrets
# Manager secrets, Cloud Map, ElastiCache, SNS subscriptions, bucket policies, budgets, alarms,
# Application Auto Scaling, ECS capacity providers, RDS clusters, WAFv2) and skips them, so Ref and
# Fn::GetAtt on them fail. moto_models/cloudformation.py models each on moto's own service backend;
# importing it registers them before moto builds (and caches) its type map.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import moto_models.cloudformation  # noqa: E402,F401

from moto.server import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
