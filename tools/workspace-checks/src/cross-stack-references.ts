/**
 * Teams wire their stacks through SSM parameters only. A CloudFormation export locks the exporting
 * stack (its value cannot change while another stack imports it), so no template may export a
 * value (`Outputs.*.Export`) or import one (`Fn::ImportValue`, however deep it sits).
 */
import { keyPaths, type CfnTemplate } from './template-values';

/** Every export and import of a template; empty when it has none. */
export function crossStackReferences(template: CfnTemplate): string[] {
  const exports = Object.entries(template.Outputs ?? {})
    .filter(([, output]) => output.Export !== undefined)
    .map(([name]) => `Outputs.${name} is exported`);
  const imports = keyPaths(template, 'Fn::ImportValue', '(template)').map((path) => `${path} imports a value from another stack`);
  return [...exports, ...imports];
}
