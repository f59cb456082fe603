import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Docker from 'dockerode';
import { catalogActions } from './actions/catalog.js';
import type { ActionContext, ActionHandler } from './actions/context.js';
import { instanceActions } from './actions/instances.js';
import { keyPairActions } from './actions/key-pairs.js';
import { securityGroupActions } from './actions/security-groups.js';
import { tagActions } from './actions/tags.js';
import { ServiceError } from './errors.js';
import { catalogRegions } from './catalog.js';
import { Fleet, type FleetOptions } from './instances.js';
import { newOwner, removeOrphans } from '../orphans.js';
import { QueryParams } from './query-protocol.js';
import { credentialScopeRegion, verifySigV4, type SignedRequest, type SigV4Refusal } from './sigv4.js';
import { handlePricing } from './pricing.js';
import { handleSsm, type JsonBody } from './ssm.js';
import { Ec2State } from './state.js';
import { ec2ErrorResponse, ec2Response } from './xml.js';

/** Options of startEc2Emulator; every one has a default that suits the test rig. */
export interface Ec2EmulatorOptions {
  /** Listen address (default 127.0.0.1) and port (default 0: any free port). */
  host?: string;
  port?: number;
  /** The home region (default us-east-1): what `region` reports, for clients that need one. */
  region?: string;
  /** Regions served besides the home one (default every region of the catalogue). */
  regions?: string[];
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Machine image of every instance (default the rig's `crossdock-test-machine:latest`). */
  image?: string;
  /** Docker network of the machines (default the rig's `crossdock-test`). */
  network?: string;
  /** Addresses handed to instances: prefix and inclusive last-octet range (default .150–.169). */
  addresses?: { prefix: string; first: number; last: number };
  /** How long a new machine may take to answer SSH before its launch fails (default 60 s). */
  sshTimeoutMs?: number;
  /** How long terminated instances stay listed (default one hour, as on EC2). */
  terminatedRetentionMs?: number;
  /** Most Price List entries per GetProducts page, below MaxResults (default 100, as AWS's cap). */
  pricingPageSize?: number;
  /** Waits this long before answering each Price List call (a slow link: lets a test watch a refresh and cancel it). */
  pricingDelayMs?: number;
  docker?: Docker;
}

/** A running emulator: point the SDK clients (EC2 and SSM both) at `endpoint`. */
export interface Ec2Emulator {
  endpoint: string;
  /** The home region; every region in `regions` works (sign for it, as the SDK does for its client's region). */
  region: string;
  regions: readonly string[];
  accessKeyId: string;
  secretAccessKey: string;
  /** Stops the server and removes every machine it made. */
  close(): Promise<void>;
}

const actions: Record<string, ActionHandler> = {
  ...instanceActions,
  ...keyPairActions,
  ...securityGroupActions,
  ...tagActions,
  ...catalogActions,
};
const apiVersion = '2016-11-15';
const maxBodyBytes = 1 << 20;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) req.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Starts an EC2 + SSM emulator on one endpoint. Requests with `X-Amz-Target: AmazonSSM.*` are
 * SSM (AWS JSON 1.1, SigV4 service `ssm`); everything else is EC2 (Query protocol, service `ec2`).
 */
