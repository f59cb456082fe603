// The emulator's price list: data the team wrote, in the shape of AWS's Price List Query API
// documents (product attributes as AWS names them, terms.OnDemand with price dimensions). The
// figures are plausible list prices, not a copy of AWS's; tests assert the parsing and
// arithmetic against these numbers, never against AWS's real ones.
import { catalogInstanceTypes } from './catalog.js';

/** Regions the price list covers, with AWS's location names and a price factor from us-east-1. */
export const pricingRegions: readonly { code: string; location: string; factor: number }[] = [
  { code: 'us-east-1', location: 'US East (N. Virginia)', factor: 1 },
  { code: 'eu-west-1', location: 'EU (Ireland)', factor: 1.1 },
  { code: 'eu-central-1', location: 'EU (Frankfurt)', factor: 1.15 },
];

/** us-east-1 on-demand Linux USD/hour per type of the emulator's EC2 catalogue. */
export const baseHourlyUsd: Readonly<Record<string, number>> = {
  't3.micro': 0.0104,
  't3.small': 0.0208,
  't3.medium': 0.0416,
  't3.large': 0.0832,
  'm6i.large': 0.096,
  'm6i.2xlarge': 0.384,
  't4g.small': 0.0168,
  't4g.medium': 0.0336,
};

/** Per GB-month of gp3, per hour of public IPv4, egress tiers per GB (us-east-1; scaled by factor but IPv4). */
export const baseExtras = { gp3GbMonth: 0.08, ipv4Hour: 0.005, egressTiers: [0, 0.09, 0.085, 0.07] } as const;

/** One Price List document before it is serialised (AWS sends each as a JSON string). */
export interface PriceDocument {
  serviceCode: string;
  product: { productFamily: string; sku: string; attributes: Record<string, string> };
  terms: { OnDemand: Record<string, unknown> };
  version: string;
  publicationDate: string;
}

const publicationDate = '2026-11-20T18:04:12Z';
const round = (usd: number) => Math.round(usd * 1e6) / 1e6;

let skuCounter = 0;
/** A stable 16-character SKU per product (AWS's are opaque, upper-case alphanumerics). */
function nextSku(): string {
  skuCounter += 1;
  return `CDX${skuCounter.toString(36).toUpperCase().padStart(13, '0')}`;
}

function onDemand(
  sku: string,
  dimensions: {
    unit: string;
    usd: number;
    description: string;
    beginRange?: string | undefined;
    endRange?: string | undefined;
  }[],
) {
  const offer = 'JRTCKXETXF';
  const priceDimensions: Record<string, unknown> = {};
  dimensions.forEach((d, i) => {
    const rateCode = `${sku}.${offer}.${['6YS6EN2CT7', '8EEUB22XNJ', 'QCXEBDNVQF', 'N9EW5UVVPA'][i]}`;
    priceDimensions[rateCode] = {
      unit: d.unit,
      endRange: d.endRange ?? 'Inf',
      description: d.description,
      appliesTo: [],
      rateCode,
      beginRange: d.beginRange ?? '0',
      pricePerUnit: { USD: d.usd.toFixed(10) },
    };
  });
  return {
    [`${sku}.${offer}`]: {
      priceDimensions,
      sku,
      effectiveDate: '2026-11-01T00:00:00Z',
      offerTermCode: offer,
      termAttributes: {},
    },
  };
}

function documentOf(
  serviceCode: string,
  productFamily: string,
  attributes: Record<string, string>,
  dimensions: Parameters<typeof onDemand>[1],
): PriceDocument {
  const sku = nextSku();
  return {
    serviceCode,
    product: { productFamily, sku, attributes: { servicecode: serviceCode, ...attributes } },
    terms: { OnDemand: onDemand(sku, dimensions) },
    version: '20261120180412',
    publicationDate,
  };
}

