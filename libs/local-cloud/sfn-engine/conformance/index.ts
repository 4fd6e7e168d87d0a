/**
 * The conformance table, as data, and the library runner. Import it through the package's
 * `./testing` entry (`@onboarding/local-sfn-engine/testing`); the local cloud runs the same table end to end against its endpoint.
 */
import { choiceCases } from './cases/choice';
import { dataFlowCases } from './cases/data-flow';
import { errorCases } from './cases/errors';
import { historyCases } from './cases/history';
import { intrinsicCases } from './cases/intrinsics';
import { jsonataCases } from './cases/jsonata';
import { mapParallelCases } from './cases/map-parallel';
import { validationCases } from './cases/validation';
import { variableCases } from './cases/variables';
import type { ConformanceCase } from './types';

/** Every case, grouped by area. */
export const conformanceCases: readonly ConformanceCase[] = [
  ...dataFlowCases,
  ...intrinsicCases,
  ...jsonataCases,
  ...variableCases,
  ...choiceCases,
  ...mapParallelCases,
  ...errorCases,
  ...historyCases,
  ...validationCases,
];

export { runCaseOnLibrary, compareExecution, mockInvoker, mockedResponse } from './run-case';
export type * from './types';
