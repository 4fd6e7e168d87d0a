import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { loadStacks, readCostAssembly } from '../../src/assembly/read-assemblies';
import { functionKey, sampleEvents } from '../../src/bench/sample-events';
import type { EntryRequest } from '../../src/measure/measure-profile';
import { readProfile } from '../../src/profile/function-profile';

describe('a first event for every function of the onboarding', () => {
  it('is derived for all eight functions: the HTTP event, the rule target\'s envelope, each task payload', async () => {
    const assembly = readCostAssembly(loadStacks(join(__dirname, '../../../../apps')));
    const entry = JSON.parse(readFileSync(join(__dirname, '../../profile/entry.json'), 'utf8')) as EntryRequest;

    const events = await sampleEvents(assembly, readProfile(join(__dirname, '../../profile/functions.json')), entry);

    expect([...events.keys()].sort()).toEqual(assembly.functions.map(functionKey).sort());
    expect(events.get('signup-api/SignupFunction')).toMatchObject({ version: '2.0', routeKey: 'POST /signup' });
    expect(events.get('orchestration/StartOnboarding')).toMatchObject({ source: 'onboarding.signup', 'detail-type': 'UserSignup' });
    expect(events.get('user-service/DeleteUserFunction')).toMatchObject({ signupId: expect.any(String), tenantId: 'acme' });
  });
});
