/** The service's name: Powertools `serviceName`, the SSM namespace and the stack's tags use it. */
export const SERVICE_NAME = 'signup-api';
