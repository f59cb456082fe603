// Reading instances: by the crossdock tag (paged), or one by id, limited to the ones Crossdock
// made, so the provider never reports or touches a machine it did not create.
import { DescribeInstancesCommand, type EC2Client, type Filter, type Instance } from '@aws-sdk/client-ec2';
import { awsErrorName } from './errors.js';
import { isManaged, TAGS } from './instance.js';

/** Instances that still exist as machines (shutting-down and terminated ones are gone). */
export const LIVE_STATES: Filter = {
  Name: 'instance-state-name',
  Values: ['pending', 'running', 'stopping', 'stopped'],
};
/** Instances Crossdock created. */
export const MANAGED: Filter = { Name: `tag:${TAGS.managed}`, Values: [TAGS.managedValue] };

/** Every instance matching the filters, following NextToken. */
export async function describeInstances(ec2: EC2Client, filters: Filter[], signal?: AbortSignal): Promise<Instance[]> {
  const found: Instance[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ec2.send(
      new DescribeInstancesCommand({ Filters: filters, MaxResults: 100, ...(NextToken ? { NextToken } : {}) }),
      signal ? { abortSignal: signal } : {},
    );
    found.push(...(page.Reservations ?? []).flatMap((r) => r.Instances ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return found;
}

/** The managed instance with that id (terminated ones too, while EC2 lists them), or null. */
export async function describeManaged(ec2: EC2Client, id: string, signal?: AbortSignal): Promise<Instance | null> {
  try {
    const out = await ec2.send(
      new DescribeInstancesCommand({ InstanceIds: [id] }),
      signal ? { abortSignal: signal } : {},
    );
    const instance = out.Reservations?.[0]?.Instances?.[0];
    return instance && isManaged(instance) ? instance : null;
  } catch (error) {
    if (['InvalidInstanceID.NotFound', 'InvalidInstanceID.Malformed'].includes(awsErrorName(error) ?? '')) return null;
    throw error;
  }
}
