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

# moto 5.2.1 reads an AWS::SSM::Parameter's Tags (a JSON object in CloudFormation) as the API's list of
# {Key, Value} and fails with TypeError, then every retry with ParameterAlreadyExists.
import moto.ssm.models as ssm  # noqa: E402

_put_parameter = ssm.SimpleSystemManagerBackend.put_parameter


def _put_parameter_tags_either_shape(self, *args, **kwargs):
    tags = kwargs.get("tags")
    if isinstance(tags, dict):
        kwargs["tags"] = [{"Key": k, "Value": v} for k, v in tags.items()]
    return _put_parameter(self, *args, **kwargs)


ssm.SimpleSystemManagerBackend.put_parameter = _put_parameter_tags_either_shape

# moto 5.2.1 updates a resource for a changed parameter only when the resource names it with a plain
# Ref: a parameter read through Fn::Sub ("${ImageTag}") or through a condition (Fn::If) is missed, and
# so is the service whose task definition was replaced. AWS updates all of them; so does this.
import re  # noqa: E402

import moto.cloudformation.models as cfn_models  # noqa: E402
import moto.cloudformation.parsing as cfn_parsing  # noqa: E402

_build_resource_diff = cfn_parsing.ResourceMap.build_resource_diff


def _names_read(node, conditions, seen=None):
    """Parameters and resources a template fragment reads: Ref, GetAtt, ${Name} in Sub, conditions."""
    seen = set() if seen is None else seen
    out = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Ref" and isinstance(value, str):
                out.add(value)
            elif key == "Fn::GetAtt":
                target = value[0] if isinstance(value, list) and value else str(value).split(".")[0]
                out.add(target)
            elif key == "Fn::Sub":
                text = value if isinstance(value, str) else (value[0] if isinstance(value, list) and value else "")
                out |= {name.split(".")[0] for name in re.findall(r"\$\{([A-Za-z0-9.:]+)\}", text or "")}
                if isinstance(value, list) and len(value) > 1:
                    out |= _names_read(value[1], conditions, seen)
            elif key in ("Fn::If", "Condition"):
                name = value[0] if key == "Fn::If" and isinstance(value, list) and value else value
                if isinstance(name, str) and name not in seen:
                    seen.add(name)
                    out |= _names_read(conditions.get(name), conditions, seen)
                if key == "Fn::If" and isinstance(value, list):
                    out |= _names_read(value[1:], conditions, seen)
            else:
                out |= _names_read(value, conditions, seen)
    elif isinstance(node, list):
        for item in node:
            out |= _names_read(item, conditions, seen)
    return out


def _build_resource_diff_by_reads(self, other_template, parameters=None):
    result = _build_resource_diff(self, other_template, parameters)
    if not parameters:
        return result
    current = {**getattr(self, "resolved_parameters", {}), **self.input_parameters}
    changed = {p for p in parameters if current.get(p) != parameters[p]}
    if not changed:
        return result
    old, new = self._resource_json_map, other_template["Resources"]
    conditions = other_template.get("Conditions", {}) or {}
    modified = set(result["Modify"])
    replaced = set()  # task definitions are immutable: an update makes a new one, its readers follow
    grew = True
    while grew:
        grew = False
        for name, body in new.items():
            if name not in old or name in modified:
                continue
            reads = _names_read(body, conditions)
            if reads & changed or reads & replaced:
                modified.add(name)
                result["Modify"].append(name)
                grew = True
        replaced = {n for n in modified if new.get(n, {}).get("Type") == "AWS::ECS::TaskDefinition"}
    return result


cfn_parsing.ResourceMap.build_resource_diff = _build_resource_diff_by_reads


def _change_set_diff_with_parameters(self):
    actions = self.stack.resource_map.build_resource_diff(self.template_dict, self.parameters)
    resources = self.template_dict.get("Resources", {})
    changes = []
    for action, names in actions.items():
        for name in names:
            kind = (resources.get(name) or self.stack.resource_map._resource_json_map.get(name, {})).get("Type", "")
            changes.append(cfn_models.Change(action=action, logical_resource_id=name, resource_type=kind))
    return changes


cfn_models.ChangeSet.diff = _change_set_diff_with_parameters

# moto 5.2.1 updates an AWS::ECS::TaskDefinition with its CloudFormation keys as they are
# (ContainerDefinitions[].Image) where the API wants camelCase (image), so every updated revision has
# containers without a name or an image. It converts them on create; the update does the same here.
import moto.ecs.models as ecs_models  # noqa: E402
from moto.core.utils import pascal_to_camelcase, remap_nested_keys  # noqa: E402


@classmethod
def _update_task_definition(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
    properties = cloudformation_json["Properties"]
    family = properties.get("Family", original_resource.family)
    containers = remap_nested_keys(properties.get("ContainerDefinitions", []), pascal_to_camelcase)
    volumes = remap_nested_keys(properties.get("Volumes", []), pascal_to_camelcase)
    if original_resource.family == family and original_resource.container_definitions == containers \
            and (original_resource.volumes or []) == volumes:
        return original_resource
    backend = ecs_models.ecs_backends[account_id][region_name]
    backend.deregister_task_definition(original_resource.arn)
    return backend.register_task_definition(family=family, container_definitions=containers, volumes=volumes,
                                            memory=properties.get("Memory"))


ecs_models.TaskDefinition.update_from_cloudformation_json = _update_task_definition

# moto 5.2.1's target groups answer no Fn::GetAtt, so alarms on TargetGroupFullName (and anything
# reading TargetGroupName or LoadBalancerArns) fail the stack with AttributeError.
import moto.elbv2.models as elbv2_models  # noqa: E402


def _target_group_attribute(self, attribute_name):
    from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

    if attribute_name == "TargetGroupFullName":
        return self.arn.split(":")[-1]  # targetgroup/NAME/ID
    if attribute_name == "TargetGroupName":
        return self.name
    if attribute_name == "TargetGroupArn":
        return self.arn
    if attribute_name == "LoadBalancerArns":
        return list(getattr(self, "load_balancer_arns", []) or [])
    raise UnformattedGetAttTemplateException()


elbv2_models.FakeTargetGroup.get_cfn_attribute = _target_group_attribute
elbv2_models.FakeTargetGroup.has_cfn_attr = classmethod(
    lambda cls, attr: attr in ["TargetGroupFullName", "TargetGroupName", "TargetGroupArn", "LoadBalancerArns"])

# Resource types moto's CloudFormation engine lacks, modelled on moto's own service backends.
sys.path.insert(0, __import__("os").path.dirname(__file__))
import moto_cfn_models  # noqa: E402,F401

from moto.server import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
