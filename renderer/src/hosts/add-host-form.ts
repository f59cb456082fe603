import type { AddHostArgs, SshConfigHost, SshKeyInfo } from '../../../shared/index.js';

/** The add-host form as typed: strings, so a half-typed port is not lost. */
export interface AddHostForm {
  kind: 'ssh' | 'local';
  name: string;
  address: string;
  port: string;
  user: string;
  keyId: string;
  socketPath: string;
}

export type AddHostField = Exclude<keyof AddHostForm, 'kind'>;
export type FormProblems = Partial<Record<AddHostField, string>>;

export const EMPTY_ADD_HOST_FORM: AddHostForm = {
  kind: 'ssh',
  name: '',
  address: '',
  port: '22',
  user: 'root',
  keyId: '',
  socketPath: '',
};

// The same rules as the contract's zod schemas, checked here to point at the field in question.
const HOST_NAME = /^[a-zA-Z0-9][\w.-]*$/;
const USER = /^[a-z_][a-z0-9_.-]*\$?$/i;
const ADDRESS = /^[^\s@/]+$/;

/** Checks the form and builds the `hosts.add` arguments, or says what to fix, field by field. */
export function validateAddHost(
  form: AddHostForm,
  takenNames: readonly string[] = [],
): { args: AddHostArgs } | { problems: FormProblems } {
  const problems: FormProblems = {};
  const name = form.name.trim();
  if (name === '') problems.name = 'Give the host a name.';
  else if (name.length > 63 || !HOST_NAME.test(name))
    problems.name = 'Use letters, digits, ".", "_" or "-", starting with a letter or digit (at most 63).';
  else if (takenNames.some((taken) => taken.toLowerCase() === name.toLowerCase()))
    problems.name = `A host named ${name} already exists.`;

  if (form.kind === 'local') {
    if (Object.keys(problems).length > 0) return { problems };
    const socketPath = form.socketPath.trim();
    return { args: { kind: 'local', name, ...(socketPath ? { socketPath } : {}) } };
  }

  const address = form.address.trim();
  if (address === '') problems.address = 'Give the server’s host name or IP address.';
  else if (address.length > 253 || !ADDRESS.test(address))
    problems.address = 'Only the host name or IP address, without user@ or a path.';
  const port = Number(form.port.trim());
  if (!/^\d+$/.test(form.port.trim()) || port < 1 || port > 65535) problems.port = 'A port from 1 to 65535.';
  const user = form.user.trim();
  if (user === '' || user.length > 64 || !USER.test(user)) problems.user = 'A user name such as root or ubuntu.';
  if (form.keyId === '') problems.keyId = 'Pick the key to log in with, or generate one.';
  if (Object.keys(problems).length > 0) return { problems };
  return { args: { kind: 'ssh', name, address, port, user, keyId: form.keyId } };
}

/**
 * Splits what people paste into the address field: `deploy@10.0.0.5:2222`, `[2001:db8::1]:22`
 * or a bare address. Fields the text does not mention are left out.
 */
export function splitAddress(text: string): { address: string; user?: string; port?: string } {
  let rest = text.trim().replace(/^ssh:\/\//, '');
  let user: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at > 0) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
  }
  let port: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (bracketed) {
    rest = bracketed[1] ?? rest;
    port = bracketed[2];
  } else if ((rest.match(/:/g) ?? []).length === 1) {
    const [host, maybePort] = rest.split(':');
    if (host && maybePort && /^\d+$/.test(maybePort)) {
      rest = host;
      port = maybePort;
    }
  }
  return { address: rest, ...(user ? { user } : {}), ...(port ? { port } : {}) };
}

/** A host name for the inventory from an alias or address: `web-1.example.com` → `web-1.example.com`, `my box` → `my-box`. */
export function hostNameFrom(text: string): string {
  return text
    .trim()
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[^a-zA-Z0-9]+/, '')
    .slice(0, 63);
}

/** The key an ~/.ssh/config IdentityFile refers to, when one was imported under its file name. */
export function keyForIdentityFile(identityFile: string | undefined, keys: readonly SshKeyInfo[]): SshKeyInfo | null {
  if (!identityFile) return null;
  const base = identityFile.split(/[\\/]/).pop() ?? '';
  return keys.find((key) => key.name === base) ?? null;
}

/** Prefills the form from an ~/.ssh/config entry, keeping the chosen key unless the entry names another one we hold. */
export function formFromSuggestion(
  form: AddHostForm,
  suggestion: SshConfigHost,
  keys: readonly SshKeyInfo[],
): AddHostForm {
  const key = keyForIdentityFile(suggestion.identityFile, keys);
  return {
    ...form,
    kind: 'ssh',
    name: hostNameFrom(suggestion.alias),
    address: suggestion.hostName,
    port: String(suggestion.port ?? 22),
    user: suggestion.user ?? form.user,
    keyId: key?.id ?? form.keyId,
  };
}
