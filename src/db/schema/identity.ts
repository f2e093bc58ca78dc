import { bool, jsonb, text, timestamptz } from "../columns.js";

/** Officers, sign-in sessions and API clients (src/modules/identity). */
export const IDENTITY_TABLES = {
  officers: {
    username: text(),
    full_name: text(),
    role: text(),
    jurisdiction_level: text(),
    jurisdiction_code: text().null(),
    province_code: text().null(),
    agency: text().null(),
    active: bool().default(),
  },
  oidc_payloads: {
    model: text(),
    id: text(),
    payload: jsonb(),
    grant_id: text().null(),
    user_code: text().null(),
    uid: text().null(),
    expires_at: timestamptz().null(),
    consumed_at: timestamptz().null(),
  },
  web_sessions: {
    id_hash: text(),
    account_id: text(),
    created_at: timestamptz().default(),
    expires_at: timestamptz(),
    ended_at: timestamptz().null(),
    provider_session: text().null(),
    provider_grant: text().null(),
  },
  api_clients: {
    client_id: text(),
    secret_hash: text(),
    acts_as: text(),
    created_at: timestamptz().default(),
  },
} as const;
