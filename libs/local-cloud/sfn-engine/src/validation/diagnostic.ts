/**
 * A finding of definition validation, shaped as `ValidateStateMachineDefinition` returns it
 * (`ValidateStateMachineDefinitionDiagnostic` in the API model).
 */

/** ERROR refuses the definition; WARNING does not. */
export type DiagnosticSeverity = 'ERROR' | 'WARNING';

/** One diagnostic. */
export interface Diagnostic {
  severity: DiagnosticSeverity;
  /** AWS's code: SCHEMA_VALIDATION_FAILED, MISSING_TRANSITION_TARGET, INVALID_JSON_DESCRIPTION, ... */
  code: string;
  /** What is wrong, naming the field, ending with ` at <location>` as AWS's messages do. */
  message: string;
  /** JSON pointer of the offending value, e.g. `/States/Greet/Output`. */
  location?: string;
}

/** What `validateDefinition` answers (ValidateStateMachineDefinition's output). */
export interface ValidationReport {
  result: 'OK' | 'FAIL';
  diagnostics: Diagnostic[];
  truncated: boolean;
}
