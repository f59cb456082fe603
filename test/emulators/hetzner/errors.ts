import type { ServerResponse } from 'node:http';

/** A failure as Hetzner documents it: HTTP status + `{"error": {"code", "message", "details"}}`. */
export class HetznerFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HetznerFault(404, 'not_found', `${what} not found`);
export const invalidInput = (message: string) => new HetznerFault(400, 'invalid_input', message);

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = status === 204 ? '' : JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(text);
}

export function sendFault(response: ServerResponse, fault: HetznerFault): void {
  sendJson(response, fault.status, { error: { code: fault.code, message: fault.message, details: {} } });
}
