// The Price List Query API (`AWSPriceListService.*`, AWS JSON 1.1, SigV4 service `pricing`,
// signed for us-east-1): GetProducts with TERM_MATCH filters and NextToken pagination.
import { createHash } from 'node:crypto';
import { ServiceError } from './errors.js';
import { priceDocuments, type PriceDocument } from './pricing-data.js';
import type { JsonBody } from './ssm.js';

const serviceCodes = new Set(['AmazonEC2', 'AmazonVPC', 'AWSDataTransfer']);

/** The field a filter names: product attributes, plus `productFamily` as AWS allows. */
function fieldOf(document: PriceDocument, field: string): string | undefined {
  if (field === 'productFamily') return document.product.productFamily;
  if (field === 'sku') return document.product.sku;
  return document.product.attributes[field];
}

function invalid(message: string): ServiceError {
  return new ServiceError('InvalidParameterException', message, 400);
}

/**
 * Answers one pricing operation. `maxPageSize` caps a page below MaxResults (AWS may return
 * fewer entries than asked, with a NextToken), so tests see several pages.
 */
export function handlePricing(operation: string, input: JsonBody, maxPageSize: number): JsonBody {
  if (operation !== 'GetProducts') throw new ServiceError('UnknownOperationException', '', 400);
  const serviceCode = input.ServiceCode;
  if (typeof serviceCode !== 'string' || !serviceCodes.has(serviceCode))
    throw invalid(`Input validation error: ServiceCode ${String(serviceCode)} is not valid`);
  const formatVersion = input.FormatVersion ?? 'aws_v1';
  if (formatVersion !== 'aws_v1')
    throw invalid(`Input validation error: FormatVersion ${String(formatVersion)} is not valid`);
  const filters = Array.isArray(input.Filters) ? (input.Filters as Record<string, unknown>[]) : [];
  for (const filter of filters) {
    if (filter.Type !== 'TERM_MATCH' || typeof filter.Field !== 'string' || typeof filter.Value !== 'string')
      throw invalid('Input validation error: each filter needs Type TERM_MATCH, a Field and a Value');
  }
  const maxResults = input.MaxResults === undefined ? 100 : Number(input.MaxResults);
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100)
    throw invalid(
      "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100",
    );

  const matching = priceDocuments().filter(
    (document) =>
      document.serviceCode === serviceCode &&
      filters.every(
        (f) => (fieldOf(document, f.Field as string) ?? '').toLowerCase() === (f.Value as string).toLowerCase(),
      ),
  );
  // The token is bound to the query it came from: reusing it with other filters is refused, as on AWS.
  const queryKey = createHash('sha256')
    .update(JSON.stringify([serviceCode, filters]))
    .digest('hex')
    .slice(0, 16);
  let offset = 0;
  if (typeof input.NextToken === 'string' && input.NextToken !== '') {
    const [key, at] = Buffer.from(input.NextToken, 'base64url').toString('utf8').split(':');
    offset = Number(at);
    if (key !== queryKey || !Number.isInteger(offset) || offset < 0 || offset > matching.length)
      throw new ServiceError('InvalidNextTokenException', 'The next token is not valid for this query', 400);
  }
  const end = Math.min(offset + Math.min(maxResults, maxPageSize), matching.length);
  const body: JsonBody = {
    FormatVersion: 'aws_v1',
    PriceList: matching.slice(offset, end).map((document) => JSON.stringify(document)),
  };
  if (end < matching.length) body.NextToken = Buffer.from(`${queryKey}:${end}`).toString('base64url');
  return body;
}
