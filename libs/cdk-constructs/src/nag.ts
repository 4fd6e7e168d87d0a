/** cdk-nag on every stack of an app: synth fails on any finding that is not acknowledged with a reason. */
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** Adds the AWS Solutions rule pack to an app. Call once in `bin/app.ts` and in infra tests. */
export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}

/**
 * Acknowledges a cdk-nag rule on one construct with the reason a reviewer would accept. Keep the
 * call next to the resource it is about.
 */
export function acknowledgeNag(construct: IConstruct, id: string, reason: string): void {
  if (reason.trim().length < 20) throw new Error(`cdk-nag acknowledgement of ${id} needs a real reason`);
  Validations.of(construct).acknowledge({ id, reason });
}
