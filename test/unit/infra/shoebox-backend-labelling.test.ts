import { describe, expect, it } from 'vitest';
import { StackEvaluator } from './evaluate-intrinsics';
import { loadBackendTemplate } from './load-template';
import {
  ORIGINAL_EXTENSIONS,
  albumKey,
  derivedKey,
  metaKey,
  originalKey,
  parseDerivedKey,
  thumbKey,
} from '../../../main/model/photo-keys';

const template = loadBackendTemplate();
const bucketArn = 'arn:aws:s3:::shoebox-photos-1a2b3c';
const names = {
  PhotoBucket: 'shoebox-photos-1a2b3c',
  LabelTopic: 'arn:aws:sns:eu-west-1:123456789012:shoebox-LabelTopic-X',
  LabelTopicPolicy: 'shoebox-LabelTopicPolicy-X',
  LabelQueue: 'https://sqs.eu-west-1.amazonaws.com/123456789012/shoebox-LabelQueue-X',
  LabellerFunction: 'shoebox-LabellerFunction-X',
  LabellerLogGroup: 'shoebox-LabellerLogGroup-X',
  AlarmTopic: 'arn:aws:sns:eu-west-1:123456789012:shoebox-AlarmTopic-X',
};
const attributes = {
  'PhotoBucket.Arn': bucketArn,
  'LabelQueue.Arn': 'arn:aws:sqs:eu-west-1:123456789012:shoebox-LabelQueue-X',
  'LabelDeadLetterQueue.Arn': 'arn:aws:sqs:eu-west-1:123456789012:shoebox-LabelDeadLetterQueue-X',
  'LabelDeadLetterQueue.QueueName': 'shoebox-LabelDeadLetterQueue-X',
  'LabellerRole.Arn': 'arn:aws:iam::123456789012:role/shoebox-LabellerRole-X',
  'LabellerLogGroup.Arn':
    'arn:aws:logs:eu-west-1:123456789012:log-group:shoebox-LabellerLogGroup-X:*',
};
const pseudo = {
  'AWS::Region': 'eu-west-1',
  'AWS::Partition': 'aws',
  'AWS::AccountId': '123456789012',
};
const code = { LabellerCodeBucket: 'my-artifacts', LabellerCodeKey: 'shoebox-labeller/abc.zip' };

function stackWith(parameters: Record<string, string> = {}) {
  return new StackEvaluator(template, {
    parameters: { DomainPrefix: 'shoebox-xyz', ...code, ...parameters },
    refs: { ...pseudo, ...names },
    attributes,
  });
}
const stack = stackWith();
const appLabelling = stackWith({ CloudLabelling: 'false' });

/** A resource's properties as deployed with the defaults (cloud labelling on). */
function deployed(name: string, type: string): Record<string, unknown> {
  const resource = template.Resources[name];
  expect(resource?.Type, `resource ${name}`).toBe(type);
  return stack.evaluate(resource?.Properties ?? {}) as Record<string, unknown>;
}

interface Statement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  Action: string | string[];
  Resource: string | string[];
  Condition?: unknown;
}
const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);
const statementsOf = (document: unknown) => (document as { Statement: Statement[] }).Statement;

const pipeline = [
  'LabelTopic',
  'LabelTopicPolicy',
  'LabelQueue',
  'LabelDeadLetterQueue',
  'LabelQueuePolicy',
  'LabelSubscription',
  'LabellerLogGroup',
  'LabellerRole',
  'LabellerFunction',
  'LabellerEventSource',
  'LabelDeadLetterAlarm',
];

