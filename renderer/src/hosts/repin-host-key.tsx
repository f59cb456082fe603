import { useState } from 'react';
import type { HostInfo } from '../../../shared/index.js';
import { TextField } from '../forms/text-field.js';
import { attempt, noticeFailure } from '../state/core-call.js';
import { applyHost, pushNotice } from '../state/store.js';

/**
 * Re-pinning a changed host key. The user must paste the fingerprint they got from the server's
 * owner: it has to match the key presented now, so a reflexive click cannot accept an attacker's
 * key. The core then logs in with exactly that key before saving it.
 */
export function RepinHostKey({
  host,
  presented,
  onDone,
}: {
  host: HostInfo;
  presented: string | null;
  onDone: () => void;
}) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const matches = presented !== null && typed.trim() === presented;
  const repin = async (): Promise<void> => {
    if (!presented) return;
    setBusy(true);
    const outcome = await attempt((api) => api.hosts.trustHostKey({ host: host.id, fingerprint: presented }));
    setBusy(false);
    if (!outcome.ok) return noticeFailure(`Could not trust the new key of ${host.name}`, outcome.failure);
    applyHost(outcome.value);
    pushNotice({ tone: 'info', title: `${host.name} trusts its new key`, message: presented, code: null });
    onDone();
  };
  if (!presented) return null;
  return (
    <div className="repin-host-key">
      <TextField
        label="Verified new fingerprint"
        value={typed}
        onChange={setTyped}
        testId="hostkey-repin-input"
        hint="Paste the SHA256 fingerprint the server's owner confirmed. It must match the presented key."
      />
      <button
        type="button"
        className="button button-danger"
        data-testid="hostkey-repin"
        disabled={!matches || busy}
        onClick={() => void repin()}
      >
        {busy ? 'Checking…' : 'Trust the new key'}
      </button>
    </div>
  );
}