/** Every document of the emulator's price list, including ones the product's filters must leave out. */
export function priceDocuments(): PriceDocument[] {
  skuCounter = 0;
  const documents: PriceDocument[] = [];
  for (const region of pricingRegions) {
    for (const type of catalogInstanceTypes) {
      const base = baseHourlyUsd[type.instanceType];
      if (base === undefined) continue;
      const arm = type.architectures.includes('arm64');
      const compute = (over: Record<string, string>, usd: number) =>
        documentOf(
          'AmazonEC2',
          'Compute Instance',
          {
            regionCode: region.code,
            location: region.location,
            locationType: 'AWS Region',
            instanceType: type.instanceType,
            instanceFamily: 'General purpose',
            vcpu: String(type.vcpus),
            memory: `${type.memoryMiB / 1024} GiB`,
            physicalProcessor: arm ? 'AWS Graviton2 Processor' : 'Intel Xeon Platinum 8175',
            processorArchitecture: '64-bit',
            operatingSystem: 'Linux',
            tenancy: 'Shared',
            preInstalledSw: 'NA',
            capacitystatus: 'Used',
            licenseModel: 'No License required',
            usagetype: `BoxUsage:${type.instanceType}`,
            operation: 'RunInstances',
            ...over,
          },
          [
            {
              unit: 'Hrs',
              usd: round(usd),
              description: `$${round(usd)} per On Demand Linux ${type.instanceType} Instance Hour`,
            },
          ],
        );
      documents.push(compute({}, base * region.factor));
      // What the filters exist for: the same type as Windows, on dedicated hardware, and as an
      // unused capacity reservation. A fetch that drops a filter prices these instead.
      documents.push(
        compute({ operatingSystem: 'Windows', operation: 'RunInstances:0002' }, base * region.factor + 0.046),
      );
      documents.push(compute({ tenancy: 'Dedicated' }, base * region.factor * 1.1));
      documents.push(compute({ capacitystatus: 'UnusedCapacityReservation' }, base * region.factor));
    }
    documents.push(
      documentOf(
        'AmazonEC2',
        'Storage',
        {
          regionCode: region.code,
          location: region.location,
          volumeApiName: 'gp3',
          volumeType: 'General Purpose',
          storageMedia: 'SSD-backed',
        },
        [
          {
            unit: 'GB-Mo',
            usd: round(baseExtras.gp3GbMonth * region.factor),
            description: 'per GB-month of General Purpose (gp3) provisioned storage',
          },
        ],
      ),
      documentOf(
        'AmazonEC2',
        'Storage',
        {
          regionCode: region.code,
          location: region.location,
          volumeApiName: 'gp2',
          volumeType: 'General Purpose',
          storageMedia: 'SSD-backed',
        },
        [
          {
            unit: 'GB-Mo',
            usd: round(0.1 * region.factor),
            description: 'per GB-month of General Purpose SSD (gp2) provisioned storage',
          },
        ],
      ),
      documentOf(
        'AmazonVPC',
        'IP Address',
        {
          regionCode: region.code,
          location: region.location,
          group: 'VPCPublicIPv4Address',
          usagetype: 'PublicIPv4:InUseAddress',
        },
        [{ unit: 'Hrs', usd: baseExtras.ipv4Hour, description: '$0.005 per In-use public IPv4 address per hour' }],
      ),
      documentOf(
        'AWSDataTransfer',
        'Data Transfer',
        {
          fromRegionCode: region.code,
          fromLocation: region.location,
          toLocation: 'External',
          transferType: 'AWS Outbound',
        },
        baseExtras.egressTiers.map((usd, i) => ({
          unit: 'GB',
          usd: round(usd * (i === 0 ? 1 : region.factor)),
          description: `data transfer out to the internet, tier ${i + 1}`,
          beginRange: ['0', '100', '10240', '51200'][i],
          endRange: ['100', '10240', '51200', 'Inf'][i],
        })),
      ),
    );
  }
  return documents;
}
