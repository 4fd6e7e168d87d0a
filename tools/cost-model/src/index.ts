/**
 * `@onboarding/cost-model`: what an onboarding costs on AWS, read from the synthesized cloud
 * assemblies and the state machine definition, priced from one price file and a measured
 * profile of every function; and the harness that measures them (fresh Node.js sandboxes against
 * the local cloud, counting proxies). The commands are `npm run cost`, `npm run cost:measure` and
 * `npm run bench:cold-start` (see the README).
 */
export { loadStacks, readCostAssembly, findFunction, AssemblyReadError, type CostAssembly, type FunctionResource, type StateMachineResource, type StackInput } from './assembly/read-assemblies';
export { routeEvent, archivesKeeping, envelopeOf, type BusEvent } from './assembly/event-routing';
export { walkExecution, errorMatches, retryDelayMs, UnsupportedDefinitionError, type WalkResult, type TaskAttempt, type TaskOutcome, type TaskRunner } from './workflow/walker';
export { enumerateScenarios, faultRunner, HAPPY, type Scenario, type Fault } from './workflow/scenarios';
export { costOnboarding, findOnboardingExecution, expressBilledMemoryMb, CostModelError, DEFAULT_ASSUMPTIONS, type Assumptions, type OnboardingBill, type LineItem } from './cost/onboarding-cost';
export { priceAllPaths } from './cost/price-all-paths';
export { readPriceBook, validatePriceBook, PRICE_KEYS, PriceBookError, type PriceBook, type PriceKey } from './cost/price-book';
export { renderReport } from './cost/report';
export { readProfile, countsOf, profileKey, ProfileError, type MeasuredProfile, type FunctionProfile } from './profile/function-profile';
export { measureProfile, MeasurementError, type MeasureOptions } from './measure/measure-profile';
