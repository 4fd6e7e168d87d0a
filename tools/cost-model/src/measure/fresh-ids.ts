/**
 * Fresh identities for a replayed payload: every UUID in it (dashed, or as the 32 hex digits ids
 * are often derived from) and every email address becomes a new one, consistently within the
 * payload, so a measured invocation is a first invocation (idempotency keys, unique emails) and
 * not the replay of an earlier one.
 */
import { randomUUID } from 'node:crypto';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** A copy of `value` with fresh UUIDs and email addresses (the same old one maps to the same new one). */
export function withFreshIds<T>(value: T): T {
  let text = JSON.stringify(value);
  const uuids = new Map<string, string>();
  for (const old of new Set(text.match(UUID) ?? [])) uuids.set(old.toLowerCase(), randomUUID());
  for (const [old, fresh] of uuids) {
    text = text.split(old).join(fresh);
    text = text.split(old.replace(/-/g, '')).join(fresh.replace(/-/g, ''));
  }
  const emails = new Map<string, string>();
  text = text.replace(EMAIL, (address) => {
    if (!emails.has(address)) {
      const [local, domain] = address.split('@') as [string, string];
      emails.set(address, `${local.split('+')[0]}+${randomUUID().slice(0, 8)}@${domain}`);
    }
    return emails.get(address) as string;
  });
  return JSON.parse(text) as T;
}
