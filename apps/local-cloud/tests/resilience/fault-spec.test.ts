import { InvalidFaultSpecError, parseFaultSpec } from '../../src/faults';

describe('parseFaultSpec', () => {
  it('reads the three examples of the issue: a count, always, and a slow-down of one function', () => {
    const rules = parseFaultSpec('email-service:fail:2,notifier:timeout:always,user-service/CreateUser:slow:500ms:3');

    expect(rules).toEqual([
      { target: { app: 'email-service' }, action: { kind: 'fail', severity: 'retryable' }, times: { kind: 'count', count: 2 }, text: 'email-service:fail:2' },
      { target: { app: 'notifier' }, action: { kind: 'timeout' }, times: { kind: 'always' }, text: 'notifier:timeout:always' },
      {
        target: { app: 'user-service', functionPrefix: 'CreateUser' },
        action: { kind: 'slow', delayMs: 500 },
        times: { kind: 'count', count: 3 },
        text: 'user-service/CreateUser:slow:500ms:3',
      },
    ]);
  });

  it('reads permanent failures, named errors, rates, timeouts with a duration and the * target', () => {
    const rules = parseFaultSpec(' email-service:fail:permanent:1 , notifier:permanent , *:fail:5% , storage-service:fail:StorageUnavailableError , notifier:timeout:200ms:2 ');

    expect(rules.map((r) => [r.action, r.times])).toEqual([
      [{ kind: 'fail', severity: 'permanent' }, { kind: 'count', count: 1 }],
      [{ kind: 'fail', severity: 'permanent' }, { kind: 'always' }],
      [{ kind: 'fail', severity: 'retryable' }, { kind: 'rate', percent: 5 }],
      [{ kind: 'fail', severity: 'retryable', errorName: 'StorageUnavailableError' }, { kind: 'always' }],
      [{ kind: 'timeout', afterMs: 200 }, { kind: 'count', count: 2 }],
    ]);
    expect(rules[2]?.target).toEqual({ app: '*' });
  });

  it('treats a blank list as no faults', () => {
    expect(parseFaultSpec('')).toEqual([]);
    expect(parseFaultSpec(' , ')).toEqual([]);
  });

  it.each([
    ['email-service', 'an action'],
    ['email-service:explode', 'unknown action "explode"'],
    ['email-service:slow', 'slow needs a duration'],
    ['email-service:slow:2', 'slow needs a duration'],
    ['email-service:slow:fast', '"fast" is not a duration'],
    ['email-service:fail:0', 'at least 1'],
    ['email-service:fail:150%', 'at most 100%'],
    ['email-service:fail:permanent:2:3', 'unexpected'],
    ['email-service:permanent:EmailRejectedError', 'takes no argument'],
    ['email-service:timeout:soon', '"soon" is not a duration'],
    ['../etc:fail', 'the target must be'],
    ['*/CreateUser:fail', 'cannot take a function prefix'],
  ])('refuses "%s", naming what is wrong (%s)', (spec, reason) => {
    expect(() => parseFaultSpec(spec)).toThrow(InvalidFaultSpecError);
    expect(() => parseFaultSpec(spec)).toThrow(reason);
    expect(() => parseFaultSpec(spec)).toThrow(`Invalid fault "${spec}"`);
  });

  it('refuses the whole list when one entry is wrong', () => {
    expect(() => parseFaultSpec('email-service:fail:2,notifier:oops')).toThrow('Invalid fault "notifier:oops"');
  });
});
