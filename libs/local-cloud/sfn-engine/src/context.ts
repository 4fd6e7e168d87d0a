/**
 * The context object: `$$` in JSONPath states, `$states.context` in JSONata states (developer
 * guide, "Accessing execution data from the Context object").
 */

/** The context object of one state. */
export interface ContextObject {
  Execution: {
    Id: string;
    Input: unknown;
    Name: string;
    RoleArn: string;
    StartTime: string;
    RedriveCount: number;
    RedriveTime?: string;
  };
  State: {
    EnteredTime: string;
    Name: string;
    RetryCount: number;
  };
  StateMachine: {
    Id: string;
    Name: string;
  };
  Task?: {
    Token: string;
  };
  Map?: {
    Item: {
      Index: number;
      Value: unknown;
      Key?: string;
      Source?: string;
    };
  };
}

/** The part of the context object that is the same for every state of an execution. */
export type ExecutionContext = Pick<ContextObject, 'Execution' | 'StateMachine'>;
