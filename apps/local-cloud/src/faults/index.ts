/** Fault injection for resilience drills: the language, the injector the Lambda runtime calls, and its HTTP endpoint. */
export { parseFaultSpec, InvalidFaultSpecError, type FaultRule, type FaultAction, type FaultTarget, type FaultTimes } from './fault-spec';
export { FaultInjector, UnknownFaultTargetError, type ActiveFault, type InjectedFaultRecord, type InjectedOutcome } from './fault-injector';
export { INJECTED_FAULT_ERROR, injectedErrorName, stepsOfFunctions } from './step-errors';
