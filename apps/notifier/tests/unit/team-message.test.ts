import type { NotifyTeamInputV1 } from '@onboarding/contract-notify-team-v1';
import { buildTeamMessage, escapeSlackText, type SlackMessage } from '../../src/domain/team-message';

const input: NotifyTeamInputV1 = {
  signupId: '0b7f4c2e-5a1d-4e8b-9c3f-2d6a8e1b4f70',
  tenantId: 'acme',
  userId: 'u-0b7f4c2e5a1d4e8b9c3f2d6a8e1b4f70',
  plan: 'pro',
};

describe('buildTeamMessage', () => {
  it('gives Slack a text fallback and blocks, both carrying the signupId', () => {
    const message = buildTeamMessage('slack', input) as SlackMessage;

    expect(message.text).toContain(input.signupId);
    expect(message.text).toContain('acme');
    expect(message.blocks.length).toBeGreaterThan(0);
    expect(JSON.stringify(message.blocks)).toContain(input.signupId);
    expect(JSON.stringify(message.blocks)).toContain(input.userId);
  });

  it('gives a generic webhook the UserOnboarded JSON with the signup, tenant, user and plan', () => {
    expect(buildTeamMessage('webhook', input)).toEqual({
      type: 'UserOnboarded',
      signupId: input.signupId,
      tenantId: 'acme',
      userId: input.userId,
      plan: 'pro',
    });
  });
});

describe('escapeSlackText', () => {
  it("escapes the characters Slack's mrkdwn reads as control characters", () => {
    expect(escapeSlackText('a & <b> c')).toBe('a &amp; &lt;b&gt; c');
  });
});
