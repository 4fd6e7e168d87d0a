/** The local Step Functions: wire protocol, runner, history and execution store. */
export { createStepFunctionsService } from './step-functions-service';
export type {
  ExecutionDescription,
  ExecutionListItem,
  HistoryParams,
  ListExecutionsParams,
  StepFunctionsService,
  StepFunctionsServiceOptions,
} from './step-functions-service';
export { checkDefinition, InvalidDefinitionError, UnsupportedDefinitionError } from './check-definition';
export { InMemoryExecutionStore } from './execution-store';
export type { ExecutionRecord, ExecutionStatus, ExecutionStore, HistoryEvent } from './execution-store';
export { executionNameProblem } from './arns';
