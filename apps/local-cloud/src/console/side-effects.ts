/**
 * The side effects the console shows next to the executions, read the way a person would check
 * them: the mail the SES v2 emulator kept (`GET <sesv2>/store`), the objects of every bucket of
 * the model (ListObjectsV2 through the AWS SDK, as an admin caller with the S3RVER keys), the
 * webhook sink's messages, the bus's events and the dead letters; and, for one signup, the part of
 * each that belongs to it.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { CloudModel } from '../model';

/** One mail the SES v2 emulator received (aws-ses-v2-local's store entry). */
export interface SentEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  /** Epoch seconds. */
  at: number;
}

export interface StoredObject {
  bucket: string;
  key: string;
  size: number;
  lastModified?: string;
}

/** What a signup left behind, found by its signupId (and its email address, user id). */
export interface SignupSideEffects {
  events: unknown[];
  emails: SentEmail[];
  objects: StoredObject[];
  webhookMessages: unknown[];
  deadLetters: unknown[];
}

export interface SignupKeys {
  signupId: string;
  email?: string;
  userId?: string;
}

/** Mail kept by the SES v2 emulator, newest first. */
export async function sentEmails(sesv2Url: string): Promise<SentEmail[]> {
  const response = await fetch(`${sesv2Url}/store`);
  if (!response.ok) throw new Error(`The SES v2 emulator answered ${response.status} for its store`);
  const store = (await response.json()) as { emails?: SentEmail[] };
  return [...(store.emails ?? [])].reverse();
}

const MAX_OBJECTS_PER_BUCKET = 1000;

/** Lists the objects of every bucket of the model through the S3 API. */
export class StorageLister {
  private client: Promise<S3Client> | undefined;

  constructor(
    private readonly model: CloudModel,
    private readonly s3Url: () => string,
  ) {}

  async objects(): Promise<StoredObject[]> {
    const client = await (this.client ??= this.createClient());
    const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
    const lists = await Promise.all(
      this.model.buckets.map(async (bucket) => {
        const objects: StoredObject[] = [];
        let token: string | undefined;
        do {
          const page = await client.send(new ListObjectsV2Command({ Bucket: bucket.bucketName, ContinuationToken: token, MaxKeys: MAX_OBJECTS_PER_BUCKET - objects.length }));
          for (const item of page.Contents ?? []) {
            objects.push({ bucket: bucket.bucketName, key: item.Key ?? '', size: item.Size ?? 0, ...(item.LastModified ? { lastModified: item.LastModified.toISOString() } : {}) });
          }
          token = page.IsTruncated && objects.length < MAX_OBJECTS_PER_BUCKET ? page.NextContinuationToken : undefined;
        } while (token);
        return objects;
      }),
    );
    return lists.flat().sort((a, b) => (b.lastModified ?? '').localeCompare(a.lastModified ?? '') || a.key.localeCompare(b.key));
  }

  close(): void {
    void this.client?.then((client) => client.destroy());
  }

  private async createClient(): Promise<S3Client> {
    // Loaded on first use: the SDK client is not needed to boot, only to show storage.
    const { S3Client: Client } = await import('@aws-sdk/client-s3');
    return new Client({
      endpoint: this.s3Url(),
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }
}

/** True when the JSON form of `value` mentions `needle` (a signupId, a user id). */
function mentions(value: unknown, needle: string): boolean {
  return (typeof value === 'string' ? value : JSON.stringify(value) ?? '').includes(needle);
}

/** The first string value of a property named `key`, at any depth. */
export function findProperty(value: unknown, key: string): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (!Array.isArray(value) && typeof (value as Record<string, unknown>)[key] === 'string') return (value as Record<string, string>)[key];
  for (const child of Object.values(value)) {
    const found = findProperty(child, key);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Picks, from each list, what belongs to one signup. */
export function sideEffectsOf(
  keys: SignupKeys,
  all: { events: unknown[]; emails: SentEmail[]; objects: StoredObject[]; webhookMessages: unknown[]; deadLetters: unknown[] },
): SignupSideEffects {
  const address = keys.email?.toLowerCase();
  return {
    events: all.events.filter((event) => mentions(event, keys.signupId)),
    emails: all.emails.filter(
      (mail) =>
        (address !== undefined && [...mail.destination.to, ...mail.destination.cc, ...mail.destination.bcc].some((to) => to.toLowerCase().includes(address))) ||
        mentions(mail.subject, keys.signupId) ||
        mentions(mail.body, keys.signupId),
    ),
    objects: all.objects.filter((object) => object.key.includes(keys.signupId) || (keys.userId !== undefined && object.key.includes(keys.userId))),
    webhookMessages: all.webhookMessages.filter((message) => mentions(message, keys.signupId)),
    deadLetters: all.deadLetters.filter((letter) => mentions(letter, keys.signupId)),
  };
}
