"""A realistic N-function SAM template, for benchmarks (bench_load.py, bench_check.py).

    python tests/benchmarks/gen_template.py 250 > big.yaml

Deterministic (no randomness): function ``i`` gets a mix chosen by ``i`` modulo small numbers, so
every run measures the same text. What a large real application has is all here: Parameters with
AllowedValues, Mappings, Conditions, Globals, short-form and long-form intrinsics (``!If``,
``!Sub``, ``!FindInMap``, ``!GetAtt``, ``Fn::Join``), layers, aliases with deployment
preferences, inline and SAM-template policies, dead-letter queues, event invoke configs, and
events of eight kinds with the queues, topics, tables, streams and buckets they read from.
At 250 functions the text is about 350 KB.
"""

from __future__ import annotations

import sys

_HEADER = """\
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: >-
  Generated benchmark application with {n} functions: APIs, queue workers, stream processors,
  scheduled jobs and event handlers sharing layers, tables and topics.

Parameters:
  Stage:
    Type: String
    Default: dev
    AllowedValues: [dev, staging, prod]
    Description: Deployment stage
  LogLevel:
    Type: String
    Default: INFO
    AllowedValues: [DEBUG, INFO, WARNING, ERROR]
  AlarmEmail:
    Type: String
    Description: Where alarms go (no default, so conditions on it stay undecided)
  VpcSubnetIds:
    Type: CommaDelimitedList
    Default: subnet-0a1b2c3d,subnet-4e5f6a7b
  RetentionDays:
    Type: Number
    Default: 14

Mappings:
  StageConfig:
    dev:
      MemorySize: 256
      Timeout: 15
      ReservedConcurrency: 5
    staging:
      MemorySize: 512
      Timeout: 20
      ReservedConcurrency: 10
    prod:
      MemorySize: 1024
      Timeout: 30
      ReservedConcurrency: 50

Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  IsNotDev: !Not [!Equals [!Ref Stage, dev]]
  HasAlarmEmail: !Not [!Equals [!Ref AlarmEmail, '']]
  ProdWithAlarms: !And [!Condition IsProd, !Condition HasAlarmEmail]

Globals:
  Function:
    Runtime: python3.12
    Architectures: [arm64]
    Timeout: 20
    MemorySize: 256
    Tracing: Active
    Layers:
      - !Ref SharedLayer
    Environment:
      Variables:
        STAGE: !Ref Stage
        LOG_LEVEL: !Ref LogLevel
        POWERTOOLS_SERVICE_NAME: benchmark
    Tags:
      app: benchmark
      owner: platform-team
  Api:
    TracingEnabled: true
    Cors:
      AllowOrigin: "'*'"
      AllowHeaders: "'Content-Type,Authorization'"

Resources:
  SharedLayer:
    Type: AWS::Serverless::LayerVersion
    Properties:
      LayerName: !Sub benchmark-shared-${{Stage}}
      ContentUri: layers/shared/
      CompatibleRuntimes: [python3.11, python3.12]
      CompatibleArchitectures: [arm64]
      RetentionPolicy: Retain
    Metadata:
      BuildMethod: python3.12

  UtilsLayer:
    Type: AWS::Lambda::LayerVersion
    Properties:
      LayerName: benchmark-utils
      Content:
        S3Bucket: !Sub artifacts-${{AWS::AccountId}}-${{AWS::Region}}
        S3Key: layers/utils.zip
      CompatibleRuntimes: [python3.12]

  PublicApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: !Ref Stage
      Auth:
        DefaultAuthorizer: AWS_IAM
      MethodSettings:
        - ResourcePath: /*
          HttpMethod: '*'
          ThrottlingBurstLimit: 100
          ThrottlingRateLimit: 50

  AlarmTopic:
    Type: AWS::SNS::Topic
    Condition: HasAlarmEmail
    Properties:
      Subscription:
        - Protocol: email
          Endpoint: !Ref AlarmEmail

  FailureQueue:
    Type: AWS::SQS::Queue
    Properties:
      MessageRetentionPeriod: 1209600
      KmsMasterKeyId: alias/aws/sqs
"""

