import type { SshConfigHost } from '../../../shared/index.js';

/** Most people keep a handful of Host entries; past this many the row only gets in the way. */
const MAX_SHOWN = 12;

/** Hosts from ~/.ssh/config as one-click prefills of the form. */
export function SshSuggestions({
  hosts,
  onPick,
}: {
  hosts: readonly SshConfigHost[];
  onPick: (host: SshConfigHost) => void;
}) {
  if (hosts.length === 0) return null;
  return (
    <div className="ssh-suggestions" data-testid="ssh-suggestions">
      <p className="form-hint">From ~/.ssh/config:</p>
      <div className="choice-row">
        {hosts.slice(0, MAX_SHOWN).map((host) => (
          <button
            key={`${host.alias}|${host.hostName}`}
            type="button"
            className="chip"
            data-testid="ssh-suggestion"
            title={`${host.user ? `${host.user}@` : ''}${host.hostName}${host.port ? `:${host.port}` : ''}`}
            onClick={() => onPick(host)}
          >
            {host.alias}
          </button>
        ))}
      </div>
    </div>
  );
}
