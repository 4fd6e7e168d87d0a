/**
 * validateDefinition answers as ValidateStateMachineDefinition does: result, diagnostics and
 * truncation, each diagnostic naming the state and field.
 */
import { validateDefinition } from '../src';

describe('validateDefinition', () => {
  it('answers OK with no diagnostics for a valid definition', () => {
    expect(validateDefinition({ StartAt: 'A', States: { A: { Type: 'Succeed' } } })).toEqual({ result: 'OK', diagnostics: [], truncated: false });
  });

  it('reports each problem with its code, a message naming the field, and its location', () => {
    const report = validateDefinition({ StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', TimeoutSeconds: -1, Retry: [{ ErrorEquals: ['X'], BackoffRate: 0 }], Next: 'Gone' } } });
    expect(report.result).toBe('FAIL');
    expect(report.diagnostics).toEqual(
      expect.arrayContaining([
        { severity: 'ERROR', code: 'MISSING_TRANSITION_TARGET', message: "Missing 'Next' target: Gone at /States/A/Next", location: '/States/A/Next' },
        expect.objectContaining({ code: 'SCHEMA_VALIDATION_FAILED', location: '/States/A/TimeoutSeconds', message: expect.stringContaining("'TimeoutSeconds'") }),
        expect.objectContaining({ code: 'SCHEMA_VALIDATION_FAILED', location: '/States/A/Retry/0/BackoffRate' }),
      ]),
    );
  });

  it('keeps warnings from failing the definition', () => {
    const report = validateDefinition({ StartAt: 'A', States: { A: { Type: 'Pass', Result: '$.looks.like.a.path', End: true } } });
    expect(report.result).toBe('OK');
    expect(report.diagnostics).toEqual([expect.objectContaining({ severity: 'WARNING', code: 'PASS_RESULT_IS_STATIC', location: '/States/A/Result' })]);
  });

  it('truncates to maxResults', () => {
    const states = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`S${i}`, { Type: 'Pass', Next: 'Nowhere' }]));
    const report = validateDefinition({ StartAt: 'S0', States: states }, { maxResults: 2 });
    expect(report.diagnostics).toHaveLength(2);
    expect(report.truncated).toBe(true);
  });

  it('refuses empty or missing definitions with MISSING_DESCRIPTION', () => {
    expect(validateDefinition('  ').diagnostics[0]?.code).toBe('MISSING_DESCRIPTION');
    expect(validateDefinition(undefined).diagnostics[0]?.code).toBe('MISSING_DESCRIPTION');
  });

  it('refuses a definition that is not an object', () => {
    expect(validateDefinition('[1, 2]')).toEqual(expect.objectContaining({ result: 'FAIL', diagnostics: [expect.objectContaining({ code: 'SCHEMA_VALIDATION_FAILED', location: '/' })] }));
  });

  it('names nested states by their full pointer', () => {
    const report = validateDefinition({ StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Pass', InputPath: 'oops', End: true } } }, End: true } } });
    expect(report.diagnostics.map((d) => d.location)).toEqual(['/States/M/ItemProcessor/States/X/InputPath']);
  });
});
