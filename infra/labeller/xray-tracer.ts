// Tracing with the AWS X-Ray SDK (docs/backend.md, "Tracing", says why this SDK and not
// OpenTelemetry). In Lambda, with active tracing, the runtime starts the invocation's segment and
// runs an X-Ray daemon; the SDK reads the trace header and sends each subsegment to the daemon
// over UDP (AWS_XRAY_DAEMON_ADDRESS) as soon as it closes.
import AWSXRay from 'aws-xray-sdk-core';
import type { Segment, Subsegment } from 'aws-xray-sdk-core';
import type { LabellerTracer } from './labeller';

/** Instruments an AWS SDK v3 client: each call becomes a subsegment of the current one. */
export function traced<T extends Parameters<typeof AWSXRay.captureAWSv3Client>[0]>(client: T): T {
  return AWSXRay.captureAWSv3Client(client);
}

/** Subsegments of the invocation's segment, one per labelled photo. */
export function xrayTracer(): LabellerTracer {
  return {
    inSpan: (name, work) =>
      AWSXRay.captureAsyncFunc(name, async (subsegment) => {
        try {
          return await work();
        } catch (error) {
          subsegment?.addError(error instanceof Error ? error : String(error));
          throw error;
        } finally {
          subsegment?.close();
        }
      }),
    traceId: () => {
      const current: Segment | Subsegment | undefined = AWSXRay.getSegment();
      const root = current && 'segment' in current ? current.segment : current;
      const id = (root as Segment | undefined)?.trace_id;
      // The SDK's placeholder for "no trace header" is 1-00000000-000000000000000000000000.
      return id && !/^1-0+-0+$/.test(id) ? id : null;
    },
  };
}
