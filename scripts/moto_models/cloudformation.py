"""CloudFormation models for resource types moto 5.2.1's CloudFormation engine does not implement.

moto_server answers the service APIs for these types but its CloudFormation engine has no model for
them: it skips them with "No Moto CloudFormation support", Ref yields nothing and Fn::GetAtt fails
with "references undefined resource". Each model here creates the resource in moto's own service
backend, so the calls made afterwards (DescribeSecret, GetNamespace, DescribeReplicationGroups,
ListSubscriptionsByTopic, GetBucketPolicy, DescribeBudget, DescribeAlarms, ...) see it, and answers
Ref and Fn::GetAtt as the CloudFormation resource reference documents them. Deleting the stack
deletes the resource from its backend.

Each class subclasses CloudFormationModel directly: moto collects CloudFormationModel.__subclasses__(),
which lists direct subclasses only. Only services moto has a backend for are modelled; none here is an
inert record. The end of the file fixes moto's own models and its change-set engine where they
disagree with CloudFormation (each fix says which gap it closes).
"""
import json
import re

from moto.cloudformation import parsing
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.utilities.utils import get_partition


def _props(cloudformation_json):
    return cloudformation_json.get("Properties") or {}


def _tags(props, key="Key", value="Value"):
    return [{key: t["Key"], value: t["Value"]} for t in props.get("Tags") or []]


def _bool(value, default=False):
    if value is None:
        return default
    if isinstance(value, str):
        return value.lower() == "true"
    return bool(value)


def _int(value, default=None):
    return default if value is None else int(value)


def _name(value):
    """A Ref to a moto model without physical_resource_id yields the model itself (e.g. RDS DBSubnetGroup)."""
    if value is not None and not isinstance(value, str) and hasattr(value, "name"):
        return value.name
    return value


