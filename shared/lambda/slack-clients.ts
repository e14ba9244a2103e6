/**
 * The Slack notifier's AWS clients, created once per container without any network call. Kept
 * apart from clients.ts so its bundle carries only SSM and Secrets Manager.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { clientConfig } from '../aws/client-config';
import type { WebhookClients } from '../aws/slack-webhook-url';

const config = clientConfig();

export const webhookClients: WebhookClients = {
  ssm: new SSMClient(config),
  secrets: new SecretsManagerClient(config),
};
