import { describe, expect, it } from 'vitest';
import {
  loopbackRedirectUri,
  loopbackSignOutUri,
  schemeRedirectUri,
  schemeSignOutUri,
} from '../../../main/config/redirect-uris';
import { StackEvaluator, referencedNames } from './evaluate-intrinsics';
import { loadBackendTemplate, parseTemplate } from './load-template';

const template = loadBackendTemplate();

function properties(name: string, type: string): Record<string, unknown> {
  const resource = template.Resources[name];
  expect(resource?.Type, `resource ${name}`).toBe(type);
  return resource?.Properties ?? {};
}

const pseudo = { 'AWS::Region': 'eu-west-1', 'AWS::StackName': 'shoebox', 'AWS::Partition': 'aws' };
const withoutAmazon = new StackEvaluator(template, {
  parameters: { DomainPrefix: 'shoebox-xyz' },
  refs: pseudo,
});
const withAmazon = new StackEvaluator(template, {
  parameters: {
    DomainPrefix: 'shoebox-xyz',
    LoginWithAmazonClientId: 'amzn1.application-oa2-client.abc',
    LoginWithAmazonClientSecret: 'secret',
  },
  refs: { ...pseudo, LoginWithAmazonProvider: 'LoginWithAmazon' },
});

describe('the backend template', () => {
  it('parses with CloudFormation short-form tags and refuses tags it does not know', () => {
    expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
    expect(() => parseTemplate('Resources:\n  X: !NotAFunction y\n')).toThrow(/!NotAFunction/);
  });

  it('refers only to parameters, resources, pseudo parameters and conditions it defines', () => {
    const known = new Set([
      ...Object.keys(template.Parameters),
      ...Object.keys(template.Resources),
      'AWS::Region',
      'AWS::StackName',
      'AWS::Partition',
      'AWS::AccountId',
      'AWS::URLSuffix',
      'AWS::NoValue',
    ]);
    const { names, conditions } = referencedNames([template.Resources, template.Outputs]);
    expect([...names].filter((name) => !known.has(name))).toEqual([]);
    const defined = new Set(Object.keys(template.Conditions));
    expect([...conditions].filter((name) => !defined.has(name))).toEqual([]);
  });

  it('signs users in with their email, verified, and requires a nickname', () => {
    const pool = properties('UserPool', 'AWS::Cognito::UserPool');
    expect(pool.UsernameAttributes).toEqual(['email']);
    expect(pool.AutoVerifiedAttributes).toEqual(['email']);
    expect(pool.Schema).toContainEqual(
      expect.objectContaining({ Name: 'nickname', Required: true, AttributeDataType: 'String' }),
    );
    expect(pool.Policies).toMatchObject({ PasswordPolicy: { MinimumLength: 12 } });
  });

  it('lets only the owner create accounts unless self sign-up is asked for', () => {
    const pool = properties('UserPool', 'AWS::Cognito::UserPool');
    expect(withoutAmazon.evaluate(pool.AdminCreateUserConfig)).toEqual({
      AllowAdminCreateUserOnly: true,
    });
    const open = new StackEvaluator(template, {
      parameters: { DomainPrefix: 'shoebox-xyz', AllowSelfSignUp: 'true' },
      refs: pseudo,
    });
    expect(open.evaluate(pool.AdminCreateUserConfig)).toEqual({ AllowAdminCreateUserOnly: false });
  });

  it('serves the Hosted UI from the DomainPrefix parameter', () => {
    const domain = properties('UserPoolDomain', 'AWS::Cognito::UserPoolDomain');
    expect(domain).toEqual({ Domain: { Ref: 'DomainPrefix' }, UserPoolId: { Ref: 'UserPool' } });
  });
});

