/**
 * The orchestration's real onboarding definition (the Step Functions tests' fixture: the
 * synthesized ASL with local ARNs), for the console's graph and analysis tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const onboardingDefinition = JSON.parse(readFileSync(join(__dirname, '../stepfunctions/fixtures/orchestration-onboarding.asl.json'), 'utf8')) as Record<string, unknown>;