def _lower_first(value):
    """CloudFormation's PascalCase property names as the service API's camelCase (ECS)."""
    if isinstance(value, dict):
        return {k[:1].lower() + k[1:]: _lower_first(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_lower_first(v) for v in value]
    return value


class _Common:
    """Shared behaviour; not a CloudFormationModel itself so moto does not register it."""

    ATTRIBUTES = ()

    @staticmethod
    def cloudformation_name_type():
        return ""

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr in cls.ATTRIBUTES

    def get_cfn_attribute(self, attribute_name):
        if attribute_name not in self.ATTRIBUTES:
            raise UnformattedGetAttTemplateException()
        return self.attribute(attribute_name)

    def is_created(self):
        return True

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        # Replacement, as CloudFormation does for a change to a property it cannot update in place.
        original_resource.delete(account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)


# --- Secrets Manager ---------------------------------------------------------------------------

def _generate_secret_string(spec):
    """A GenerateSecretString value as Secrets Manager makes it (GetRandomPassword's rules)."""
    from moto.secretsmanager.utils import random_password

    value = random_password(
        _int(spec.get("PasswordLength"), 32),
        spec.get("ExcludeCharacters", ""),
        _bool(spec.get("ExcludeNumbers")),
        _bool(spec.get("ExcludePunctuation")),
        _bool(spec.get("ExcludeUppercase")),
        _bool(spec.get("ExcludeLowercase")),
        _bool(spec.get("IncludeSpace")),
        _bool(spec.get("RequireEachIncludedType"), True),
    )
    if "SecretStringTemplate" in spec:
        document = json.loads(spec["SecretStringTemplate"])
        document[spec["GenerateStringKey"]] = value
        return json.dumps(document, separators=(",", ":"))  # compact, as Secrets Manager writes it
    return value


def _secret_value(props):
    if props.get("SecretString") is not None:
        return props["SecretString"]
    return _generate_secret_string(props.get("GenerateSecretString") or {})


class SecretsManagerSecret(_Common, CloudFormationModel):
    """moto has no CloudFormation model for AWS::SecretsManager::Secret (its backend has the API)."""

    ATTRIBUTES = ("Id",)

    def __init__(self, account_id, region_name, arn, name):
        self.account_id, self.region_name, self.arn, self.name = account_id, region_name, arn, name

    @staticmethod
    def cloudformation_name_type():
        return "Name"

    @staticmethod
    def cloudformation_type():
        return "AWS::SecretsManager::Secret"

    @staticmethod
    def _backend(account_id, region_name):
        from moto.secretsmanager.models import secretsmanager_backends

        return secretsmanager_backends[account_id][region_name]

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = _props(cloudformation_json)
        created = json.loads(cls._backend(account_id, region_name).create_secret(
            name=resource_name, secret_string=_secret_value(props), secret_binary=None,
            description=props.get("Description"), tags=_tags(props), kms_key_id=props.get("KmsKeyId"),
            client_request_token=None, replica_regions=props.get("ReplicaRegions") or [], force_overwrite=False))
        return cls(account_id, region_name, created["ARN"], created["Name"])

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        if new_resource_name != original_resource.name:
            return super().update_from_cloudformation_json(
                original_resource, new_resource_name, cloudformation_json, account_id, region_name)
        props = _props(cloudformation_json)
        backend = cls._backend(account_id, region_name)
        # Updated in place: a changed SecretString or GenerateSecretString becomes a new version.
        backend.update_secret(secret_id=original_resource.arn, secret_string=_secret_value(props),
                              kms_key_id=props.get("KmsKeyId"), description=props.get("Description"))
        return original_resource

    def delete(self, account_id, region_name):
        self._backend(account_id, region_name).delete_secret(
            secret_id=self.arn, recovery_window_in_days=None, force_delete_without_recovery=True)

    def attribute(self, name):
        return self.arn

    @property
    def physical_resource_id(self):
        return self.arn  # Ref returns the secret's ARN


# moto does not resolve CloudFormation dynamic references: {{resolve:secretsmanager:...}} and
# {{resolve:ssm:...}} reach the resources verbatim (an RDS master password, an ElastiCache AUTH token,
# a DATABASE_URL secret built from the generated password). Resolved here as CloudFormation does.
_DYNAMIC_REFERENCE = re.compile(r"\{\{resolve:(secretsmanager|ssm):([^{}]+?)\}\}")


def _resolve_dynamic_reference(match, account_id, region_name):
    service, reference = match.group(1), match.group(2)
    try:
        if service == "ssm":
            from moto.ssm.models import ssm_backends

            name, _, version = reference.partition(":")
            parameter = ssm_backends[account_id][region_name].get_parameter(f"{name}:{version}" if version else name)
            return parameter.value if parameter else match.group(0)
        from moto.secretsmanager.models import secretsmanager_backends

        # secret-id:SecretString:json-key:version-stage:version-id; the secret id may be an ARN (with colons).
        if reference.startswith("arn:"):
            parts = reference.split(":")
            secret_id, rest = ":".join(parts[:7]), parts[7:]
        else:
            secret_id, *rest = reference.split(":")
        rest = rest + [""] * (4 - len(rest))
        _, json_key, version_stage, version_id = rest[:4]
        backend = secretsmanager_backends[account_id][region_name]
        value = backend.get_secret_value(secret_id, version_id or None, version_stage or None)
        secret_string = value.get("SecretString") if isinstance(value, dict) else json.loads(value)["SecretString"]
        if json_key:
            return str(json.loads(secret_string)[json_key])
        return secret_string
    except Exception:  # not resolvable (yet): leave it as written, as the unresolved template shows it
        return match.group(0)


_clean_json = parsing.clean_json


def _clean_json_resolving_dynamic_references(resource_json, resources_map):
    value = _clean_json(resource_json, resources_map)
    if isinstance(value, str) and "{{resolve:" in value:
        account_id = resources_map["AWS::AccountId"]
        region_name = resources_map["AWS::Region"]
        value = _DYNAMIC_REFERENCE.sub(lambda m: _resolve_dynamic_reference(m, account_id, region_name), value)
    return value


parsing.clean_json = _clean_json_resolving_dynamic_references


# --- Cloud Map (Service Discovery) -------------------------------------------------------------

def _servicediscovery(account_id, region_name):
    from moto.servicediscovery.models import servicediscovery_backends

    return servicediscovery_backends[account_id][region_name]


class ServiceDiscoveryPrivateDnsNamespace(_Common, CloudFormationModel):
    """moto has no CloudFormation model for AWS::ServiceDiscovery::PrivateDnsNamespace."""

    ATTRIBUTES = ("Arn", "HostedZoneId", "Id")

    def __init__(self, namespace):
        self.namespace = namespace

    @staticmethod
    def cloudformation_type():
        return "AWS::ServiceDiscovery::PrivateDnsNamespace"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = _props(cloudformation_json)
        backend = _servicediscovery(account_id, region_name)
        before = set(backend.namespaces)
        backend.create_private_dns_namespace(
            name=props["Name"], creator_request_id=None, description=props.get("Description"),
            vpc=props.get("Vpc"), tags=_tags(props), properties=props.get("Properties") or {})
        (namespace_id,) = set(backend.namespaces) - before
        return cls(backend.namespaces[namespace_id])

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        props = _props(cloudformation_json)
        namespace = original_resource.namespace
        if props["Name"] != namespace.name or props.get("Vpc") != namespace.vpc:
            return super().update_from_cloudformation_json(
                original_resource, new_resource_name, cloudformation_json, account_id, region_name)
        namespace.description = props.get("Description")
        return original_resource

    def delete(self, account_id, region_name):
        from moto.route53.models import route53_backends

        _servicediscovery(account_id, region_name).delete_namespace(self.namespace.id)
        # Cloud Map deletes the namespace's private hosted zone with it; moto leaves it behind.
        zone_id = (self.namespace.dns_properties or {}).get("HostedZoneId")
        if zone_id:
            try:
                route53_backends[account_id][get_partition(region_name)].delete_hosted_zone(zone_id)
            except Exception:
                pass

    def attribute(self, name):
        return {"Arn": self.namespace.arn, "Id": self.namespace.id,
                "HostedZoneId": (self.namespace.dns_properties or {}).get("HostedZoneId")}[name]

    @property
    def physical_resource_id(self):
        return self.namespace.id  # Ref returns the namespace ID


class ServiceDiscoveryService(_Common, CloudFormationModel):
    """moto has no CloudFormation model for AWS::ServiceDiscovery::Service."""

    ATTRIBUTES = ("Arn", "Id", "Name")

    def __init__(self, service):
        self.service = service

    @staticmethod
    def cloudformation_name_type():
        return "Name"

    @staticmethod
    def cloudformation_type():
        return "AWS::ServiceDiscovery::Service"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = _props(cloudformation_json)
        dns_config = props.get("DnsConfig")
        namespace_id = props.get("NamespaceId") or (dns_config or {}).get("NamespaceId")
        service = _servicediscovery(account_id, region_name).create_service(
            name=resource_name, namespace_id=namespace_id, creator_request_id=None,
            description=props.get("Description"), dns_config=dns_config,
            health_check_config=props.get("HealthCheckConfig"),
            health_check_custom_config=props.get("HealthCheckCustomConfig"), tags=_tags(props),
            service_type=props.get("Type"))
        return cls(service)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        props = _props(cloudformation_json)
        service = original_resource.service
        dns_config = props.get("DnsConfig")
        namespace_id = props.get("NamespaceId") or (dns_config or {}).get("NamespaceId")
        if new_resource_name != service.name or namespace_id != service.namespace_id:
            return super().update_from_cloudformation_json(
                original_resource, new_resource_name, cloudformation_json, account_id, region_name)
        service.description = props.get("Description")
        service.dns_config = dns_config
        service.health_check_config = props.get("HealthCheckConfig")
        return original_resource

    def delete(self, account_id, region_name):
        _servicediscovery(account_id, region_name).delete_service(self.service.id)

    def attribute(self, name):
        return {"Arn": self.service.arn, "Id": self.service.id, "Name": self.service.name}[name]

    @property
    def physical_resource_id(self):
        return self.service.id  # Ref returns the service ID


# --- ElastiCache -------------------------------------------------------------------------------

def _elasticache(account_id, region_name):
    from moto.elasticache.models import elasticache_backends

    return elasticache_backends[account_id][region_name]


class ElastiCacheSubnetGroup(_Common, CloudFormationModel):
    """moto has no CloudFormation model for AWS::ElastiCache::SubnetGroup."""

    def __init__(self, name):
        self.name = name

    @staticmethod
    def cloudformation_name_type():
        return "CacheSubnetGroupName"

    @staticmethod
    def cloudformation_type():
        return "AWS::ElastiCache::SubnetGroup"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = _props(cloudformation_json)
        name = resource_name.lower()  # ElastiCache stores subnet group names in lowercase
        _elasticache(account_id, region_name).create_cache_subnet_group(
            cache_subnet_group_name=name, cache_subnet_group_description=props.get("Description", ""),
            subnet_ids=props.get("SubnetIds") or [], tags=_tags(props))
        return cls(name)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        if new_resource_name.lower() != original_resource.name:
            return super().update_from_cloudformation_json(
                original_resource, new_resource_name, cloudformation_json, account_id, region_name)
        props = _props(cloudformation_json)
        group = _elasticache(account_id, region_name).cache_subnet_groups[original_resource.name]
        group.cache_subnet_group_description = props.get("Description", "")
        return original_resource

    def delete(self, account_id, region_name):
        # moto's ElastiCache backend has no DeleteCacheSubnetGroup.
        _elasticache(account_id, region_name).cache_subnet_groups.pop(self.name, None)

    @property
    def physical_resource_id(self):
        return self.name  # Ref returns the subnet group name


class ElastiCacheReplicationGroup(_Common, CloudFormationModel):
    """moto has no CloudFormation model for AWS::ElastiCache::ReplicationGroup."""

    ATTRIBUTES = (
        "PrimaryEndPoint.Address", "PrimaryEndPoint.Port", "ReaderEndPoint.Address", "ReaderEndPoint.Port",
        "ConfigurationEndPoint.Address", "ConfigurationEndPoint.Port", "ReadEndPoint.Addresses",
        "ReadEndPoint.Ports", "ReadEndPoint.Addresses.List", "ReadEndPoint.Ports.List",
    )

    def __init__(self, group):
        self.group = group

    @staticmethod
    def cloudformation_name_type():
        return "ReplicationGroupId"

    @staticmethod
    def cloudformation_type():
        return "AWS::ElastiCache::ReplicationGroup"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = _props(cloudformation_json)
        num_cache_clusters = _int(props.get("NumCacheClusters"))
        replicas = _int(props.get("ReplicasPerNodeGroup"))
        if replicas is None and num_cache_clusters:
            # moto sizes a cluster-mode-disabled group from ReplicasPerNodeGroup only and ignores
            # NumCacheClusters (one primary plus NumCacheClusters - 1 replicas on AWS).
            replicas = num_cache_clusters - 1
        group = _elasticache(account_id, region_name).create_replication_group(
            replication_group_id=resource_name.lower()[:40],
            replication_group_description=props.get("ReplicationGroupDescription", ""),
            global_replication_group_id=props.get("GlobalReplicationGroupId"),
            primary_cluster_id=props.get("PrimaryClusterId"),
            automatic_failover_enabled=_bool(props.get("AutomaticFailoverEnabled")),
            multi_az_enabled=_bool(props.get("MultiAZEnabled")),
            num_cache_clusters=num_cache_clusters,
            preferred_cache_cluster_azs=props.get("PreferredCacheClusterAZs") or [],
            num_node_groups=_int(props.get("NumNodeGroups")),
            replicas_per_node_group=replicas,
            node_group_configuration=props.get("NodeGroupConfiguration") or [],
            cache_node_type=props.get("CacheNodeType"), engine=props.get("Engine"),
            engine_version=props.get("EngineVersion"),
            cache_parameter_group_name=props.get("CacheParameterGroupName"),
            cache_subnet_group_name=props.get("CacheSubnetGroupName"),
            cache_security_group_names=props.get("CacheSecurityGroupNames") or [],
            security_group_ids=props.get("SecurityGroupIds") or [], tags=_tags(props),
            snapshot_arns=props.get("SnapshotArns") or [], snapshot_name=props.get("SnapshotName"),
            preferred_maintenance_window=props.get("PreferredMaintenanceWindow"), port=_int(props.get("Port")),
            notification_topic_arn=props.get("NotificationTopicArn"),
            auto_minor_version_upgrade=_bool(props.get("AutoMinorVersionUpgrade"), True),
            snapshot_retention_limit=_int(props.get("SnapshotRetentionLimit"), 0),
            snapshot_window=props.get("SnapshotWindow"), auth_token=props.get("AuthToken"),
            transit_encryption_enabled=_bool(props.get("TransitEncryptionEnabled")),
            at_rest_encryption_enabled=_bool(props.get("AtRestEncryptionEnabled")),
            kms_key_id=props.get("KmsKeyId"), user_group_ids=props.get("UserGroupIds") or [],
            log_delivery_configurations=props.get("LogDeliveryConfigurations") or [],
            data_tiering_enabled=_bool(props.get("DataTieringEnabled")), network_type=props.get("NetworkType"),
            ip_discovery=props.get("IpDiscovery"), transit_encryption_mode=props.get("TransitEncryptionMode"),
            cluster_mode=props.get("ClusterMode"), serverless_cache_snapshot_name=None)
        return cls(group)

    def delete(self, account_id, region_name):
        backend = _elasticache(account_id, region_name)
        backend.delete_replication_group(self.group.replication_group_id, retain_primary_cluster=False)
        # moto marks the group "deleting" and keeps it for ever; ElastiCache removes it when done.
        backend.replication_groups.pop(self.group.replication_group_id, None)

    def attribute(self, name):
        group = self.group
        if name.startswith("ConfigurationEndPoint."):
            endpoint = getattr(group, "configuration_endpoint", None) or {}
            return endpoint.get("address") if name.endswith("Address") else str(endpoint.get("port", group.port))
        node_group = group.node_groups[0]
        if name == "PrimaryEndPoint.Address":
            return node_group.get("primary_endpoint_address")
        if name == "ReaderEndPoint.Address":
            return node_group.get("reader_endpoint_address")
        if name in ("PrimaryEndPoint.Port", "ReaderEndPoint.Port"):
            return str(group.port)  # a string, as CloudFormation returns it
        members = [m for g in group.node_groups for m in g["node_group_members"]]
        addresses = [m["read_endpoint"]["address"] for m in members if "read_endpoint" in m]
        ports = [str(m["read_endpoint"]["port"]) for m in members if "read_endpoint" in m]
        if name == "ReadEndPoint.Addresses":
            return ",".join(addresses)
        if name == "ReadEndPoint.Ports":
            return ",".join(ports)
        return addresses if name == "ReadEndPoint.Addresses.List" else ports

    @property
    def physical_resource_id(self):
        return self.group.replication_group_id  # Ref returns the replication group ID


# --- SNS -----------------------------------------------------------------------------------------

class SNSSubscription(_Common, CloudFormationModel):
    """moto has no CloudFormation model for AWS::SNS::Subscription (only inline Topic Subscription)."""

    ATTRIBUTES = ("Arn",)

    def __init__(self, arn):
        self.arn = arn

    @staticmethod
    def cloudformation_type():
        return "AWS::SNS::Subscription"

    @staticmethod
    def _backend(account_id, region_name):
        from moto.sns.models import sns_backends

        return sns_backends[account_id][region_name]

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = _props(cloudformation_json)
        backend = cls._backend(account_id, region_name)
        subscription = backend.subscribe(props["TopicArn"], props.get("Endpoint"), props["Protocol"])
        for attribute in ("DeliveryPolicy", "FilterPolicy", "RedrivePolicy"):
            if props.get(attribute) is not None:
                value = props[attribute]
                backend.set_subscription_attributes(
                    subscription.arn, attribute, value if isinstance(value, str) else json.dumps(value))
        for attribute in ("FilterPolicyScope", "RawMessageDelivery", "SubscriptionRoleArn"):
            if props.get(attribute) is not None:
                value = props[attribute]
                backend.set_subscription_attributes(
                    subscription.arn, attribute, str(value).lower() if isinstance(value, bool) else str(value))
        return cls(subscription.arn)

    def delete(self, account_id, region_name):
        self._backend(account_id, region_name).unsubscribe(self.arn)

    def attribute(self, name):
        return self.arn

    @property
    def physical_resource_id(self):
        return self.arn  # Ref returns the subscription ARN


# --- S3 ------------------------------------------------------------------------------------------

class S3BucketPolicy(_Common, CloudFormationModel):
    """moto has no CloudFormation model for AWS::S3::BucketPolicy."""

    def __init__(self, name, bucket):
        self.name, self.bucket = name, bucket

    @staticmethod
    def cloudformation_type():
        return "AWS::S3::BucketPolicy"

    @staticmethod
    def _backend(account_id, region_name):
        from moto.s3.models import s3_backends

        return s3_backends[account_id][get_partition(region_name)]

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = _props(cloudformation_json)
        document = props["PolicyDocument"]
        if not isinstance(document, str):
            document = json.dumps(document)
        cls._backend(account_id, region_name).put_bucket_policy(props["Bucket"], document.encode())
        return cls(resource_name, props["Bucket"])

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        if _props(cloudformation_json)["Bucket"] != original_resource.bucket:
            original_resource.delete(account_id, region_name)
        updated = cls.create_from_cloudformation_json(original_resource.name, cloudformation_json, account_id, region_name)
        return updated

    def delete(self, account_id, region_name):
        from moto.s3.exceptions import MissingBucket

        try:
            self._backend(account_id, region_name).delete_bucket_policy(self.bucket)
        except MissingBucket:
            pass  # the bucket went first

    @property
    def physical_resource_id(self):
        return self.name  # Ref returns the physical ID CloudFormation generated


# --- Budgets -------------------------------------------------------------------------------------

class BudgetsBudget(_Common, CloudFormationModel):
    """moto has no CloudFormation model for AWS::Budgets::Budget."""

    def __init__(self, name):
        self.name = name

    @staticmethod
    def cloudformation_type():
        return "AWS::Budgets::Budget"

    @staticmethod
    def _backend(account_id, region_name):
        from moto.budgets.models import budgets_backends

        return budgets_backends[account_id][get_partition(region_name)]

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = _props(cloudformation_json)
        budget = dict(props["Budget"])
        budget.setdefault("BudgetName", resource_name)
        if "BudgetLimit" in budget:  # Amount is a number in the template, a string in the Budgets API
            budget["BudgetLimit"] = {**budget["BudgetLimit"], "Amount": str(budget["BudgetLimit"]["Amount"])}
        if "PlannedBudgetLimits" in budget:
            budget["PlannedBudgetLimits"] = {
                k: {**v, "Amount": str(v["Amount"])} for k, v in budget["PlannedBudgetLimits"].items()}
        notifications = [
            {"Notification": {**n["Notification"], "Threshold": float(n["Notification"]["Threshold"])},
             "Subscribers": n.get("Subscribers") or []}
            for n in props.get("NotificationsWithSubscribers") or []
        ]
        cls._backend(account_id, region_name).create_budget(account_id=account_id, budget=budget, notifications=notifications)
        return cls(budget["BudgetName"])

    def delete(self, account_id, region_name):
        self._backend(account_id, region_name).delete_budget(account_id=account_id, budget_name=self.name)

    @property
    def physical_resource_id(self):
        return self.name  # Ref returns the budget name


# --- CloudWatch ----------------------------------------------------------------------------------

def _metric_data_queries(metrics):
    from moto.cloudwatch.models import Dimension, Metric, MetricDataQuery, MetricStat

    queries = []
    for metric in metrics or []:
        stat = metric.get("MetricStat")
        metric_stat = None
        if stat:
            metric_stat = MetricStat(
                metric=Metric(metric_name=stat["Metric"].get("MetricName"), namespace=stat["Metric"].get("Namespace"),
                              dimensions=[Dimension(name=d["Name"], value=d["Value"])
                                          for d in stat["Metric"].get("Dimensions") or []]),
                period=stat.get("Period"), stat=stat.get("Stat"), unit=stat.get("Unit"))
        queries.append(MetricDataQuery(query_id=metric.get("Id"), label=metric.get("Label"), period=metric.get("Period"),
                                       return_data=metric.get("ReturnData"), expression=metric.get("Expression"),
                                       metric_stat=metric_stat))
    return queries or None


class CloudWatchAlarm(_Common, CloudFormationModel):
    """moto has no CloudFormation model for AWS::CloudWatch::Alarm (only Dashboard)."""

    ATTRIBUTES = ("Arn",)

    def __init__(self, alarm):
        self.alarm = alarm

    @staticmethod
    def cloudformation_name_type():
        return "AlarmName"

    @staticmethod
    def cloudformation_type():
        return "AWS::CloudWatch::Alarm"

    @staticmethod
    def _backend(account_id, region_name):
        from moto.cloudwatch.models import cloudwatch_backends

        return cloudwatch_backends[account_id][region_name]

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        p = _props(cloudformation_json)
        alarm = cls._backend(account_id, region_name).put_metric_alarm(
            name=resource_name, namespace=p.get("Namespace"), metric_name=p.get("MetricName"),
            metric_data_queries=_metric_data_queries(p.get("Metrics")),
            comparison_operator=p.get("ComparisonOperator"), evaluation_periods=_int(p.get("EvaluationPeriods")),
            datapoints_to_alarm=_int(p.get("DatapointsToAlarm")), period=_int(p.get("Period")),
            threshold=None if p.get("Threshold") is None else float(p["Threshold"]), statistic=p.get("Statistic"),
            extended_statistic=p.get("ExtendedStatistic"), description=p.get("AlarmDescription"),
            dimensions=p.get("Dimensions") or [], alarm_actions=p.get("AlarmActions") or [],
            ok_actions=p.get("OKActions") or [], insufficient_data_actions=p.get("InsufficientDataActions") or [],
            unit=p.get("Unit"), actions_enabled=_bool(p.get("ActionsEnabled"), True),
            treat_missing_data=p.get("TreatMissingData"),
            evaluate_low_sample_count_percentile=p.get("EvaluateLowSampleCountPercentile"),
            threshold_metric_id=p.get("ThresholdMetricId"), tags=_tags(p))
        return cls(alarm)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        if new_resource_name == original_resource.alarm.name:
            # PutMetricAlarm on the same name updates the alarm in place.
            return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        return super().update_from_cloudformation_json(
            original_resource, new_resource_name, cloudformation_json, account_id, region_name)

    def delete(self, account_id, region_name):
        self._backend(account_id, region_name).delete_alarms([self.alarm.name])

    def attribute(self, name):
        return self.alarm.alarm_arn

    @property
    def physical_resource_id(self):
        return self.alarm.name  # Ref returns the alarm name


# --- Application Auto Scaling --------------------------------------------------------------------

def _applicationautoscaling(account_id, region_name):
    from moto.applicationautoscaling.models import applicationautoscaling_backends

    return applicationautoscaling_backends[account_id][region_name]


class ApplicationAutoScalingScalableTarget(_Common, CloudFormationModel):
    """moto has no CloudFormation model for AWS::ApplicationAutoScaling::ScalableTarget."""

    ATTRIBUTES = ("Id",)

    def __init__(self, namespace, resource_id, dimension):
        self.namespace, self.resource_id, self.dimension = namespace, resource_id, dimension

    @staticmethod
    def cloudformation_type():
        return "AWS::ApplicationAutoScaling::ScalableTarget"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        p = _props(cloudformation_json)
        suspended = p.get("SuspendedState")
        _applicationautoscaling(account_id, region_name).register_scalable_target(
            namespace=p["ServiceNamespace"], r_id=p["ResourceId"], dimension=p["ScalableDimension"],
            min_capacity=_int(p.get("MinCapacity")), max_capacity=_int(p.get("MaxCapacity")),
            role_arn=p.get("RoleARN"), suspended_state=suspended)
        for action in p.get("ScheduledActions") or []:
            _applicationautoscaling(account_id, region_name).put_scheduled_action(
                service_namespace=p["ServiceNamespace"], schedule=action.get("Schedule"),
                timezone=action.get("Timezone"), scheduled_action_name=action.get("ScheduledActionName"),
                resource_id=p["ResourceId"], scalable_dimension=p["ScalableDimension"],
                start_time=action.get("StartTime"), end_time=action.get("EndTime"),
                scalable_target_action=action.get("ScalableTargetAction"))
        return cls(p["ServiceNamespace"], p["ResourceId"], p["ScalableDimension"])

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        p = _props(cloudformation_json)
        if (p["ServiceNamespace"], p["ResourceId"], p["ScalableDimension"]) != (
                original_resource.namespace, original_resource.resource_id, original_resource.dimension):
            original_resource.delete(account_id, region_name)
        # RegisterScalableTarget on an existing target updates it.
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    def delete(self, account_id, region_name):
        try:
            _applicationautoscaling(account_id, region_name).deregister_scalable_target(
                self.namespace, self.resource_id, self.dimension)
        except Exception:
            pass  # already gone

    def attribute(self, name):
        return self.physical_resource_id

    @property
    def physical_resource_id(self):
        # Ref returns "resource-id|scalable-dimension|service-namespace", as CloudFormation documents.
        return f"{self.resource_id}|{self.dimension}|{self.namespace}"


class ApplicationAutoScalingScalingPolicy(_Common, CloudFormationModel):
    """moto has no CloudFormation model for AWS::ApplicationAutoScaling::ScalingPolicy."""

    ATTRIBUTES = ("Arn",)

    def __init__(self, policy):
        self.policy = policy

    @staticmethod
    def cloudformation_type():
        return "AWS::ApplicationAutoScaling::ScalingPolicy"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        p = _props(cloudformation_json)
        if p.get("ScalingTargetId"):
            resource_id, dimension, namespace = p["ScalingTargetId"].split("|")
        else:
            resource_id, dimension, namespace = p["ResourceId"], p["ScalableDimension"], p["ServiceNamespace"]
        policy_type = p["PolicyType"]
        body = p.get("TargetTrackingScalingPolicyConfiguration") if policy_type == "TargetTrackingScaling" \
            else p.get("StepScalingPolicyConfiguration")
        policy = _applicationautoscaling(account_id, region_name).put_scaling_policy(
            policy_name=p.get("PolicyName", resource_name), service_namespace=namespace, resource_id=resource_id,
            scalable_dimension=dimension, policy_body=body, policy_type=policy_type)
        return cls(policy)

    def delete(self, account_id, region_name):
        policy = self.policy
        try:
            _applicationautoscaling(account_id, region_name).delete_scaling_policy(
                policy.policy_name, policy.service_namespace, policy.resource_id, policy.scalable_dimension)
        except Exception:
            pass  # deregistering the scalable target deleted it

    def attribute(self, name):
        return self.policy.policy_arn

    @property
    def physical_resource_id(self):
        return self.policy.policy_arn  # Ref returns the policy ARN


# --- ECS capacity providers ----------------------------------------------------------------------

def _ecs(account_id, region_name):
    from moto.ecs.models import ecs_backends

    return ecs_backends[account_id][region_name]


class ECSCapacityProvider(_Common, CloudFormationModel):
    """moto has no CloudFormation model for AWS::ECS::CapacityProvider."""

    def __init__(self, name):
        self.name = name

    @staticmethod
    def cloudformation_name_type():
        return "Name"

    @staticmethod
    def cloudformation_type():
        return "AWS::ECS::CapacityProvider"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        p = _props(cloudformation_json)
        provider = _ecs(account_id, region_name).create_capacity_provider(
            name=resource_name, asg_details=_lower_first(p.get("AutoScalingGroupProvider") or {}),
            tags=_tags(p, "key", "value"))
        return cls(provider.name)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        if new_resource_name != original_resource.name:
            return super().update_from_cloudformation_json(
                original_resource, new_resource_name, cloudformation_json, account_id, region_name)
        p = _props(cloudformation_json)
        _ecs(account_id, region_name).update_capacity_provider(
            original_resource.name, _lower_first(p.get("AutoScalingGroupProvider") or {}))
        return original_resource

    def delete(self, account_id, region_name):
        _ecs(account_id, region_name).delete_capacity_provider(self.name)

    @property
    def physical_resource_id(self):
        return self.name  # Ref returns the capacity provider name


class ECSClusterCapacityProviderAssociations(_Common, CloudFormationModel):
    """moto has no CloudFormation model for AWS::ECS::ClusterCapacityProviderAssociations."""

    def __init__(self, cluster):
        self.cluster = cluster

    @staticmethod
    def cloudformation_type():
        return "AWS::ECS::ClusterCapacityProviderAssociations"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        p = _props(cloudformation_json)
        cluster = p["Cluster"]
        _ecs(account_id, region_name).put_cluster_capacity_providers(
            cluster, p.get("CapacityProviders") or [],
            [{k: _int(v) if k in ("base", "weight") else v for k, v in _lower_first(s).items()}
             for s in p.get("DefaultCapacityProviderStrategy") or []])
        return cls(cluster)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    def delete(self, account_id, region_name):
        try:
            _ecs(account_id, region_name).put_cluster_capacity_providers(self.cluster, [], [])
        except Exception:
            pass  # the cluster went first

    @property
    def physical_resource_id(self):
        return self.cluster  # Ref returns the cluster name


# --- RDS clusters --------------------------------------------------------------------------------

def _rds(account_id, region_name):
    from moto.rds.models import rds_backends

    return rds_backends[account_id][region_name]


class RDSDBCluster(_Common, CloudFormationModel):
    """moto has no CloudFormation model for AWS::RDS::DBCluster (only DBInstance)."""

    ATTRIBUTES = ("DBClusterArn", "DBClusterResourceId", "Endpoint.Address", "Endpoint.Port",
                  "ReadEndpoint.Address", "MasterUserSecret.SecretArn")

    def __init__(self, cluster):
        self.cluster = cluster

    @staticmethod
    def cloudformation_name_type():
        return "DBClusterIdentifier"

    @staticmethod
    def cloudformation_type():
        return "AWS::RDS::DBCluster"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        p = _props(cloudformation_json)
        kwargs = {
            "db_cluster_identifier": resource_name.lower(),
            "engine": p.get("Engine"),
            "engine_version": p.get("EngineVersion"),
            "engine_mode": p.get("EngineMode"),
            "allocated_storage": _int(p.get("AllocatedStorage")),
            "auto_minor_version_upgrade": _bool(p.get("AutoMinorVersionUpgrade"), True),
            "availability_zones": p.get("AvailabilityZones"),
            "backup_retention_period": _int(p.get("BackupRetentionPeriod"), 1),
            "copy_tags_to_snapshot": _bool(p.get("CopyTagsToSnapshot")),
            "database_name": p.get("DatabaseName"),
            "db_cluster_instance_class": p.get("DBClusterInstanceClass"),
            "db_cluster_parameter_group_name": _name(p.get("DBClusterParameterGroupName")),
            "db_subnet_group_name": _name(p.get("DBSubnetGroupName")),
            "deletion_protection": _bool(p.get("DeletionProtection")),
            "enable_cloudwatch_logs_exports": p.get("EnableCloudwatchLogsExports"),
            "enable_iam_database_authentication": _bool(p.get("EnableIAMDatabaseAuthentication")),
            "enable_http_endpoint": _bool(p.get("EnableHttpEndpoint")),
            "iops": _int(p.get("Iops")),
            "kms_key_id": p.get("KmsKeyId"),
            "manage_master_user_password": _bool(p.get("ManageMasterUserPassword")),
            "master_user_secret_kms_key_id": (p.get("MasterUserSecret") or {}).get("KmsKeyId"),
            "master_username": p.get("MasterUsername"),
            "master_user_password": p.get("MasterUserPassword"),
            "network_type": p.get("NetworkType"),
            "port": _int(p.get("Port")),
            "preferred_backup_window": p.get("PreferredBackupWindow", "01:37-02:07"),
            "preferred_maintenance_window": p.get("PreferredMaintenanceWindow", "wed:02:40-wed:03:10"),
            "publicly_accessible": _bool(p.get("PubliclyAccessible")),
            "serverless_v2_scaling_configuration": p.get("ServerlessV2ScalingConfiguration"),
            "storage_encrypted": _bool(p.get("StorageEncrypted")),
            "storage_type": p.get("StorageType"),
            "tags": _tags(p),
            "vpc_security_group_ids": p.get("VpcSecurityGroupIds") or [],
        }
        cluster = _rds(account_id, region_name).create_db_cluster({k: v for k, v in kwargs.items() if v is not None})
        cluster.status = "available"
        return cls(cluster)

    def delete(self, account_id, region_name):
        _rds(account_id, region_name).delete_db_cluster(self.cluster.db_cluster_identifier)

    def attribute(self, name):
        c = self.cluster
        if name == "Endpoint.Port":
            return str(c.port)
        if name == "MasterUserSecret.SecretArn":
            return c.master_user_secret.secret_arn if getattr(c, "manage_master_user_password", False) else None
        return {"DBClusterArn": c.db_cluster_arn, "DBClusterResourceId": c.db_cluster_resource_id,
                "Endpoint.Address": c.endpoint, "ReadEndpoint.Address": c.reader_endpoint}[name]

    @property
    def physical_resource_id(self):
        return self.cluster.db_cluster_identifier  # Ref returns the cluster identifier


# --- WAFv2 ---------------------------------------------------------------------------------------

def _wafv2(account_id, region_name):
    from moto.wafv2.models import wafv2_backends

    return wafv2_backends[account_id][region_name]


class WAFv2WebACL(_Common, CloudFormationModel):
    """moto has no CloudFormation model for AWS::WAFv2::WebACL."""

    ATTRIBUTES = ("Arn", "Id", "LabelNamespace", "Capacity")

    def __init__(self, acl, scope):
        self.acl, self.scope = acl, scope

    @staticmethod
    def cloudformation_name_type():
        return "Name"

    @staticmethod
    def cloudformation_type():
        return "AWS::WAFv2::WebACL"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        p = _props(cloudformation_json)
        # Web ACL names allow letters, digits, hyphens and underscores only (max 128).
        name = re.sub(r"[^A-Za-z0-9_-]", "-", resource_name)[:128]
        acl = _wafv2(account_id, region_name).create_web_acl(
            name=name, visibility_config=p.get("VisibilityConfig"), default_action=p.get("DefaultAction"),
            scope=p.get("Scope", "REGIONAL"), description=p.get("Description"), tags=_tags(p),
            rules=p.get("Rules") or [], association_config=p.get("AssociationConfig"),
            captcha_config=p.get("CaptchaConfig"), challenge_config=p.get("ChallengeConfig"),
            custom_response_bodies=p.get("CustomResponseBodies"), token_domains=p.get("TokenDomains"))
        return cls(acl, p.get("Scope", "REGIONAL"))

    def delete(self, account_id, region_name):
        backend = _wafv2(account_id, region_name)
        for resource_arn in list(self.acl.associated_resources):
            backend.disassociate_web_acl(resource_arn)
        backend.delete_web_acl(self.acl.name, self.scope, self.acl.id, self.acl.lock_token)

    def attribute(self, name):
        return {"Arn": self.acl.arn, "Id": self.acl.id, "LabelNamespace": self.acl.label_namespace,
                "Capacity": getattr(self.acl, "capacity", 0)}[name]

    @property
    def physical_resource_id(self):
        return f"{self.acl.name}|{self.acl.id}|{self.scope}"  # Ref returns name|id|scope


class WAFv2WebACLAssociation(_Common, CloudFormationModel):
    """moto has no CloudFormation model for AWS::WAFv2::WebACLAssociation."""

    def __init__(self, web_acl_arn, resource_arn):
        self.web_acl_arn, self.resource_arn = web_acl_arn, resource_arn

    @staticmethod
    def cloudformation_type():
        return "AWS::WAFv2::WebACLAssociation"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        p = _props(cloudformation_json)
        _wafv2(account_id, region_name).associate_web_acl(p["WebACLArn"], p["ResourceArn"])
        return cls(p["WebACLArn"], p["ResourceArn"])

    def delete(self, account_id, region_name):
        _wafv2(account_id, region_name).disassociate_web_acl(self.resource_arn)

    @property
    def physical_resource_id(self):
        return f"{self.web_acl_arn}|{self.resource_arn}"


# --- Fixes to moto's own models ------------------------------------------------------------------

def _ssm_parameter_fix():
    from moto.ssm.models import Parameter

    original = Parameter.create_from_cloudformation_json.__func__

    # moto passes an AWS::SSM::Parameter's Tags (a {key: value} map in CloudFormation) to PutParameter
    # as if it were the API's [{Key, Value}] list and fails with TypeError: string indices must be integers.
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = _props(cloudformation_json)
        if isinstance(props.get("Tags"), dict):
            props = {**props, "Tags": [{"Key": k, "Value": v} for k, v in props["Tags"].items()]}
            cloudformation_json = {**cloudformation_json, "Properties": props}
        return original(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)

    Parameter.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)


