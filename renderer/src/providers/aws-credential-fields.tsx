import { Segmented } from '../forms/segmented.js';
import { TextField } from '../forms/text-field.js';
import type { CredentialFieldsProps } from './credential-fields.js';

/** An AWS account's credentials: an access key typed here, or a profile from ~/.aws read by the core. */
export function AwsCredentialFields({ form, problems, update }: CredentialFieldsProps) {
  return (
    <>
      <Segmented
        legend="Credentials"
        name="aws-credentials"
        value={form.awsCredentials}
        options={[
          { value: 'keys', label: 'Access key' },
          { value: 'profile', label: 'Profile from ~/.aws' },
        ]}
        onChange={(awsCredentials) => update({ awsCredentials })}
      />
      {form.awsCredentials === 'keys' ? (
        <div className="form-pair">
          <TextField
            label="Access key ID"
            mono
            value={form.accessKeyId}
            onChange={(accessKeyId) => update({ accessKeyId })}
            testId="add-provider-access-key-id"
            error={problems.accessKeyId}
            placeholder="AKIA…"
          />
          <TextField
            label="Secret access key"
            type="password"
            value={form.secretAccessKey}
            onChange={(secretAccessKey) => update({ secretAccessKey })}
            testId="add-provider-secret-access-key"
            error={problems.secretAccessKey}
            autoComplete="off"
          />
        </div>
      ) : (
        <TextField
          label="Profile"
          mono
          value={form.profile}
          onChange={(profile) => update({ profile })}
          testId="add-provider-profile"
          error={problems.profile}
          placeholder="default"
          hint="A profile in ~/.aws/credentials or ~/.aws/config on the computer that runs the Crossdock core; it is read there, each time it is needed."
        />
      )}
    </>
  );
}
