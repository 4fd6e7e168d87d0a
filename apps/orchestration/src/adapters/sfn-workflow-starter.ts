/** {@link WorkflowStarter} on AWS Step Functions: StartExecution with a name. */
import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { AcceptedSignup } from '../signup-versions';
import type { WorkflowStartOutcome, WorkflowStarter } from '../ports/workflow-starter';

/** Starts executions of one state machine. */
export class SfnWorkflowStarter implements WorkflowStarter {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async start(request: { name: string; input: AcceptedSignup }): Promise<WorkflowStartOutcome> {
    try {
      const response = await this.client.send(
        new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name: request.name, input: JSON.stringify(request.input) }),
      );
      if (!response.executionArn) throw new Error('StartExecution answered without an executionArn');
      return { outcome: 'started', executionArn: response.executionArn };
    } catch (error) {
      // Standard workflows keep a name for 90 days: a second start with it means the signup is
      // (or was) being onboarded already.
      if (error instanceof ExecutionAlreadyExists) return { outcome: 'already-started' };
      throw error;
    }
  }
}
