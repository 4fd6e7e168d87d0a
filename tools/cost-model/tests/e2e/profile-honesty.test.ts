/**
 * The committed function profile against the code of today: the measurement runs again (every
 * function's bundle in a fresh process against the local cloud) and must count exactly what the
 * profile says. When a change adds or removes an AWS request, this fails with the difference; run
 * `npm run cost:measure` and commit the new profile. Durations are not compared (they are
 * measurements of a machine, not properties of the code).
 *
 * The same run checks the walker against the local cloud's own engine: the history of an
 * execution the local cloud ran has the event types the walk of the same path predicts, which
 * is what the execution log is sized from.
 */
import { join } from 'node:path';
import { GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { loadStacks, readCostAssembly } from '../../src/assembly/read-assemblies';
import { findOnboardingExecution, sampleTaskRunner } from '../../src/cost/onboarding-cost';
import { measureProfile } from '../../src/measure/measure-profile';
import { countsOf, readProfile, type MeasuredProfile } from '../../src/profile/function-profile';
import { walkExecution } from '../../src/workflow/walker';

const root = join(__dirname, '../../../..');
const REFRESH = 'if the change is intended, run `npm run cost:measure` and commit tools/cost-model/profile/functions.json';

describe('the committed function profile', () => {
  let measured: MeasuredProfile;
  let localHistory: string[] = [];

  beforeAll(async () => {
    measured = await measureProfile({
      workspaceRoot: root,
      repeat: 1,
      beforeStop: async (cloud) => {
        const sfn = new SFNClient({ region: 'us-east-1', endpoint: cloud.endpoints.stepfunctions, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
        const machine = cloud.model.stateMachines[0];
        if (!machine) return;
        const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machine.arn, statusFilter: 'SUCCEEDED', maxResults: 1 }));
        const executionArn = page.executions?.[0]?.executionArn;
        if (!executionArn) return;
        const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
        localHistory = (history.events ?? []).map((e) => String(e.type));
      },
    });
  }, 240_000);

  it('counts what every function asks of AWS today', () => {
    const committed = readProfile(join(__dirname, '../../profile/functions.json'));

    expect({ refresh: REFRESH, counts: countsOf(measured) }).toEqual({ refresh: REFRESH, counts: countsOf(committed) });
    expect({ refresh: REFRESH, paths: measured.scenarios }).toEqual({ refresh: REFRESH, paths: committed.scenarios });
  });

  it('measures every function of the onboarding, succeeding and failing, with no warning', () => {
    expect(Object.values(measured.functions).map((f) => f.name).sort()).toEqual([
      'CreateUserFunction', 'CreateUserStorageFunction', 'DeleteUserFunction', 'DeleteUserStorageFunction', 'NotifyTeamFunction', 'SendWelcomeEmailFunction', 'SignupFunction', 'StartOnboarding',
    ]);
    for (const fn of Object.values(measured.functions)) {
      expect(fn.success?.invocations).toBeGreaterThan(0);
      expect(fn.coldStart.samples).toBe(1);
    }
    for (const step of ['CreateUserFunction', 'SendWelcomeEmailFunction', 'CreateUserStorageFunction', 'NotifyTeamFunction', 'DeleteUserFunction', 'DeleteUserStorageFunction']) {
      expect(Object.values(measured.functions).find((f) => f.name === step)?.failure?.invocations).toBeGreaterThan(0);
    }
    expect(measured.warnings).toBeUndefined();
  });

  it('predicts the history events of an execution the local cloud ran on the happy path', async () => {
    const assembly = readCostAssembly(loadStacks(join(root, 'apps')));
    const { machine, input } = findOnboardingExecution(assembly, measured);

    const walk = await walkExecution({ definition: machine.definition, input, runTask: sampleTaskRunner(assembly, measured) });

    expect(localHistory.length).toBeGreaterThan(0);
    expect(walk.history.map((e) => e.type).sort()).toEqual([...localHistory].sort());
  });
});