export async function startEc2Emulator(options: Ec2EmulatorOptions = {}): Promise<Ec2Emulator> {
  const home = options.region ?? 'us-east-1';
  const regions = [...new Set([home, ...(options.regions ?? catalogRegions)])];
  const credentials = {
    accessKeyId: options.accessKeyId ?? 'AKIACROSSDOCKEMULATOR',
    secretAccessKey: options.secretAccessKey ?? 'crossdock-ec2-emulator-secret-key-0000000',
  };
  const docker = options.docker ?? new Docker({ socketPath: '/var/run/docker.sock' });
  await removeOrphans(docker, 'ec2');
  const addresses = options.addresses ?? { prefix: '10.213.0.', first: 150, last: 169 };
  const fleetOptions: FleetOptions = {
    machines: {
      docker,
      image: options.image ?? 'crossdock-test-machine:latest',
      network: options.network ?? 'crossdock-test',
      owner: newOwner(),
    },
    addressPrefix: addresses.prefix,
    firstHost: addresses.first,
    lastHost: addresses.last,
    sshTimeoutMs: options.sshTimeoutMs ?? 60_000,
    terminatedRetentionMs: options.terminatedRetentionMs ?? 60 * 60_000,
    reserved: new Set(),
  };
  // EC2 keeps instances, key pairs and security groups per region: one state and fleet each,
  // made on the region's first request. The request's region is its SigV4 credential scope, as
  // the SDK signs for the client's region whatever endpoint it is sent to.
  const contexts = new Map<string, ActionContext>();
  const contextFor = (region: string): ActionContext => {
    let context = contexts.get(region);
    if (!context) {
      const state = new Ec2State();
      state.groups.set('sg-0defa017c0ffee000', {
        groupId: 'sg-0defa017c0ffee000',
        groupName: 'default',
        description: 'default VPC security group',
        ingress: [],
      });
      context = {
        state,
        fleet: new Fleet(state, fleetOptions),
        region,
        regions,
        accountId: '123456789012',
        vpcId: 'vpc-0c0ffee0crossdock',
        subnetId: 'subnet-0c0ffee0crossdock',
      };
      contexts.set(region, context);
    }
    return context;
  };
  /** The region a request is for (the region its valid signature names), or why it is refused. */
  const authenticate = (
    signed: SignedRequest,
    service: 'ec2' | 'ssm' | 'pricing',
  ): { region: string } | SigV4Refusal => {
    const region = credentialScopeRegion(signed.headers) ?? home;
    if (!regions.includes(region))
      return {
        reason: `the credential scope names ${region}, which this emulator does not serve (${regions.join(', ')})`,
      };
    return verifySigV4(signed, { ...credentials, region }, service) ?? { region };
  };

  const server = createServer((req, res) => {
    void serve(req, res).catch((error: unknown) => {
      console.error('ec2 emulator: internal error', error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const requestId = randomUUID();
    const signed = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body };
    const target = req.headers['x-amz-target'];
    const sendJson = (status: number, json: JsonBody): void => {
      res
        .writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId })
        .end(JSON.stringify(json));
    };
    if (typeof target === 'string' && target.startsWith('AWSPriceListService.')) {
      // The Price List API has endpoints in us-east-1 (and two others) only; a client signs for its region.
      const auth = authenticate(signed, 'pricing');
      if ('reason' in auth) {
        const type = req.headers.authorization ? 'InvalidSignatureException' : 'MissingAuthenticationTokenException';
        return sendJson(400, { __type: type, message: auth.reason });
      }
      if (options.pricingDelayMs) await new Promise((resolve) => setTimeout(resolve, options.pricingDelayMs));
      try {
        return sendJson(
          200,
          handlePricing(
            target.slice('AWSPriceListService.'.length),
            JSON.parse(body.toString('utf8') || '{}') as JsonBody,
            options.pricingPageSize ?? 100,
          ),
        );
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        return sendJson(error.status, { __type: error.code, message: error.message });
      }
    }
    if (typeof target === 'string' && target.startsWith('AmazonSSM.')) {
      const auth = authenticate(signed, 'ssm');
      if ('reason' in auth) {
        const type = req.headers.authorization ? 'InvalidSignatureException' : 'MissingAuthenticationTokenException';
        return sendJson(400, { __type: type, message: auth.reason });
      }
      try {
        return sendJson(
          200,
          handleSsm(
            target.slice('AmazonSSM.'.length),
            JSON.parse(body.toString('utf8') || '{}') as JsonBody,
            auth.region,
          ),
        );
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        return sendJson(error.status, { __type: error.code, message: error.message });
      }
    }

    const sendXml = (status: number, xml: string): void => {
      res.writeHead(status, { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId }).end(xml);
    };
    const params = QueryParams.parse(
      req.method === 'POST' ? body.toString('utf8') : new URL(req.url ?? '/', 'http://x').search.slice(1),
    );
    const auth = authenticate(signed, 'ec2');
    if ('reason' in auth) {
      return sendXml(
        401,
        ec2ErrorResponse(
          'AuthFailure',
          `AWS was not able to validate the provided access credentials (${auth.reason})`,
          requestId,
        ),
      );
    }
    const context = contextFor(auth.region);
    const action = params.string('Action');
    try {
      if (!action) throw new ServiceError('MissingAction', 'The request must contain the parameter Action');
      if (params.string('Version') !== apiVersion)
        throw new ServiceError(
          'InvalidParameterValue',
          `Unsupported API version: ${params.string('Version') ?? '(none)'}`,
        );
      const handler = actions[action];
      if (!handler) throw new ServiceError('InvalidAction', `The action ${action} is not valid for this web service.`);
      if (params.string('DryRun') === 'true')
        throw new ServiceError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
      sendXml(200, ec2Response(action, requestId, await handler(params, context)));
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      sendXml(error.status, ec2ErrorResponse(error.code, error.message, requestId));
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${address}:${port}`,
    region: home,
    regions,
    ...credentials,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // SDK clients keep connections alive; without this, close() would wait for them.
      server.closeAllConnections();
      await closed;
      await Promise.all([...contexts.values()].map((context) => context.fleet.close()));
    },
  };
}
