/**
 * `@onboarding/events`: the small helpers every contract and every team shares. Declaring a
 * contract (`defineEventContract`, `defineStepContract`), reading tolerantly (`parseEvent`,
 * `parseStepInput`), writing strictly (`EventPublisher`, `writeDetail`, `writeStepOutput`), the
 * JSON Schema export, the shared field types and the error classes. No contract lives here: each
 * contract version is its own project under `libs/contracts/<name>/v<N>`, which apps import one by
 * one. This file is the library's whole public API.
 */
export * from './define-contract';
export * from './errors';
export * from './execution-name';
export * from './fields';
export * from './json-schema';
export * from './parse';
export * from './steps';
export * from './write';
