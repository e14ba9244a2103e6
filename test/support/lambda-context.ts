/** A Lambda context and environment for invoking handlers in tests. */
import type { Context } from 'aws-lambda';

/**
 * The environment the audit functions read (serverless.yml), their AWS calls sent to `endpoint`
 * (a moto_server) and Powertools quiet. Assign it to process.env before importing a handler.
 */
export function lambdaEnvironment(endpoint: string, alertTopicArn: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    ALERT_TOPIC_ARN: alertTopicArn,
    POWERTOOLS_SERVICE_NAME: 'batch-ami-auditor',
    POWERTOOLS_METRICS_NAMESPACE: 'BatchAmiAuditor',
    POWERTOOLS_LOG_LEVEL: 'CRITICAL',
    POWERTOOLS_METRICS_DISABLED: 'true',
  };
}

export function lambdaContext(functionName: string, accountId = '123456789012'): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:${accountId}:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: `req-${Math.random().toString(16).slice(2)}`,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'test',
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
