// The reasons the identity module (accounts, sessions, invitations, API keys, access) gives in
// `extensions.reason`, with their messages in German and English (GraphQL enum
// IdentityErrorReason). Some reasons have a wording per situation; `text` takes it.
import type { LocalizedText } from '../core/errors/app-error';
import { declareErrorReasons } from '../core/errors/error-reasons';

export enum IdentityReason {
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  WRONG_PASSWORD = 'WRONG_PASSWORD',
  MALFORMED_CREDENTIALS = 'MALFORMED_CREDENTIALS',
  INVALID_API_KEY = 'INVALID_API_KEY',
  API_KEY_REVOKED = 'API_KEY_REVOKED',
  API_KEY_EXPIRED = 'API_KEY_EXPIRED',
  ALREADY_REVOKED = 'ALREADY_REVOKED',
  INVALID_TOKEN = 'INVALID_TOKEN',
  TOKEN_EXPIRED = 'TOKEN_EXPIRED',
  SESSION_ENDED = 'SESSION_ENDED',
  INVALID_REFRESH_TOKEN = 'INVALID_REFRESH_TOKEN',
  REFRESH_TOKEN_REUSE = 'REFRESH_TOKEN_REUSE',
  NO_REFRESH_TOKEN = 'NO_REFRESH_TOKEN',
  EMAIL_NOT_VERIFIED = 'EMAIL_NOT_VERIFIED',
  ALREADY_VERIFIED = 'ALREADY_VERIFIED',
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  SLUG_TAKEN = 'SLUG_TAKEN',
  FUNDER_SIGNUP_BY_INVITATION = 'FUNDER_SIGNUP_BY_INVITATION',
  HUMANS_ONLY = 'HUMANS_ONLY',
  LAST_OWNER = 'LAST_OWNER',
  ALREADY_MEMBER = 'ALREADY_MEMBER',
  INVITATION_PENDING = 'INVITATION_PENDING',
  INVITATION_NOT_PENDING = 'INVITATION_NOT_PENDING',
  INVITATION_ACCEPTED = 'INVITATION_ACCEPTED',
  INVITATION_EXPIRED = 'INVITATION_EXPIRED',
  INVITATION_REVOKED = 'INVITATION_REVOKED',
  SIGN_IN_AS_INVITEE = 'SIGN_IN_AS_INVITEE',
  LINK_INVALID = 'LINK_INVALID',
  LINK_USED = 'LINK_USED',
  LINK_EXPIRED = 'LINK_EXPIRED',
}

const say = (en: string, de: string) => () => ({ en, de });

