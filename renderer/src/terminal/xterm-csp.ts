import type { Terminal } from '@xterm/xterm';

/**
 * xterm.js 6's DOM renderer assumes it may inline CSS, which this window's CSP forbids
 * (`style-src 'self'`, no 'unsafe-inline'):
 *
 * 1. During `open()` it creates three `<style>` elements (theme colours, row dimensions, the
 *    scrollbar) and later writes their `textContent`. Here `open()` runs while
 *    `document.createElement('style')` hands out an inert stand-in (a <template>) whose
 *    `textContent` setter feeds a constructable stylesheet in `document.adoptedStyleSheets`.
 *    CSSOM is not inline CSS, so the CSP allows it and the browser reports no violation. The
 *    patch lasts only for the synchronous `open()` call; xterm creates no other style elements.
 * 2. For 24-bit colours it sets `style="color:#…"` attributes (`_addStyle` of its row factory).
 *    That method is swapped for one that sets the same declarations through `element.style`.
 *
 * (2) reaches a private member. It is checked at run time: if a later xterm renames it, true-
 * colour text falls back to the default colour and the e2e CSP check points here. The WebGL
 * addon would avoid both, but is not a dependency, and a software-rendered WebGL is slower here.
 */
export function openTerminalWithinCsp(terminal: Terminal, parent: HTMLElement): { dispose(): void } {
  const doc = parent.ownerDocument;
  const sheets: CSSStyleSheet[] = [];
  const own = Object.getOwnPropertyDescriptor(doc, 'createElement');
  const create = plainCreateElement();
  const patched = function createElement(
    this: Document,
    tagName: string,
    options?: ElementCreationOptions,
  ): HTMLElement {
    if (tagName.toLowerCase() === 'style') return styleStandIn(doc, sheets);
    return create.call(doc, tagName, options);
  };
  Object.defineProperty(doc, 'createElement', { value: patched, configurable: true, writable: true });
  try {
    terminal.open(parent);
  } finally {
    if (own) Object.defineProperty(doc, 'createElement', own);
    else delete (doc as { createElement?: unknown }).createElement;
  }
  patchRowStyles(terminal);
  return {
    dispose: () => {
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((sheet) => !sheets.includes(sheet));
    },
  };
}

/** `Document.prototype.createElement` without its overloads (read when called: tests import this file under Node). */
const plainCreateElement = (): ((this: Document, tagName: string, options?: ElementCreationOptions) => HTMLElement) =>
  Document.prototype.createElement;

function styleStandIn(doc: Document, sheets: CSSStyleSheet[]): HTMLElement {
  const element = plainCreateElement().call(doc, 'template');
  const sheet = new CSSStyleSheet();
  sheets.push(sheet);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  let text = '';
  const css = {
    get: () => text,
    set: (value: unknown) => sheet.replaceSync((text = String(value ?? ''))),
    configurable: true,
  };
  Object.defineProperty(element, 'textContent', css);
  Object.defineProperty(element, 'innerText', css);
  const remove = element.remove.bind(element);
  element.remove = () => {
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
    remove();
  };
  return element;
}

/** `color:#ff0000;background-color:#000` → [['color', '#ff0000'], ['background-color', '#000']]. */
export function parseDeclarations(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const part of text.split(';')) {
    const colon = part.indexOf(':');
    if (colon <= 0) continue;
    const name = part.slice(0, colon).trim();
    const value = part.slice(colon + 1).trim();
    if (name && value) out.push([name, value]);
  }
  return out;
}

interface RowFactory {
  _addStyle?: (element: HTMLElement, style: string) => void;
}

function patchRowStyles(terminal: Terminal): boolean {
  type Internals = { _core?: { _renderService?: { _renderer?: { value?: { _rowFactory?: RowFactory } } } } };
  const factory = (terminal as unknown as Internals)._core?._renderService?._renderer?.value?._rowFactory;
  if (!factory || typeof factory._addStyle !== 'function') return false;
  factory._addStyle = (element, style) => {
    for (const [name, value] of parseDeclarations(style)) element.style.setProperty(name, value);
  };
  return true;
}
