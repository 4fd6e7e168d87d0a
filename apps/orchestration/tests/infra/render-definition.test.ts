import { placeholderFunctionArn, renderDefinition, renderTemplateValue, type TemplateJson } from '../../infra/render-definition';

const template: TemplateJson = {
  Parameters: { FnArn: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/onboarding/user-service/functions/CreateUser/arn' } },
  Resources: {
    Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'onboarding' } },
    Machine: {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: {
        DefinitionString: {
          'Fn::Join': ['', ['{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:', { Ref: 'AWS::Partition' }, ':states:::lambda:invoke","Parameters":{"FunctionName":"', { Ref: 'FnArn' }, '","Bus":"', { 'Fn::GetAtt': ['Bus', 'Arn'] }, '"},"End":true}}}']],
        },
      },
    },
  },
};

describe('renderDefinition', () => {
  it('renders the Fn::Join of a definition with placeholder values for its tokens', () => {
    const definition = renderDefinition(template);

    expect(definition.States['A']).toEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: placeholderFunctionArn('user-service', 'CreateUser'), Bus: 'arn:aws:events:us-east-1:123456789012:event-bus/onboarding' },
      End: true,
    });
  });

  it('names the token it cannot render instead of producing a wrong definition', () => {
    expect(() => renderTemplateValue({ 'Fn::GetAtt': ['Queue', 'Arn'] }, template)).toThrow(/Fn::GetAtt Queue\.Arn/);
    expect(() => renderTemplateValue({ 'Fn::Sub': 'x' }, template)).toThrow(/Cannot render template value/);
  });

  it('refuses a template without exactly one state machine', () => {
    expect(() => renderDefinition({ Resources: {} })).toThrow(/Expected one state machine, found 0/);
  });
});
