/**
 * Every path of the onboarding's workflow, each priced as a Standard and as an Express workflow:
 * what `npm run cost` prints and what its tests check.
 */
import type { CostAssembly, StateMachineResource } from '../assembly/read-assemblies';
import type { MeasuredProfile } from '../profile/function-profile';
import { enumerateScenarios } from '../workflow/scenarios';
import { costOnboarding, findOnboardingExecution, sampleTaskRunner, type Assumptions, type OnboardingBill } from './onboarding-cost';
import type { PriceBook } from './price-book';

/** Options of {@link priceAllPaths}. */
export interface PriceAllPathsOptions {
  assembly: CostAssembly;
  profile: MeasuredProfile;
  prices: PriceBook;
  assumptions?: Assumptions;
  entryRoute?: string;
  durations?: Record<string, number>;
  /** @default 200 */
  maxPaths?: number;
}

/** The onboarding's state machine and every path through it, priced both ways (the happy path first). */
export async function priceAllPaths(options: PriceAllPathsOptions): Promise<{ machine: StateMachineResource; bills: { standard: OnboardingBill; express: OnboardingBill }[] }> {
  const { machine, input } = findOnboardingExecution(options.assembly, options.profile, options.entryRoute);
  const paths = await enumerateScenarios({ definition: machine.definition, input, succeed: sampleTaskRunner(options.assembly, options.profile), maxScenarios: options.maxPaths ?? 200 });
  const bills: { standard: OnboardingBill; express: OnboardingBill }[] = [];
  for (const { scenario } of paths) {
    const common = { ...options, scenario } as const;
    bills.push({ standard: await costOnboarding({ ...common, workflowType: 'STANDARD' }), express: await costOnboarding({ ...common, workflowType: 'EXPRESS' }) });
  }
  return { machine, bills };
}
