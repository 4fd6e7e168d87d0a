/**
 * The IAM questions of an S3 REST request (path style, `/<bucket>/<key>?<subresource>`): the
 * method and the subresource in the query name the action (`GET /b/k` → `s3:GetObject`,
 * `GET /b?list-type=2&prefix=p` → `s3:ListBucket` with `s3:prefix`), the path names the bucket
 * or object ARN. A multi-object delete (`POST /b?delete`) is authorized key by key, as S3 does:
 * its answer lists the refused keys as errors. A combination this file does not know is refused
 * (fail closed) rather than guessed.
 */
import type { AccessRequest } from './policy-evaluator';
import type { RequestLine, RequestMapping } from './request-mapping';

/** One object of a DeleteObjects body. */
export interface DeleteObjectsEntry {
  key: string;
  versionId?: string;
  /** The `<Object>...</Object>` element as sent, to rebuild the body without refused keys. */
  xml: string;
}

/** What the S3 mapper says about a request. */
export type S3Mapping = RequestMapping | { kind: 'delete-objects'; bucket: string; objects: DeleteObjectsEntry[]; quiet: boolean };

const bucketArn = (bucket: string) => `arn:aws:s3:::${bucket}`;
const objectArn = (bucket: string, key: string) => `arn:aws:s3:::${bucket}/${key}`;

/** Subresource (query key) → action, per method, for objects. */
const OBJECT_ACTIONS: Record<string, Record<string, string>> = {
  GET: { tagging: 'GetObjectTagging', acl: 'GetObjectAcl', attributes: 'GetObjectAttributes', uploadId: 'ListMultipartUploadParts', retention: 'GetObjectRetention', 'legal-hold': 'GetObjectLegalHold', torrent: 'GetObjectTorrent' },
  PUT: { tagging: 'PutObjectTagging', acl: 'PutObjectAcl', retention: 'PutObjectRetention', 'legal-hold': 'PutObjectLegalHold', uploadId: 'PutObject' },
  DELETE: { tagging: 'DeleteObjectTagging', uploadId: 'AbortMultipartUpload' },
  POST: { uploads: 'PutObject', uploadId: 'PutObject', restore: 'RestoreObject', select: 'GetObject' },
};

/** Subresource → action, per method, for buckets; `''` is the bucket itself. */
const BUCKET_ACTIONS: Record<string, Record<string, string>> = {
  GET: {
    '': 'ListBucket',
    location: 'GetBucketLocation',
    versions: 'ListBucketVersions',
    uploads: 'ListBucketMultipartUploads',
    acl: 'GetBucketAcl',
    cors: 'GetBucketCORS',
    website: 'GetBucketWebsite',
    policy: 'GetBucketPolicy',
    tagging: 'GetBucketTagging',
    versioning: 'GetBucketVersioning',
    lifecycle: 'GetLifecycleConfiguration',
    encryption: 'GetEncryptionConfiguration',
    notification: 'GetBucketNotification',
    logging: 'GetBucketLogging',
    'object-lock': 'GetBucketObjectLockConfiguration',
    publicAccessBlock: 'GetBucketPublicAccessBlock',
    ownershipControls: 'GetBucketOwnershipControls',
  },
  PUT: {
    '': 'CreateBucket',
    cors: 'PutBucketCORS',
    policy: 'PutBucketPolicy',
    tagging: 'PutBucketTagging',
    versioning: 'PutBucketVersioning',
    website: 'PutBucketWebsite',
    acl: 'PutBucketAcl',
    lifecycle: 'PutLifecycleConfiguration',
    encryption: 'PutEncryptionConfiguration',
    notification: 'PutBucketNotification',
    logging: 'PutBucketLogging',
    publicAccessBlock: 'PutBucketPublicAccessBlock',
    ownershipControls: 'PutBucketOwnershipControls',
  },
  // S3 authorizes deleting a bucket's configuration with the action that writes it.
  DELETE: { '': 'DeleteBucket', cors: 'PutBucketCORS', policy: 'DeleteBucketPolicy', website: 'DeleteBucketWebsite', tagging: 'PutBucketTagging', lifecycle: 'PutLifecycleConfiguration', encryption: 'PutEncryptionConfiguration' },
};

/** Query keys that are parameters, not subresources (the SDK adds `x-id` to every request). */
const NOT_SUBRESOURCES = new Set(['x-id', 'list-type', 'prefix', 'delimiter', 'max-keys', 'marker', 'continuation-token', 'start-after', 'fetch-owner', 'encoding-type', 'partNumber', 'versionId', 'response-content-type', 'response-content-disposition', 'response-content-encoding', 'response-content-language', 'response-cache-control', 'response-expires', 'key-marker', 'version-id-marker', 'upload-id-marker', 'max-uploads', 'max-parts', 'part-number-marker', 'object-lock', 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature', 'X-Amz-Security-Token', 'X-Amz-Content-Sha256', 'x-amz-checksum-mode']);

function subresourcesOf(query: URLSearchParams, allowObjectLock: boolean): string[] {
  return [...new Set([...query.keys()])].filter((k) => !NOT_SUBRESOURCES.has(k) || (allowObjectLock && k === 'object-lock'));
}

/** Condition keys S3 reads from request headers. */
function headerContext(line: RequestLine): Record<string, string | undefined> {
  const header = (name: string) => {
    const value = line.headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  return {
    's3:x-amz-acl': header('x-amz-acl'),
    's3:x-amz-server-side-encryption': header('x-amz-server-side-encryption'),
    's3:x-amz-server-side-encryption-aws-kms-key-id': header('x-amz-server-side-encryption-aws-kms-key-id'),
    's3:x-amz-storage-class': header('x-amz-storage-class'),
    's3:x-amz-copy-source': header('x-amz-copy-source'),
    's3:x-amz-metadata-directive': header('x-amz-metadata-directive'),
    's3:x-amz-content-sha256': header('x-amz-content-sha256'),
    's3:signatureversion': 'AWS4-HMAC-SHA256',
    's3:authType': 'REST-HEADER',
  };
}

/** `bucket/key?versionId=...` of an `x-amz-copy-source` header, decoded. */
function copySource(value: string): { bucket: string; key: string; versionId?: string } | undefined {
  const [path = '', query = ''] = value.replace(/^\//, '').split('?');
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) return undefined;
  const versionId = new URLSearchParams(query).get('versionId') ?? undefined;
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1), ...(versionId ? { versionId } : {}) };
}

/** Decodes the XML entities S3 bodies use. */
function xmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_whole, entity: string) => {
    const e = entity.toLowerCase();
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e] ?? '';
  });
}