_ssm_parameter_fix()


def _change_set_fixes():
    from moto.cloudformation.models import Change, ChangeSet, Stack

    apply = ChangeSet.apply

    # moto executes a change set without re-reading the stack's Outputs: a stack created through a
    # CREATE change set keeps the empty template it was made with and DescribeStacks lists no Outputs.
    def apply_and_refresh_outputs(self):
        apply(self)
        if self.parameters:
            self.stack.parameters = self.parameters
        self.stack.template = self.template
        self.stack._parse_template()
        self.stack.output_map = self.stack._create_output_map()

    ChangeSet.apply = apply_and_refresh_outputs

    # moto's change set lists only resources whose template text changed: a new parameter value (a new
    # image tag) gives an empty change set although executing it would update the resources that
    # reference the parameter (ResourceMap.update does consider parameters). Listed here as Modify, as
    # CloudFormation does.
    def diff(self):
        resource_map = self.stack.resource_map
        names = resource_map.build_resource_diff(self.template_dict, self.parameters or None)
        new, old = self.template_dict.get("Resources") or {}, resource_map._resource_json_map
        return [Change(action=action, logical_resource_id=name,
                       resource_type=(new.get(name) or old.get(name))["Type"])
                for action in ("Add", "Modify", "Remove") for name in names[action]]

    ChangeSet.diff = diff

    # moto lists a resource whose Condition is false as an empty entry (no LogicalResourceId, no
    # ResourceType); CloudFormation does not create it and does not list it.
    Stack.stack_resources = property(lambda self: [r for r in self.resource_map.values() if r is not None])