describe('labelling in the cloud', () => {
  it('is on for a new stack, and the whole pipeline goes with it when it is off', () => {
    expect(template.Parameters.CloudLabelling?.Default).toBe('true');
    for (const name of pipeline) {
      expect(stack.creates(name), name).toBe(true);
      expect(appLabelling.creates(name), name).toBe(false);
    }
    const bucket = template.Resources.PhotoBucket?.Properties ?? {};
    expect(appLabelling.evaluate(bucket)).not.toHaveProperty('NotificationConfiguration');
  });

  it('refuses to deploy the pipeline without the function’s bundle', () => {
    const rule = (
      template as unknown as {
        Rules: Record<string, { RuleCondition: unknown; Assertions: { Assert: unknown }[] }>;
      }
    ).Rules.LabellerCodeGiven!;
    const holds = (evaluator: StackEvaluator) =>
      !evaluator.evaluate(rule.RuleCondition) ||
      rule.Assertions.every((assertion) => evaluator.evaluate(assertion.Assert) === true);
    expect(holds(stack)).toBe(true);
    expect(holds(stackWith({ LabellerCodeBucket: '' }))).toBe(false);
    expect(holds(stackWith({ LabellerCodeKey: '' }))).toBe(false);
    expect(holds(stackWith({ CloudLabelling: 'false', LabellerCodeBucket: '' }))).toBe(true);
  });

  it('announces new JPEGs under users/ to the topic, after the topic lets S3 publish', () => {
    const bucket = template.Resources.PhotoBucket!;
    expect(stack.evaluate(bucket.Properties)).toHaveProperty('NotificationConfiguration', {
      TopicConfigurations: [
        {
          Event: 's3:ObjectCreated:*',
          Topic: names.LabelTopic,
          Filter: {
            S3Key: {
              Rules: [
                { Name: 'prefix', Value: 'users/' },
                { Name: 'suffix', Value: '.jpg' },
              ],
            },
          },
        },
      ],
    });
    // The Ref that orders the bucket's notification after the topic policy.
    expect(stack.evaluate(bucket.Metadata)).toEqual({ NotificationsAfter: names.LabelTopicPolicy });
    const policy = deployed('LabelTopicPolicy', 'AWS::SNS::TopicPolicy');
    expect(policy.Topics).toEqual([names.LabelTopic]);
    expect(statementsOf(policy.PolicyDocument)).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 's3.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: names.LabelTopic,
        Condition: expect.objectContaining({
          StringEquals: { 'aws:SourceAccount': '123456789012' },
        }),
      }),
    ]);
  });

  it('announces every derivative; of the app’s other keys only JPEG originals, which the labeller skips', () => {
    // S3 filters by one prefix and one suffix, and the identity sits between users/ and derived/:
    // nothing narrower than users/ + .jpg holds every derivative (docs/backend.md).
    const bucket = stack.evaluate(template.Resources.PhotoBucket!.Properties) as {
      NotificationConfiguration: {
        TopicConfigurations: { Filter: { S3Key: { Rules: { Name: string; Value: string }[] } } }[];
      };
    };
    const [config] = bucket.NotificationConfiguration.TopicConfigurations;
    const rule = (name: string) => config!.Filter.S3Key.Rules.find((r) => r.Name === name)!.Value;
    const announced = (key: string) =>
      key.startsWith(rule('prefix')) && key.endsWith(rule('suffix'));
    const identity = 'eu-west-1:0d3c4e5f-aaaa-4bbb-8ccc-123456789abc';
    const sha256 = 'a'.repeat(64);
    expect(announced(derivedKey(identity, sha256))).toBe(true);
    const others = [
      ...ORIGINAL_EXTENSIONS.map((ext) => originalKey(identity, sha256, ext)),
      thumbKey(identity, sha256),
      metaKey(identity, sha256),
      albumKey(identity, '1e2d3c4b-aaaa-4bbb-8ccc-123456789abc'),
    ];
    const jpegOriginal = originalKey(identity, sha256, 'jpg');
    expect(others.filter(announced)).toEqual([jpegOriginal]);
    // …which the labeller tells from a derivative by its key alone, before any request.
    expect(parseDerivedKey(jpegOriginal)).toBeNull();
    expect(parseDerivedKey(derivedKey(identity, sha256))).toEqual({ identityId: identity, sha256 });
  });

  it('subscribes the queue to the topic, and lets only that topic send to it', () => {
    expect(deployed('LabelSubscription', 'AWS::SNS::Subscription')).toEqual({
      TopicArn: names.LabelTopic,
      Protocol: 'sqs',
      Endpoint: attributes['LabelQueue.Arn'],
      RawMessageDelivery: false,
    });
    const policy = deployed('LabelQueuePolicy', 'AWS::SQS::QueuePolicy');
    expect(policy.Queues).toEqual([names.LabelQueue]);
    expect(statementsOf(policy.PolicyDocument)).toEqual([
      {
        Sid: 'LabelTopicSends',
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: attributes['LabelQueue.Arn'],
        Condition: { ArnEquals: { 'aws:SourceArn': names.LabelTopic } },
      },
    ]);
  });

  it('redrives to the dead-letter queue after a few receives, and keeps messages a while', () => {
    const queue = deployed('LabelQueue', 'AWS::SQS::Queue');
    const redrive = queue.RedrivePolicy as { deadLetterTargetArn: string; maxReceiveCount: number };
    expect(redrive.deadLetterTargetArn).toBe(attributes['LabelDeadLetterQueue.Arn']);
    expect(redrive.maxReceiveCount).toBeGreaterThanOrEqual(2);
    expect(redrive.maxReceiveCount).toBeLessThanOrEqual(10);
    const dead = deployed('LabelDeadLetterQueue', 'AWS::SQS::Queue');
    // A message's age carries over into the dead-letter queue: it must keep them longer.
    expect(Number(dead.MessageRetentionPeriod)).toBeGreaterThan(
      Number(queue.MessageRetentionPeriod),
    );
    expect(Number(queue.MessageRetentionPeriod)).toBeGreaterThanOrEqual(24 * 3600);
    expect(queue.SqsManagedSseEnabled).toBe(true);
    expect(dead.SqsManagedSseEnabled).toBe(true);
  });

  it('hides a message being worked on for longer than the function may run', () => {
    const queue = deployed('LabelQueue', 'AWS::SQS::Queue');
    const fn = deployed('LabellerFunction', 'AWS::Lambda::Function');
    expect(Number(queue.VisibilityTimeout)).toBeGreaterThan(Number(fn.Timeout));
  });

  it('feeds the function from the queue, reporting partial batch failures', () => {
    const mapping = deployed('LabellerEventSource', 'AWS::Lambda::EventSourceMapping');
    expect(mapping).toMatchObject({
      EventSourceArn: attributes['LabelQueue.Arn'],
      FunctionName: names.LabellerFunction,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(Number(mapping.BatchSize)).toBeLessThanOrEqual(10);
  });

  it('runs the bundled handler on Node.js 22, arm64, traced', () => {
    const fn = deployed('LabellerFunction', 'AWS::Lambda::Function');
    expect(fn).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Code: { S3Bucket: code.LabellerCodeBucket, S3Key: code.LabellerCodeKey },
      Role: attributes['LabellerRole.Arn'],
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogGroup: names.LabellerLogGroup },
      Environment: { Variables: { PHOTO_BUCKET: names.PhotoBucket, MAX_LABELS: '20' } },
    });
  });

  it('limits the function to derivatives, documents, DetectLabels, its queue, logs and X-Ray', () => {
    const role = deployed('LabellerRole', 'AWS::IAM::Role');
    expect(statementsOf(role.AssumeRolePolicyDocument)).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'lambda.amazonaws.com' },
        Action: 'sts:AssumeRole',
      }),
    ]);
    expect(role.ManagedPolicyArns).toBeUndefined();
    const statements = (role.Policies as { PolicyDocument: unknown }[]).flatMap((p) =>
      statementsOf(p.PolicyDocument),
    );
    expect(statements.every((s) => s.Effect === 'Allow' && s.Condition === undefined)).toBe(true);
    const grants = statements
      .flatMap((s) =>
        list(s.Action).flatMap((action) => list(s.Resource).map((r) => `${action} ${r}`)),
      )
      .sort();
    expect(grants).toEqual([
      `logs:CreateLogStream ${attributes['LabellerLogGroup.Arn']}`,
      `logs:PutLogEvents ${attributes['LabellerLogGroup.Arn']}`,
      'rekognition:DetectLabels *',
      `s3:GetObject ${bucketArn}/users/*/derived/*`,
      `s3:GetObject ${bucketArn}/users/*/meta/*`,
      `s3:PutObject ${bucketArn}/users/*/meta/*`,
      `sqs:ChangeMessageVisibility ${attributes['LabelQueue.Arn']}`,
      `sqs:DeleteMessage ${attributes['LabelQueue.Arn']}`,
      `sqs:GetQueueAttributes ${attributes['LabelQueue.Arn']}`,
      `sqs:ReceiveMessage ${attributes['LabelQueue.Arn']}`,
      'xray:PutTelemetryRecords *',
      'xray:PutTraceSegments *',
    ]);
  });

  it('raises an alarm as soon as a message rests in the dead-letter queue', () => {
    const alarm = deployed('LabelDeadLetterAlarm', 'AWS::CloudWatch::Alarm');
    expect(alarm).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: attributes['LabelDeadLetterQueue.QueueName'] }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(alarm.AlarmActions).toBeUndefined();
    const mailed = stackWith({ AlarmEmail: 'me@example.com' });
    expect(mailed.creates('AlarmTopic')).toBe(true);
    const resource = template.Resources.LabelDeadLetterAlarm!;
    expect(
      (mailed.evaluate(resource.Properties) as { AlarmActions: unknown }).AlarmActions,
    ).toEqual([names.AlarmTopic]);
  });

  it('refers to a pipeline resource only from resources made with it, or inside an If', () => {
    const conditionOf = (name: string) => template.Resources[name]?.Condition;
    const problems: string[] = [];
    const visit = (from: string, node: unknown, guards: readonly string[]): void => {
      if (Array.isArray(node)) return node.forEach((item) => visit(from, item, guards));
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'Fn::If' && Array.isArray(value)) {
          const [condition, whenTrue, whenFalse] = value as [string, unknown, unknown];
          visit(from, whenTrue, [...guards, condition]);
          visit(from, whenFalse, guards);
          continue;
        }
        const target =
          key === 'Ref' && typeof value === 'string'
            ? value
            : key === 'Fn::GetAtt' && Array.isArray(value)
              ? String(value[0])
              : key === 'Fn::Sub'
                ? /\$\{([A-Za-z0-9]+)[.}]/.exec(JSON.stringify(value))?.[1]
                : undefined;
        const needed = target ? conditionOf(target) : undefined;
        const held = [conditionOf(from), ...guards];
        const implied =
          held.includes(needed) || (needed === 'LabelsInCloud' && held.includes('MailsAlarms'));
        if (needed && !implied) problems.push(`${from} → ${target} (${needed})`);
        visit(from, value, guards);
      }
    };
    for (const [name, resource] of Object.entries(template.Resources)) {
      visit(name, [resource.Properties, (resource as { Metadata?: unknown }).Metadata], []);
    }
    visit('(outputs)', template.Outputs, []);
    expect(problems).toEqual([]);
  });
});
