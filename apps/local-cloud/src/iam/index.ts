/** Local IAM: the role policies of the templates, enforced on every AWS call a function makes locally. */
export { createLocalIam, LocalIam, type AccessDenial, type GatedServer, type LocalIamOptions, type ProxiedEmulator } from './local-iam';
export { evaluatePolicy, type AccessRequest, type PolicyDecision, type PolicyStatement } from './policy-evaluator';
export { evaluateCondition, normalizeContext, type ContextValues } from './conditions';
export { matchesAction, matchesArn, matchesWildcard } from './patterns';