_FUNCTION = """\
  Fn{i:03d}:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: !Sub '${{AWS::StackName}}-fn-{i:03d}-${{Stage}}'
      Description: "Function {i} of the benchmark: {role}"
      Handler: handlers/{role}_{i:03d}.handler
      CodeUri: src/{role}/
{memory}{timeout}{layers}{alias}{dlq}{invoke}{vpc}      Environment:
        Variables:
          TABLE_NAME: !Ref Table{t:02d}
          TOPIC_ARN: !Ref Topic{p:02d}
          QUEUE_URL: !Ref Queue{q:03d}
          FEATURE_FLAG: !If [IsProd, 'enabled', 'disabled']
          ENDPOINT: !Join ['', ['https://', !Ref 'AWS::Region', '.example.com/fn{i:03d}']]
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref Table{t:02d}
        - SQSSendMessagePolicy:
            QueueName: !GetAtt Queue{q:03d}.QueueName
        - Statement:
            - Effect: Allow
              Action:
                - sns:Publish
              Resource: !Ref Topic{p:02d}
      Events:
{events}
"""

_EVENTS = [
    # 0: REST API
    """\
        Get{i:03d}:
          Type: Api
          Properties:
            RestApiId: !Ref PublicApi
            Path: /items/{i}/{{id}}
            Method: get
        Post{i:03d}:
          Type: Api
          Properties:
            RestApiId: !Ref PublicApi
            Path: /items/{i}
            Method: post
""",
    # 1: SQS worker
    """\
        Queue:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue{q:03d}.Arn
            BatchSize: 10
            MaximumBatchingWindowInSeconds: 5
            FunctionResponseTypes: [ReportBatchItemFailures]
            ScalingConfig:
              MaximumConcurrency: 10
""",
    # 2: DynamoDB stream
    """\
        Stream:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt Table{t:02d}.StreamArn
            StartingPosition: TRIM_HORIZON
            BatchSize: 100
            MaximumRetryAttempts: 3
            BisectBatchOnFunctionError: true
            DestinationConfig:
              OnFailure:
                Destination: !GetAtt FailureQueue.Arn
""",
    # 3: schedule
    """\
        Nightly:
          Type: Schedule
          Properties:
            Schedule: cron(0 {hour} * * ? *)
            Enabled: !If [IsNotDev, true, false]
            Input: '{{"job": "nightly-{i}"}}'
""",
    # 4: SNS
    """\
        Notify:
          Type: SNS
          Properties:
            Topic: !Ref Topic{p:02d}
            FilterPolicy:
              kind: [created, updated]
""",
    # 5: EventBridge
    """\
        OrderEvents:
          Type: EventBridgeRule
          Properties:
            Pattern:
              source: [benchmark.orders]
              detail-type: [OrderPlaced, OrderCancelled]
              detail:
                shard: [{i}]
            RetryPolicy:
              MaximumRetryAttempts: 5
              MaximumEventAgeInSeconds: 3600
""",
    # 6: Kinesis
    """\
        Clicks:
          Type: Kinesis
          Properties:
            Stream: !GetAtt ClickStream{k}.Arn
            StartingPosition: LATEST
            BatchSize: 500
            ParallelizationFactor: 2
""",
    # 7: S3
    """\
        Uploads:
          Type: S3
          Properties:
            Bucket: !Ref Bucket{b:02d}
            Events: s3:ObjectCreated:*
            Filter:
              S3Key:
                Rules:
                  - Name: prefix
                    Value: incoming/{i}/
""",
]
_ROLES = ["api", "worker", "stream", "cron", "notify", "events", "clicks", "uploads"]


