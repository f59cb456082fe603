import type { AddProviderArgs } from '../../../shared/index.js';
import { providersSchemas } from '../../../shared/api/machines.js';

/**
 * The add-provider form as typed. It holds secrets (the AWS secret access key, the GCE
 * service-account key), so it lives only in the dialog's own state, never in the store.
 */
export interface AddProviderForm {
  kind: 'aws' | 'gcp' | 'hetzner' | 'digitalocean';
  name: string;
  /** AWS: a region (eu-west-1). GCE: a zone (europe-west1-b). Hetzner: a location (fsn1). DigitalOcean: a region (fra1). */
  region: string;
  endpoint: string;
  awsCredentials: 'keys' | 'profile';
  accessKeyId: string;
  secretAccessKey: string;
  profile: string;
  serviceAccountJson: string;
  /** Hetzner Cloud: the project's API token. DigitalOcean: a personal access token. */
  token: string;
}

export type AddProviderField =
  | 'name'
  | 'region'
  | 'endpoint'
  | 'accessKeyId'
  | 'secretAccessKey'
  | 'profile'
  | 'serviceAccountJson'
  | 'token';
export type AddProviderProblems = Partial<Record<AddProviderField, string>>;

export const EMPTY_ADD_PROVIDER_FORM: AddProviderForm = {
  kind: 'aws',
  name: '',
  region: '',
  endpoint: '',
  awsCredentials: 'keys',
  accessKeyId: '',
  secretAccessKey: '',
  profile: '',
  serviceAccountJson: '',
  token: '',
};

/** What to say about a field the contract's schema refused: words for a person, not zod's. */
const WORDS: Record<AddProviderField, { empty: string; wrong: string }> = {
  name: {
    empty: 'Give the provider a name.',
    wrong: 'Use letters, digits, ".", "_" or "-", starting with a letter or digit (at most 63).',
  },
  region: { empty: 'Give the region.', wrong: 'An AWS region looks like eu-west-1.' },
  endpoint: { empty: '', wrong: 'An http:// or https:// address, or leave it empty for the provider’s own.' },
  accessKeyId: {
    empty: 'Give the access key ID.',
    wrong: 'An access key ID is capital letters and digits, such as AKIAIOSFODNN7EXAMPLE.',
  },
  secretAccessKey: {
    empty: 'Give the secret access key.',
    wrong: 'That is too short for a secret access key (40 characters); paste it whole.',
  },
  profile: {
    empty: 'Give the profile name.',
    wrong: 'A profile name from ~/.aws/credentials, at most 100 characters.',
  },
  serviceAccountJson: {
    empty: 'Paste the service-account key, or pick its file.',
    wrong: 'That key is too large; pick the service account’s JSON key file.',
  },
  token: {
    empty: 'Give the API token.',
    wrong: 'A Hetzner Cloud API token is 64 letters and digits (Security → API tokens in the project).',
  },
};

/** Words for the fields whose meaning depends on the cloud, where they differ from {@link WORDS}. */
const WORDS_BY_KIND: Partial<
  Record<AddProviderForm['kind'], Partial<Record<AddProviderField, { empty: string; wrong: string }>>>
> = {
  gcp: { region: { empty: 'Give the zone, such as europe-west1-b.', wrong: 'Give the zone, such as europe-west1-b.' } },
  hetzner: {
    region: {
      empty: 'Give the location, such as fsn1, nbg1, hel1 or ash.',
      wrong: 'Give the location, such as fsn1, nbg1, hel1 or ash.',
    },
  },
  digitalocean: {
    region: {
      empty: 'Give the region, such as fra1, ams3, nyc3 or sgp1.',
      wrong: 'A DigitalOcean region is a slug such as fra1, ams3, nyc3 or sgp1.',
    },
    token: {
      empty: 'Give the API token.',
      wrong: 'A DigitalOcean token is dop_v1_ and 64 hexadecimal digits (API → Tokens in the control panel).',
    },
  },
};

/** The form's field a schema issue is about (`credentials.accessKeyId` → `accessKeyId`). */
function fieldOf(path: readonly PropertyKey[]): AddProviderField | null {
  const last = path.at(-1);
  return typeof last === 'string' && last in WORDS ? (last as AddProviderField) : null;
}

/** A GCE key is a JSON object with the account's e-mail and private key; catch a wrong file early. */
function serviceAccountProblem(text: string): string | null {
  if (text.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'This is not JSON. Use the key file Google Cloud gives for the service account (Keys → Add key → JSON).';
  }
  const key = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  if (typeof key.client_email !== 'string' || typeof key.private_key !== 'string') {
    return 'This JSON is not a service-account key: it has no client_email and private_key.';
  }
  return null;
}

/** The arguments for `providers.add` as the form says them, before any check. */
export function addProviderArgs(form: AddProviderForm): unknown {
  const endpoint = form.endpoint.trim();
  const common = { name: form.name, region: form.region.trim(), ...(endpoint ? { endpoint } : {}) };
  if (form.kind === 'gcp') return { kind: 'gcp', ...common, serviceAccountJson: form.serviceAccountJson };
  if (form.kind === 'hetzner' || form.kind === 'digitalocean')
    return { kind: form.kind, ...common, token: form.token.trim() };
  const credentials =
    form.awsCredentials === 'profile'
      ? { profile: form.profile.trim() }
      : { accessKeyId: form.accessKeyId.trim(), secretAccessKey: form.secretAccessKey.trim() };
  return { kind: 'aws', ...common, credentials };
}

/**
 * Checks the form with the contract's own schema (`providersSchemas.add`, the one the core
 * applies) and returns the arguments to send, or a problem per field.
 */
export function validateAddProvider(
  form: AddProviderForm,
): { args: AddProviderArgs } | { problems: AddProviderProblems } {
  const values: Record<AddProviderField, string> = {
    name: form.name,
    region: form.region,
    endpoint: form.endpoint,
    accessKeyId: form.accessKeyId,
    secretAccessKey: form.secretAccessKey,
    profile: form.profile,
    serviceAccountJson: form.serviceAccountJson,
    token: form.token,
  };
  const problems: AddProviderProblems = {};
  const result = providersSchemas.add.safeParse(addProviderArgs(form));
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = fieldOf(issue.path);
      if (!field || problems[field]) continue;
      const empty = values[field].trim() === '';
      const words = WORDS_BY_KIND[form.kind]?.[field] ?? WORDS[field];
      problems[field] = empty ? words.empty : words.wrong;
    }
    // An issue that names no field of this form would be a bug here; still never send the call.
    if (Object.keys(problems).length === 0) problems.name = result.error.issues[0]?.message ?? 'Check the form.';
  }
  if (form.kind === 'gcp' && !problems.serviceAccountJson) {
    const keyProblem = serviceAccountProblem(form.serviceAccountJson);
    if (keyProblem) problems.serviceAccountJson = keyProblem;
  }
  if (Object.keys(problems).length > 0 || !result.success) return { problems };
  return { args: result.data };
}
