/** Scheduled janitor: terminates expired probe instances and cleans the probe cluster. */
import { lambdaProbeDeps, probeTaskHandler } from '../shared/aws/probe/lambda-runtime';
import { runJanitor } from '../shared/probe/janitor';
import { metricsForJanitor } from '../shared/probe/metrics';

export const handler = probeTaskHandler(() => runJanitor(lambdaProbeDeps()), metricsForJanitor);
