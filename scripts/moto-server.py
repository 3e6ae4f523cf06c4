"""moto_server for ferry's tests, with fixes for emulator bugs that ferry's templates hit.

Each fix corrects moto where it disagrees with AWS; none fakes behaviour. Used by
Tests/AWSTestSupport/MotoServer.swift when present; arguments are moto_server's.
"""
import sys

import moto.kms.models as kms

# moto 5.2.1 reads the Tags of an AWS::KMS::Key from CloudFormation ({Key, Value}) as if they came
# from the KMS API ({TagKey, TagValue}) and fails with KeyError: 'TagKey'.
_tag_resource = kms.KmsBackend.tag_resource


def _tag_resource_either_shape(self, key_id_or_arn, tags):
    tags = [{"TagKey": t.get("TagKey", t.get("Key")), "TagValue": t.get("TagValue", t.get("Value"))} for t in tags or []]
    return _tag_resource(self, key_id_or_arn, tags)


kms.KmsBackend.tag_resource = _tag_resource_either_shape

from moto.server import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
