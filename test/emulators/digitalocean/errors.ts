import type { ServerResponse } from 'node:http';

/** A failure as DigitalOcean documents it: HTTP status + `{"id", "message", "request_id"}`. */
export class DigitalOceanFault extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = () =>
  new DigitalOceanFault(404, 'not_found', 'The resource you were accessing could not be found.');
export const unprocessable = (message: string) => new DigitalOceanFault(422, 'unprocessable_entity', message);

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = status === 204 ? '' : JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(text);
}

export function sendFault(response: ServerResponse, fault: DigitalOceanFault, requestId: string): void {
  sendJson(response, fault.status, { id: fault.id, message: fault.message, request_id: requestId });
}
