/**
 * The conformance table from the developer guide, run against the library: every case's
 * execution (or validation) must end as the guide says.
 */
import { conformanceCases, runCaseOnLibrary } from '../conformance';

describe('conformance with the Step Functions developer guide', () => {
  it('has at least 150 cases with unique ids', () => {
    const ids = conformanceCases.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(150);
  });

  it.each(conformanceCases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    expect(await runCaseOnLibrary(c)).toEqual([]);
  });
});
