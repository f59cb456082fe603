import { catalogImages } from './catalog.js';
import { ServiceError } from './errors.js';

/** The public parameters the emulator knows: each names one of its AMIs. */
export function publicParameters(): Map<string, string> {
  return new Map(catalogImages.flatMap((image) => image.ssmParameters.map((name) => [name, image.imageId] as const)));
}

/** JSON bodies of the AWS JSON 1.1 protocol's responses. */
export type JsonBody = Record<string, unknown>;

// The day the catalogue's parameters were "published"; a fixed date keeps responses stable.
const lastModified = Date.parse('2025-06-11T00:00:00Z') / 1000;

/**
 * Handles one SSM call (`X-Amz-Target: AmazonSSM.<Operation>`). Only what provisioning needs:
 * GetParameter and GetParameters over the public AMI parameters.
 */
export function handleSsm(operation: string, input: JsonBody, region: string): JsonBody {
  const parameters = publicParameters();
  const describe = (name: string): JsonBody | undefined => {
    const value = parameters.get(name);
    if (value === undefined) return undefined;
    return {
      Name: name,
      Type: 'String',
      Value: value,
      Version: 1,
      LastModifiedDate: lastModified,
      ARN: `arn:aws:ssm:${region}::parameter${name}`,
      DataType: 'text',
    };
  };
  if (operation === 'GetParameter') {
    const name = input.Name;
    if (typeof name !== 'string' || name === '')
      throw new ServiceError(
        'ValidationException',
        "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
      );
    const parameter = describe(name);
    // SSM answers 400 ParameterNotFound with an empty message for public parameters too.
    if (!parameter) throw new ServiceError('ParameterNotFound', '');
    return { Parameter: parameter };
  }
  if (operation === 'GetParameters') {
    const names = Array.isArray(input.Names) ? input.Names.filter((n): n is string => typeof n === 'string') : [];
    return {
      Parameters: names.flatMap((n) => describe(n) ?? []),
      InvalidParameters: names.filter((n) => !parameters.has(n)),
    };
  }
  throw new ServiceError('UnknownOperationException', '');
}
