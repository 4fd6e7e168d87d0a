/**
 * The prices the model assumes, from one file (`tools/cost-model/prices/us-east-1.json`): each
 * price in USD per unit, with the page it was read on and the date. A missing or malformed price
 * is refused by name, so a bill is never computed with a silent zero.
 */
import { readFileSync } from 'node:fs';

/** The price keys the model uses. */
export const PRICE_KEYS = [
  'stepFunctions.standard.stateTransition',
  'stepFunctions.express.request',
  'stepFunctions.express.gbSecond',
  'lambda.request',
  'lambda.arm64.gbSecond',
  'lambda.x86_64.gbSecond',
  'eventBridge.customEvent',
  'eventBridge.archive.gbProcessed',
  'dynamodb.onDemand.writeRequestUnit',
  'dynamodb.onDemand.readRequestUnit',
  'ses.outboundRecipient',
  's3.standard.tier1Request',
  's3.standard.tier2Request',
  'cloudWatchLogs.vendedIngestion.gb',
  'apiGateway.http.request',
  'secretsManager.apiCall',
  'xRay.traceRecorded',
] as const;

export type PriceKey = (typeof PRICE_KEYS)[number];

/** One price. */
export interface Price {
  usd: number;
  unit: string;
  quote: string;
  source: string;
}

/** The price file. */
export interface PriceBook {
  region: string;
  currency: string;
  retrievedOn: string;
  basis: string;
  prices: Record<PriceKey, Price>;
}

/** A price file the model cannot use. */
export class PriceBookError extends Error {
  override readonly name = 'PriceBookError';
}

/** Checks a parsed price file; throws {@link PriceBookError} naming the first problem. */
export function validatePriceBook(value: unknown, where = 'the price file'): PriceBook {
  const book = value as PriceBook;
  if (!book || typeof book !== 'object' || typeof book.prices !== 'object') throw new PriceBookError(`${where} has no "prices" object`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(String(book.retrievedOn))) throw new PriceBookError(`${where}: "retrievedOn" must be the date the prices were read (YYYY-MM-DD)`);
  if (book.currency !== 'USD') throw new PriceBookError(`${where}: prices must be in USD`);
  for (const key of PRICE_KEYS) {
    const price = book.prices[key];
    if (!price) throw new PriceBookError(`${where} has no price "${key}"`);
    if (typeof price.usd !== 'number' || !Number.isFinite(price.usd) || price.usd < 0) throw new PriceBookError(`${where}: "${key}".usd must be a price in USD, not ${JSON.stringify(price.usd)}`);
    if (typeof price.source !== 'string' || price.source.trim() === '') throw new PriceBookError(`${where}: "${key}" must cite the page it was read on ("source")`);
  }
  return book;
}

/** Reads and checks a price file. */
export function readPriceBook(file: string): PriceBook {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PriceBookError(`cannot read ${file}: ${(error as Error).message}`);
  }
  return validatePriceBook(parsed, file);
}
