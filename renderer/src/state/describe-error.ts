import { isErrorCode, type ErrorCode } from '../../../shared/index.js';

/** What a notice shows about a failed call: words for a person, never a dumped object. */
export interface ErrorDescription {
  message: string;
  code: ErrorCode | null;
}

/**
 * Errors from the typed client are CrossdockErrors (`{code, message, details}`); anything else
 * is a bug in the renderer. Duck-typed rather than `instanceof`, so an error that crossed a
 * realm boundary (the Electron bridge) is still recognised.
 */
export function describeError(error: unknown): ErrorDescription {
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' && message.trim() !== '' ? message : null;
    if (isErrorCode(code)) return { message: text ?? 'The Crossdock core reported an error.', code };
    if (text) return { message: text, code: null };
  }
  if (typeof error === 'string' && error.trim() !== '') return { message: error, code: null };
  return { message: 'Something went wrong in the Crossdock window.', code: null };
}
