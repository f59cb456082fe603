import { useState, type FormEvent } from 'react';
import type { AddHostArgs } from '../../../shared/index.js';
import { Dialog } from '../dialogs/dialog.js';
import { FormActions } from '../dialogs/form-actions.js';
import { TextField } from '../forms/text-field.js';
import { keysLive } from '../keys/key-actions.js';
import { errorIntent, type ErrorIntent } from '../state/error-intent.js';
import { pushNotice, useCrossdock } from '../state/store.js';
import { useLive, useLiveValue } from '../state/use-live.js';
import { AddHostProblem } from './add-host-problem.js';
import { keyForIdentityFile, validateAddHost } from './add-host-form.js';
import { addHost } from './host-actions.js';
import { HostKeyDialog } from './host-key-dialog.js';
import { HostKindChoice } from './host-kind-choice.js';
import { NewKeyDialog, type Extra } from './new-key-dialog.js';
import { addedMessage } from './host-status.js';
import { SshLoginFields } from './ssh-login-fields.js';
import { SshSuggestions } from './ssh-suggestions.js';
import { useAddHostForm } from './use-add-host-form.js';

/**
 * Adds a server over SSH or the local engine. The first connection may stop at the host key:
 * HOST_KEY_UNKNOWN opens a second dialog showing the fingerprint, and only a confirmed
 * fingerprint is sent back (`trust: {fingerprint}`), never a blanket trust-on-first-use.
 */
export function AddHostDialog({ onClose }: { onClose: () => void }) {
  const hosts = useCrossdock((state) => state.hosts);
  const keys = useCrossdock((state) => state.keys);
  const { form, problems, setProblems, picked, update, pick } = useAddHostForm(keys);
  const [intent, setIntent] = useState<ErrorIntent | null>(null);
  const [pending, setPending] = useState<AddHostArgs | null>(null);
  // A fingerprint the user confirmed stays confirmed for that address while the dialog is open,
  // so fixing the login (say, AUTH_FAILED) and retrying does not ask about the key again.
  const [trusted, setTrusted] = useState<{ endpoint: string; fingerprint: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [extra, setExtra] = useState<Extra>(null);

  useLive(keysLive);
  // Hosts from ~/.ssh/config; none when the core cannot read it (that is not worth a notice).
  const sshConfig = useLiveValue('ssh-config', (api) => api.keys.sshConfigHosts({}));
  const suggestions = sshConfig?.status === 'ready' ? sshConfig.value : [];

  const send = async (args: AddHostArgs): Promise<void> => {
    setBusy(true);
    const outcome = await addHost(args);
    setBusy(false);
    if (outcome.ok) {
      const host = outcome.value;
      pushNotice({ tone: 'info', title: `Added ${host.name}`, message: addedMessage(host), code: null });
      return onClose();
    }
    if (outcome.failure.silent) return;
    const next = errorIntent(outcome.failure);
    setIntent(next);
    if (next.kind === 'confirm-host-key') setPending(args);
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const result = validateAddHost(
      form,
      hosts.map((host) => host.name),
    );
    if ('problems' in result) return setProblems(result.problems);
    setIntent(null);
    const args = result.args;
    if (args.kind === 'ssh' && trusted?.endpoint === `${args.address}:${args.port}`)
      void send({ ...args, trust: { fingerprint: trusted.fingerprint } });
    else void send(args);
  };

  const unmatchedIdentity =
    picked?.identityFile && !keyForIdentityFile(picked.identityFile, keys ?? []) ? picked.identityFile : null;
  const ssh = form.kind === 'ssh';

  return (
    <Dialog title="Add a host" testId="add-host-dialog" onClose={onClose} size="large">
      <form className="dialog-body" onSubmit={submit} noValidate>
        <HostKindChoice
          ssh={ssh}
          onSsh={() => update({ kind: 'ssh' })}
          onLocal={() => update({ kind: 'local', name: form.name || 'local' })}
        />
        {ssh && <SshSuggestions hosts={suggestions} onPick={pick} />}
        <TextField
          label="Name"
          value={form.name}
          onChange={(name) => update({ name })}
          testId="add-host-name"
          autoFocus
          error={problems.name}
          hint="How the host is called in Crossdock, e.g. web-1."
        />
        {ssh ? (
          <SshLoginFields
            form={form}
            problems={problems}
            update={update}
            unmatchedIdentity={unmatchedIdentity}
            alias={picked?.alias}
            onGenerate={() => setExtra({ dialog: 'generate' })}
            onImport={(path) => setExtra(path ? { dialog: 'import', path } : { dialog: 'import' })}
          />
        ) : (
          <TextField
            label="Socket path (optional)"
            mono
            value={form.socketPath}
            onChange={(socketPath) => update({ socketPath })}
            testId="add-host-socket"
            placeholder="/var/run/docker.sock"
            hint="Leave empty for Docker’s default socket on this computer."
          />
        )}
        <AddHostProblem intent={intent} />
        <FormActions onCancel={onClose} label="Add host" testId="add-host-submit" busy={busy} busyLabel="Connecting…" />
      </form>
      {intent?.kind === 'confirm-host-key' && pending?.kind === 'ssh' && (
        <HostKeyDialog
          question={{
            host: intent.host ?? `${pending.user}@${pending.address}:${pending.port}`,
            fingerprint: intent.fingerprint,
            keyType: intent.keyType,
            knownFingerprints: intent.knownFingerprints,
            pinnedFor: intent.pinnedFor,
          }}
          onTrust={() => {
            setTrusted({ endpoint: `${pending.address}:${pending.port}`, fingerprint: intent.fingerprint });
            return send({ ...pending, trust: { fingerprint: intent.fingerprint } });
          }}
          onCancel={() => {
            setPending(null);
            setIntent({
              kind: 'message',
              message: 'The host was not added: its key was not trusted.',
              code: null,
              hint: null,
            });
          }}
        />
      )}
      <NewKeyDialog extra={extra} onClose={() => setExtra(null)} onKey={(key) => update({ keyId: key.id })} />
    </Dialog>
  );
}
