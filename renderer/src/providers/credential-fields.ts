import type { AddProviderForm, AddProviderProblems } from './add-provider-form.js';

export interface CredentialFieldsProps {
  form: AddProviderForm;
  problems: AddProviderProblems;
  update: (changes: Partial<AddProviderForm>) => void;
}
