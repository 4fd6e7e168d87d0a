/**
 * What the team is told about a new user, in the shape each channel expects. Every message carries
 * the signupId, so whoever reads it can find the signup's execution, records and logs. No message
 * carries the user's email address or name: team channels are not the place for personal data.
 */
import type { NotifyTeamInputV1 } from '@onboarding/contract-notify-team-v1';
import type { WebhookChannel } from './webhook-target';

/** A Slack incoming-webhook message: `text` is the notification fallback, `blocks` the layout. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: readonly Record<string, unknown>[];
}

/** The JSON a generic webhook receives. */
export interface UserOnboardedNotification {
  readonly type: 'UserOnboarded';
  readonly signupId: string;
  readonly tenantId: string;
  readonly userId: string;
  readonly plan: string;
}

/** The body of one team notification. */
export type TeamMessage = SlackMessage | UserOnboardedNotification;

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeSlackText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function slackMessage(input: NotifyTeamInputV1): SlackMessage {
  const tenant = escapeSlackText(input.tenantId);
  const plan = escapeSlackText(input.plan);
  const text = `New user onboarded in tenant ${tenant} on the ${plan} plan (signup ${input.signupId})`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `:tada: *New user onboarded* in tenant \`${tenant}\` on the *${plan}* plan` } },
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: `signupId: \`${input.signupId}\`` },
          { type: 'mrkdwn', text: `userId: \`${escapeSlackText(input.userId)}\`` },
        ],
      },
    ],
  };
}

/** Builds the message for a channel. */
export function buildTeamMessage(channel: WebhookChannel, input: NotifyTeamInputV1): TeamMessage {
  if (channel === 'slack') return slackMessage(input);
  return { type: 'UserOnboarded', signupId: input.signupId, tenantId: input.tenantId, userId: input.userId, plan: input.plan };
}