_change_set_fixes()


def _rds_db_instance_fix():
    from moto.rds.models import DBInstance

    # moto's AWS::RDS::DBInstance model drops DBClusterIdentifier (an Aurora instance becomes a
    # standalone one), ManageMasterUserPassword (no MasterUserSecret, so Fn::GetAtt
    # MasterUserSecret.SecretArn fails), VPCSecurityGroups (it reads a VpcSecurityGroupIds the
    # resource does not have), DeletionProtection, MaxAllocatedStorage, EnableCloudwatchLogsExports and
    # StorageThroughput, and defaults Port to 3306 whatever the engine.
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        p = _props(cloudformation_json)
        db_kwargs = {
            "auto_minor_version_upgrade": _bool(p.get("AutoMinorVersionUpgrade"), True),
            "allocated_storage": _int(p.get("AllocatedStorage")),
            "max_allocated_storage": _int(p.get("MaxAllocatedStorage")),
            "availability_zone": p.get("AvailabilityZone"),
            "backup_retention_period": _int(p.get("BackupRetentionPeriod")),
            "db_instance_class": p.get("DBInstanceClass"),
            "db_instance_identifier": resource_name.replace("_", "-").lower(),
            "db_cluster_identifier": p.get("DBClusterIdentifier"),
            "db_name": p.get("DBName"),
            "preferred_backup_window": p.get("PreferredBackupWindow", "13:14-13:44"),
            "preferred_maintenance_window": p.get("PreferredMaintenanceWindow", "wed:06:38-wed:07:08").lower(),
            "db_subnet_group_name": _name(p.get("DBSubnetGroupName")),
            "engine": p.get("Engine"),
            "engine_version": p.get("EngineVersion"),
            "iops": p.get("Iops"),
            "kms_key_id": p.get("KmsKeyId"),
            "master_user_password": p.get("MasterUserPassword"),
            "master_username": p.get("MasterUsername"),
            "manage_master_user_password": _bool(p.get("ManageMasterUserPassword")),
            "master_user_secret_kms_key_id": (p.get("MasterUserSecret") or {}).get("KmsKeyId"),
            "multi_az": _bool(p.get("MultiAZ")),
            "db_parameter_group_name": _name(p.get("DBParameterGroupName")),
            "port": _int(p.get("Port")),
            "publicly_accessible": p.get("PubliclyAccessible"),
            "copy_tags_to_snapshot": _bool(p.get("CopyTagsToSnapshot")),
            "db_security_groups": [_name(g) for g in p.get("DBSecurityGroups") or []],
            "storage_encrypted": _bool(p.get("StorageEncrypted")),
            "storage_type": p.get("StorageType"),
            "storage_throughput": _int(p.get("StorageThroughput")),
            "tags": p.get("Tags"),
            "vpc_security_group_ids": p.get("VPCSecurityGroups") or p.get("VpcSecurityGroupIds") or [],
            "deletion_protection": _bool(p.get("DeletionProtection")),
            "enable_cloudwatch_logs_exports": p.get("EnableCloudwatchLogsExports"),
        }
        db_kwargs = {k: v for k, v in db_kwargs.items() if v is not None}
        backend = _rds(account_id, region_name)
        if p.get("SourceDBInstanceIdentifier"):
            db_kwargs["source_db_instance_identifier"] = p["SourceDBInstanceIdentifier"]
            return backend.create_db_instance_read_replica(db_kwargs)
        return backend.create_db_instance(db_kwargs)

    DBInstance.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)

    attributes = ("Endpoint.Address", "Endpoint.Port", "DBInstanceArn", "DbiResourceId", "MasterUserSecret.SecretArn")
    get_cfn_attribute = DBInstance.get_cfn_attribute

    def get_cfn_attribute_more(self, attribute_name):
        if attribute_name == "DBInstanceArn":
            return self.db_instance_arn
        if attribute_name == "DbiResourceId":
            return self.dbi_resource_id
        if attribute_name == "MasterUserSecret.SecretArn":
            return self.master_user_secret.secret_arn if getattr(self, "manage_master_user_password", False) else None
        if attribute_name == "Endpoint.Port":
            return str(self.port)  # a string, as CloudFormation returns it
        return get_cfn_attribute(self, attribute_name)

    DBInstance.has_cfn_attr = classmethod(lambda cls, attr: attr in attributes)
    DBInstance.get_cfn_attribute = get_cfn_attribute_more


