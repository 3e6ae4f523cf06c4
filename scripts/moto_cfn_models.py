"""CloudFormation models for resource types moto 5.2.1's CloudFormation engine does not implement.

Each creates the resource in moto's own service backend, so the API calls ferry's tests make
afterwards (DescribeSecret, GetNamespace, DescribeReplicationGroups, ListSubscriptions, ...) see it,
and answers Ref and Fn::GetAtt as AWS documents them. Importing this module registers them (moto
builds its type map from CloudFormationModel's subclasses on first use).
"""
import json
import random
import string

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel


def _props(cloudformation_json):
    return cloudformation_json.get("Properties", {}) or {}


def _tags(props):
    return [{"Key": t["Key"], "Value": t["Value"]} for t in props.get("Tags", []) or []]


class CfnSecret(CloudFormationModel):
    """AWS::SecretsManager::Secret: a secret with SecretString or a GenerateSecretString value."""

    __module__ = "moto.secretsmanager.cfn"  # moto files models by the package after "moto."

    def __init__(self, arn, name):
        self.arn, self.name = arn, name

    @staticmethod
    def cloudformation_name_type():
        return "Name"

    @staticmethod
    def cloudformation_type():
        return "AWS::SecretsManager::Secret"

    @staticmethod
    def _generate(spec):
        length = int(spec.get("PasswordLength", 32))
        alphabet = string.ascii_letters + string.digits
        if not spec.get("ExcludePunctuation"):
            alphabet += "!#$%&()*+,-.:;<=>?[]^_{|}~"
        alphabet = "".join(c for c in alphabet if c not in spec.get("ExcludeCharacters", ""))
        value = "".join(random.SystemRandom().choice(alphabet) for _ in range(length))
        if "SecretStringTemplate" in spec and "GenerateStringKey" in spec:
            document = json.loads(spec["SecretStringTemplate"])
            document[spec["GenerateStringKey"]] = value
            return json.dumps(document)
        return value

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        from moto.secretsmanager.models import secretsmanager_backends

        props = _props(cloudformation_json)
        value = props.get("SecretString")
        if value is None:
            value = cls._generate(props.get("GenerateSecretString", {}) or {})
        backend = secretsmanager_backends[account_id][region_name]
        created = json.loads(backend.create_secret(
            name=props.get("Name", resource_name), secret_string=value, secret_binary=None,
            description=props.get("Description"), tags=_tags(props), kms_key_id=props.get("KmsKeyId"),
            client_request_token=None, replica_regions=[], force_overwrite=False))
        return cls(created["ARN"], created["Name"])

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        from moto.secretsmanager.models import secretsmanager_backends

        backend = secretsmanager_backends[account_id][region_name]
        name = _props(cloudformation_json).get("Name", resource_name)
        backend.delete_secret(secret_id=name, recovery_window_in_days=None, force_delete_without_recovery=True)

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr in ["Id"]

    def get_cfn_attribute(self, attribute_name):
        if attribute_name == "Id":
            return self.arn
        raise UnformattedGetAttTemplateException()

    @property
    def physical_resource_id(self):
        return self.arn  # Ref returns the ARN


class CfnPrivateDnsNamespace(CloudFormationModel):
    """AWS::ServiceDiscovery::PrivateDnsNamespace in moto's Cloud Map backend."""

    __module__ = "moto.servicediscovery.cfn"  # moto files models by the package after "moto."

    def __init__(self, namespace):
        self.namespace = namespace

    @staticmethod
    def cloudformation_name_type():
        return "Name"

    @staticmethod
    def cloudformation_type():
        return "AWS::ServiceDiscovery::PrivateDnsNamespace"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        from moto.servicediscovery.models import servicediscovery_backends

        props = _props(cloudformation_json)
        backend = servicediscovery_backends[account_id][region_name]
        name = props.get("Name", resource_name)
        backend.create_private_dns_namespace(
            name=name, creator_request_id=None, description=props.get("Description"), vpc=props.get("Vpc"),
            tags=_tags(props), properties=props.get("Properties", {}))
        namespace = next(n for n in backend.namespaces.values() if n.name == name)
        return cls(namespace)

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        pass  # deleted with the stack's records (moto keeps no index by CloudFormation name)

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr in ["Arn", "Id", "HostedZoneId"]

    def get_cfn_attribute(self, attribute_name):
        if attribute_name == "Arn":
            return self.namespace.arn
        if attribute_name == "Id":
            return self.namespace.id
        if attribute_name == "HostedZoneId":
            return (self.namespace.dns_properties or {}).get("HostedZoneId", "")
        raise UnformattedGetAttTemplateException()

    @property
    def physical_resource_id(self):
        return self.namespace.id


