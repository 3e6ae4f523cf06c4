import Blueprint

/// The GitHub Actions deploy workflow: on a push to the deploy branch, assume the deploy role
/// with OIDC (no stored keys), build each built service's image and push it to its ECR
/// repository tagged with the commit SHA, then update the CloudFormation stack with those tags.
enum DeployWorkflow {
    /// Repository variables the workflow reads (ARNs and names, not secrets).
    static let roleVariable = "AWS_DEPLOY_ROLE_ARN"
    static let executionRoleVariable = "AWS_CLOUDFORMATION_ROLE_ARN"
    static let bucketVariable = "AWS_ARTIFACT_BUCKET"

    struct Image {
        var service: String
        var repository: String
        var context: String
        var dockerfile: String
        var target: String?
        var platform: String?
        var tagParameter: String
    }

    static func images(_ b: Blueprint, _ options: GitHubActionsOptions) -> [Image] {
        b.imageBuilders.compactMap { w in
            guard let build = w.image.build, let repository = w.image.repository,
                  let parameter = w.image.tagParameter else { return nil }
            let context = RepoPath.join(options.projectPath, build.context)
            let dockerfile = RepoPath.join(context, build.dockerfile ?? "Dockerfile")
            return Image(service: w.shortName, repository: repository, context: context, dockerfile: dockerfile,
                         target: build.target, platform: build.platform, tagParameter: parameter)
        }
    }