_rds_db_instance_fix()


def _elbv2_target_group_fix():
    from moto.elbv2.models import FakeTargetGroup

    # moto's AWS::ElasticLoadBalancingV2::TargetGroup has no get_cfn_attribute: any Fn::GetAtt on it
    # (TargetGroupFullName for alarm and dashboard dimensions) fails with AttributeError.
    attributes = ("TargetGroupArn", "TargetGroupFullName", "TargetGroupName", "LoadBalancerArns")

    def get_cfn_attribute(self, attribute_name):
        if attribute_name == "TargetGroupArn":
            return self.arn
        if attribute_name == "TargetGroupFullName":
            return self.arn.split(":")[-1]  # targetgroup/<name>/<id>
        if attribute_name == "TargetGroupName":
            return self.name
        if attribute_name == "LoadBalancerArns":
            return list(self.load_balancer_arns)
        raise UnformattedGetAttTemplateException()

    FakeTargetGroup.has_cfn_attr = classmethod(lambda cls, attr: attr in attributes)
    FakeTargetGroup.get_cfn_attribute = get_cfn_attribute


def _efs_fix():
    from moto.efs.models import AccessPoint, FileSystem

    # moto's AWS::EFS::FileSystem and AWS::EFS::AccessPoint have no get_cfn_attribute (Fn::GetAtt Arn
    # fails with AttributeError), and an AccessPoint has no physical_resource_id, so Ref yields the
    # Python object instead of the access point ID.
    def file_system_attribute(self, attribute_name):
        if attribute_name == "Arn":
            return self.file_system_arn
        if attribute_name == "FileSystemId":
            return self.file_system_id
        raise UnformattedGetAttTemplateException()

    def access_point_attribute(self, attribute_name):
        if attribute_name == "Arn":
            return self.access_point_arn
        if attribute_name == "AccessPointId":
            return self.access_point_id
        raise UnformattedGetAttTemplateException()

    FileSystem.has_cfn_attr = classmethod(lambda cls, attr: attr in ("Arn", "FileSystemId"))
    FileSystem.get_cfn_attribute = file_system_attribute
    AccessPoint.has_cfn_attr = classmethod(lambda cls, attr: attr in ("Arn", "AccessPointId"))
    AccessPoint.get_cfn_attribute = access_point_attribute
    AccessPoint.physical_resource_id = property(lambda self: self.access_point_id)


