/**
 * The load drill's audit on the real apps, at a size a test can afford: where each signup ended and
 * what its effects were must be counted right, or the drill's "0 lost, 0 duplicated" means nothing.
 */
import { startLocalCloud, type LocalCloud } from '../../src/boot/start-local-cloud';
import { auditSignups, describeDrill, drillFaults, runLoadDrill } from '../../src/faults/load-drill';
import { eventually, newPerson, signUp } from './support';

describe('the load drill', () => {
  let cloud: LocalCloud;

  beforeAll(async () => {
    cloud = await startLocalCloud({ ports: 'free', synth: false, stepFunctionsRetryDelayScale: 0.1, asyncRetryDelayMs: () => 10 });
  }, 60_000);

  afterAll(async () => {
    await cloud?.stop();
  });

  it('injects its faults into every onboarding function but not into the API', () => {
    expect(drillFaults(cloud, 5)).toBe('email-service:fail:5%,notifier:fail:5%,orchestration:fail:5%,storage-service:fail:5%,user-service:fail:5%');
  });

  it('classifies each signup by where it ended and counts its effects', async () => {
    const stateMachineArn = cloud.model.stateMachines[0]?.arn as string;
    const run = async (label: string, faults: string) => {
      cloud.resilience.faults.set(faults);
      const person = newPerson(label);
      const signupId = await signUp(cloud.endpoints.api, person);
      await eventually(async () => {
        const execution = (await cloud.stepfunctions.listExecutions({ stateMachineArn, maxResults: 1000 })).executions.find((e) => e.name.includes(signupId));
        if (execution) return execution.status !== 'RUNNING';
        return cloud.deadLetters.list().some((l) => JSON.stringify(l.body).includes(signupId));
      }, `${label} to settle`);
      return { signupId, email: person.email };
    };
    const completed = await run('audit-done', '');
    const compensated = await run('audit-compensated', 'email-service:fail:permanent:1');
    const unnotified = await run('audit-unnotified', 'notifier:fail:always');
    const deadLettered = await run('audit-dlq', 'orchestration:fail:always');
    cloud.resilience.faults.clear();
    const lost = { signupId: '00000000-0000-4000-8000-000000000000', email: 'nobody@example.com' };

    const audit = await auditSignups(cloud, [completed, compensated, unnotified, deadLettered, lost]);

    expect(audit.outcomes).toEqual({ completed: 1, 'completed-unnotified': 1, compensated: 1, 'failed-uncompensated': 0, 'dead-lettered': 1, lost: 1 });
    expect(audit.duplicated).toEqual([]);
    expect(audit.inconsistent).toEqual([]);
    expect(audit.effects).toEqual({ users: 2, emails: 2, objects: 2, messages: 1 });
    expect(audit.failureCauses).toEqual({ 'EmailRejectedError (injected)': 1 });
  });

  it('runs a small burst with faults and reports nothing lost or duplicated', async () => {
    const report = await runLoadDrill(cloud, { signups: 20, faultRatePercent: 10, replayAfter: true });

    expect(report.accepted).toBe(20);
    expect(report.audit.outcomes.lost).toBe(0);
    expect(report.afterReplay?.outcomes.lost).toBe(0);
    expect(report.afterReplay?.duplicated).toEqual([]);
    expect(report.afterReplay?.inconsistent).toEqual([]);
    expect(cloud.resilience.faults.list()).toEqual([]);
    expect(describeDrill(report).join('\n')).toContain('20 signups in a burst');
  }, 60_000);
});
