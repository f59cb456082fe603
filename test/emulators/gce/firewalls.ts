import { alreadyExists, invalid, notFound } from './errors.js';
import { isValidName, numericId } from './ids.js';
import type { OperationResource, Operations } from './operations.js';
import { compileFilter } from './filter.js';

/**
 * Firewall rules as records: what Crossdock opens and on which target tags. The rig's network
 * does not filter traffic, so rules are kept and listed, not enforced (documented in README).
 */
export class Firewalls {
  private readonly byName = new Map<string, Record<string, unknown>>();

  constructor(
    private readonly projectUrl: string,
    private readonly projectPath: string,
    private readonly operations: Operations,
  ) {}

  insert(body: Record<string, unknown>): OperationResource {
    const name = body.name;
    if (!isValidName(name))
      throw invalid(
        `Invalid value for field 'resource.name': '${String(name)}'. Must be a match of regex '(?:[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?)'`,
      );
    if (this.byName.has(name)) throw alreadyExists(`${this.projectPath}/global/firewalls/${name}`);
    const allowed = body.allowed ?? [];
    if (
      !Array.isArray(allowed) ||
      allowed.some((rule) => typeof (rule as { IPProtocol?: unknown }).IPProtocol !== 'string')
    ) {
      throw invalid("Invalid value for field 'resource.allowed': every rule needs IPProtocol.");
    }
    const selfLink = `${this.projectUrl}/global/firewalls/${name}`;
    const id = numericId();
    const rule: Record<string, unknown> = {
      kind: 'compute#firewall',
      id,
      creationTimestamp: new Date().toISOString(),
      name,
      description: body.description ?? '',
      network: body.network ?? `${this.projectUrl}/global/networks/default`,
      priority: body.priority ?? 1000,
      direction: body.direction ?? 'INGRESS',
      sourceRanges: body.sourceRanges ?? ['0.0.0.0/0'],
      allowed,
      ...(Array.isArray(body.targetTags) ? { targetTags: body.targetTags } : {}),
      disabled: body.disabled ?? false,
      selfLink,
    };
    return this.operations.start({ projectUrl: this.projectUrl }, 'insert', selfLink, id, async () => {
      this.byName.set(name, rule);
    });
  }

  get(name: string): Record<string, unknown> {
    const rule = this.byName.get(name);
    if (!rule) throw notFound(`${this.projectPath}/global/firewalls/${name}`);
    return rule;
  }

  list(filter: string | undefined): Record<string, unknown> {
    const matches = compileFilter(filter);
    return {
      kind: 'compute#firewallList',
      id: `${this.projectPath}/global/firewalls`,
      items: [...this.byName.values()].filter(matches),
      selfLink: `${this.projectUrl}/global/firewalls`,
    };
  }

  delete(name: string): OperationResource {
    const rule = this.get(name);
    return this.operations.start(
      { projectUrl: this.projectUrl },
      'delete',
      String(rule.selfLink),
      String(rule.id),
      async () => {
        this.byName.delete(name);
      },
    );
  }
}