_elbv2_target_group_fix()
_efs_fix()


def _elbv2_load_balancer_fix():
    from moto.elbv2.models import FakeLoadBalancer, elbv2_backends

    # moto's AWS::ElasticLoadBalancingV2::LoadBalancer model drops Type (a network load balancer
    # becomes an application one and its TCP listeners fail with "Listener protocol 'TCP' must be one
    # of 'HTTP, HTTPS'"), IpAddressType, SubnetMappings, Tags and LoadBalancerAttributes, and answers
    # Fn::GetAtt LoadBalancerFullName, CanonicalHostedZoneID and SecurityGroups with nothing.
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        p = _props(cloudformation_json)
        backend = elbv2_backends[account_id][region_name]
        load_balancer = backend.create_load_balancer(
            resource_name, p.get("SecurityGroups") or [], p.get("Subnets") or [],
            subnet_mappings=p.get("SubnetMappings"), scheme=p.get("Scheme", "internet-facing"),
            loadbalancer_type=p.get("Type", "application"), ip_address_type=p.get("IpAddressType", "ipv4"),
            tags=_tags(p) or None)
        attributes = {a["Key"]: a["Value"] for a in p.get("LoadBalancerAttributes") or []}
        if attributes:
            backend.modify_load_balancer_attributes(load_balancer.arn, attributes)
        return load_balancer

    attributes = ("DNSName", "LoadBalancerName", "CanonicalHostedZoneID", "LoadBalancerFullName",
                  "SecurityGroups", "LoadBalancerArn")

    def get_cfn_attribute(self, attribute_name):
        if attribute_name == "DNSName":
            return self.dns_name
        if attribute_name == "LoadBalancerName":
            return self.name
        if attribute_name == "LoadBalancerArn":
            return self.arn
        if attribute_name == "LoadBalancerFullName":
            return self.arn.split(":loadbalancer/")[-1]  # app|net/<name>/<id>
        if attribute_name == "CanonicalHostedZoneID":
            return self.canonical_hosted_zone_id
        if attribute_name == "SecurityGroups":
            return list(self.security_groups or [])
        raise UnformattedGetAttTemplateException()

    FakeLoadBalancer.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)
    FakeLoadBalancer.has_cfn_attr = classmethod(lambda cls, attr: attr in attributes)
    FakeLoadBalancer.get_cfn_attribute = get_cfn_attribute


