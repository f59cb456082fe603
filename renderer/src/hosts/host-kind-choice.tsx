interface HostKindChoiceProps {
  /** Over SSH (else the local Docker engine). */
  ssh: boolean;
  onSsh: () => void;
  onLocal: () => void;
}

/** How the new host reaches Docker: over SSH or the local engine. */
export function HostKindChoice({ ssh, onSsh, onLocal }: HostKindChoiceProps) {
  return (
    <fieldset className="field">
      <legend className="form-label">Reach Docker</legend>
      <div className="segmented">
        <label className="segmented-option">
          <input type="radio" name="host-kind" checked={ssh} data-testid="add-host-kind-ssh" onChange={onSsh} />
          <span>Over SSH</span>
        </label>
        <label className="segmented-option">
          <input type="radio" name="host-kind" checked={!ssh} data-testid="add-host-kind-local" onChange={onLocal} />
          <span>Local Docker engine</span>
        </label>
      </div>
    </fieldset>
  );
}
