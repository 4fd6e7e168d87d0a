/** Errors of the assembly reader. Each names where the problem is: app, stack, resource, property. */

/** Base class of every error the assembly reader throws. */
export class AssemblyError extends Error {
  override readonly name: string = 'AssemblyError';
}

/** No cloud assembly where one was expected (not synthesized yet, or a broken manifest). */
export class MissingAssemblyError extends AssemblyError {
  override readonly name: string = 'MissingAssemblyError';
}

/** Where in a template a value was being resolved, for error messages. */
export interface TemplateLocation {
  app: string;
  stackName: string;
  /** Logical id of the resource, output or parameter. */
  logicalId: string;
  /** Dotted property path, e.g. `Properties.Environment.Variables.TABLE_NAME`. */
  property: string;
}

export function describeLocation(at: TemplateLocation): string {
  return `${at.app}/${at.stackName} ${at.logicalId}${at.property ? ` (${at.property})` : ''}`;
}

/** A reference, attribute or parameter that cannot be given a local value. */
export class UnresolvableReferenceError extends AssemblyError {
  override readonly name: string = 'UnresolvableReferenceError';
  constructor(
    readonly location: TemplateLocation,
    detail: string,
  ) {
    super(`${describeLocation(location)}: ${detail}`);
  }
}

/** A template feature the local cloud cannot run faithfully (refused rather than run wrongly). */
export class UnsupportedFeatureError extends AssemblyError {
  override readonly name: string = 'UnsupportedFeatureError';
  constructor(
    readonly location: TemplateLocation,
    detail: string,
  ) {
    super(`${describeLocation(location)}: ${detail}`);
  }
}

/** Running `nx run-many -t synth` failed. */
export class SynthError extends AssemblyError {
  override readonly name: string = 'SynthError';
}
