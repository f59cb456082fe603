import type { Fleet } from '../instances.js';
import type { QueryParams } from '../query-protocol.js';
import type { Ec2State } from '../state.js';
import type { XmlValue } from '../xml.js';

/** What every action handler gets besides its parameters. */
export interface ActionContext {
  /** The state and fleet of the request's region (EC2 resources are regional). */
  state: Ec2State;
  fleet: Fleet;
  /** The region the request was signed for. */
  region: string;
  /** Every region the emulator serves (DescribeRegions). */
  regions: readonly string[];
  /** The emulated account id (owner of instances and groups). */
  accountId: string;
  /** The default VPC and subnet every instance and group belongs to. */
  vpcId: string;
  subnetId: string;
}

/** The body of an action's response (elements under `<ActionResponse>` besides requestId). */
export type ActionResult = { [name: string]: XmlValue | undefined };

/** One EC2 action. */
export type ActionHandler = (params: QueryParams, context: ActionContext) => ActionResult | Promise<ActionResult>;

/** Tags in EC2's `tagSet` shape. */
export function tagSet(tags: Map<string, string>): XmlValue[] {
  return [...tags].map(([key, value]) => ({ key, value }));
}
