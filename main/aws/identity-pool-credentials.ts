import type { fromCognitoIdentityPool } from '@aws-sdk/credential-providers';
import type { ShoeboxConfig } from '../config/shoebox-config';
import { cognitoEndpoints } from '../config/cognito-endpoints';
import { credentialProvidersSdk } from './aws-sdk';
import {
  awsRequestHandler,
  defaultNetworkTimeouts,
  type NetworkTimeouts,
} from './network-timeouts';

type IdentityPoolProvider = ReturnType<typeof fromCognitoIdentityPool>;

/**
 * AWS credentials for S3, Rekognition and Polly from the identity pool (enhanced flow), paid for
 * with the signed-in user's ID token. The SDK clients memoize them and fetch new ones before
 * they expire; each fetch asks `idToken()`, which refreshes the ID token first when needed. The
 * SDK's provider is made by the first fetch, when its package loads (aws-sdk.ts).
 */
export function identityPoolCredentials(
  config: ShoeboxConfig,
  idToken: () => Promise<string>,
  timeouts: NetworkTimeouts = defaultNetworkTimeouts,
): IdentityPoolProvider {
  let provider: Promise<IdentityPoolProvider> | null = null;
  const made = () =>
    (provider ??= credentialProvidersSdk().then(({ fromCognitoIdentityPool }) => {
      const { loginsKey } = cognitoEndpoints(config);
      return fromCognitoIdentityPool({
        identityPoolId: config.identityPoolId,
        logins: { [loginsKey]: idToken },
        clientConfig: {
          region: config.region,
          requestHandler: awsRequestHandler(timeouts),
          ...(config.endpoints?.cognitoIdentity
            ? { endpoint: config.endpoints.cognitoIdentity }
            : {}),
        },
      });
    }));
  return async (options) => (await made())(options);
}
