/** Scheduled janitor: terminates expired probe instances and cleans the probe cluster. */
import { ec2Port } from '../shared/aws/probe/ec2';
import { ecsPort } from '../shared/aws/probe/ecs';
import { probeDepsOnFirstUse, probeTaskHandler } from '../shared/aws/probe/lambda-runtime';
import { runJanitor } from '../shared/probe/janitor';
import { metricsForJanitor } from '../shared/probe/metrics';

const deps = probeDepsOnFirstUse({ ec2: ec2Port, ecs: ecsPort });

export const handler = probeTaskHandler(() => runJanitor(deps()), metricsForJanitor);
