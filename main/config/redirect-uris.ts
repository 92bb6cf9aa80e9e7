/**
 * The sign-in redirect URIs. Cognito matches callback URLs exactly, so these are constants
 * shared by the app and the CloudFormation template in infra/ (a test keeps them equal).
 */
export const loopbackRedirectPort = 17823;
export const loopbackRedirectUri = `http://localhost:${loopbackRedirectPort}/callback`;
export const schemeRedirectUri = 'shoebox://auth/callback';
export const loopbackSignOutUri = `http://localhost:${loopbackRedirectPort}/signed-out`;
export const schemeSignOutUri = 'shoebox://auth/signed-out';
