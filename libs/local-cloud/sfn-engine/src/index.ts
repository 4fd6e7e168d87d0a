/**
 * @onboarding/local-sfn-engine: an Amazon States Language interpreter. See the README for what it
 * emulates and what it does not.
 */
export { StateMachine, Execution } from './state-machine';
export type { StateMachineOptions, ExecutionOptions, ExecutionResult, ExecutionStatus } from './state-machine';
export { validateDefinition } from './validation/validate';
export { testState } from './test-state';
export type { TestStateRequest, TestStateResult, InspectionLevel } from './test-state';
export type { Diagnostic, DiagnosticSeverity, ValidationReport } from './validation/diagnostic';
export { systemClock, VirtualClock } from './clock';
export type { Clock, VirtualClockOptions } from './clock';
export { describeResource, noTaskInvoker } from './task-invoker';
export type { TaskInvoker, TaskRequest, ResourceDescription, IntegrationPattern } from './task-invoker';
export { TaskTokenRegistry } from './task-tokens';
export { SfnEngineError, InvalidDefinitionError, InvalidExecutionError, TaskFailure, TaskCallbackError, StatesError } from './errors';
export type { TaskCallbackErrorCode } from './errors';
export { StatesErrors, errorNameMatches } from './error-names';
export type { HistoryEvent, HistoryEventType, HistoryEventDetails } from './history';
export type { ContextObject } from './context';
export type { StateMachineDefinition, StateDefinition, StatesBlock, QueryLanguage, StateType, RetrierDefinition, CatcherDefinition } from './definition';
