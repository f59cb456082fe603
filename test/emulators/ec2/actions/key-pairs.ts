import { createHash } from 'node:crypto';
import { ServiceError, requireParam } from '../errors.js';
import type { QueryParams } from '../query-protocol.js';
import { newId, type KeyPair } from '../state.js';
import { items } from '../xml.js';
import { tagSet, type ActionHandler } from './context.js';
import { checkFilterNames, matchesFilters, readFilters } from './filters.js';

/** Reads an OpenSSH public key line; null if it is not one. */
function parsePublicKey(line: string): { type: 'ed25519' | 'rsa'; blob: Buffer; line: string } | null {
  const [algorithm, data] = line.trim().split(/\s+/);
  const type = algorithm === 'ssh-ed25519' ? 'ed25519' : algorithm === 'ssh-rsa' ? 'rsa' : null;
  if (!type || !data) return null;
  const blob = Buffer.from(data, 'base64');
  // The blob starts with its own algorithm name (uint32 length + string): a cheap sanity check.
  if (blob.length < 4 || blob.subarray(4, 4 + blob.readUInt32BE(0)).toString('latin1') !== algorithm) return null;
  return { type, blob, line: `${algorithm} ${data}` };
}

/**
 * EC2's fingerprint of an imported key: base64 SHA-256 for ed25519; for RSA an MD5 in
 * colon-separated hex (EC2 hashes the DER form; the blob is close enough for a test double).
 */
function fingerprintOf(type: 'ed25519' | 'rsa', blob: Buffer): string {
  if (type === 'ed25519') return createHash('sha256').update(blob).digest('base64');
  return createHash('md5')
    .update(blob)
    .digest('hex')
    .replace(/(..)(?!$)/g, '$1:');
}

const importKeyPair: ActionHandler = (params, context) => {
  const keyName = requireParam(params.string('KeyName'), 'KeyName');
  // PublicKeyMaterial is a blob, so the Query protocol carries it base64-encoded.
  const material = Buffer.from(
    requireParam(params.string('PublicKeyMaterial'), 'PublicKeyMaterial'),
    'base64',
  ).toString('utf8');
  const key = parsePublicKey(material);
  if (!key) throw new ServiceError('InvalidKey.Format', 'Key is not in valid OpenSSH public key format');
  if (context.state.keyPairs.has(keyName))
    throw new ServiceError('InvalidKeyPair.Duplicate', `The keypair '${keyName}' already exists.`);
  const pair: KeyPair = {
    keyPairId: newId('key'),
    keyName,
    keyType: key.type,
    publicKey: key.line,
    fingerprint: fingerprintOf(key.type, key.blob),
    createTime: new Date(),
  };
  context.state.keyPairs.set(keyName, pair);
  const tags = context.state.tagsOf(pair.keyPairId);
  for (const spec of params.structs('TagSpecification')) {
    for (const tag of spec.structs('Tag')) tags.set(tag.string('Key') ?? '', tag.string('Value') ?? '');
  }
  return { keyFingerprint: pair.fingerprint, keyName, keyPairId: pair.keyPairId, tagSet: items(tagSet(tags)) };
};

function selectKeyPairs(params: QueryParams, pairs: KeyPair[]): KeyPair[] {
  const names = params.strings('KeyName');
  const ids = params.strings('KeyPairId');
  const missingName = names.find((n) => !pairs.some((p) => p.keyName === n));
  if (missingName) throw new ServiceError('InvalidKeyPair.NotFound', `The key pair '${missingName}' does not exist`);
  const missingId = ids.find((id) => !pairs.some((p) => p.keyPairId === id));
  if (missingId) throw new ServiceError('InvalidKeyPair.NotFound', `The key pair ID '${missingId}' does not exist`);
  return pairs.filter(
    (p) => (names.length === 0 || names.includes(p.keyName)) && (ids.length === 0 || ids.includes(p.keyPairId)),
  );
}

const describeKeyPairs: ActionHandler = (params, context) => {
  const filters = readFilters(params);
  const bad = checkFilterNames(filters, ['key-name', 'key-pair-id', 'fingerprint', 'key-type']);
  if (bad) throw new ServiceError('InvalidParameterValue', `The filter '${bad}' is invalid`);
  const includePublicKey = params.string('IncludePublicKey') === 'true';
  const pairs = selectKeyPairs(params, [...context.state.keyPairs.values()]).filter((p) =>
    matchesFilters(
      filters,
      (name) =>
        ({
          'key-name': [p.keyName],
          'key-pair-id': [p.keyPairId],
          fingerprint: [p.fingerprint],
          'key-type': [p.keyType],
        })[name],
      context.state.tagsOf(p.keyPairId),
    ),
  );
  return {
    keySet: items(
      pairs.map((p) => ({
        keyPairId: p.keyPairId,
        keyFingerprint: p.fingerprint,
        keyName: p.keyName,
        keyType: p.keyType,
        tagSet: items(tagSet(context.state.tagsOf(p.keyPairId))),
        publicKey: includePublicKey ? p.publicKey : undefined,
        createTime: p.createTime.toISOString(),
      })),
    ),
  };
};

// EC2 answers success for a key pair that does not exist, so deleting is idempotent.
const deleteKeyPair: ActionHandler = (params, context) => {
  const name = params.string('KeyName');
  const id = params.string('KeyPairId');
  if (name === undefined && id === undefined)
    throw new ServiceError('MissingParameter', 'The request must contain the parameter KeyName or KeyPairId');
  const pair = [...context.state.keyPairs.values()].find((p) => p.keyName === name || p.keyPairId === id);
  if (pair) {
    context.state.keyPairs.delete(pair.keyName);
    context.state.tags.delete(pair.keyPairId);
  }
  return { return: true, keyPairId: pair?.keyPairId };
};

/** Key pair actions by name. */
export const keyPairActions: Record<string, ActionHandler> = {
  ImportKeyPair: importKeyPair,
  DescribeKeyPairs: describeKeyPairs,
  DeleteKeyPair: deleteKeyPair,
};