class CfnDiscoveryService(CloudFormationModel):
    """AWS::ServiceDiscovery::Service in moto's Cloud Map backend."""

    __module__ = "moto.servicediscovery.cfn"  # moto files models by the package after "moto."

    def __init__(self, service, region_name, account_id):
        self.service, self.region_name, self.account_id = service, region_name, account_id

    @staticmethod
    def cloudformation_name_type():
        return "Name"

    @staticmethod
    def cloudformation_type():
        return "AWS::ServiceDiscovery::Service"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        from moto.servicediscovery.models import servicediscovery_backends

        props = _props(cloudformation_json)
        backend = servicediscovery_backends[account_id][region_name]
        service = backend.create_service(
            name=props.get("Name", resource_name), namespace_id=props.get("NamespaceId"), creator_request_id=None,
            description=props.get("Description"), dns_config=props.get("DnsConfig"),
            health_check_config=props.get("HealthCheckConfig"),
            health_check_custom_config=props.get("HealthCheckCustomConfig"), tags=_tags(props),
            service_type=props.get("Type"))
        return cls(service, region_name, account_id)

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        pass

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr in ["Arn", "Id", "Name"]

    def get_cfn_attribute(self, attribute_name):
        if attribute_name == "Arn":
            return self.service.arn
        if attribute_name == "Id":
            return self.service.id
        if attribute_name == "Name":
            return self.service.name
        raise UnformattedGetAttTemplateException()

    @property
    def physical_resource_id(self):
        return self.service.id


class CfnCacheSubnetGroup(CloudFormationModel):
    """AWS::ElastiCache::SubnetGroup in moto's ElastiCache backend."""

    __module__ = "moto.elasticache.cfn"  # moto files models by the package after "moto."

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
        from moto.elasticache.models import elasticache_backends

        props = _props(cloudformation_json)
        name = props.get("CacheSubnetGroupName", resource_name).lower()
        elasticache_backends[account_id][region_name].create_cache_subnet_group(
            cache_subnet_group_name=name, cache_subnet_group_description=props.get("Description", ""),
            subnet_ids=props.get("SubnetIds", []), tags=_tags(props))
        return cls(name)

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        pass

    @property
    def physical_resource_id(self):
        return self.name


class CfnReplicationGroup(CloudFormationModel):
    """AWS::ElastiCache::ReplicationGroup: a Redis/Valkey replication group in moto's backend."""

    __module__ = "moto.elasticache.cfn"  # moto files models by the package after "moto."

    def __init__(self, group_id, port, region_name):
        self.group_id, self.port, self.region_name = group_id, port, region_name

    @staticmethod
    def cloudformation_name_type():
        return "ReplicationGroupId"

    @staticmethod
    def cloudformation_type():
        return "AWS::ElastiCache::ReplicationGroup"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        from moto.elasticache.models import elasticache_backends

        props = _props(cloudformation_json)
        group_id = props.get("ReplicationGroupId", resource_name).lower()[:40]
        port = int(props.get("Port", 6379))
        elasticache_backends[account_id][region_name].create_replication_group(
            replication_group_id=group_id, replication_group_description=props.get("ReplicationGroupDescription", ""),
            global_replication_group_id=None, primary_cluster_id=None,
            automatic_failover_enabled=str(props.get("AutomaticFailoverEnabled", False)).lower() == "true",
            multi_az_enabled=str(props.get("MultiAZEnabled", False)).lower() == "true",
            num_cache_clusters=int(props.get("NumCacheClusters", 1)), preferred_cache_cluster_azs=[],
            num_node_groups=None, replicas_per_node_group=None, node_group_configuration=[],
            cache_node_type=props.get("CacheNodeType"), engine=props.get("Engine", "redis"),
            engine_version=props.get("EngineVersion"), cache_parameter_group_name=props.get("CacheParameterGroupName"),
            cache_subnet_group_name=props.get("CacheSubnetGroupName"), cache_security_group_names=[],
            security_group_ids=props.get("SecurityGroupIds", []), tags=_tags(props), snapshot_arns=[],
            snapshot_name=None, preferred_maintenance_window=None, port=port, notification_topic_arn=None,
            auto_minor_version_upgrade=True, snapshot_retention_limit=int(props.get("SnapshotRetentionLimit", 0)),
            snapshot_window=None, auth_token=None,
            transit_encryption_enabled=str(props.get("TransitEncryptionEnabled", False)).lower() == "true",
            at_rest_encryption_enabled=str(props.get("AtRestEncryptionEnabled", False)).lower() == "true",
            kms_key_id=props.get("KmsKeyId"), user_group_ids=[], log_delivery_configurations=[],
            data_tiering_enabled=False, network_type=None, ip_discovery=None, transit_encryption_mode=None,
            cluster_mode=None, serverless_cache_snapshot_name=None)
        return cls(group_id, port, region_name)

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        pass

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr in ["PrimaryEndPoint.Address", "PrimaryEndPoint.Port", "ReaderEndPoint.Address", "ReaderEndPoint.Port",
                        "ConfigurationEndPoint.Address", "ConfigurationEndPoint.Port"]

    def get_cfn_attribute(self, attribute_name):
        # The endpoint names ElastiCache gives a replication group.
        kind, _, field = attribute_name.partition(".")
        prefix = {"PrimaryEndPoint": "master", "ReaderEndPoint": "replica", "ConfigurationEndPoint": "clustercfg"}.get(kind)
        if prefix is None:
            raise UnformattedGetAttTemplateException()
        if field == "Port":
            return str(self.port)
        return f"{prefix}.{self.group_id}.abc123.{self.region_name[:3]}1.cache.amazonaws.com"

    @property
    def physical_resource_id(self):
        return self.group_id


