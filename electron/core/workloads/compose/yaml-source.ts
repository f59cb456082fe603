import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { ComposeIssue } from '../../../../shared/index.js';

/** A path into the compose document: map keys and sequence indexes. */
export type DocPath = readonly (string | number)[];

/** The parsed compose text: its plain value, and where each path sits in the text. */
export interface YamlSource {
  /** The document as plain data (anchors and `<<` merge keys resolved); undefined when empty. */
  value: unknown;
  /** Syntax errors, with lines. */
  issues: ComposeIssue[];
  /**
   * Line and column of the node at `path`, or of the key of its last segment with `atKey`.
   * A path that leads into merged or aliased content resolves to the nearest node the text has.
   */
  locate(path: DocPath, atKey?: boolean): { line: number; column: number } | null;
}

/**
 * The yaml library's message without its own " at line L, column C:" and the excerpt after it:
 * the issue carries the line and column already, and a client shows them its own way.
 */
export function yamlReason(message: string, code: string): string {
  const first = message.split('\n')[0]?.trim() ?? '';
  const reason = first.replace(/\s+at line \d+, column \d+:?$/, '').replace(/:$/, '');
  return reason || code;
}

/** Parses YAML 1.2 (as docker compose does) keeping positions for every message. */
export function readYaml(text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, merge: true, uniqueKeys: true, prettyErrors: true });
  const issues: ComposeIssue[] = doc.errors.map((error) => {
    const position = error.linePos?.[0];
    return {
      path: '',
      line: position?.line ?? null,
      column: position?.col ?? null,
      message: `not valid YAML: ${yamlReason(error.message, error.code)}`,
      severity: 'error',
    };
  });
  let value: unknown;
  if (issues.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 1000 }) as unknown;
    } catch (error) {
      issues.push({
        path: '',
        line: null,
        column: null,
        message: `not valid YAML: ${error instanceof Error ? error.message : String(error)}`,
        severity: 'error',
      });
    }
  }
  return {
    value,
    issues,
    locate: (path, atKey = false) => {
      const node = nodeAt(doc, path, atKey);
      const offset = node?.range?.[0];
      if (offset === undefined) return null;
      const { line, col } = lineCounter.linePos(offset);
      return { line, column: col };
    },
  };
}

function nodeAt(doc: Document, path: DocPath, atKey: boolean): Node | null {
  let node: unknown = doc.contents;
  let found: Node | null = isNodeLike(node) ? node : null;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (isAlias(node)) node = node.resolve(doc);
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return found;
      if (last && atKey && isNodeLike(pair.key)) return pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
    } else {
      return found;
    }
    if (isNodeLike(node)) found = node;
    else return found;
  }
  return found;
}

function isNodeLike(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}
