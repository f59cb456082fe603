/**
 * A small XML writer for EC2 Query responses. EC2 wraps lists in a `…Set` element of `item`
 * children; `items()` builds those.
 */

/** An element tree: text, nested elements, or lists (rendered as repeated `item`s by items()). */
export type XmlValue = string | number | boolean | XmlElement[] | { [name: string]: XmlValue | undefined };
/** One element: a name and its content. */
export interface XmlElement {
  name: string;
  value: XmlValue | undefined;
}

/** The namespace every EC2 response of API version 2016-11-15 declares. */
export const ec2Namespace = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** Escapes text for element content. */
export function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  );
}

/** A list in EC2's shape: `<item>…</item>` children (put it under the `…Set` name). */
export function items(values: readonly XmlValue[]): XmlElement[] {
  return values.map((value) => ({ name: 'item', value }));
}

function render(value: XmlValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return escapeXml(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((e) => element(e.name, e.value)).join('');
  return Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .map(([name, v]) => element(name, v))
    .join('');
}

function element(name: string, value: XmlValue | undefined): string {
  return `<${name}>${render(value)}</${name}>`;
}

/** `<ActionResponse xmlns=…><requestId>…</requestId>…</ActionResponse>` as EC2 sends it. */
export function ec2Response(action: string, requestId: string, body: { [name: string]: XmlValue | undefined }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${ec2Namespace}"><requestId>${requestId}</requestId>${render(body)}</${action}Response>`;
}

/** EC2's error document (note `RequestID`, unlike the success shape's `requestId`). */
export function ec2ErrorResponse(code: string, message: string, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`;
}
