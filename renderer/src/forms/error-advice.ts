import { errorAdvice, type ErrorAdvice, type ErrorDetails } from '../../../shared/index.js';

/**
 * The app's words for a remedy the core leaves to the client (ERROR_ADVICE): it names the option
 * in the form, where the CLI names its flag. Each completes the message's last clause.
 */
const APP_ADVICE: Record<ErrorAdvice, string> = {
  'auto-ports': 'or tick “Assign free ports when taken” and deploy again',
  'force-image-remove': 'or tick “Remove even if stopped containers use it”',
};

/** An error's message with the remedy its details name, worded for the app; said once. */
export function messageWithAdvice(error: { message: string; details?: ErrorDetails | undefined }): string {
  const advice = errorAdvice(error.details);
  return advice ? `${error.message} ${APP_ADVICE[advice]}` : error.message;
}
