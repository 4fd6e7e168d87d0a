import { join } from 'node:path';
import { PRICE_KEYS, PriceBookError, readPriceBook, validatePriceBook } from '../../src/cost/price-book';

const file = join(__dirname, '../../prices/us-east-1.json');

describe('the price file', () => {
  it('has every price the model uses, each with its source, and the date it was read', () => {
    const book = readPriceBook(file);

    expect(book.region).toBe('us-east-1');
    expect(book.retrievedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const key of PRICE_KEYS) expect(book.prices[key].source).toMatch(/^https:\/\//);
  });

  it('refuses a file without one of the prices, naming it', () => {
    const book = readPriceBook(file);
    const { ['lambda.request']: _dropped, ...rest } = book.prices;

    expect(() => validatePriceBook({ ...book, prices: rest })).toThrow(/no price "lambda.request"/);
  });

  it('refuses a negative or missing amount, and a price without a source', () => {
    const book = readPriceBook(file);
    const withPrice = (price: unknown) => ({ ...book, prices: { ...book.prices, 'ses.outboundRecipient': price } });

    expect(() => validatePriceBook(withPrice({ ...book.prices['ses.outboundRecipient'], usd: -1 }))).toThrow(PriceBookError);
    expect(() => validatePriceBook(withPrice({ ...book.prices['ses.outboundRecipient'], usd: '0.1' }))).toThrow(/usd must be a price/);
    expect(() => validatePriceBook(withPrice({ ...book.prices['ses.outboundRecipient'], source: '' }))).toThrow(/must cite the page/);
  });

  it('refuses a file without the date the prices were read', () => {
    expect(() => validatePriceBook({ ...readPriceBook(file), retrievedOn: 'recently' })).toThrow(/retrievedOn/);
  });

  it('says which file cannot be read', () => {
    expect(() => readPriceBook('/nonexistent/prices.json')).toThrow(/cannot read \/nonexistent\/prices.json/);
  });
});