    static func render(_ b: Blueprint, _ options: GitHubActionsOptions, roleTemplatePath: String) -> String {
        let stack = "\(b.project)-\(b.environment)"
        let images = images(b, options)
        let credentials: DataNode = .ordered([
            ("name", "Configure AWS credentials (OIDC)"),
            ("uses", "aws-actions/configure-aws-credentials@v4"),
            ("with", .ordered([
                ("role-to-assume", .string("${{ vars.\(roleVariable) }}")),
                ("aws-region", "${{ env.AWS_REGION }}"),
                ("role-session-name", .string("ferry-deploy-${{ github.run_id }}")),
            ])),
        ])
        let checkout: DataNode = .ordered([("name", "Check out"), ("uses", "actions/checkout@v4")])

        var jobs: [(String, DataNode)] = []
        jobs.append(("preflight", .ordered([
            ("name", "Check the stack exists"),
            ("runs-on", "ubuntu-latest"),
            ("timeout-minutes", 5),
            ("steps", .array([
                credentials,
                .ordered([
                    ("name", "Look up the stack"),
                    ("run", .string("""
                        if ! aws cloudformation describe-stacks --stack-name "$STACK_NAME" >/dev/null; then
                          echo "::error::Stack $STACK_NAME does not exist in $AWS_REGION. Create it once with 'ferry deploy' (it creates the ECR repositories this workflow pushes to), then run this workflow again."
                          exit 1
                        fi

                        """)),
                ]),
            ])),
        ])))

        if !images.isEmpty {
            let include: [DataNode] = images.map { image in
                var entry: [(String, DataNode)] = [
                    ("service", .string(image.service)),
                    ("repository", .string(image.repository)),
                    ("context", .string(image.context)),
                    ("dockerfile", .string(image.dockerfile)),
                ]
                entry.append(("target", .string(image.target ?? "")))
                entry.append(("platform", .string(image.platform ?? "")))
                return .ordered(entry)
            }
            jobs.append(("images", .ordered([
                ("name", "Build and push ${{ matrix.service }}"),
                ("needs", "preflight"),
                ("runs-on", "ubuntu-latest"),
                ("timeout-minutes", 45),
                ("strategy", .ordered([("fail-fast", true), ("matrix", .ordered([("include", .array(include))]))])),
                ("steps", .array([
                    checkout,
                    credentials,
                    .ordered([
                        ("name", "Log in to Amazon ECR"),
                        ("id", "ecr"),
                        ("uses", "aws-actions/amazon-ecr-login@v2"),
                    ]),
                    .ordered([
                        ("name", "Set up Docker Buildx"),
                        ("uses", "docker/setup-buildx-action@v3"),
                    ]),
                    .ordered([
                        ("name", "Build and push the image tagged with the commit SHA"),
                        ("env", .ordered([
                            ("IMAGE", "${{ steps.ecr.outputs.registry }}/${{ matrix.repository }}:${{ github.sha }}"),
                            ("CONTEXT", "${{ matrix.context }}"),
                            ("DOCKERFILE", "${{ matrix.dockerfile }}"),
                            ("TARGET", "${{ matrix.target }}"),
                            ("PLATFORM", "${{ matrix.platform }}"),
                        ])),
                        ("run", .string("""
                            args=(--tag "$IMAGE" --file "$DOCKERFILE" --provenance=false --push)
                            if [ -n "$TARGET" ]; then args+=(--target "$TARGET"); fi
                            if [ -n "$PLATFORM" ]; then args+=(--platform "$PLATFORM"); fi
                            docker buildx build "${args[@]}" "$CONTEXT"

                            """)),
                    ]),
                ])),
            ])))
        }

        var deploy = ["aws cloudformation package \\",
                      "  --template-file \(shellWord(options.templatePath)) \\",
                      "  --s3-bucket \"$ARTIFACT_BUCKET\" --s3-prefix \"$STACK_NAME\" \\",
                      "  --output-template-file \"$RUNNER_TEMP/packaged.yaml\"",
                      "aws cloudformation deploy \\",
                      "  --stack-name \"$STACK_NAME\" \\",
                      "  --template-file \"$RUNNER_TEMP/packaged.yaml\" \\",
                      "  --s3-bucket \"$ARTIFACT_BUCKET\" --s3-prefix \"$STACK_NAME\" \\",
                      "  --role-arn \"$CLOUDFORMATION_ROLE_ARN\" \\",
                      "  --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM CAPABILITY_AUTO_EXPAND \\",
                      "  --no-fail-on-empty-changeset"]
        if !images.isEmpty {
            deploy[deploy.count - 1] += " \\"
            deploy.append("  --parameter-overrides \\")
            // The images are pushed by now: services a first deploy held at 0 tasks start.
            var overrides = images.map { "\($0.tagParameter)=\"$IMAGE_TAG\"" }
            if b.hasBuiltServices { overrides.append("StartBuiltServices=true") }
            for (index, override) in overrides.enumerated() {
                deploy.append("    " + override + (index == overrides.count - 1 ? "" : " \\"))
            }
        }
        jobs.append(("deploy", .ordered([
            ("name", .string("Deploy \(stack)")),
            ("needs", images.isEmpty ? "preflight" : .array(["preflight", "images"])),
            ("runs-on", "ubuntu-latest"),
            ("timeout-minutes", 90),
            ("steps", .array([
                checkout,
                credentials,
                .ordered([
                    ("name", "Update the stack with the new image tags"),
                    ("env", .ordered([
                        ("IMAGE_TAG", "${{ github.sha }}"),
                        ("ARTIFACT_BUCKET", .string("${{ vars.\(bucketVariable) }}")),
                        ("CLOUDFORMATION_ROLE_ARN", .string("${{ vars.\(executionRoleVariable) }}")),
                    ])),
                    ("run", .string(deploy.joined(separator: "\n") + "\n")),
                ]),
                .ordered([
                    ("name", "Show the stack outputs"),
                    ("run", "aws cloudformation describe-stacks --stack-name \"$STACK_NAME\" --query 'Stacks[0].Outputs' --output table\n"),
                ]),
            ] + runJobsStep(b))),
        ])))

        let workflow: DataNode = .ordered([
            ("name", .string("Deploy \(b.project) to AWS")),
            ("on", .ordered([
                ("push", .ordered([("branches", .array([.string(options.branch)]))])),
                ("workflow_dispatch", .object([:])),
            ])),
            ("permissions", .ordered([("contents", "read"), ("id-token", "write")])),
            ("concurrency", .ordered([("group", .string("deploy-\(stack)")), ("cancel-in-progress", false)])),
            ("env", .ordered([("AWS_REGION", .string(b.region)), ("STACK_NAME", .string(stack))])),
            ("jobs", .ordered(jobs)),
        ])

        let header = """
            # Generated by `ferry generate --target github-actions`. Regenerate rather than edit.
            #
            # Deploys \(stack) to \(b.region) on every push to \(options.branch): OIDC credentials (no stored
            # keys), one image per built service pushed to ECR with the commit SHA as its tag, then a
            # CloudFormation change set that sets the image-tag parameters.
            #
            # It deploys the template at \(options.templatePath)
            # (ferry generate --target cloudformation -o \(options.templatePath.split(separator: "/").dropLast().joined(separator: "/"))).
            #
            # One-time setup:
            #   1. Create the stack once: ferry deploy
            #   2. Deploy \(roleTemplatePath) (OIDC provider, deploy role, CloudFormation role,
            #      artifact bucket), e.g.:
            #        aws cloudformation deploy --stack-name \(stack)-github --capabilities CAPABILITY_IAM \\
            #          --template-file \(roleTemplatePath) --parameter-overrides GitHubRepository=OWNER/NAME
            #   3. Set these repository variables (Settings → Secrets and variables → Actions → Variables)
            #      from that stack's outputs: \(roleVariable), \(executionRoleVariable), \(bucketVariable)
            \(jobsNote(b))

            """
        return header + WorkflowYAML.emit(workflow)
    }

