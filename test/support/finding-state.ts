/** A finding state as the notifier records it: the HVM rule failing on a GPU compute environment. */
import type { FindingState } from '../../shared/notify/finding-state';

export const findingState = (overrides: Partial<FindingState> = {}): FindingState => ({
  accountId: '123456789012',
  region: 'us-east-1',
  computeEnvironment: 'gpu',
  amiId: 'ami-0badbadbadbadbad0',
  ruleId: 'image-hvm',
  status: 'FAIL',
  severity: 'critical',
  level: 'required',
  waived: false,
  title: 'HVM',
  message: 'paravirtual',
  routingTags: { team: 'ml' },
  firstSeenAt: '2026-11-28T04:00:00.000Z',
  observedAt: '2026-11-28T04:00:00.000Z',
  auditId: 'change-1',
  ...overrides,
});