def _function(i: int) -> str:
    kind = i % len(_EVENTS)
    t, p, q, k, b = i % 20, i % 10, i, i % 4, i % 8
    fields = {"i": i, "t": t, "p": p, "q": q, "k": k, "b": b, "hour": i % 24}
    memory = ""
    if i % 3 == 0:
        memory = "      MemorySize: !FindInMap [StageConfig, !Ref Stage, MemorySize]\n"
    elif i % 3 == 1:
        memory = "      MemorySize: !If [IsProd, 2048, 512]\n"
    timeout = "      Timeout: 60\n" if kind in (1, 2, 6) else ""
    layers = "      Layers:\n        - !Ref UtilsLayer\n" if i % 4 == 0 else ""
    alias = ""
    if i % 5 == 0:
        alias = (
            "      AutoPublishAlias: live\n"
            "      DeploymentPreference:\n"
            "        Type: !If [IsProd, Canary10Percent5Minutes, AllAtOnce]\n"
            "        Alarms:\n"
            "          - !If [ProdWithAlarms, !Ref AlarmTopic, !Ref 'AWS::NoValue']\n"
        )
        if i % 10 == 0:
            alias += (
                "      ProvisionedConcurrencyConfig:\n"
                "        ProvisionedConcurrentExecutions: !If [IsProd, 5, 1]\n"
            )
    dlq = ""
    if kind in (3, 4, 5, 7):
        dlq = (
            "      DeadLetterQueue:\n        Type: SQS\n"
            "        TargetArn: !GetAtt FailureQueue.Arn\n"
        )
    invoke = ""
    if kind == 4:
        invoke = (
            "      EventInvokeConfig:\n        MaximumRetryAttempts: 1\n"
            "        MaximumEventAgeInSeconds: 600\n        DestinationConfig:\n"
            "          OnFailure:\n            Type: SQS\n"
            "            Destination: !GetAtt FailureQueue.Arn\n"
        )
    vpc = ""
    if i % 6 == 0:
        vpc = (
            "      VpcConfig:\n        SubnetIds: !Ref VpcSubnetIds\n"
            "        SecurityGroupIds:\n          - !Ref LambdaSecurityGroup\n"
        )
    events = _EVENTS[kind].format(**fields)
    return _FUNCTION.format(
        role=_ROLES[kind],
        memory=memory,
        timeout=timeout,
        layers=layers,
        alias=alias,
        dlq=dlq,
        invoke=invoke,
        vpc=vpc,
        events=events.rstrip("\n"),
        **fields,
    )


def _queue(i: int) -> str:
    return (
        f"  Queue{i:03d}:\n    Type: AWS::SQS::Queue\n    Properties:\n"
        f"      VisibilityTimeout: 360\n      RedrivePolicy:\n"
        f"        deadLetterTargetArn: !GetAtt FailureQueue.Arn\n"
        f"        maxReceiveCount: 5\n"
    )


def _shared(n: int) -> str:
    out = []
    for t in range(min(20, n)):
        out.append(f"""\
  Table{t:02d}:
    Type: AWS::DynamoDB::Table
    DeletionPolicy: Retain
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: pk
          AttributeType: S
        - AttributeName: sk
          AttributeType: S
      KeySchema:
        - AttributeName: pk
          KeyType: HASH
        - AttributeName: sk
          KeyType: RANGE
      StreamSpecification:
        StreamViewType: NEW_AND_OLD_IMAGES
""")
    for p in range(min(10, n)):
        out.append(
            f"  Topic{p:02d}:\n    Type: AWS::SNS::Topic\n    Properties:\n"
            f"      TopicName: !Sub '${{AWS::StackName}}-topic-{p:02d}'\n"
        )
    for k in range(4):
        out.append(
            f"  ClickStream{k}:\n    Type: AWS::Kinesis::Stream\n    Properties:\n"
            f"      ShardCount: {k + 1}\n      RetentionPeriodHours: 24\n"
        )
    for b in range(8):
        out.append(
            f"  Bucket{b:02d}:\n    Type: AWS::S3::Bucket\n    Properties:\n"
            f"      BucketName: !Sub 'benchmark-uploads-{b:02d}-${{AWS::AccountId}}'\n"
        )
    out.append("""\
  LambdaSecurityGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: Lambda functions
      VpcId: vpc-0123456789abcdef0
""")
    return "".join(out)


def generate_sam_template(n_functions: int = 250) -> str:
    """The template text for ``n_functions`` functions (and one queue per function)."""
    parts = [_HEADER.format(n=n_functions)]
    parts.append(_shared(n_functions))
    for i in range(n_functions):
        parts.append(_function(i))
        parts.append(_queue(i))
    parts.append(
        "Outputs:\n  ApiUrl:\n    Value: !Sub 'https://${PublicApi}.execute-api."
        "${AWS::Region}.amazonaws.com/${Stage}'\n"
    )
    return "".join(parts)


if __name__ == "__main__":
    sys.stdout.write(generate_sam_template(int(sys.argv[1]) if len(sys.argv) > 1 else 250))
