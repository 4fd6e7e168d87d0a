/** Builds small hand-made templates for the unit tests of the checkers. */
import type { CfnResource, CfnTemplate } from '../../src/template-values';

/** A template with the given resources. */
export function templateOf(resources: Record<string, CfnResource>, rest: Omit<CfnTemplate, 'Resources'> = {}): CfnTemplate {
  return { ...rest, Resources: resources };
}

/** An identity policy resource with the given statements, attached to role `Role`. */
export function identityPolicy(...statements: Record<string, unknown>[]): CfnResource {
  return { Type: 'AWS::IAM::Policy', Properties: { PolicyDocument: { Version: '2012-10-17', Statement: statements }, Roles: [{ Ref: 'Role' }] } };
}
