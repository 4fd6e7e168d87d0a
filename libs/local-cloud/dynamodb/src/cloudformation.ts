/**
 * Tables from CloudFormation: the Properties of an `AWS::DynamoDB::Table` (or
 * `AWS::DynamoDB::GlobalTable`), intrinsic functions already resolved, as the CreateTable request
 * and TTL setting that make the same table locally. Properties with no local effect (encryption,
 * backups, table class, contributor insights, throughput caps) are accepted and dropped; the ones
 * whose absence a user would notice (streams, Kinesis, imports) are dropped with a note.
 */
import { ValidationError } from './errors';
import { isObject } from './request';

/** One table of a template. */
export interface CloudFormationTable {
  /** The table's name: the template's TableName, or the name the caller gives a table without one. */
  tableName: string;
  /** The resource's Properties, with Ref, Fn::GetAtt, Fn::Sub, ... already resolved. */
  properties: Record<string, unknown>;
  /** @default 'AWS::DynamoDB::Table' */
  type?: 'AWS::DynamoDB::Table' | 'AWS::DynamoDB::GlobalTable';
}

export interface LocalTableRequest {
  /** The CreateTable request. */
  createTable: Record<string, unknown>;
  /** TimeToLiveSpecification, when the template enables TTL. */
  timeToLive?: { AttributeName: string; Enabled: true };
  /** What the template declares that this engine does not do. */
  notes: string[];
}

/** Members of an index that CreateTable does not take (or that mean nothing locally). */
const INDEX_ONLY_IN_CLOUDFORMATION = ['ContributorInsightsSpecification', 'OnDemandThroughput', 'WarmThroughput', 'ReadProvisionedThroughputSettings', 'WriteProvisionedThroughputSettings'];

function index(raw: unknown, billing: string): Record<string, unknown> {
  if (!isObject(raw)) throw new ValidationError('Every index of the template must be an object');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (!INDEX_ONLY_IN_CLOUDFORMATION.includes(key)) out[key] = value;
  if (billing === 'PAY_PER_REQUEST') delete out.ProvisionedThroughput;
  return out;
}

/** The CreateTable request (and TTL) for a table of a template. */
export function tableFromCloudFormation(table: CloudFormationTable): LocalTableRequest {
  const p = table.properties;
  const notes: string[] = [];
  const isGlobal = table.type === 'AWS::DynamoDB::GlobalTable';
  // A global table is on demand unless it says otherwise; a table is provisioned unless it says otherwise.
  const billing = typeof p.BillingMode === 'string' ? p.BillingMode : isGlobal ? 'PAY_PER_REQUEST' : 'PROVISIONED';
  const createTable: Record<string, unknown> = {
    TableName: table.tableName,
    KeySchema: p.KeySchema,
    AttributeDefinitions: p.AttributeDefinitions,
    BillingMode: billing,
  };
  if (billing === 'PROVISIONED') {
    createTable.ProvisionedThroughput = isObject(p.ProvisionedThroughput) ? p.ProvisionedThroughput : { ReadCapacityUnits: 5, WriteCapacityUnits: 5 };
  }
  if (Array.isArray(p.GlobalSecondaryIndexes) && p.GlobalSecondaryIndexes.length > 0) {
    createTable.GlobalSecondaryIndexes = p.GlobalSecondaryIndexes.map((i) => {
      const out = index(i, billing);
      if (billing === 'PROVISIONED' && !out.ProvisionedThroughput) out.ProvisionedThroughput = createTable.ProvisionedThroughput;
      return out;
    });
  }
  if (Array.isArray(p.LocalSecondaryIndexes) && p.LocalSecondaryIndexes.length > 0) {
    createTable.LocalSecondaryIndexes = p.LocalSecondaryIndexes.map((i) => {
      const out = index(i, billing);
      delete out.ProvisionedThroughput;
      return out;
    });
  }
  if (p.DeletionProtectionEnabled === true) createTable.DeletionProtectionEnabled = true;
  if (Array.isArray(p.Tags) && p.Tags.length > 0) createTable.Tags = p.Tags;
  const streams = p.StreamSpecification;
  if (isObject(streams) && (streams.StreamViewType !== undefined || streams.StreamEnabled === true)) {
    notes.push(`Table ${table.tableName}: DynamoDB Streams are not emulated locally (StreamSpecification ignored).`);
  }
  if (p.KinesisStreamSpecification !== undefined) notes.push(`Table ${table.tableName}: Kinesis Data Streams for DynamoDB are not emulated locally (KinesisStreamSpecification ignored).`);
  if (p.ImportSourceSpecification !== undefined) notes.push(`Table ${table.tableName}: imports from S3 are not emulated locally; the table starts empty (ImportSourceSpecification ignored).`);
  const ttl = p.TimeToLiveSpecification;
  const timeToLive = isObject(ttl) && ttl.Enabled !== false && typeof ttl.AttributeName === 'string' ? { AttributeName: ttl.AttributeName, Enabled: true as const } : undefined;
  return { createTable, ...(timeToLive ? { timeToLive } : {}), notes };
}
