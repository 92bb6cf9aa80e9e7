// A signed-in session for label tests: real SDK clients signing with credentials the local
// cloud's registry issued, as the identity pool would hand them out.
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { S3Client } from '@aws-sdk/client-s3';
import type { CloudSession } from '../../../main/aws/cloud-session';
import type { CredentialRegistry } from '../../local-cloud/credential-registry';

/** A CloudSession whose Rekognition client talks to `endpoint` (the stand-in, or a dead port). */
export function testSession(
  registry: CredentialRegistry,
  endpoint: string,
  region = 'us-east-1',
): CloudSession {
  const issued = registry.issue(`${region}:label-tester`, 3600);
  const credentials = {
    accessKeyId: issued.accessKeyId,
    secretAccessKey: issued.secretAccessKey,
    sessionToken: issued.sessionToken,
    expiration: issued.expiration,
  };
  // As in createCloudSession: no SDK retries, the label queue retries by itself.
  const rekognition = new RekognitionClient({ endpoint, region, credentials, maxAttempts: 1 });
  const s3 = new S3Client({ endpoint, region, credentials, maxAttempts: 1, forcePathStyle: true });
  return {
    bucket: 'shoebox-test',
    s3,
    rekognition,
    identityId: async () => issued.identityId,
    dispose() {
      rekognition.destroy();
      s3.destroy();
    },
  };
}
