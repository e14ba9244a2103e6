/** Links into the AWS console, for the person reading an alert on a phone. */

/** The console's host for the partition an ARN or region belongs to. */
function consoleHost(region: string, arn?: string): string {
  const partition = arn?.split(':')[1] ?? (region.startsWith('cn-') ? 'aws-cn' : 'aws');
  if (partition === 'aws-cn') return 'console.amazonaws.cn';
  if (partition === 'aws-us-gov' || region.startsWith('us-gov-')) {
    return 'console.amazonaws-us-gov.com';
  }
  return 'console.aws.amazon.com';
}

/**
 * The compute environment's page in the AWS Batch console, or the list of compute environments
 * when its ARN is unknown.
 *
 * @example
 * computeEnvironmentUrl('us-east-1', 'arn:aws:batch:us-east-1:123456789012:compute-environment/gpu')
 * // 'https://us-east-1.console.aws.amazon.com/batch/home?region=us-east-1#compute-environments/detail/arn%3Aaws%3Abatch%3A…'
 */
export function computeEnvironmentUrl(region: string, arn?: string): string {
  const base = `https://${region}.${consoleHost(region, arn)}/batch/home?region=${region}#compute-environments`;
  return arn ? `${base}/detail/${encodeURIComponent(arn)}` : base;
}

/** The AMI's page in the EC2 console. */
export function amiUrl(region: string, amiId: string): string {
  return `https://${region}.${consoleHost(region)}/ec2/home?region=${region}#ImageDetails:imageId=${amiId}`;
}