_elbv2_load_balancer_fix()


def _deletion_fixes():
    """moto's models for these types have neither delete() nor delete_from_cloudformation_json, so
    DeleteStack skips them silently and leaves them behind: the stack's route tables keep its VPC
    alive and DeleteStack fails with "DependencyViolation: The vpc ... has dependencies and cannot be
    deleted", while ECS services, listeners, target groups, NAT gateways and Elastic IPs outlive it."""
    from moto.ec2.models import ec2_backends
    from moto.ec2.models.elastic_ip_addresses import ElasticAddress
    from moto.ec2.models.flow_logs import FlowLogs
    from moto.ec2.models.internet_gateways import InternetGateway
    from moto.ec2.models.nat_gateways import NatGateway
    from moto.ec2.models.route_tables import Route, RouteTable
    from moto.ec2.models.subnets import SubnetRouteTableAssociation
    from moto.ec2.models.vpcs import VPCEndPoint
    from moto.ec2.models.vpn_gateway import VPCGatewayAttachment
    from moto.ecs.models import Cluster, Service, TaskDefinition
    from moto.elbv2.models import FakeListener, FakeListenerRule, FakeTargetGroup, elbv2_backends

    def ec2(account_id, region_name):
        return ec2_backends[account_id][region_name]

    def route_table_delete(self, account_id, region_name):
        ec2(account_id, region_name).delete_route_table(self.id)

    def route_delete(self, account_id, region_name):
        ec2(account_id, region_name).delete_route(
            self.route_table.id, self.destination_cidr_block, self.destination_ipv6_cidr_block,
            self.destination_prefix_list.id if self.destination_prefix_list else None)

    def association_delete(self, account_id, region_name):
        # moto keeps no association ID on the CloudFormation model: find it by subnet.
        route_table = ec2(account_id, region_name).route_tables.get(self.route_table_id)
        if route_table is not None:
            for association_id, subnet_id in list(route_table._associations.items()):
                if subnet_id == self.subnet_id:
                    route_table._associations.pop(association_id)

    def gateway_attachment_delete(self, account_id, region_name):
        backend = ec2(account_id, region_name)
        if self.gateway_id.startswith("igw-"):
            backend.detach_internet_gateway(self.gateway_id, self.vpc_id)
        else:
            backend.detach_vpn_gateway(self.gateway_id, self.vpc_id)

    def gone_ok(delete):
        # Deleting what is already gone (a route whose table went first) succeeds, as in CloudFormation;
        # a dependency error still propagates so that moto retries after the dependants are deleted.
        def delete_if_present(self, account_id, region_name):
            try:
                delete(self, account_id, region_name)
            except Exception as error:
                if not re.search(r"NotFound|Invalid\w*(Id|ID)|InvalidRoute|DoesNotExist", type(error).__name__ + str(error)):
                    raise
        return delete_if_present

    RouteTable.delete = gone_ok(route_table_delete)
    Route.delete = gone_ok(route_delete)
    SubnetRouteTableAssociation.delete = gone_ok(association_delete)
    VPCGatewayAttachment.delete = gone_ok(gateway_attachment_delete)
    InternetGateway.delete = gone_ok(lambda self, a, r: ec2(a, r).delete_internet_gateway(self.id))
    NatGateway.delete = gone_ok(lambda self, a, r: ec2(a, r).delete_nat_gateway(self.id))
    ElasticAddress.delete = gone_ok(lambda self, a, r: ec2(a, r).release_address(allocation_id=self.allocation_id))
    FlowLogs.delete = gone_ok(lambda self, a, r: ec2(a, r).delete_flow_logs([self.id]))
    VPCEndPoint.delete = gone_ok(lambda self, a, r: ec2(a, r).delete_vpc_endpoints([self.id]))

    def ecs(account_id, region_name):
        return _ecs(account_id, region_name)

    Service.delete = gone_ok(lambda self, a, r: ecs(a, r).delete_service(self.cluster_name, self.name, force=True))
    TaskDefinition.delete = gone_ok(lambda self, a, r: ecs(a, r).deregister_task_definition(self.arn))
    Cluster.delete = gone_ok(lambda self, a, r: ecs(a, r).delete_cluster(self.name))

    FakeListener.delete = gone_ok(lambda self, a, r: elbv2_backends[a][r].delete_listener(self.arn))
    FakeListenerRule.delete = gone_ok(lambda self, a, r: elbv2_backends[a][r].delete_rule(self.arn))
    FakeTargetGroup.delete = gone_ok(lambda self, a, r: elbv2_backends[a][r].delete_target_group(self.arn))


_deletion_fixes()