describe('the app client', () => {
  const client = properties('UserPoolClient', 'AWS::Cognito::UserPoolClient');

  it('has exactly the redirect and sign-out URIs the app uses', () => {
    expect(client.CallbackURLs).toEqual([loopbackRedirectUri, schemeRedirectUri]);
    expect(client.LogoutURLs).toEqual([loopbackSignOutUri, schemeSignOutUri]);
  });

  it('is a public authorization-code client with the OpenID scopes', () => {
    expect(client.GenerateSecret).toBe(false);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.AllowedOAuthScopes).toEqual(['openid', 'email', 'profile']);
  });

  it('revokes and rotates refresh tokens, without the flow rotation forbids', () => {
    expect(client.EnableTokenRevocation).toBe(true);
    expect(client.RefreshTokenRotation).toMatchObject({ Feature: 'ENABLED' });
    const grace = (client.RefreshTokenRotation as { RetryGracePeriodSeconds: number })
      .RetryGracePeriodSeconds;
    expect(grace).toBeGreaterThanOrEqual(0);
    expect(grace).toBeLessThanOrEqual(60);
    expect(client.ExplicitAuthFlows).not.toContain('ALLOW_REFRESH_TOKEN_AUTH');
  });

  it('sets token lifetimes with explicit units', () => {
    expect(client).toMatchObject({
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 30,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
    });
  });
});

describe('Login with Amazon', () => {
  const client = properties('UserPoolClient', 'AWS::Cognito::UserPoolClient');

  it('is left out when no client id is given', () => {
    expect(withoutAmazon.creates('LoginWithAmazonProvider')).toBe(false);
    expect(withoutAmazon.evaluate(client.SupportedIdentityProviders)).toEqual(['COGNITO']);
    expect(withoutAmazon.evaluate(template.Outputs.IdentityProviders?.Value)).toBe('COGNITO');
  });

  it('is created and offered when the client id and secret are given', () => {
    expect(withAmazon.creates('LoginWithAmazonProvider')).toBe(true);
    expect(withAmazon.evaluate(client.SupportedIdentityProviders)).toEqual([
      'COGNITO',
      'LoginWithAmazon',
    ]);
    expect(withAmazon.evaluate(template.Outputs.IdentityProviders?.Value)).toBe(
      'COGNITO,LoginWithAmazon',
    );
  });

  it('maps the Amazon profile onto the required attributes and keeps the secret out of logs', () => {
    const provider = properties(
      'LoginWithAmazonProvider',
      'AWS::Cognito::UserPoolIdentityProvider',
    );
    expect(provider).toMatchObject({
      ProviderName: 'LoginWithAmazon',
      ProviderType: 'LoginWithAmazon',
      AttributeMapping: { email: 'email', nickname: 'name' },
    });
    expect(template.Parameters.LoginWithAmazonClientSecret?.NoEcho).toBe(true);
  });

  it.each([
    ['the secret', { LoginWithAmazonClientId: 'amzn1.client' }],
    ['the client id', { LoginWithAmazonClientSecret: 'secret' }],
  ])('is left out when %s is missing: the provider needs both', (_missing, parameters) => {
    const half = new StackEvaluator(template, {
      parameters: { DomainPrefix: 'shoebox-xyz', ...parameters },
      refs: pseudo,
    });
    expect(half.creates('LoginWithAmazonProvider')).toBe(false);
    expect(half.evaluate(client.SupportedIdentityProviders)).toEqual(['COGNITO']);
  });
});

describe('the identity pool', () => {
  const pool = properties('IdentityPool', 'AWS::Cognito::IdentityPool');

  it('admits only signed-in users of this user pool, through the enhanced flow', () => {
    expect(pool.AllowUnauthenticatedIdentities).toBe(false);
    expect(pool.AllowClassicFlow).toBe(false);
    expect(pool.CognitoIdentityProviders).toEqual([
      expect.objectContaining({
        ProviderName: { 'Fn::GetAtt': ['UserPool', 'ProviderName'] },
        ClientId: { Ref: 'UserPoolClient' },
      }),
    ]);
  });

  it('attaches the authenticated role and no other', () => {
    const attachment = properties('IdentityPoolRoles', 'AWS::Cognito::IdentityPoolRoleAttachment');
    expect(attachment).toEqual({
      IdentityPoolId: { Ref: 'IdentityPool' },
      Roles: { authenticated: { 'Fn::GetAtt': ['AuthenticatedRole', 'Arn'] } },
    });
  });
});