    /// One-off jobs (migrations) and the stack outputs that say how to start each.
    static func oneOffJobs(_ b: Blueprint) -> [(name: String, taskDefinition: String, network: String)] {
        b.outputs.compactMap { output -> (String, String, String)? in
            guard output.value.kind == .workload, output.value.attribute == "taskDefinition",
                  let network = b.outputs.first(where: { $0.value.kind == .workload && $0.value.name == output.value.name && $0.value.attribute == "networkConfiguration" }),
                  let workload = b.workload(named: output.value.name) else { return nil }
            return (workload.shortName, output.name, network.name)
        }.sorted { $0.0 < $1.0 }
    }

    /// After the stack update, each one-off job runs once with the new image; a non-zero exit fails the run.
    static func runJobsStep(_ b: Blueprint) -> [DataNode] {
        let jobs = oneOffJobs(b)
        guard !jobs.isEmpty else { return [] }
        var script = """
            output() { aws cloudformation describe-stacks --stack-name "$STACK_NAME" --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text; }
            cluster="$(output ClusterName)"
            run_job() {
              local task code
              task="$(aws ecs run-task --cluster "$cluster" --launch-type FARGATE --started-by github-actions \\
                --task-definition "$(output "$2")" --network-configuration "$(output "$3")" \\
                --query 'tasks[0].taskArn' --output text)"
              if [ -z "$task" ] || [ "$task" = "None" ]; then
                echo "::error::$1 did not start (aws ecs run-task returned no task)"
                exit 1
              fi
              echo "$1: started $task"
              # The waiter gives up after 10 minutes: wait again, up to 80 minutes in all.
              for attempt in 1 2 3 4 5 6 7 8; do
                if aws ecs wait tasks-stopped --cluster "$cluster" --tasks "$task"; then break; fi
                echo "$1: still running after $((attempt * 10)) minutes"
              done
              code="$(aws ecs describe-tasks --cluster "$cluster" --tasks "$task" --query 'tasks[0].containers[0].exitCode' --output text)"
              if [ "$code" != "0" ]; then
                echo "::error::$1 exited with $code; its output is in CloudWatch Logs"
                exit 1
              fi
            }

            """
        for job in jobs { script += "run_job \(job.name) \(job.taskDefinition) \(job.network)\n" }
        return [.ordered([
            ("name", .string("Run the one-off jobs (\(jobs.map(\.name).joined(separator: ", ")))")),
            ("run", .string(script)),
        ])]
    }

    /// One-off jobs (migrations) run after each stack update: say so where a reader looks first.
    static func jobsNote(_ b: Blueprint) -> String {
        let jobs = oneOffJobs(b).map(\.name)
        guard !jobs.isEmpty else { return "#" }
        return "#\n# One-off jobs (\(jobs.joined(separator: ", "))) run once after each stack update, with the new image;\n"
            + "# the run fails when one exits non-zero. Services already run the new version by then: keep\n"
            + "# migrations backward compatible (expand, deploy, contract).\n#"
    }

    /// Quotes a path for bash when it holds anything but safe characters.
    static func shellWord(_ s: String) -> String {
        let safe = s.unicodeScalars.allSatisfy { c in
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || "/._-".unicodeScalars.contains(c)
        }
        return safe && !s.isEmpty ? s : "'" + s.replacing("'", with: "'\\''") + "'"
    }
}
