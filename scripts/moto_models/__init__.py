"""CloudFormation support that moto 5.2.1 lacks, for the resource types ferry's templates use.

Importing moto_models.cloudformation registers the models: moto builds its type map from
CloudFormationModel.__subclasses__() (lru_cached on first use), so they must be defined before the
first stack operation. The models live in a package because moto's model metaclass reads the
service name from the second component of a model's module name.
"""
