import { z } from 'zod';

/** What survives a restart: the refresh token and enough of the profile to greet the user offline. */
const storedSessionSchema = z.object({
  version: z.literal(1),
  /** The backend it belongs to: a session is never sent to another pool's token endpoint. */
  issuer: z.string().min(1),
  clientId: z.string().min(1),
  refreshToken: z.string().min(1),
  sub: z.string().min(1),
  nickname: z.string(),
  email: z.string().nullable(),
});
export type StoredSession = z.infer<typeof storedSessionSchema>;

export function encodeSession(session: Omit<StoredSession, 'version'>): string {
  return JSON.stringify({ version: 1, ...session });
}

/** A damaged or foreign secret is treated as no session, never as a crash. */
export function decodeSession(secret: string | null): StoredSession | null {
  if (!secret) return null;
  try {
    const parsed = storedSessionSchema.safeParse(JSON.parse(secret));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