export const identityErrors = declareErrorReasons(
  'IdentityErrorReason',
  'Why the identity module refused a sign-in, an account change, an invitation or an action (`extensions.reason`).',
  IdentityReason,
  {
    [IdentityReason.INVALID_CREDENTIALS]: {
      meaning: 'Email address or password is wrong.',
      text: (situation: 'signIn' | 'deleteAccount' = 'signIn') =>
        situation === 'signIn'
          ? { en: 'Email or password is wrong.', de: 'E-Mail-Adresse oder Passwort ist falsch.' }
          : {
              en: 'The password is wrong; the account was not deleted.',
              de: 'Das Passwort ist falsch; das Konto wurde nicht gelöscht.',
            },
    },
    [IdentityReason.WRONG_PASSWORD]: {
      meaning: 'The current password given is not the account’s password.',
      text: say('is not your current password', 'ist nicht das aktuelle Passwort'),
    },
    [IdentityReason.MALFORMED_CREDENTIALS]: {
      meaning: 'The Authorization header is not "Bearer <token>".',
      text: say(
        'The Authorization header must be "Bearer <token>".',
        'Der Authorization-Header muss "Bearer <Token>" lauten.',
      ),
    },
    [IdentityReason.INVALID_API_KEY]: {
      meaning: 'The API key is not valid.',
      text: say('This API key is not valid.', 'Dieser API-Schlüssel ist ungültig.'),
    },
    [IdentityReason.API_KEY_REVOKED]: {
      meaning: 'The API key was revoked.',
      text: say('This API key was revoked.', 'Dieser API-Schlüssel wurde widerrufen.'),
    },
    [IdentityReason.API_KEY_EXPIRED]: {
      meaning: 'The API key has expired.',
      text: say('This API key has expired.', 'Dieser API-Schlüssel ist abgelaufen.'),
    },
    [IdentityReason.ALREADY_REVOKED]: {
      meaning: 'The API key was revoked already.',
      text: say('This key is already revoked.', 'Dieser Schlüssel ist schon widerrufen.'),
    },
    [IdentityReason.INVALID_TOKEN]: {
      meaning: 'The access token is not valid.',
      text: say('Your access token is not valid.', 'Dein Zugangstoken ist ungültig.'),
    },
    [IdentityReason.TOKEN_EXPIRED]: {
      meaning: 'The access token has expired; refresh the session.',
      text: say(
        'Your access token has expired; refresh the session.',
        'Dein Zugangstoken ist abgelaufen; erneuere die Sitzung.',
      ),
    },
    [IdentityReason.SESSION_ENDED]: {
      meaning: 'The session was ended (signed out, revoked or expired); sign in again.',
      text: (whose: 'this' | 'yours' = 'this') =>
        whose === 'this'
          ? {
              en: 'This session has ended; sign in again.',
              de: 'Diese Sitzung ist beendet; melde dich neu an.',
            }
          : {
              en: 'Your session has ended; sign in again.',
              de: 'Deine Sitzung ist beendet; melde dich neu an.',
            },
    },
    [IdentityReason.INVALID_REFRESH_TOKEN]: {
      meaning: 'The refresh token is not known.',
      text: say(
        'This session has ended; sign in again.',
        'Diese Sitzung ist beendet; melde dich neu an.',
      ),
    },
    [IdentityReason.REFRESH_TOKEN_REUSE]: {
      meaning:
        'A refresh token was presented a second time; the whole session was ended as it may be stolen.',
      text: say(
        'This session has ended; sign in again.',
        'Diese Sitzung ist beendet; melde dich neu an.',
      ),
    },
    [IdentityReason.NO_REFRESH_TOKEN]: {
      meaning: 'Neither the argument nor the cookie carries a refresh token.',
      text: say(
        'No refresh token: pass one, or sign in again.',
        'Kein Refresh-Token: Bitte eines übergeben oder neu anmelden.',
      ),
    },
    [IdentityReason.EMAIL_NOT_VERIFIED]: {
      meaning: 'The person has to confirm their email address before doing this.',
      text: (du?: boolean) => ({
        en: 'Confirm your email address first: open the link we emailed you (or ask for a new one in your account settings).',
        de: du
          ? 'Bestätige zuerst deine E-Mail-Adresse: Öffne den Link aus unserer E-Mail (oder fordere in den Kontoeinstellungen einen neuen an).'
          : 'Bestätigen Sie zuerst Ihre E-Mail-Adresse: Öffnen Sie den Link aus unserer E-Mail (oder fordern Sie in den Kontoeinstellungen einen neuen an).',
      }),
    },
    [IdentityReason.ALREADY_VERIFIED]: {
      meaning: 'The email address is confirmed already.',
      text: say(
        'Your email address is already confirmed.',
        'Die E-Mail-Adresse ist schon bestätigt.',
      ),
    },
    [IdentityReason.EMAIL_TAKEN]: {
      meaning: 'The email address cannot be used for this account.',
      text: (situation: 'changeEmail' | 'acceptInvitation') =>
        situation === 'changeEmail'
          ? {
              en: 'This address cannot be used for your account. Choose another one.',
              de: 'Diese Adresse kann für dieses Konto nicht verwendet werden. Bitte eine andere wählen.',
            }
          : {
              en: 'An account with this email was just created. Sign in and accept again.',
              de: 'Für diese E-Mail-Adresse wurde gerade ein Konto angelegt. Melde dich an und nimm erneut an.',
            },
    },
    [IdentityReason.SLUG_TAKEN]: {
      meaning: 'The organisation handle is taken.',
      text: (slug: string) => ({
        en: `The handle "${slug}" is taken; choose another.`,
        de: `Das Kürzel "${slug}" ist vergeben; wähle ein anderes.`,
      }),
    },
    [IdentityReason.FUNDER_SIGNUP_BY_INVITATION]: {
      meaning: 'Funder organisations join by invitation of the platform operators, not by sign-up.',
      text: say(
        'Funder organisations join Meilenstein by invitation. Ask the platform operators to set up your organisation; grantees can sign up here freely.',
        'Fördernde Organisationen kommen per Einladung zu Meilenstein. Bitte wenden Sie sich an die Betreiber der Plattform; Förderpartner können sich hier frei registrieren.',
      ),
    },
    [IdentityReason.HUMANS_ONLY]: {
      meaning: 'API keys may not do this; a person signed in must.',
      text: (what: LocalizedText) => ({
        en: `API keys cannot do this: ${what.en} A person signed in must.`,
        de: `API-Schlüssel dürfen das nicht: ${what.de} Das muss eine angemeldete Person tun.`,
      }),
    },
    [IdentityReason.LAST_OWNER]: {
      meaning: 'The organisation’s last owner cannot be removed, demoted or leave.',
      text: say(
        'The last owner cannot be removed or demoted. Make someone else owner first.',
        'Die letzte Inhaberin oder der letzte Inhaber kann nicht entfernt oder herabgestuft werden. Ernenne zuerst jemand anderen.',
      ),
    },
    [IdentityReason.ALREADY_MEMBER]: {
      meaning: 'The person is a member of the organisation already.',
      text: (email?: string) =>
        email
          ? { en: `${email} is already a member.`, de: `${email} ist schon Mitglied.` }
          : { en: 'You are already a member.', de: 'Du bist schon Mitglied.' },
    },
    [IdentityReason.INVITATION_PENDING]: {
      meaning: 'An invitation to this address waits already.',
      text: say(
        'An invitation to this address was just sent.',
        'An diese Adresse wurde gerade eine Einladung geschickt.',
      ),
    },
    [IdentityReason.INVITATION_NOT_PENDING]: {
      meaning: 'The invitation was accepted, revoked or has expired; `status` says which.',
      text: (status: string, action: 'resend' | 'revoke') =>
        action === 'resend'
          ? {
              en: `The invitation is ${status.toLowerCase()} and cannot be sent again. Invite the person anew if needed.`,
              de: `Die Einladung ist ${status === 'ACCEPTED' ? 'schon angenommen' : 'widerrufen'} und kann nicht erneut gesendet werden. Bei Bedarf bitte neu einladen.`,
            }
          : {
              en: `The invitation is ${status.toLowerCase()} and can no longer be revoked.`,
              de: `Die Einladung ist ${status} und kann nicht mehr widerrufen werden.`,
            },
    },
    [IdentityReason.INVITATION_ACCEPTED]: {
      meaning: 'The invitation was accepted already.',
      text: say(
        'This invitation is accepted. Ask for a new one.',
        'Diese Einladung ist nicht mehr gültig (ACCEPTED). Bitte um eine neue.',
      ),
    },
    [IdentityReason.INVITATION_EXPIRED]: {
      meaning: 'The invitation has expired.',
      text: say(
        'This invitation is expired. Ask for a new one.',
        'Diese Einladung ist nicht mehr gültig (EXPIRED). Bitte um eine neue.',
      ),
    },
    [IdentityReason.INVITATION_REVOKED]: {
      meaning: 'The invitation was revoked.',
      text: say(
        'This invitation is revoked. Ask for a new one.',
        'Diese Einladung ist nicht mehr gültig (REVOKED). Bitte um eine neue.',
      ),
    },
    [IdentityReason.SIGN_IN_AS_INVITEE]: {
      meaning:
        'The invited address has an account: sign in as it, or give its password, to accept.',
      text: (email: string) => ({
        en: `${email} already has an account: sign in as ${email}, or give its password, to accept this invitation.`,
        de: `Für ${email} gibt es schon ein Konto: Bitte als ${email} anmelden oder das Passwort dieses Kontos angeben, um die Einladung anzunehmen.`,
      }),
    },
    [IdentityReason.LINK_INVALID]: {
      meaning: 'The emailed link is not valid (or was replaced by a newer one).',
      text: say(
        'This link is not valid. Use the newest link we emailed you, or ask for a new one.',
        'Dieser Link ist ungültig. Bitte den neuesten Link aus unseren E-Mails verwenden oder einen neuen anfordern.',
      ),
    },
    [IdentityReason.LINK_USED]: {
      meaning: 'The emailed link was used already.',
      text: say(
        'This link was already used. Ask for a new one if you still need it.',
        'Dieser Link wurde schon verwendet. Bei Bedarf bitte einen neuen anfordern.',
      ),
    },
    [IdentityReason.LINK_EXPIRED]: {
      meaning: 'The emailed link has expired.',
      text: say(
        'This link has expired. Ask for a new one.',
        'Dieser Link ist abgelaufen. Bitte einen neuen anfordern.',
      ),
    },
  },
);
