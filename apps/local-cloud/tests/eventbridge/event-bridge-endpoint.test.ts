/**
 * The local EventBridge over its wire protocol, driven by the real AWS SDK v3 client. The fake
 * `deliver` is the boundary (what the Lambda runtime or Step Functions would receive): it records
 * each call and can be told to fail.
 */
import {
  DescribeEventBusCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { createEventBridgeService, type EventBridgeService } from '../../src/eventbridge';
import type { TargetInput } from '../../src/eventbridge';
import type { RuleModel, RuleTargetModel } from '../../src/model';
import { BUS_NAME, clientConfig, serve, smallCloud } from './small-cloud';

interface Delivery {
  targetId: string;
  ruleName: string;
  input: TargetInput;
}

const signupEntry = (signupId: string) => ({
  EventBusName: BUS_NAME,
  Source: 'onboarding.signup',
  DetailType: 'UserSignup',
  Detail: JSON.stringify({ signupId, tenantId: 't-1', email: 'ada@example.com' }),
});

describe('the local EventBridge endpoint', () => {
  let service: EventBridgeService;
  let client: EventBridgeClient;
  let close: () => Promise<void>;
  let delivered: Delivery[];
  let failNext: ((target: RuleTargetModel) => Error | undefined) | undefined;

  beforeEach(async () => {
    delivered = [];
    failNext = undefined;
    service = createEventBridgeService({
      model: smallCloud(),
      delivery: { baseRetryDelayMs: 1, maxRetries: 2 },
      deliver: async (target: RuleTargetModel, input: TargetInput, rule: RuleModel) => {
        const failure = failNext?.(target);
        if (failure) throw failure;
        delivered.push({ targetId: target.id, ruleName: rule.name, input });
      },
    });
    const server = await serve(service.handle);
    close = server.close;
    client = new EventBridgeClient(clientConfig(server.url));
  });

  afterEach(async () => {
    client.destroy();
    await close();
  });

  describe('PutEvents', () => {
    it('routes an event to the enabled rule whose pattern matches it, and to no other', async () => {
      const response = await client.send(new PutEventsCommand({ Entries: [signupEntry('s-1')] }));
      await service.idle();

      expect(response.FailedEntryCount).toBe(0);
      expect(response.Entries?.[0]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
      expect(delivered).toEqual([{ targetId: 'StartOnboarding', ruleName: 'signup-to-workflow', input: { signupId: 's-1', tenantId: 't-1', email: 'ada@example.com' } }]);
      const [recorded] = service.events();
      expect(recorded).toMatchObject({
        version: '0',
        id: response.Entries?.[0]?.EventId,
        source: 'onboarding.signup',
        'detail-type': 'UserSignup',
        account: '000000000000',
        region: 'us-east-1',
        resources: [],
        eventBusName: BUS_NAME,
        matchedRules: ['signup-to-workflow'],
      });
      expect(recorded?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    });

    it('accepts an event that matches no rule, records it, and delivers nothing', async () => {
      const response = await client.send(
        new PutEventsCommand({ Entries: [{ EventBusName: BUS_NAME, Source: 'someone.else', DetailType: 'Other', Detail: '{}' }] }),
      );
      await service.idle();

      expect(response.FailedEntryCount).toBe(0);
      expect(delivered).toEqual([]);
      expect(service.events().map((e) => e.matchedRules)).toEqual([[]]);
    });

    it('answers before the target is called, and still delivers the accepted event afterwards', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      failNext = undefined;
      const slowService = createEventBridgeService({
        model: smallCloud(),
        deliver: async (target, input) => {
          await gate;
          delivered.push({ targetId: target.id, ruleName: '', input });
        },
      });

      const response = await slowService.putEvents([signupEntry('s-slow')]);
      expect(response.FailedEntryCount).toBe(0);
      expect(delivered).toEqual([]);

      release();
      await slowService.idle();
      expect(delivered).toHaveLength(1);
    });

    it('refuses bad entries one by one, as AWS does, and routes the good ones of the same request', async () => {
      const response = await client.send(
        new PutEventsCommand({
          Entries: [
            { EventBusName: BUS_NAME, DetailType: 'UserSignup', Detail: '{}' },
            { EventBusName: BUS_NAME, Source: 'onboarding.signup', DetailType: 'UserSignup', Detail: '[1, 2]' },
            { EventBusName: BUS_NAME, Source: 'onboarding.signup', DetailType: 'UserSignup', Detail: 'not json' },
            { EventBusName: 'no-such-bus', Source: 'onboarding.signup', DetailType: 'UserSignup', Detail: '{}' },
            signupEntry('s-good'),
          ],
        }),
      );
      await service.idle();

      expect(response.FailedEntryCount).toBe(4);
      expect(response.Entries?.map((e) => e.ErrorCode ?? 'ok')).toEqual(['InvalidArgument', 'MalformedDetail', 'MalformedDetail', 'ResourceNotFoundException', 'ok']);
      expect(response.Entries?.[0]?.ErrorMessage).toContain('Source');
      expect(response.Entries?.[3]?.ErrorMessage).toContain('no-such-bus');
      expect(delivered.map((d) => (d.input as { signupId: string }).signupId)).toEqual(['s-good']);
      expect(service.events()).toHaveLength(1);
    });

    it('refuses more than 10 entries with ValidationException and accepts none of them', async () => {
      const entries = Array.from({ length: 11 }, (_, i) => signupEntry(`s-${i}`));

      await expect(client.send(new PutEventsCommand({ Entries: entries }))).rejects.toMatchObject({ name: 'ValidationException' });
      await service.idle();
      expect(service.events()).toEqual([]);
      expect(delivered).toEqual([]);
    });

    it('refuses a request whose entries exceed 256 KB in total', async () => {
      const big = JSON.stringify({ blob: 'x'.repeat(140 * 1024) });
      const entry = { EventBusName: BUS_NAME, Source: 'onboarding.signup', DetailType: 'UserSignup', Detail: big };

      await expect(client.send(new PutEventsCommand({ Entries: [entry, entry] }))).rejects.toMatchObject({ name: 'ValidationException' });
      expect(service.events()).toEqual([]);
    });

    it('applies an input transformer: variables, escaping inside strings, reserved variables and missing paths', async () => {
      await client.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: BUS_NAME,
              Source: 'onboarding.orchestration',
              DetailType: 'UserOnboarded',
              Detail: JSON.stringify({ signupId: 's-"7"', plan: 'pro', tags: ['a', 'b'] }),
            },
          ],
        }),
      );
      await service.idle();

      const [event] = service.events();
      expect(delivered).toHaveLength(1);
      expect(delivered[0]?.input).toEqual({
        signupId: 's-"7"',
        summary: 's-"7" chose "pro"',
        tags: ['a', 'b'],
        absent: null,
        rule: 'onboarded-audit',
        ruleArn: 'arn:aws:events:us-east-1:000000000000:rule/onboarding-bus/onboarded-audit',
        envelope: {
          version: '0',
          id: event?.id,
          'detail-type': 'UserOnboarded',
          source: 'onboarding.orchestration',
          account: '000000000000',
          time: event?.time,
          region: 'us-east-1',
          resources: [],
        },
        kept: '<not-a-variable>',
      });
    });

    it('does not match a rule when the detail misses what its pattern asks for', async () => {
      await service.putEvents([{ EventBusName: BUS_NAME, Source: 'onboarding.orchestration', DetailType: 'UserOnboarded', Detail: JSON.stringify({ signupId: 's', plan: 'free' }) }]);
      await service.idle();

      expect(delivered).toEqual([]);
      expect(service.events()[0]?.matchedRules).toEqual([]);
    });

    it('retries a delivery that failed for a passing reason, and delivers it once', async () => {
      let failures = 1;
      failNext = () => (failures-- > 0 ? Object.assign(new Error('throttled'), { name: 'TooManyRequestsException' }) : undefined);

      await service.putEvents([signupEntry('s-retry')]);
      await service.idle();

      expect(delivered).toHaveLength(1);
      expect(service.deadLetters()).toEqual([]);
    });

    it('keeps a delivery the target refused as a dead letter, without retrying it', async () => {
      let calls = 0;
      failNext = () => {
        calls++;
        return Object.assign(new Error('Execution Already Exists'), { name: 'ExecutionAlreadyExists', $fault: 'client' });
      };

      await service.putEvents([signupEntry('s-refused')]);
      await service.idle();

      expect(calls).toBe(1);
      expect(service.deadLetters()).toEqual([
        expect.objectContaining({ ruleName: 'signup-to-workflow', targetId: 'StartOnboarding', errorName: 'ExecutionAlreadyExists', attempts: 1 }),
      ]);
      expect(service.deadLetters()[0]?.event.detail).toEqual({ signupId: 's-refused', tenantId: 't-1', email: 'ada@example.com' });
    });

    it('dead-letters a delivery that keeps failing after its retries', async () => {
      let calls = 0;
      failNext = () => {
        calls++;
        return new Error('target down');
      };

      await service.putEvents([signupEntry('s-down')]);
      await service.idle();

      expect(calls).toBe(3);
      expect(service.deadLetters()).toEqual([expect.objectContaining({ errorMessage: 'target down', attempts: 3 })]);
    });
  });

  describe('TestEventPattern', () => {
    const event = {
      id: '1',
      account: '000000000000',
      source: 'onboarding.signup',
      time: '2024-01-01T00:00:00Z',
      region: 'us-east-1',
      resources: [],
      'detail-type': 'UserSignup',
      detail: { plan: 'pro' },
    };

    it('answers whether the event matches the pattern', async () => {
      const matching = await client.send(new TestEventPatternCommand({ EventPattern: JSON.stringify({ detail: { plan: ['pro'] } }), Event: JSON.stringify(event) }));
      const other = await client.send(new TestEventPatternCommand({ EventPattern: JSON.stringify({ detail: { plan: ['free'] } }), Event: JSON.stringify(event) }));

      expect(matching.Result).toBe(true);
      expect(other.Result).toBe(false);
    });

    it('refuses an invalid pattern with InvalidEventPatternException naming the offending field', async () => {
      const error = await client
        .send(new TestEventPatternCommand({ EventPattern: JSON.stringify({ detail: { plan: 'pro' } }), Event: JSON.stringify(event) }))
        .catch((e: Error) => e);

      expect(error).toMatchObject({ name: 'InvalidEventPatternException' });
      expect((error as Error).message).toContain('detail.plan');
    });

    it('refuses pattern text that is not JSON with InvalidEventPatternException', async () => {
      await expect(client.send(new TestEventPatternCommand({ EventPattern: '{"source": [', Event: JSON.stringify(event) }))).rejects.toMatchObject({
        name: 'InvalidEventPatternException',
      });
    });

    it('refuses an event without the envelope fields AWS requires', async () => {
      const { id: _id, resources: _resources, ...incomplete } = event;

      const error = await client.send(new TestEventPatternCommand({ EventPattern: '{"source": ["onboarding.signup"]}', Event: JSON.stringify(incomplete) })).catch((e: Error) => e);

      expect(error).toMatchObject({ name: 'InvalidEventPatternException' });
      expect((error as Error).message).toMatch(/id, resources/);
    });
  });

  describe('rules and buses', () => {
    it('lists the rules of a bus in pages of Limit, following NextToken', async () => {
      const first = await client.send(new ListRulesCommand({ EventBusName: BUS_NAME, Limit: 2 }));
      const second = await client.send(new ListRulesCommand({ EventBusName: BUS_NAME, Limit: 2, NextToken: first.NextToken }));

      expect(first.Rules?.map((r) => r.Name)).toEqual(['onboarded-audit', 'signup-disabled']);
      expect(first.NextToken).toEqual(expect.any(String));
      expect(second.Rules?.map((r) => r.Name)).toEqual(['signup-to-workflow']);
      expect(second.NextToken).toBeUndefined();
    });

    it('filters rules by NamePrefix and returns their pattern as JSON text', async () => {
      const response = await client.send(new ListRulesCommand({ EventBusName: BUS_NAME, NamePrefix: 'signup-' }));

      expect(response.Rules?.map((r) => [r.Name, r.State])).toEqual([
        ['signup-disabled', 'DISABLED'],
        ['signup-to-workflow', 'ENABLED'],
      ]);
      expect(JSON.parse(response.Rules?.[1]?.EventPattern ?? '')).toEqual({ source: ['onboarding.signup'], 'detail-type': ['UserSignup'] });
    });

    it('lists no rules on the default bus when none are declared there', async () => {
      const response = await client.send(new ListRulesCommand({}));

      expect(response.Rules).toEqual([]);
    });

    it('describes a rule, and refuses an unknown one with ResourceNotFoundException', async () => {
      const rule = await client.send(new DescribeRuleCommand({ Name: 'signup-to-workflow', EventBusName: BUS_NAME }));

      expect(rule).toMatchObject({ Name: 'signup-to-workflow', State: 'ENABLED', EventBusName: BUS_NAME, Description: 'Starts the onboarding workflow' });
      await expect(client.send(new DescribeRuleCommand({ Name: 'nope', EventBusName: BUS_NAME }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    });

    it('lists the targets of a rule with their input settings', async () => {
      const response = await client.send(new ListTargetsByRuleCommand({ Rule: 'onboarded-audit', EventBusName: BUS_NAME }));

      expect(response.Targets).toHaveLength(1);
      expect(response.Targets?.[0]?.Id).toBe('AuditLog');
      expect(response.Targets?.[0]?.InputTransformer?.InputPathsMap).toMatchObject({ signup: '$.detail.signupId' });
    });

    it('lists and describes the buses, the default one included', async () => {
      const buses = await client.send(new ListEventBusesCommand({}));
      const bus = await client.send(new DescribeEventBusCommand({ Name: BUS_NAME }));

      expect(buses.EventBuses?.map((b) => b.Name)).toEqual(['default', BUS_NAME]);
      expect(bus).toMatchObject({ Name: BUS_NAME, Arn: `arn:aws:events:us-east-1:000000000000:event-bus/${BUS_NAME}` });
      await expect(client.send(new DescribeEventBusCommand({ Name: 'missing' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    });
  });

  describe('the wire protocol', () => {
    it('answers an unknown operation with UnknownOperationException', async () => {
      const server = await serve(service.handle);
      const response = await fetch(server.url, { method: 'POST', headers: { 'x-amz-target': 'AWSEvents.PutPermission', 'content-type': 'application/x-amz-json-1.1' }, body: '{}' });
      await server.close();

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ __type: 'UnknownOperationException' });
    });

    it('answers a body that is not JSON with SerializationException, and accepts nothing', async () => {
      const server = await serve(service.handle);
      const response = await fetch(server.url, { method: 'POST', headers: { 'x-amz-target': 'AWSEvents.PutEvents' }, body: '{"Entries": [' });
      await server.close();

      expect(response.status).toBe(400);
      expect(response.headers.get('x-amzn-errortype')).toBe('SerializationException');
      expect(service.events()).toEqual([]);
    });
  });
});