def _update_fixes():
    get_references = parsing.get_references_from_template

    # moto finds a resource's parameters through {"Ref": ...} only, so a new value of a parameter used
    # as ${Name} in Fn::Sub (an image tag in a task definition) changes nothing on update.
    def get_references_from_template(template):
        references = get_references(template)
        if isinstance(template, dict):
            for key, value in template.items():
                if key == "Fn::Sub":
                    text = value if isinstance(value, str) else value[0]
                    references.extend(re.findall(r"\$\{([A-Za-z0-9_:]+)\}", text))
        return references

    parsing.get_references_from_template = get_references_from_template

    update_resource = parsing.parse_and_update_resource

    # moto updates a resource whose Condition is false (its create returned nothing, so the model's
    # update gets None and fails with AttributeError) and never creates one whose Condition turned
    # true. CloudFormation creates the resource when its condition becomes true and deletes it when it
    # becomes false.
    def parse_and_update_resource(logical_id, resource_json, resources_map, account_id, region_name):
        condition = resource_json.get("Condition")
        existing = resources_map._parsed_resources.get(logical_id)
        if condition and not resources_map.lazy_condition_map[condition]:
            if existing is not None:
                resources_map._delete_resource(existing, resources_map._resource_json_map[logical_id])
            return None
        if existing is None:
            resources_map._parsed_resources.pop(logical_id, None)
            return resources_map[logical_id]
        return update_resource(logical_id, resource_json, resources_map, account_id, region_name)

    parsing.parse_and_update_resource = parse_and_update_resource


_update_fixes()


def _update_fixes_2():
    from moto.ecs.models import TaskDefinition, ecs_backends

    # moto's TaskDefinition update registers the new revision from the template's PascalCase
    # ContainerDefinitions as they are (create remaps them to the API's camelCase), so the new
    # revision's containers have no image.
    def task_definition_update(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        new = cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)
        if (new.family, new.container_definitions, new.volumes) == (
                original_resource.family, original_resource.container_definitions, original_resource.volumes):
            ecs_backends[account_id][region_name].deregister_task_definition(new.arn)
            return original_resource
        ecs_backends[account_id][region_name].deregister_task_definition(original_resource.arn)
        return new

    TaskDefinition.update_from_cloudformation_json = classmethod(task_definition_update)

    build_resource_diff = parsing.ResourceMap.build_resource_diff

    # moto does not propagate a change to the resources that reference the changed one: a new task
    # definition revision leaves the ECS service on the old one. CloudFormation re-evaluates them (its
    # change set lists them as Modify with a dynamic evaluation).
    def build_resource_diff_with_dependants(self, other_template, parameters=None):
        if parameters:
            # moto compares the new values with the values given at the last deploy, so a parameter
            # that took its default then and is passed (UsePreviousValue) now counts as changed.
            previous = _previous_values(self._template, self.input_parameters, self.resolved_parameters)
            changed = {k: v for k, v in parameters.items() if str(previous.get(k)) != str(v)}
            names = build_resource_diff(self, other_template, None)
            if changed:
                saved = self.input_parameters
                self.input_parameters = {k: v for k, v in saved.items() if k not in changed}
                try:
                    names = build_resource_diff(self, other_template, changed)
                finally:
                    self.input_parameters = saved
        else:
            names = build_resource_diff(self, other_template, parameters)
        new, old = other_template["Resources"], self._resource_json_map
        changed = set(names["Modify"]) | set(names["Add"]) | set(names["Remove"])
        while True:
            more = [n for n in new if n in old and n not in changed
                    and changed & set(_referenced_resources(new[n]))]
            if not more:
                break
            names["Modify"].extend(more)
            changed.update(more)
        return names

    parsing.ResourceMap.build_resource_diff = build_resource_diff_with_dependants

    update_resource = parsing.parse_and_update_resource

    # A model moto cannot update (no update_from_cloudformation_json) makes moto replace the resource
    # in the stack with None, losing it; keep the existing resource instead.
    def parse_and_update_or_keep(logical_id, resource_json, resources_map, account_id, region_name):
        resource_class = parsing.resource_class_from_type(resource_json["Type"])
        existing = resources_map._parsed_resources.get(logical_id)
        if (existing is not None and resource_class is not None
                and hasattr(resource_class.update_from_cloudformation_json, "__isabstractmethod__")):
            return existing
        return update_resource(logical_id, resource_json, resources_map, account_id, region_name)

    parsing.parse_and_update_resource = parse_and_update_or_keep


def _referenced_resources(template):
    found = []
    if isinstance(template, dict):
        for key, value in template.items():
            if key == "Ref" and isinstance(value, str):
                found.append(value)
            elif key == "Fn::GetAtt":
                found.append(value[0] if isinstance(value, list) else value.split(".")[0])
            elif key == "Fn::Sub":
                text = value if isinstance(value, str) else value[0]
                found.extend(m.split(".")[0] for m in re.findall(r"\$\{([A-Za-z0-9_.]+)\}", text))
                found.extend(_referenced_resources(value))
            elif key == "DependsOn":
                continue
            else:
                found.extend(_referenced_resources(value))
    elif isinstance(template, list):
        for item in template:
            found.extend(_referenced_resources(item))
    return found


_update_fixes_2()


def _previous_values(template, input_parameters, resolved_parameters):
    """A stack's parameter values as CloudFormation reports them: the given (or default) value, which
    for an AWS::SSM::Parameter::Value type is the parameter's name, not the value it resolved to."""
    values = {k: ",".join(map(str, v)) if isinstance(v, list) else v for k, v in resolved_parameters.items()}
    for key, slot in ((template or {}).get("Parameters") or {}).items():
        value = input_parameters.get(key, slot.get("Default"))
        if value is None:
            value = resolved_parameters.get(key)
        if isinstance(value, list):
            value = ",".join(str(v) for v in value)
        values[key] = value
    return values


def _stack_parameters_fix():
    from moto.cloudformation.models import Stack

    # UsePreviousValue takes moto's resolved values: the AMI ID an AWS::SSM::Parameter::Value
    # parameter resolved to (then looked up as a parameter name on update: AttributeError 'NoneType'
    # object has no attribute 'value') and a CommaDelimitedList as a Python list.
    Stack.stack_parameters = property(lambda self: _previous_values(
        self.template_dict, self.resource_map.input_parameters, self.resource_map.resolved_parameters))


_stack_parameters_fix()


def _batch_service_linked_role_fix():
    import json

    from moto.batch.models import ComputeEnvironment
    from moto.iam.models import iam_backends

    # ServiceRole is optional on AWS::Batch::ComputeEnvironment: without one AWS Batch uses (and
    # creates) its service-linked role AWSServiceRoleForBatch. moto 5.2.1 reads it as required
    # (KeyError: 'ServiceRole'); this gives moto the service-linked role AWS would use.
    original = ComputeEnvironment.create_from_cloudformation_json.__func__

    def create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = cloudformation_json.setdefault("Properties", {})
        if not props.get("ServiceRole"):
            iam = iam_backends[account_id]["global"]
            name = "AWSServiceRoleForBatch"
            try:
                role = iam.get_role(name)
            except Exception:
                trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                                   "Principal": {"Service": "batch.amazonaws.com"}}]}
                role = iam.create_role(name, json.dumps(trust), "/aws-service-role/batch.amazonaws.com/", None,
                                       "service-linked role of AWS Batch", [], None, linked_service="batch.amazonaws.com")
            props["ServiceRole"] = role.arn
        return original(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)

    ComputeEnvironment.create_from_cloudformation_json = classmethod(create)


_batch_service_linked_role_fix()

def _iot_physical_ids_fix():
    from moto.iot.models import FakePolicy, FakeThingType

    # moto 5.2.1 reports an empty PhysicalResourceId for AWS::IoT::ThingType and AWS::IoT::Policy;
    # CloudFormation reports their names (what Ref returns), which `ferry iot` reads from the stack.
    FakeThingType.physical_resource_id = property(lambda self: self.thing_type_name)
    FakePolicy.physical_resource_id = property(lambda self: self.name)


_iot_physical_ids_fix()
