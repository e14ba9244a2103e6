/**
 * Reads the Slack incoming webhook URL from where the stack keeps it, an SSM SecureString
 * parameter or a Secrets Manager secret; configuration holds only the parameter's name or the
 * secret's ARN, never the URL. Errors never echo the value: it is a credential.
 *
 * IAM: ssm:GetParameter on the webhook parameter (a SecureString under the AWS managed aws/ssm
 * key needs no KMS grant; a customer managed key needs kms:Decrypt), or
 * secretsmanager:GetSecretValue on the webhook secret.
 */
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { InvalidInputError } from '../errors';
import { call } from './errors';

/** Where the webhook URL is kept. */
export type WebhookSource =
  | { readonly kind: 'ssm'; readonly parameterName: string }
  | { readonly kind: 'secretsmanager'; readonly secretArn: string };

/** The clients {@link readWebhookUrl} may call (only the one the source needs is used). */
export interface WebhookClients {
  readonly ssm: SSMClient;
  readonly secrets: SecretsManagerClient;
}

/**
 * The webhook URL kept at `source`.
 *
 * @throws InvalidInputError when the stored value is not an https URL (http is accepted only on
 *   the loopback interface, for a local stand-in), without repeating the value.
 */
export async function readWebhookUrl(source: WebhookSource, clients: WebhookClients): Promise<URL> {
  const value =
    source.kind === 'ssm'
      ? (
          await call('ssm:GetParameter', () =>
            clients.ssm.send(
              new GetParameterCommand({ Name: source.parameterName, WithDecryption: true }),
            ),
          )
        ).Parameter?.Value
      : (
          await call('secretsmanager:GetSecretValue', () =>
            clients.secrets.send(new GetSecretValueCommand({ SecretId: source.secretArn })),
          )
        ).SecretString;
  return toWebhookUrl(value?.trim() ?? '', describe(source));
}

function toWebhookUrl(value: string, where: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidInputError(
      `${where} does not hold a URL (expected a Slack incoming webhook URL)`,
    );
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new InvalidInputError(`${where} holds a ${url.protocol} URL; a Slack webhook is https`);
  }
  return url;
}

function describe(source: WebhookSource): string {
  return source.kind === 'ssm'
    ? `SSM parameter ${source.parameterName}`
    : `Secrets Manager secret ${source.secretArn}`;
}