/** Reads the objects of a DeleteObjects body (`<Delete><Object><Key>..</Key></Object>...`). */
export function parseDeleteObjects(body: string): { objects: DeleteObjectsEntry[]; quiet: boolean } | undefined {
  if (!/<Delete[\s>]/.test(body)) return undefined;
  const objects: DeleteObjectsEntry[] = [];
  for (const [xml, inner = ''] of body.matchAll(/<Object>([\s\S]*?)<\/Object>/g)) {
    const key = /<Key>([\s\S]*?)<\/Key>/.exec(inner)?.[1];
    if (key === undefined) return undefined;
    const versionId = /<VersionId>([\s\S]*?)<\/VersionId>/.exec(inner)?.[1];
    objects.push({ key: xmlText(key), ...(versionId !== undefined ? { versionId: xmlText(versionId) } : {}), xml });
  }
  return { objects, quiet: /<Quiet>\s*true\s*<\/Quiet>/i.test(body) };
}

/** True when the S3 mapper needs the body (only a multi-object delete names its keys there). */
export function s3NeedsBody(line: RequestLine): boolean {
  return line.method === 'POST' && line.query.has('delete');
}

/** The IAM questions of one S3 request. */
export function mapS3Request(line: RequestLine, body: Buffer | undefined): S3Mapping {
  const unknown = (what = `S3 ${line.method} ${line.path}${[...line.query.keys()].length ? `?${[...line.query.keys()].join('&')}` : ''}`): S3Mapping => ({ kind: 'unknown', what });
  let segments: string[];
  try {
    const [, bucketPart = '', ...rest] = line.path.split('/');
    segments = [decodeURIComponent(bucketPart), decodeURIComponent(rest.join('/'))];
  } catch {
    return { kind: 'malformed' };
  }
  const [bucket = '', key = ''] = segments;
  const method = line.method === 'HEAD' ? 'GET' : line.method;
  const context = headerContext(line);
  const one = (action: string, resource: string, extra: Record<string, string | undefined> = {}): S3Mapping => ({
    kind: 'requests',
    requests: [{ action: `s3:${action}`, resource, context: { ...context, ...extra } }],
  });

  if (!bucket) return method === 'GET' ? one('ListAllMyBuckets', '*') : unknown();

  if (key) {
    const subresources = subresourcesOf(line.query, false);
    if (subresources.length > 1) return unknown();
    const versionId = line.query.get('versionId') ?? undefined;
    const sub = subresources[0];
    let action = sub ? OBJECT_ACTIONS[method]?.[sub] : undefined;
    if (!sub) {
      action = { GET: versionId ? 'GetObjectVersion' : 'GetObject', PUT: 'PutObject', DELETE: versionId ? 'DeleteObjectVersion' : 'DeleteObject' }[method];
    }
    if (!action) return unknown();
    const extra = versionId ? { 's3:versionid': versionId } : {};
    const mapping = one(action, objectArn(bucket, key), extra) as { kind: 'requests'; requests: AccessRequest[] };
    const copyHeader = method === 'PUT' && !sub ? line.headers['x-amz-copy-source'] : undefined;
    if (copyHeader !== undefined) {
      // A copy reads its source: S3 checks GetObject (or GetObjectVersion) there too.
      const source = typeof copyHeader === 'string' ? copySource(copyHeader) : undefined;
      if (!source) return { kind: 'malformed' };
      mapping.requests.push({ action: source.versionId ? 's3:GetObjectVersion' : 's3:GetObject', resource: objectArn(source.bucket, source.key), context });
    }
    return mapping;
  }

  if (method === 'POST' && line.query.has('delete')) {
    const parsed = body ? parseDeleteObjects(body.toString('utf8')) : undefined;
    return parsed ? { kind: 'delete-objects', bucket, ...parsed } : { kind: 'malformed' };
  }
  const subresources = subresourcesOf(line.query, true);
  if (subresources.length > 1) return unknown();
  const action = BUCKET_ACTIONS[method]?.[subresources[0] ?? ''];
  if (!action) return unknown();
  if (action === 'ListBucket') {
    const listing = (name: string) => line.query.get(name) ?? undefined;
    return one(action, bucketArn(bucket), { 's3:prefix': listing('prefix'), 's3:delimiter': listing('delimiter'), 's3:max-keys': listing('max-keys') });
  }
  return one(action, bucketArn(bucket));
}

/** The question S3 asks for one key of a multi-object delete. */
export function deleteObjectRequest(bucket: string, entry: DeleteObjectsEntry): AccessRequest {
  return {
    action: entry.versionId ? 's3:DeleteObjectVersion' : 's3:DeleteObject',
    resource: objectArn(bucket, entry.key),
    context: { 's3:signatureversion': 'AWS4-HMAC-SHA256', 's3:authType': 'REST-HEADER', ...(entry.versionId ? { 's3:versionid': entry.versionId } : {}) },
  };
}