class CfnSubscription(CloudFormationModel):
    """AWS::SNS::Subscription in moto's SNS backend."""

    __module__ = "moto.sns.cfn"  # moto files models by the package after "moto."

    def __init__(self, arn):
        self.arn = arn

    @staticmethod
    def cloudformation_name_type():
        return ""

    @staticmethod
    def cloudformation_type():
        return "AWS::SNS::Subscription"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        from moto.sns.models import sns_backends

        props = _props(cloudformation_json)
        subscription = sns_backends[account_id][region_name].subscribe(
            props.get("TopicArn"), props.get("Endpoint"), props.get("Protocol"))
        return cls(subscription.arn)

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        pass

    @property
    def physical_resource_id(self):
        return self.arn


class CfnBucketPolicy(CloudFormationModel):
    """AWS::S3::BucketPolicy in moto's S3 backend."""

    __module__ = "moto.s3.cfn"  # moto files models by the package after "moto."

    def __init__(self, bucket):
        self.bucket = bucket

    @staticmethod
    def cloudformation_name_type():
        return ""

    @staticmethod
    def cloudformation_type():
        return "AWS::S3::BucketPolicy"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        from moto.s3.models import s3_backends
        from moto.utilities.utils import get_partition

        props = _props(cloudformation_json)
        document = props.get("PolicyDocument", {})
        s3_backends[account_id][get_partition(region_name)].put_bucket_policy(
            props.get("Bucket"), json.dumps(document).encode())
        return cls(props.get("Bucket"))

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        pass

    @property
    def physical_resource_id(self):
        return self.bucket


class CfnBudget(CloudFormationModel):
    """AWS::Budgets::Budget in moto's Budgets backend."""

    __module__ = "moto.budgets.cfn"  # moto files models by the package after "moto."

    def __init__(self, name):
        self.name = name

    @staticmethod
    def cloudformation_name_type():
        return ""

    @staticmethod
    def cloudformation_type():
        return "AWS::Budgets::Budget"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        from moto.budgets.models import budgets_backends
        from moto.utilities.utils import get_partition

        props = _props(cloudformation_json)
        budget = dict(props.get("Budget", {}))
        budget.setdefault("BudgetName", resource_name)
        notifications = [{"Notification": n.get("Notification", {}), "Subscribers": n.get("Subscribers", [])}
                         for n in props.get("NotificationsWithSubscribers", []) or []]
        budgets_backends[account_id][get_partition(region_name)].create_budget(
            account_id=account_id, budget=budget, notifications=notifications)
        return cls(budget["BudgetName"])

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        pass

    @property
    def physical_resource_id(self):
        return self.name


class CfnAlarm(CloudFormationModel):
    """AWS::CloudWatch::Alarm in moto's CloudWatch backend (metric-math alarms keep their name and state,
    not their expressions, which moto's model takes in another shape)."""

    __module__ = "moto.cloudwatch.cfn"  # moto files models by the package after "moto."

    def __init__(self, name, arn):
        self.name, self.arn = name, arn

    @staticmethod
    def cloudformation_name_type():
        return "AlarmName"

    @staticmethod
    def cloudformation_type():
        return "AWS::CloudWatch::Alarm"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        from moto.cloudwatch.models import cloudwatch_backends

        props = _props(cloudformation_json)
        alarm = cloudwatch_backends[account_id][region_name].put_metric_alarm(
            name=props.get("AlarmName", resource_name), namespace=props.get("Namespace"),
            metric_name=props.get("MetricName"), comparison_operator=props.get("ComparisonOperator"),
            evaluation_periods=props.get("EvaluationPeriods"), period=props.get("Period"),
            threshold=props.get("Threshold"), statistic=props.get("Statistic"),
            description=props.get("AlarmDescription"), dimensions=props.get("Dimensions", []),
            alarm_actions=props.get("AlarmActions", []), ok_actions=props.get("OKActions", []),
            datapoints_to_alarm=props.get("DatapointsToAlarm"), treat_missing_data=props.get("TreatMissingData"),
            unit=props.get("Unit"))
        return cls(alarm.name, alarm.alarm_arn)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        pass

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr in ["Arn"]

    def get_cfn_attribute(self, attribute_name):
        if attribute_name == "Arn":
            return self.arn
        raise UnformattedGetAttTemplateException()

    @property
    def physical_resource_id(self):
        return self.name
