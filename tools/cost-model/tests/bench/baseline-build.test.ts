import { missingFromCurrent, thirdPartyPackages } from '../../src/bench/baseline-build';

const lock = (packages: Record<string, unknown>) => JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'root' }, ...packages } });

describe('lending the current node_modules to a baseline worktree', () => {
  it('lists third-party packages with their versions, leaving workspace links out', () => {
    const text = lock({ 'node_modules/zod': { version: '4.0.0' }, 'node_modules/@onboarding/events': { link: true, resolved: 'libs/events' }, 'libs/events': { version: '1.0.0' } });

    expect([...thirdPartyPackages(text)]).toEqual([['node_modules/zod', '4.0.0']]);
  });

  it('lends it when the baseline wants no version the current one lacks, extra packages of the current one aside', () => {
    const current = lock({ 'node_modules/zod': { version: '4.0.0' }, 'node_modules/jsonata': { version: '2.2.2' } });
    const baseline = lock({ 'node_modules/zod': { version: '4.0.0' } });

    expect(missingFromCurrent(baseline, current)).toEqual([]);
  });

  it('names what the baseline wants in another version, so it gets its own npm ci', () => {
    const current = lock({ 'node_modules/zod': { version: '4.0.0' } });
    const baseline = lock({ 'node_modules/zod': { version: '3.9.0' }, 'node_modules/left-pad': { version: '1.0.0' } });

    expect(missingFromCurrent(baseline, current)).toEqual(['zod@3.9.0', 'left-pad@1.0.0']);
  });
});
